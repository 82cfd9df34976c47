/**
 * A text's structure: whether it can be read at all, its paragraphs as the data format numbers them,
 * and its sentences. Every scanner here walks the text once, character by character: no regular
 * expression runs over user-sized input, and nothing recurses on it.
 */
import { MAX_SOURCE_TEXT_LENGTH } from '../types';
import type { Paragraph, ReadingError } from './types';

/** The longest text a reading accepts: what a source may keep (`MAX_SOURCE_TEXT_LENGTH`). */
export const MAX_READING_LENGTH = MAX_SOURCE_TEXT_LENGTH;

/** A stretch of the text, by offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const isSpace = (c: string) =>
  c === ' ' ||
  c === '\t' ||
  c === '\r' ||
  c === '\f' ||
  c === '\v' ||
  c === '\u3000' ||
  c === '\u00a0' ||
  c === '\ufeff';
const isLineSpace = (c: string) => isSpace(c) || (c >= '\u2000' && c <= '\u200b');

/** Whether `c` is a Chinese character (the unified ideographs and their extension A and compatibility blocks). */
export const isHan = (c: string | undefined) =>
  c !== undefined &&
  ((c >= '\u4e00' && c <= '\u9fff') ||
    (c >= '\u3400' && c <= '\u4dbf') ||
    (c >= '\uf900' && c <= '\ufaff') ||
    c === '〇');

export const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
export const isLetter = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** Characters that make a text look like decoded binary: replacement characters and controls other than layout. */
function isJunk(code: number): boolean {
  if (code === 0xfffd) return true;
  if (code < 0x20) return code !== 9 && code !== 10 && code !== 11 && code !== 12 && code !== 13;
  return code >= 0x7f && code <= 0x9f;
}

/**
 * Why `text` cannot be read, or undefined. The length is checked first, before anything walks the text,
 * so a 50 MB paste is refused at once.
 */
export function checkText(text: string): ReadingError | undefined {
  if (text.length > MAX_READING_LENGTH) {
    return {
      code: 'too-large',
      message: `The text is too long to read: ${text.length} characters, over the limit of ${MAX_READING_LENGTH}.`,
      params: { length: text.length, max: MAX_READING_LENGTH },
    };
  }
  let junk = 0;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isJunk(code)) junk++;
    else if (!isLineSpace(text[i]!) && code !== 10) visible++;
  }
  if (visible === 0 && junk === 0) {
    return { code: 'empty', message: 'The text is empty: there is nothing to read.', params: {} };
  }
  // A stray bad character or two is a damaged text; this many is a binary file read as text.
  const share = junk / (junk + visible);
  if (share > 0.05 || (junk >= 16 && share > 0.01)) {
    return {
      code: 'binary',
      message: `This is not text: ${junk} of its ${junk + visible} characters are unreadable (binary data, or the wrong encoding).`,
      params: { unreadable: junk, characters: junk + visible },
    };
  }
  return undefined;
}

/**
 * The text with full-width ASCII (`，５ＧＷｈ`) as ASCII and the ideographic space as a space. Each
 * character maps to one, so offsets into the result are offsets into the text.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/**
 * Paragraphs as docs/data-format.md numbers them: the text's non-empty blocks, blocks being separated
 * by lines that hold only whitespace, counted from 1, each trimmed.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = -1;
  let end = -1;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    // The line [lineStart, i): trim it and see whether anything is left.
    let a = lineStart;
    let b = i;
    while (a < b && isLineSpace(text[a]!)) a++;
    while (b > a && isLineSpace(text[b - 1]!)) b--;
    if (a < b) {
      if (start < 0) start = a;
      end = b;
    } else if (start >= 0) {
      out.push({ n: out.length + 1, start, end });
      start = -1;
    }
    lineStart = i + 1;
  }
  if (start >= 0) out.push({ n: out.length + 1, start, end });
  return out;
}

const CLOSERS = new Set(['”', '’', '"', "'", ')', '）', '」', '』', '】', ']', '》']);
/** Words written with a full stop that does not end a sentence (lower case, without the stop). */
const ABBREVIATIONS = new Set(
  'co ltd inc corp plc llc no nos mr mrs ms dr prof st vs etc e.g i.e approx est fig dept govt jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k p.r.c'.split(
    ' ',
  ),
);
const COMPANY_ENDINGS = new Set(['co', 'ltd', 'inc', 'corp', 'plc', 'llc']);
/** After "Co., Ltd." these words start a new sentence rather than continue a name. */
const SENTENCE_STARTERS = new Set(
  'The This That These Those It Its In On At By For From Meanwhile However Also A An He She They We Our Their According Construction Production Officials Last Next'.split(
    ' ',
  ),
);

/** The word that ends just before `i` (letters and inner dots), as written. */
function wordBefore(w: string, i: number): string {
  let a = i;
  while (a > 0 && (isLetter(w[a - 1]) || (w[a - 1] === '.' && isLetter(w[a - 2])))) a--;
  return w.slice(a, i);
}

function wordAfter(w: string, i: number, end: number): string {
  let a = i;
  while (a < end && isSpace(w[a]!)) a++;
  let b = a;
  while (b < end && isLetter(w[b])) b++;
  return w.slice(a, b);
}

/** Whether the full stop at `i` ends an English sentence. */
function endsEnglishSentence(w: string, i: number, end: number): boolean {
  const next = w[i + 1];
  if (next !== undefined && i + 1 < end && !isSpace(next) && next !== '\n' && !CLOSERS.has(next)) return isHan(next);
  const word = wordBefore(w, i);
  const lower = word.toLowerCase();
  const following = wordAfter(w, i + 1, end);
  if (COMPANY_ENDINGS.has(lower)) return SENTENCE_STARTERS.has(following);
  if (ABBREVIATIONS.has(lower) || (word.length === 1 && word >= 'A' && word <= 'Z')) return false;
  // "e.g. the" or a lower-case continuation is not a new sentence.
  return !(following && following[0]! >= 'a' && following[0]! <= 'z');
}

/**
 * The sentences of one paragraph, trimmed. Chinese ends a sentence with 。！？； (also in their ASCII
 * forms next to Chinese text); English with . ! ? — but not the point of a decimal (1.5), an
 * abbreviation (Co., e.g.) or an initial. A line break does not end a sentence: extracted PDF text breaks
 * lines mid-sentence.
 */
export function splitSentences(text: string, w: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  const push = (end: number) => {
    let a = start;
    let b = end;
    while (a < b && (isLineSpace(w[a]!) || w[a] === '\n')) a++;
    while (b > a && (isLineSpace(w[b - 1]!) || w[b - 1] === '\n')) b--;
    if (a < b) out.push({ start: a, end: b });
    start = end;
  };
  for (let i = span.start; i < span.end; i++) {
    const c = w[i]!;
    let ends = false;
    if (c === '。') ends = true;
    else if (c === '!' || c === '?' || c === ';') {
      const fullWidth = text[i] !== c;
      const cjkNear = isHan(w[i - 1]) || isHan(w[i + 1]) || CLOSERS.has(w[i + 1] ?? '');
      ends = fullWidth || cjkNear || (c !== ';' && (i + 1 >= span.end || isSpace(w[i + 1]!) || w[i + 1] === '\n'));
    } else if (c === '.') ends = !isDigit(w[i + 1]) && endsEnglishSentence(w, i, span.end);
    if (!ends) continue;
    let j = i + 1;
    while (j < span.end && CLOSERS.has(w[j]!)) j++;
    push(j);
    i = j - 1;
  }
  push(span.end);
  return out;
}

/** The text's main language: Chinese when Chinese characters outnumber Latin letters. */
export function mainLanguage(w: string): 'zh' | 'en' {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < w.length; i++) {
    if (isHan(w[i])) han++;
    else if (isLetter(w[i])) latin++;
  }
  // A Chinese character carries about as much as a word of four letters.
  return han * 4 >= latin ? 'zh' : 'en';
}
