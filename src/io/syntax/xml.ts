/**
 * A small, strict XML reader for the files ChainAtlas imports (GraphML, GEXF, the parts of an XLSX
 * workbook). It is safe by construction: it never reads a DTD's entity declarations, so there are no
 * external entities and no entity expansion (billion laughs); only the five predefined entities and
 * character references are decoded. Errors carry the offset, from which callers give line and column.
 *
 * Namespaces are not resolved: names keep their prefix (`y:NodeLabel`); `localName` drops it.
 */
import type { Progress } from '../progress';

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset into the text (after line ends are normalised to `\n`, which keeps line numbers). */
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface XmlHandler {
  open(name: string, attrs: Record<string, string>, offset: number): void;
  close(name: string): void;
  text(text: string): void;
}

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (XmlElement | string)[];
  readonly offset: number;
}

/** `y:NodeLabel` → `NodeLabel`. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes entity and character references in `raw`, which starts at `offset`. */
function decode(raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s<]*)(;?)/g, (whole, name: string, semi: string, at: number) => {
    if (!semi) throw new XmlSyntaxError('"&" must start a reference such as &amp;', offset + at);
    if (Object.hasOwn(PREDEFINED, name)) return PREDEFINED[name]!;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    if (m) {
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      if (!isXmlChar(cp)) throw new XmlSyntaxError(`${whole} is not a character XML allows`, offset + at);
      return String.fromCodePoint(cp);
    }
    throw new XmlSyntaxError(
      `unknown entity ${whole} (only &lt; &gt; &amp; &quot; &apos; and character references are read)`,
      offset + at,
    );
  });
}

/** Whether `c` is a character `\s` matches (JavaScript's white space and line terminators). */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x9 && c <= 0xd);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether `c` may be part of a name here: anything but white space and `/ > = < " ' ! ?`. */
function isNameChar(c: number): boolean {
  // / > = < " ' ! ?
  if (c === 0x2f || c === 0x3e || c === 0x3d || c === 0x3c || c === 0x22 || c === 0x27 || c === 0x21 || c === 0x3f)
    return false;
  return !isSpace(c);
}

/** The end of the name starting at `at` (equal to `at` when there is none). Char codes, no regex: it runs per tag. */
function nameEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

/** The first offset from `at` that is not white space. */
function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The end of a `<!DOCTYPE ...>` declaration starting at `at`, skipping its internal subset unread. */
function doctypeEnd(text: string, at: number): number {
  let quote = '';
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  throw new XmlSyntaxError('the <!DOCTYPE> declaration is not closed', at);
}

/** Reads the attributes of a start tag from `at`; returns them and where the tag ends. */
function readTag(
  text: string,
  at: number,
): { name: string; attrs: Record<string, string>; end: number; empty: boolean } {
  const nameStop = nameEnd(text, at + 1);
  if (nameStop === at + 1) throw new XmlSyntaxError('expected an element name after "<"', at);
  const name = text.slice(at + 1, nameStop);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = nameStop;
  for (;;) {
    const spaced = i;
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === 0x3e /* > */) return { name, attrs, end: i + 1, empty: false };
    if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x3e) return { name, attrs, end: i + 2, empty: true };
    if (i >= text.length) throw new XmlSyntaxError(`the tag <${name}> is not closed`, at);
    if (i === spaced) throw new XmlSyntaxError(`expected a space, ">" or "/>" in <${name}>`, i);
    const attrStop = nameEnd(text, i);
    if (attrStop === i) throw new XmlSyntaxError(`unexpected ${JSON.stringify(text[i])} in <${name}>`, i);
    const attr = text.slice(i, attrStop);
    i = skipSpace(text, attrStop);
    if (text.charCodeAt(i) !== 0x3d /* = */) throw new XmlSyntaxError(`attribute ${attr} needs ="value"`, i);
    i = skipSpace(text, i + 1);
    const q = text[i];
    if (q !== '"' && q !== "'") throw new XmlSyntaxError(`the value of ${attr} must be in quotes`, i);
    const close = text.indexOf(q, i + 1);
    if (close === -1) throw new XmlSyntaxError(`the value of ${attr} is not closed`, i);
    const raw = text.slice(i + 1, close);
    const lt = raw.indexOf('<');
    if (lt !== -1) throw new XmlSyntaxError(`"<" is not allowed in the value of ${attr}`, i + 1 + lt);
    if (Object.hasOwn(attrs, attr)) throw new XmlSyntaxError(`attribute ${attr} appears twice`, attrStop - attr.length);
    // Attribute-value normalisation: literal tabs and line breaks read as spaces.
    const spaced2 = raw.includes('\t') || raw.includes('\n') ? raw.replace(/[\t\n]/g, ' ') : raw;
    attrs[attr] = decode(spaced2, i + 1);
    i = close + 1;
  }
}

/** The text with line ends normalised as XML requires (`\r\n` and `\r` become `\n`). */
export function normalizeXmlText(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Reads `text` (line ends normalised), calling `handler` for each start tag, end tag and text run.
 * Throws `XmlSyntaxError` at the first error.
 */
export async function readXml(text: string, handler: XmlHandler, progress?: Progress): Promise<void> {
  const stack: string[] = [];
  let seenRoot = false;
  let i = 0;
  let nextTick = 1 << 18;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length) {
    if (i >= nextTick) {
      await progress?.tick(i / text.length);
      nextTick = i + (1 << 18);
    }
    const lt = text.indexOf('<', i);
    const end = lt === -1 ? text.length : lt;
    if (end > i) {
      const raw = text.slice(i, end);
      if (stack.length > 0) handler.text(decode(raw, i));
      else if (raw.trim() !== '')
        throw new XmlSyntaxError('text is not allowed outside the root element', i + raw.search(/\S/));
    }
    if (lt === -1) break;
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next !== 0x3f /* ? */ && next !== 0x21 /* ! */ && next !== 0x2f /* / */) {
      // A start tag: by far the most common markup, decided without string comparisons.
      const tag = readTag(text, i);
      if (stack.length === 0 && seenRoot) throw new XmlSyntaxError('only one root element is allowed', i);
      seenRoot = true;
      handler.open(tag.name, tag.attrs, i);
      if (tag.empty) handler.close(tag.name);
      else stack.push(tag.name);
      i = tag.end;
    } else if (next === 0x2f) {
      const stop = nameEnd(text, i + 2);
      const close = text.indexOf('>', i);
      const expected = stack[stack.length - 1];
      if (stop === i + 2 || close === -1 || close < stop || skipSpace(text, stop) !== close)
        throw new XmlSyntaxError('malformed end tag', i);
      const name = text.slice(i + 2, stop);
      if (name !== expected) {
        throw new XmlSyntaxError(
          expected ? `expected </${expected}> but found </${name}>` : `</${name}> closes nothing`,
          i,
        );
      }
      stack.pop();
      handler.close(name);
      i = close + 1;
    } else if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close === -1) throw new XmlSyntaxError('a processing instruction "<?" is not closed', i);
      i = close + 2;
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) throw new XmlSyntaxError('a comment "<!--" is not closed', i);
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const close = text.indexOf(']]>', i + 9);
      if (close === -1) throw new XmlSyntaxError('a CDATA section is not closed', i);
      if (stack.length === 0) throw new XmlSyntaxError('CDATA is not allowed outside the root element', i);
      handler.text(text.slice(i + 9, close));
      i = close + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (seenRoot) throw new XmlSyntaxError('<!DOCTYPE> must come before the root element', i);
      i = doctypeEnd(text, i);
    } else {
      // "<!" that starts none of the above.
      throw new XmlSyntaxError('expected an element name after "<"', i);
    }
  }
  if (stack.length > 0) throw new XmlSyntaxError(`the element <${stack[stack.length - 1]}> is not closed`, text.length);
  if (!seenRoot) throw new XmlSyntaxError('the file holds no XML element', text.length);
}

/** Reads `text` into a tree of elements and text (for GraphML, GEXF and small workbook parts). */
export async function readXmlTree(text: string, progress?: Progress): Promise<XmlElement> {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  await readXml(
    text,
    {
      open(name, attrs, offset) {
        const el: XmlElement = { name, attrs, children: [], offset };
        stack[stack.length - 1]?.children.push(el);
        stack.push(el);
        root ??= el;
      },
      close() {
        stack.pop();
      },
      text(t) {
        stack[stack.length - 1]?.children.push(t);
      },
    },
    progress,
  );
  return root!;
}

/** Child elements of `el` with local name `name` (any prefix). */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === name);
}

/** The text inside `el` and its descendants. */
export function textOf(el: XmlElement): string {
  // Iterative, so that deeply nested input cannot overflow the stack.
  const parts: string[] = [];
  const todo: (XmlElement | string)[] = [el];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (typeof node === 'string') parts.push(node);
    else for (let i = node.children.length - 1; i >= 0; i--) todo.push(node.children[i]!);
  }
  return parts.join('');
}

/** An attribute by local name (any prefix), e.g. `r:id` for `id`. */
export function attrLocal(el: XmlElement, name: string): string | undefined {
  if (Object.hasOwn(el.attrs, name)) return el.attrs[name];
  for (const [k, v] of Object.entries(el.attrs)) if (localName(k) === name) return v;
  return undefined;
}

/**
 * Text for XML content or an attribute value, for every XML the app writes (GraphML, SVG, the poster).
 * Characters XML 1.0 cannot hold are dropped, so one stray control character in a name cannot make the
 * file unreadable; a carriage return is kept as `&#13;`, which a reader gives back as written.
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[<>&"'\r]/g, (c) => XML_ESCAPES[c]!)
  );
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};
