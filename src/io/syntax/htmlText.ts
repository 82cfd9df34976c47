/**
 * The text of an HTML page, for reading a saved article as a source. A plain scanner over the markup:
 * nothing is parsed into a document, so no script runs, no image or style loads, and no regular
 * expression runs over the page. Scripts, styles, templates and comments are dropped with their
 * content; block elements end a paragraph (a blank line, as the data format counts paragraphs) and
 * <br> a line; character references are decoded.
 */

/** Elements whose content is not text to read. */
const SKIPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'title',
]);
/** Elements that stand as paragraphs of their own. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'hr',
  'address',
  'form',
]);
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  times: '×',
  deg: '°',
  yen: '¥',
  copy: '©',
  reg: '®',
  laquo: '«',
  raquo: '»',
  bull: '•',
  permil: '‰',
  divide: '÷',
};

/** Decodes the character reference starting at `i` (at '&'), or undefined when there is none. */
function reference(html: string, i: number): { text: string; end: number } | undefined {
  const semi = html.indexOf(';', i);
  if (semi < 0 || semi - i > 12) return undefined;
  const body = html.slice(i + 1, semi);
  if (body.startsWith('#')) {
    const hex = body[1] === 'x' || body[1] === 'X';
    const digits = body.slice(hex ? 2 : 1);
    if (!digits || !(hex ? /^[0-9a-f]+$/i : /^[0-9]+$/).test(digits)) return undefined;
    const code = parseInt(digits, hex ? 16 : 10);
    if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return { text: '\ufffd', end: semi + 1 };
    return { text: String.fromCodePoint(code), end: semi + 1 };
  }
  const named = NAMED[body.toLowerCase()];
  return named === undefined ? undefined : { text: named, end: semi + 1 };
}

/** The tag at `i` (at '<'): its lower-cased name, whether it closes, and where it ends. */
function tagAt(html: string, i: number): { name: string; closing: boolean; end: number } | undefined {
  let j = i + 1;
  const closing = html[j] === '/';
  if (closing) j++;
  const nameStart = j;
  while (j < html.length && /[a-zA-Z0-9-]/.test(html[j]!)) j++;
  if (j === nameStart) return undefined;
  const name = html.slice(nameStart, j).toLowerCase();
  // Skip attributes up to the closing '>', minding quoted values that may hold '>'.
  let quote = '';
  for (; j < html.length; j++) {
    const c = html[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return { name, closing, end: j + 1 };
  }
  return { name, closing, end: html.length };
}

/** Where `</name` next stands from `i`, matched case-insensitively, or -1. */
function closeTagAt(html: string, i: number, name: string): number {
  for (let j = html.indexOf('</', i); j >= 0; j = html.indexOf('</', j + 2)) {
    if (html.slice(j + 2, j + 2 + name.length).toLowerCase() === name) return j;
  }
  return -1;
}

/** Whether decoded text looks like HTML rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).toLowerCase();
  return head.includes('<!doctype html') || head.includes('<html') || head.includes('<body') || /<p[\s>]/.test(head);
}

/** The readable text of an HTML page, paragraphs separated by blank lines. */
export function textOfHtml(html: string): string {
  const parts: string[] = [];
  let line = '';
  const endLine = () => {
    parts.push(line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim());
    line = '';
  };
  const endBlock = () => {
    endLine();
    if (parts.length && parts[parts.length - 1] !== '') parts.push('');
  };
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? html.length : end + 3;
        continue;
      }
      if (html[i + 1] === '!' || html[i + 1] === '?') {
        const end = html.indexOf('>', i);
        i = end < 0 ? html.length : end + 1;
        continue;
      }
      const tag = tagAt(html, i);
      if (!tag) {
        line += c;
        i++;
        continue;
      }
      i = tag.end;
      if (!tag.closing && SKIPPED.has(tag.name)) {
        // Everything up to the matching close tag is dropped (case-insensitively, without parsing it).
        const close = closeTagAt(html, i, tag.name);
        i = close < 0 ? html.length : (tagAt(html, close)?.end ?? html.length);
        continue;
      }
      if (tag.name === 'br') endLine();
      else if (BLOCKS.has(tag.name)) endBlock();
      else if (tag.name === 'td' || tag.name === 'th') line += ' ';
      continue;
    }
    if (c === '&') {
      const ref = reference(html, i);
      if (ref) {
        line += ref.text;
        i = ref.end;
        continue;
      }
    }
    if (c === '\n') line += ' ';
    else line += c;
    i++;
  }
  endLine();
  // Collapse runs of blank lines into one: a blank line separates paragraphs.
  const out: string[] = [];
  for (const p of parts) if (p !== '' || (out.length && out[out.length - 1] !== '')) out.push(p);
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
