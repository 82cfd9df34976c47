/**
 * Positions in JSON text: where a syntax error is (from the engine's message, which Node, Chrome and
 * Firefox word differently, or from our own scan when the message has no position), and where the
 * values that validation complains about stand, so issues can name a line and column.
 *
 * The scanner is iterative (no recursion), so deeply nested input cannot overflow the stack.
 */

/** A function giving the 1-based line and column of an offset in `text` (columns count UTF-16 code units). */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  };
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineLocator(text)(offset);
}

/** The offset of `line`:`column` (1-based) in `text`. */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return text.length;
    at = nl + 1;
  }
  return Math.min(text.length, at + column - 1);
}

/**
 * The error offset a JSON.parse message gives: `at position 42` (V8), `(line 3 column 5)` (newer
 * V8), `at line 3 column 5 of the JSON data` (Firefox), or the end for "unexpected end". Undefined
 * when the message has none (older V8's `Unexpected token '}', "..." is not valid JSON`, Safari).
 */
export function offsetFromEngineMessage(message: string, text: string): number | undefined {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return offsetOf(text, Number(lc[1]), Number(lc[2]));
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Math.min(text.length, Number(pos[1]));
  if (/unexpected end/i.test(message)) return text.length;
  return undefined;
}

type Token =
  | { readonly type: '{' | '}' | '[' | ']' | ':' | ',' | 'end'; readonly at: number }
  | { readonly type: 'string'; readonly at: number; readonly value: string }
  | { readonly type: 'literal'; readonly at: number }
  | { readonly type: 'error'; readonly at: number; readonly message: string };

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** The characters that may follow a backslash in a JSON string (besides `u`). */
const ESCAPES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));

// One character of a class, no repetition: the engine scans for it without backtracking or keeping
// state per character, and jumps over plain text far faster than a loop over it.
// eslint-disable-next-line no-control-regex -- control characters are what JSON strings may not hold
const STRING_SPECIAL = /["\\\u0000-\u001f]/g;

/**
 * The offset just past the JSON string that opens at `at`, or -1 when it is not a valid string. Not a
 * regular expression for the whole string: a backtracking engine keeps a frame per character of a
 * repeated group, so such a pattern overflows the stack on a note of a few million characters.
 */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  for (;;) {
    STRING_SPECIAL.lastIndex = i;
    if (!STRING_SPECIAL.test(text)) return -1;
    i = STRING_SPECIAL.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c !== 0x5c) return -1; // a control character
    const e = text.charCodeAt(i + 1);
    if (ESCAPES.has(e)) i += 2;
    else if (e === 0x75 && [2, 3, 4, 5].every((k) => isHex(text.charCodeAt(i + k)))) i += 6;
    else return -1;
  }
}

/** The offset just past the number, `true`, `false` or `null` at `at`, or -1 when none starts there. */
function literalEnd(text: string, at: number): number {
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, at)) return at + word.length;
  let i = at;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return -1;
  // A fraction or exponent counts only when complete, as in the grammar; what is left is the next token.
  if (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    const sign = text.charCodeAt(i + 1) === 0x2b || text.charCodeAt(i + 1) === 0x2d ? 1 : 0;
    if (isDigit(text.charCodeAt(i + 1 + sign))) {
      i += 1 + sign;
      while (isDigit(text.charCodeAt(i))) i++;
    }
  }
  return i;
}

/** Reads JSON tokens one at a time. Strings' values are decoded only when `wantValue` asks. */
class Tokens {
  private at = 0;
  constructor(private readonly text: string) {}

  next(wantValue = false): Token {
    const t = this.text;
    while (this.at < t.length && isSpace(t.charCodeAt(this.at))) this.at++;
    const at = this.at;
    if (at >= t.length) return { type: 'end', at };
    const c = t[at]!;
    if ('{}[]:,'.includes(c)) {
      this.at++;
      return { type: c as '{', at };
    }
    if (c === '"') {
      const end = stringEnd(t, at);
      if (end === -1) return { type: 'error', at, message: 'unterminated or invalid string' };
      this.at = end;
      return { type: 'string', at, value: wantValue ? (JSON.parse(t.slice(at, end)) as string) : '' };
    }
    const end = literalEnd(t, at);
    if (end !== -1) {
      this.at = end;
      return { type: 'literal', at };
    }
    return { type: 'error', at, message: `unexpected character ${JSON.stringify(c)}` };
  }
}

interface Frame {
  readonly kind: 'object' | 'array';
  /** What comes next: a key or `}`, a `:`, a value, a `,` or the closing bracket. */
  state: 'key-or-close' | 'key' | 'colon' | 'value' | 'value-or-close' | 'comma-or-close';
  index: number;
  key: string;
  readonly node: TrieNode | undefined;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  offset?: number;
}

/**
 * Walks `text`, calling `onValue(frame, keyOrIndex, offset)` before each member or element. Returns
 * the first syntax error, or undefined when the text is well-formed JSON.
 */
function walk(
  text: string,
  want: TrieNode | undefined,
  onEnter: (node: TrieNode | undefined, key: string, offset: number) => TrieNode | undefined,
): { offset: number; message: string } | undefined {
  const tokens = new Tokens(text);
  const stack: Frame[] = [];
  let pendingNode: TrieNode | undefined = want;
  let done = false;
  for (;;) {
    const top = stack[stack.length - 1];
    const tok = tokens.next(top !== undefined && (top.state === 'key-or-close' || top.state === 'key'));
    if (done) return tok.type === 'end' ? undefined : { offset: tok.at, message: 'unexpected text after the end' };
    if (tok.type === 'error') return { offset: tok.at, message: tok.message };
    if (tok.type === 'end') return { offset: tok.at, message: 'unexpected end of file' };
    if (top && (top.state === 'key-or-close' || top.state === 'key')) {
      if (tok.type === '}' && top.state === 'key-or-close') stack.pop();
      else if (tok.type === 'string') {
        top.key = tok.value;
        top.state = 'colon';
        pendingNode = onEnter(top.node, tok.value, tok.at);
      } else return { offset: tok.at, message: 'expected a property name in double quotes' };
    } else if (top && top.state === 'colon') {
      if (tok.type !== ':') return { offset: tok.at, message: "expected ':' after a property name" };
      top.state = 'value';
    } else if (top && top.state === 'comma-or-close') {
      if (tok.type === ',') {
        top.state = top.kind === 'object' ? 'key' : 'value';
        if (top.kind === 'array') pendingNode = onEnter(top.node, String(++top.index), skipSpace(text, tok.at + 1));
      } else if ((tok.type === '}' && top.kind === 'object') || (tok.type === ']' && top.kind === 'array')) stack.pop();
      else return { offset: tok.at, message: `expected ',' or '${top.kind === 'object' ? '}' : ']'}'` };
    } else {
      // A value is expected (top level, after ':', after ',' in an array, or first in an array).
      if (top && top.state === 'value-or-close' && tok.type === ']') {
        stack.pop();
      } else if (tok.type === '{' || tok.type === '[') {
        if (top) top.state = 'comma-or-close';
        const kind = tok.type === '{' ? 'object' : 'array';
        stack.push({
          kind,
          state: kind === 'object' ? 'key-or-close' : 'value-or-close',
          index: 0,
          key: '',
          node: pendingNode,
        });
        if (kind === 'array') pendingNode = onEnter(pendingNode, '0', skipSpace(text, tok.at + 1));
        else pendingNode = undefined;
        continue;
      } else if (tok.type === 'string' || tok.type === 'literal') {
        if (top) top.state = 'comma-or-close';
      } else return { offset: tok.at, message: 'expected a value' };
    }
    if (stack.length === 0) done = true;
  }
}

/** The offset of the next non-space character at or after `at` (where an array element starts). */
function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/**
 * The offset of the first `[` or `{` that opens a level deeper than `max`, or undefined when there is
 * none. Brackets inside strings do not count; the scan stops at a broken string (JSON.parse reports it).
 */
export function findDeepNesting(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (end === -1) return undefined;
      i = end - 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** The first syntax error in `text` by our own scan, or undefined when it is well-formed. */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  return walk(text, undefined, () => undefined);
}

/** Splits a validation path (`chains[0].links[3].id`) into keys and indices. */
function segments(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '' && s !== '$');
}

/**
 * Where each path stands in `text`: the offset of its property name (or array element), or of the
 * deepest part of it that exists when the path names a missing field. One pass over the text.
 */
export function locateJsonPaths(text: string, paths: readonly string[]): Map<string, number> {
  const root: TrieNode = { children: new Map() };
  for (const p of paths) {
    let node = root;
    for (const seg of segments(p)) {
      let child = node.children.get(seg);
      if (!child) node.children.set(seg, (child = { children: new Map() }));
      node = child;
    }
  }
  walk(text, root, (node, key, offset) => {
    const child = node?.children.get(key);
    if (child && child.offset === undefined) child.offset = offset;
    return child;
  });
  const out = new Map<string, number>();
  for (const p of paths) {
    let node: TrieNode | undefined = root;
    let best: number | undefined;
    for (const seg of segments(p)) {
      node = node?.children.get(seg);
      if (node?.offset !== undefined) best = node.offset;
    }
    if (best !== undefined) out.set(p, best);
  }
  return out;
}
