/**
 * Which format a file is in, from its content first (a renamed file still opens) and its extension
 * second.
 */
import { sniffBom } from '../syntax/text';
import type { ImportFormat } from '../types';

const EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  graphml: 'graphml',
  gexf: 'gexf',
  cyjs: 'cytoscape-json',
  json: 'native-json',
};

/**
 * What a file picker offers: every extension the readers know, `.xml` (read by its content), and the
 * spreadsheet formats ChainAtlas does not read (so that choosing one says how to save it as .xlsx).
 */
export const IMPORT_ACCEPT = [...Object.keys(EXTENSIONS), 'xml', 'xls', 'et', 'ods', 'xlsb']
  .map((e) => `.${e}`)
  .join(',');

/** Spreadsheet formats that are not read; they are refused with a request to save them as .xlsx. */
export type OtherSpreadsheet = 'xls' | 'et' | 'ods' | 'xlsb';

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

function sniffJson(text: string): ImportFormat | undefined {
  if (text.startsWith('[')) {
    return /^\[\s*(\]|\{\s*"(data|group)"\s*:)/.test(text) ? 'cytoscape-json' : undefined;
  }
  if (!text.startsWith('{')) return undefined;
  if (/^\{\s*"format"\s*:/.test(text)) return 'native-json';
  if (/"elements"\s*:/.test(text)) return 'cytoscape-json';
  if (/"(format|sources|chains|regions)"\s*:/.test(text)) return 'native-json';
  return undefined;
}

/**
 * Recognises a file's format: a ZIP archive is a workbook; `<graphml` and `<gexf` markup; JSON with
 * `format` is a ChainAtlas dataset, with `elements` (or a list of `{data: ...}`) Cytoscape.js JSON.
 * Falls back to the extension; `undefined` when neither tells.
 */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const text = head(bytes);
  if (text.startsWith('<')) {
    if (/<graphml[\s>]/.test(text)) return 'graphml';
    if (/<gexf[\s>]/.test(text)) return 'gexf';
  }
  const json = sniffJson(text);
  if (json) return json;
  return EXTENSIONS[ext];
}
