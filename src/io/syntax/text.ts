/**
 * Bytes to text. Files come as UTF-8 (with or without a byte-order mark), as UTF-16 with a mark, or,
 * when Excel or WPS on Chinese Windows saved them, in the ANSI code page: GBK (which GB18030 covers)
 * on the mainland, Big5 in Taiwan and Hong Kong. Bytes valid in one encoding may be valid in another
 * (石墨 in GBK is valid UTF-8, and nearly all Big5 is valid GBK), so each reading is checked for being
 * plausible text; when the choice is not clear, the result says so and shows the text each way, for
 * the user to choose. Binary files (images, archives, random bytes) are refused rather than shown as
 * mojibake.
 */
import { ImportStop, importError } from '../issues';
import type { Progress } from '../progress';

/** Text and how it was encoded. */
export interface DecodedText {
  readonly text: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, `gb18030`, or an encoding an XML declaration named. */
  readonly encoding: string;
  /** Whether the bytes started with a byte-order mark (which is not part of `text`). */
  readonly bom: boolean;
  /** When other encodings read the bytes too: each reading (the chosen one first), for the user to check. */
  readonly choice?: EncodingChoice;
}

/** One way of reading a file: an encoding and a line of the file as it reads then. */
export interface EncodingReading {
  readonly encoding: string;
  readonly sample: string;
}

/**
 * The encodings a file's bytes are valid in, the one used first. `uncertain` when the text is not
 * clearly plausible in exactly one of them: the user is asked before anything is stored.
 */
export interface EncodingChoice {
  readonly uncertain: boolean;
  readonly readings: readonly EncodingReading[];
}

/** The encodings a user may choose for a file without a byte-order mark. */
export const CHOOSABLE_ENCODINGS = ['utf-8', 'gb18030', 'big5'] as const;

/** Bytes of the file looked at to judge an encoding (the whole file is decoded only in the one chosen). */
const JUDGED = 256 * 1024;

/**
 * Characters that are not text in a Chinese or English table: they are what a wrong encoding makes
 * (GBK read as UTF-8 gives IPA letters, combining marks, Cyrillic; Big5 read as GBK gives kana,
 * Cyrillic, box drawing and private-use characters). Pinyin letters, Greek (α, μ) and symbols are fine.
 */
function suspicious(code: number): boolean {
  if (code < 0x80) return false;
  if (code <= 0x9f) return true; // C1 controls
  if (code >= 0x180 && code <= 0x24f) return !(code >= 0x1cd && code <= 0x1dc) && code !== 0x1f9; // Latin Ext-B, bar pinyin
  if (code >= 0x250 && code <= 0x2ff) return !(code >= 0x2c6 && code <= 0x2dd) && code !== 0x251 && code !== 0x261;
  if (code >= 0x300 && code <= 0x36f) return true; // combining marks
  if (code >= 0x400 && code <= 0x7ff) return true; // Cyrillic, Armenian, Hebrew, Arabic, Syriac …
  if (code >= 0x1100 && code <= 0x11ff) return true; // Hangul Jamo
  if (code >= 0x2500 && code <= 0x257f) return true; // box drawing
  if (code >= 0x3040 && code <= 0x30ff) return true; // kana
  if (code >= 0xac00 && code <= 0xd7af) return true; // Hangul
  if (code >= 0xe000 && code <= 0xf8ff) return true; // private use
  return code === 0xfffd;
}

/** How a reading looks: its non-ASCII characters, how many are suspicious, and whether it has Chinese. */
function judge(text: string): { nonAscii: number; suspicious: number; wide: number; loose: number } {
  let nonAscii = 0;
  let bad = 0;
  let wide = 0;
  let loose = 0;
  const letter = (i: number) => /[A-Za-z]/.test(text[i] ?? '');
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    nonAscii++;
    if (suspicious(code)) bad++;
    // Three-byte UTF-8 characters (CJK, “quotes”, —): GBK text almost never forms them by chance.
    if (code >= 0x800) wide++;
    // An accented letter outside a Latin word (Müller, Jīnchāng have ASCII letters beside it).
    else if (!letter(i - 1) && !letter(i + 1)) loose++;
  }
  return { nonAscii, suspicious: bad, wide, loose };
}

/** A reading is plausible when (nearly) none of its characters is suspicious. */
const plausible = (j: ReturnType<typeof judge>) => j.suspicious <= j.nonAscii * 0.02;

/**
 * The share of double-byte characters in the common block of `encoding`: GB2312's first level (the
 * 3,755 most used characters, B0A1–D7F9) and its punctuation for GBK; Big5's frequent characters
 * (A440–C67E) and punctuation (A140–A3BF) for Big5. Real text keeps mostly to it; another
 * encoding's bytes read this way scatter over the rare characters.
 */
function commonShare(bytes: Uint8Array, encoding: string): number {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b1 = bytes[i]!;
    if (b1 < 0x80) continue;
    const b2 = bytes[i + 1] ?? 0;
    i++;
    pairs++;
    if (encoding === 'big5') {
      if ((b1 >= 0xa1 && b1 <= 0xa3) || (b1 >= 0xa4 && b1 <= 0xc5) || (b1 === 0xc6 && b2 <= 0x7e)) common++;
    } else if ((b1 >= 0xa1 && b1 <= 0xa3 && b2 >= 0xa1) || (b1 >= 0xb0 && b1 <= 0xd7 && b2 >= 0xa1)) {
      common++;
    } else if (b2 >= 0x30 && b2 <= 0x39) i += 2; // a GB18030 four-byte character
  }
  return pairs === 0 ? 0 : common / pairs;
}

/** Decodes the start of `bytes` strictly (a character cut at the end is fine); undefined when invalid. */
function decodeHead(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, JUDGED), {
      stream: bytes.length > JUDGED,
    });
  } catch {
    return undefined;
  }
}

/** The first line on which the readings differ (line ends are ASCII, so lines match), shortened. */
function samples(readings: readonly { encoding: string; text: string }[]): EncodingReading[] {
  const lines = readings.map((r) => r.text.split(/\r\n|\n|\r/));
  const count = Math.min(...lines.map((l) => l.length));
  let at = 0;
  while (at < count && lines.every((l) => l[at] === lines[0]![at])) at++;
  if (at >= count) at = 0;
  return readings.map((r, i) => {
    const line = lines[i]![at] ?? '';
    return { encoding: r.encoding, sample: line.length > 80 ? `${line.slice(0, 79)}…` : line };
  });
}

/**
 * Which encoding to read a file without a byte-order mark in, judged on its start: UTF-8 when that is
 * valid and reads as plausible text (with Chinese in it, or nothing that GBK reads as Chinese), else
 * the one plausible ANSI code page, else a guess marked uncertain.
 */
function chooseEncoding(bytes: Uint8Array): { order: string[]; choice?: EncodingChoice } {
  const fallback = ['utf-8', 'gb18030'];
  // Most files are UTF-8 that reads well: taken without decoding the others.
  const utf8Text = decodeHead(bytes, 'utf-8');
  if (utf8Text !== undefined) {
    const j = judge(utf8Text);
    if (j.nonAscii === 0 || (plausible(j) && (j.wide > 0 || j.loose === 0))) return { order: fallback };
  }
  const readings = CHOOSABLE_ENCODINGS.map((encoding) => ({
    encoding,
    text: encoding === 'utf-8' ? utf8Text : decodeHead(bytes, encoding),
  })).filter((r): r is { encoding: (typeof CHOOSABLE_ENCODINGS)[number]; text: string } => r.text !== undefined);
  // A reading with a third of its characters suspicious is not text in that encoding at all.
  const judged = readings
    .map((r) => ({ ...r, judged: judge(r.text) }))
    .filter((r) => r.judged.suspicious <= r.judged.nonAscii / 3);
  if (judged.length === 0) return { order: fallback };
  const good = judged.filter((r) => plausible(r.judged));
  let first: (typeof judged)[number];
  let uncertain = true;
  if (good.length === 1) {
    first = good[0]!;
    uncertain = false;
  } else if (good.length > 1) {
    if (good[0]!.encoding === 'utf-8') {
      // UTF-8 with accented letters outside words and nothing wider, and an ANSI page reads too: ask.
      first = good[0]!;
    } else {
      // GBK and Big5 both read as Chinese: the one whose characters are the common ones of its
      // encoding, when clearly so (Big5 read as GBK, or GBK as Big5, gives rare characters).
      const ranked = good
        .map((r) => ({ r, common: commonShare(bytes.subarray(0, JUDGED), r.encoding) }))
        .sort((a, b) => b.common - a.common);
      first = ranked[0]!.r;
      uncertain = ranked[0]!.common - ranked[1]!.common < 0.25;
    }
  } else {
    first = [...judged].sort(
      (a, b) => a.judged.suspicious / a.judged.nonAscii - b.judged.suspicious / b.judged.nonAscii,
    )[0]!;
  }
  // Every reading the bytes are valid in is shown, the implausible ones too: they are what the user
  // would otherwise have got.
  const ordered = [first, ...readings.filter((r) => r.encoding !== first.encoding)];
  return {
    order: [...ordered.map((r) => r.encoding), ...fallback.filter((e) => !ordered.some((r) => r.encoding === e))],
    ...(ordered.length > 1 ? { choice: { uncertain, readings: samples(ordered) } } : {}),
  };
}

const CHUNK = 1 << 20;

/** The byte-order mark at the start of `bytes`, if any. */
export function sniffBom(
  bytes: Uint8Array,
): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Decodes strictly (throws on invalid bytes), in chunks so progress can be shown on big files. */
async function decodeStrict(bytes: Uint8Array, encoding: string, progress?: Progress): Promise<string> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  if (bytes.length <= CHUNK) return decoder.decode(bytes);
  // Tenths of the file (at most CHUNK each), so the bar moves evenly whatever the size.
  const step = Math.min(CHUNK, Math.ceil(bytes.length / 10));
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += step) {
    const end = Math.min(bytes.length, at + step);
    parts.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
    await progress?.tick(end / bytes.length);
  }
  return parts.join('');
}

/** The encoding an XML declaration names (`<?xml version="1.0" encoding="GBK"?>`), lower-cased. */
function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
}

/** Share of C0 control characters (other than tab, newlines, form feed, escape) in `text`. */
function controlShare(text: string): number {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.length === 0) return 0;
  // eslint-disable-next-line no-control-regex
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g)?.length ?? 0;
  return controls / sample.length;
}

function binaryError(fileName: string): ImportStop {
  return new ImportStop(
    importError(
      'binary',
      fileName,
      {},
      'this is not a text file (it holds binary data); choose a CSV, JSON, XML or XLSX file',
    ),
  );
}

/**
 * Decodes `bytes` as text: by byte-order mark when there is one, else in the encoding the user chose
 * (`options.encoding`), else as UTF-8, GB18030 or Big5, whichever reads as plausible text (see
 * `chooseEncoding`). For XML, an encoding named in the declaration is honoured.
 * Throws an `ImportStop` with a `binary` or `encoding` error when no encoding fits.
 */
export async function decodeText(
  bytes: Uint8Array,
  fileName: string,
  progress?: Progress,
  options: { xml?: boolean; encoding?: string } = {},
): Promise<DecodedText> {
  const bom = sniffBom(bytes);
  if (bom) {
    try {
      const text = await decodeStrict(bytes.subarray(bom.length), bom.encoding, progress);
      if (bom.encoding === 'utf-8' && text.includes('\u0000')) throw binaryError(fileName);
      return { text, encoding: bom.encoding, bom: true };
    } catch (e) {
      if (e instanceof ImportStop) throw e;
      throw new ImportStop(
        importError(
          'encoding',
          fileName,
          {},
          `the file starts with a ${bom.encoding} byte-order mark but is not valid ${bom.encoding}`,
          {
            encoding: bom.encoding,
          },
        ),
      );
    }
  }
  // NUL bytes never occur in UTF-8 or GB18030 text; without a UTF-16 mark they mean binary data.
  if (bytes.indexOf(0) !== -1) throw binaryError(fileName);

  const declared = options.xml ? declaredXmlEncoding(bytes) : undefined;
  if (options.encoding) return decodeChosen(bytes, fileName, options.encoding, progress);
  const { order: candidates, choice } =
    declared && !['utf-8', 'utf8'].includes(declared)
      ? { order: [declared, 'utf-8', 'gb18030'], choice: undefined }
      : options.xml && declared
        ? { order: ['utf-8', 'gb18030'], choice: undefined }
        : chooseEncoding(bytes);
  let unsupported = false;
  for (const encoding of candidates) {
    let text: string;
    try {
      text = await decodeStrict(bytes, encoding, progress);
    } catch (e) {
      if (e instanceof ImportStop) throw e;
      // A RangeError means this runtime has no decoder for the encoding; a TypeError, invalid bytes.
      if (e instanceof RangeError) unsupported = true;
      continue;
    }
    if (controlShare(text) > 0.005) throw binaryError(fileName);
    // The choice is offered only when the encoding judged best is the one that read the whole file.
    const offered = choice && choice.readings[0]?.encoding === encoding ? { choice } : {};
    return { text, encoding, bom: false, ...offered };
  }
  if (unsupported) {
    throw new ImportStop(
      importError(
        'encoding',
        fileName,
        {},
        'the file is not UTF-8, and this browser cannot decode GB18030/GBK; save it as UTF-8',
      ),
    );
  }
  throw binaryError(fileName);
}

/** Decodes in the encoding the user chose, with the other readings still offered. */
async function decodeChosen(
  bytes: Uint8Array,
  fileName: string,
  encoding: string,
  progress?: Progress,
): Promise<DecodedText> {
  let text: string;
  try {
    text = await decodeStrict(bytes, encoding, progress);
  } catch (e) {
    if (e instanceof ImportStop) throw e;
    throw new ImportStop(
      importError('wrong-encoding', fileName, {}, `the file is not valid ${encoding} text; choose another encoding`, {
        encoding,
      }),
    );
  }
  if (controlShare(text) > 0.005) throw binaryError(fileName);
  const others = CHOOSABLE_ENCODINGS.filter((e) => e !== encoding)
    .map((e) => ({ encoding: e, text: decodeHead(bytes, e) }))
    .filter((r): r is { encoding: (typeof CHOOSABLE_ENCODINGS)[number]; text: string } => r.text !== undefined);
  const readings = samples([{ encoding, text: text.slice(0, JUDGED) }, ...others]);
  return { text, encoding, bom: false, ...(others.length > 0 ? { choice: { uncertain: false, readings } } : {}) };
}

/** UTF-8 bytes of `text`, with a byte-order mark when `bom` (Excel needs one to read UTF-8 CSV). */
export function encodeUtf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
