/**
 * Which format a file is in, from its content first (a renamed file still opens) and its extension
 * second.
 */
import { formatOfContent, formatOfExtension, type REFUSED_SPREADSHEETS } from '../formats';
import { sniffBom } from '../syntax/text';
import type { ImportFormat } from '../types';

/** Spreadsheet formats that are not read; they are refused with a request to save them as .xlsx. */
export type OtherSpreadsheet = (typeof REFUSED_SPREADSHEETS)[number];

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A spreadsheet in a format ChainAtlas does not read: Excel 97–2003 `.xls` and WPS `.et` (both OLE
 * compound files), OpenDocument `.ods` (a ZIP whose first entry, `mimetype`, names it), and Excel's
 * binary `.xlsb` (a ZIP with `xl/workbook.bin`).
 */
export function otherSpreadsheet(fileName: string, bytes: Uint8Array): OtherSpreadsheet | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (CFB.every((b, i) => bytes[i] === b)) return ext === 'et' ? 'et' : 'xls';
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return undefined;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  if (head.startsWith('mimetype', 30) && head.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (ext === 'ods') return 'ods';
  if (ext === 'xlsb' || (!head.includes('xl/workbook.xml') && head.includes('xl/workbook.bin'))) return 'xlsb';
  return undefined;
}

/** The head of the file as text, leniently decoded: enough to recognise markup and JSON keys. */
function head(bytes: Uint8Array): string {
  const bom = sniffBom(bytes);
  const encoding = bom?.encoding ?? 'utf-8';
  const slice = bytes.subarray(bom?.length ?? 0, Math.min(bytes.length, 65536));
  return new TextDecoder(encoding).decode(slice).replace(/^[\s\uFEFF]+/, '');
}

/**
 * Recognises a file's format by the registry's content sniffers (`src/io/formats.ts`): a ZIP archive
 * is a workbook; `<graphml` and `<gexf` markup; JSON with `format` is a ChainAtlas dataset, with
 * `elements` (or a list of `{data: ...}`) Cytoscape.js JSON. Falls back to the extension; `undefined`
 * when neither tells.
 */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1] ?? '';
  return formatOfContent({ bytes, text: head(bytes) }) ?? formatOfExtension(ext);
}
