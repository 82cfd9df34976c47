/**
 * One sentence's tokens: dates, enterprise names, link mentions, model numbers, quantities and cue
 * words, none overlapping (found in that order, each skipping what an earlier one took), and its
 * clauses. The fact rules (`facts.ts`) read only these.
 */
import type { PartialDate } from '../types';
import { findDates, type FoundDate } from './dates';
import { findEnterprises, type EnterpriseIndex, type FoundEnterprise } from './enterprises';
import { EN_CUES, RANK_WORDS, ZH_CUES, type CueWord } from './lexicon';
import { findMentions, type Mention, type MentionIndex } from './mentions';
import { findQuantities, modelAt, type FoundQuantity } from './quantities';
import { isHan, isLetter, type Span } from './text';
import { KeywordTrie } from './trie';

export interface CueHit extends CueWord {
  readonly start: number;
  readonly end: number;
}

export interface SentenceTokens {
  readonly paragraph: number;
  readonly span: Span;
  readonly dates: readonly FoundDate[];
  readonly enterprises: readonly FoundEnterprise[];
  readonly mentions: readonly Mention[];
  readonly models: readonly Span[];
  readonly quantities: readonly FoundQuantity[];
  readonly cues: readonly CueHit[];
  /** Stretches between commas, colons and semicolons (those inside a token, as in "Co., Ltd.", do not count). */
  readonly clauses: readonly Span[];
}

/** The text in three forms of equal length: as written, width-folded, and folded and lower-cased. */
export interface Doc {
  readonly text: string;
  readonly w: string;
  readonly lw: string;
}

/** What is built once per reading: the chain's words, known names, the cue tries. */
export interface Lexicon {
  readonly mentions: MentionIndex;
  readonly enterprises: EnterpriseIndex;
  readonly zhCues: KeywordTrie<CueWord>;
  readonly enCues: KeywordTrie<CueWord>;
}

/** Builds the cue tries. */
export function cueTries(): Pick<Lexicon, 'zhCues' | 'enCues'> {
  const zhCues = new KeywordTrie<CueWord>();
  const enCues = new KeywordTrie<CueWord>();
  for (const c of ZH_CUES) zhCues.add(c.text, c);
  for (const c of EN_CUES) enCues.add(c.text, c);
  return { zhCues, enCues };
}

const CLAUSE_MARKS = new Set([',', ':', ';', '—']);

/** Scans one sentence. `year` gives the year of the paragraph's last date before it (for 上半年, 6月). */
export function scanSentence(
  doc: Doc,
  lex: Lexicon,
  paragraph: number,
  span: Span,
  context: { readonly year: () => number | undefined; readonly sourceDate?: PartialDate },
): SentenceTokens {
  const { text, w, lw } = doc;
  const taken = new Uint8Array(span.end - span.start);
  const isTaken = (a: number, b: number) => {
    for (let k = Math.max(a, span.start); k < Math.min(b, span.end); k++) if (taken[k - span.start]) return true;
    return false;
  };
  const take = (s: Span) => taken.fill(1, s.start - span.start, s.end - span.start);

  const dates = findDates(w, lw, span, { taken: isTaken, ...context });
  dates.forEach(take);
  const enterprises = findEnterprises(lex.enterprises, text, w, lw, span).filter((e) => !isTaken(e.start, e.end));
  enterprises.forEach(take);
  const mentions = findMentions(lex.mentions, w, lw, span, isTaken);
  mentions.forEach(take);
  const models: Span[] = [];
  for (let i = span.start; i < span.end; i++) {
    const end = isTaken(i, i + 1) ? undefined : modelAt(w, i);
    if (end !== undefined) {
      models.push({ start: i, end });
      i = end - 1;
    }
  }
  // 18650 is a link's alias and a model (18650型): it stops a project item's head either way.
  for (const m of mentions) if (w[m.end] === '型') models.push({ start: m.start, end: m.end + 1 });
  models.sort((a, b) => a.start - b.start);
  models.forEach(take);
  const rankAt: number[] = [];
  for (let i = span.start; i < span.end; i++) if (RANK_WORDS.some((r) => lw.startsWith(r, i))) rankAt.push(i);
  const quantities = findQuantities(w, lw, span, {
    taken: isTaken,
    rankBefore: (i) => rankAt.length > 0 && rankAt[0]! < i,
  });
  quantities.forEach(take);

  const cues: CueHit[] = [];
  for (let i = span.start; i < span.end; i++) {
    if (isTaken(i, i + 1)) continue;
    const latin = isLetter(lw[i]);
    if (latin && isLetter(lw[i - 1])) continue;
    const hit = latin ? lex.enCues.longest(lw, i, span.end) : lex.zhCues.longest(w, i, span.end);
    if (!hit || isTaken(i, hit.end)) continue;
    cues.push({ ...hit.values[0]!, start: i, end: hit.end });
    i = hit.end - 1;
  }

  const clauses: Span[] = [];
  let start = span.start;
  const english = !isHan(w[span.start]) && isLetter(w[span.start]);
  for (let i = span.start; i <= span.end; i++) {
    const c = w[i];
    const word =
      english && (lw.startsWith(' while ', i) || lw.startsWith(' whereas ', i)) ? lw.indexOf(' ', i + 1) - i : 0;
    const mark = i === span.end || ((CLAUSE_MARKS.has(c ?? '') || word > 0) && !isTaken(i, i + 1));
    if (!mark) continue;
    let a = start;
    while (a < i && (w[a] === ' ' || w[a] === '\n')) a++;
    if (a < i) clauses.push({ start: a, end: i });
    start = i + 1 + word;
    i += word;
  }
  return { paragraph, span, dates, enterprises, mentions, models, quantities, cues, clauses };
}

/** The tokens of a sorted list that lie inside `span`. */
export function within<T extends Span>(list: readonly T[], span: Span): T[] {
  // Binary search for the first token starting at or after span.start.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < list.length && list[i]!.start < span.end; i++) if (list[i]!.end <= span.end) out.push(list[i]!);
  return out;
}
