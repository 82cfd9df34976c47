/**
 * Bytes to text. Files come as UTF-8 (with or without a byte-order mark), as UTF-16 with a mark, or,
 * when Excel or WPS on Chinese Windows saved them, in the ANSI code page GBK, which GB18030 covers.
 * Binary files (images, archives, random bytes) are refused rather than shown as mojibake.
 */
import { ImportStop, importError } from './issues';
import type { Progress } from './progress';

/** Text and how it was encoded. */
export interface DecodedText {
  readonly text: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, `gb18030`, or an encoding an XML declaration named. */
  readonly encoding: string;
  /** Whether the bytes started with a byte-order mark (which is not part of `text`). */
  readonly bom: boolean;
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
 * Decodes `bytes` as text: by byte-order mark when there is one, else as UTF-8, else (when the bytes
 * are not valid UTF-8) as GB18030. For XML, an encoding named in the declaration is honoured.
 * Throws an `ImportStop` with a `binary` or `encoding` error when no encoding fits.
 */
export async function decodeText(
  bytes: Uint8Array,
  fileName: string,
  progress?: Progress,
  options: { xml?: boolean } = {},
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

  const candidates = ['utf-8', 'gb18030'];
  const declared = options.xml ? declaredXmlEncoding(bytes) : undefined;
  if (declared && !['utf-8', 'utf8'].includes(declared)) candidates.unshift(declared);
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
    return { text, encoding, bom: false };
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

/** UTF-8 bytes of `text`, with a byte-order mark when `bom` (Excel needs one to read UTF-8 CSV). */
export function encodeUtf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
