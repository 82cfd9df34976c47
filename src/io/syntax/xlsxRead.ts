/**
 * Reading the sheets of an .xlsx workbook (Office Open XML) into rows of cells: shared and inline
 * strings, numbers, booleans, and numbers formatted as dates (which become ISO dates, or `2024-06`
 * when the format shows only a month), with merged ranges filled and a title above the table skipped. Only the parts needed are unpacked,
 * and the bytes are counted while inflating, so a ZIP bomb (or an archive lying about its sizes) stops
 * at the limit.
 */
import { Unzip, UnzipInflate } from 'fflate';
import type { CellValue } from './cells';
import { serialToIsoDate } from './cells';
import { ImportStop, importError } from '../issues';
import { lineLocator } from './jsonText';
import type { Progress } from '../progress';
import type { RawTable } from './cells';
import { decodeText } from './text';
import type { XmlElement } from './xml';
import { XmlSyntaxError, attrLocal, childrenNamed, localName, normalizeXmlText, readXml, readXmlTree } from './xml';

/** Largest unpacked workbook accepted: XML is bulky, but a browser tab must hold it as text. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/**
 * Spreadsheet XML compresses well, but not a thousandfold: a workbook may unpack to this many times its
 * own size (plus UNPACKED_FLOOR). A ZIP bomb, which does, stops there, long before MAX_UNPACKED_BYTES.
 */
export const MAX_UNPACK_RATIO = 100;
const UNPACKED_FLOOR = 16 * 1024 * 1024;

/**
 * Bytes handed to the inflater at a time: what one step may produce is bounded (DEFLATE: ≤ 1032×, so
 * ≤ 16.5 MB past the limit). Smaller steps cost time: each one copies the inflater's 32 KB window.
 */
const UNZIP_CHUNK = 16 * 1024;

/** Cells a sheet's merged ranges may fill in all (a range can claim a whole sheet). */
const MAX_MERGE_FILL = 2_000_000;

export interface SheetRows extends RawTable {
  readonly sheet: string;
}

/** `_x000D_` escapes in OOXML strings (characters XML cannot hold) back to characters. */
function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** Column letters of a cell reference (`AB12`) as a 0-based index. */
function columnIndex(ref: string): number | undefined {
  // Char codes rather than a pattern: this runs once per cell.
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  if (i === 0 || i > 3) return undefined;
  for (let j = i; j < ref.length; j++) {
    const c = ref.charCodeAt(j);
    if (c < 48 || c > 57) return undefined;
  }
  return n - 1;
}

/** Built-in number formats that show dates (including the East Asian ones, 27–36 and 50–58). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
/**
 * Built-in formats that show a year and month only: 17 `mmm-yy`, and in Chinese Excel and WPS
 * 27, 36, 50, 52 and 57 `yyyy"年"m"月"` (2024年6月).
 */
const MONTH_FORMAT_IDS = new Set([17, 27, 36, 50, 52, 57]);

/** How much of a date a cell style shows: none (not a date), the year, the month, or the day. */
export type DateShown = 'none' | 'year' | 'month' | 'day';

/** Excel's own limit on the length of a number format; a longer one is not read as a date format. */
const MAX_FORMAT_CODE = 255;

/** How much of a date a custom number format shows (`yyyy"年"m"月"` and `mmm-yy`: the month). */
export function dateShown(code: string): DateShown {
  // The patterns below backtrack; a format code of a hostile workbook can be megabytes long.
  if (code.length > MAX_FORMAT_CODE) return 'none';
  // The first section is the one for positive numbers, which dates are.
  const first = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').split(';')[0] ?? '';
  const months = /m/i.test(first.replace(/[hs]:?m+|m+:?s/gi, ''));
  const year = /y/i.test(first);
  if (/d/i.test(first)) return 'day';
  if (year && months) return 'month';
  if (year) return 'year';
  // Month and day names alone (`mmm`) are shown as dates too; without a year, keep the whole date.
  return months ? 'day' : 'none';
}

class Parts {
  constructor(
    private readonly files: Record<string, Uint8Array>,
    private readonly fileName: string,
  ) {}

  has(path: string): boolean {
    return Object.hasOwn(this.files, path);
  }

  /** A part's XML text (line ends normalised); syntax errors name the part, line and column. */
  async text(path: string): Promise<string> {
    const bytes = this.files[path];
    if (!bytes)
      throw new ImportStop(
        importError('not-workbook', this.fileName, {}, `the workbook lacks its part ${path}`, { part: path }),
      );
    return normalizeXmlText((await decodeText(bytes, `${this.fileName}:${path}`, undefined, { xml: true })).text);
  }

  async tree(path: string): Promise<XmlElement> {
    const text = await this.text(path);
    try {
      return await readXmlTree(text);
    } catch (e) {
      throw this.syntax(e, path, text);
    }
  }

  syntax(e: unknown, path: string, text: string): unknown {
    if (!(e instanceof XmlSyntaxError)) return e;
    const { line, column } = lineLocator(text)(e.offset);
    return new ImportStop(
      importError('xml-syntax', this.fileName, { line, column }, `in ${path}: ${e.message}`, { part: path }),
    );
  }
}

/** Resolves a relationship target against the folder of the part that points to it. */
function resolveTarget(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

async function relationships(parts: Parts, owner: string): Promise<{ id: string; type: string; target: string }[]> {
  const relPath = `${owner
    .split('/')
    .slice(0, -1)
    .concat('_rels', `${owner.split('/').pop()}.rels`)
    .filter(Boolean)
    .join('/')}`;
  if (!parts.has(relPath)) return [];
  const root = await parts.tree(relPath);
  return childrenNamed(root, 'Relationship').map((r) => ({
    id: r.attrs.Id ?? '',
    type: r.attrs.Type ?? '',
    target: resolveTarget(owner, r.attrs.Target ?? ''),
  }));
}

async function sharedStrings(parts: Parts, path: string | undefined, progress: Progress): Promise<string[]> {
  if (!path || !parts.has(path)) return [];
  const text = await parts.text(path);
  const out: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  try {
    await readXml(
      text,
      {
        open(name) {
          const n = localName(name);
          if (n === 'si') current = [];
          else if (n === 'rPh') phonetic++;
          else if (n === 't' && phonetic === 0) inText = true;
        },
        close(name) {
          const n = localName(name);
          if (n === 'si') out.push(unescapeOoxml((current ?? []).join('')));
          else if (n === 'rPh') phonetic--;
          else if (n === 't') inText = false;
        },
        text(t) {
          if (inText && current) current.push(t);
        },
      },
      progress,
    );
  } catch (e) {
    throw parts.syntax(e, path, text);
  }
  return out;
}

async function dateStyles(parts: Parts, path: string | undefined): Promise<DateShown[]> {
  if (!path || !parts.has(path)) return [];
  const root = await parts.tree(path);
  const custom = new Map<number, string>();
  for (const nf of childrenNamed(root, 'numFmts').flatMap((n) => childrenNamed(n, 'numFmt'))) {
    custom.set(Number(nf.attrs.numFmtId), nf.attrs.formatCode ?? '');
  }
  return childrenNamed(root, 'cellXfs')
    .flatMap((x) => childrenNamed(x, 'xf'))
    .map((xf) => {
      const id = Number(xf.attrs.numFmtId ?? 0);
      // A workbook may redefine a built-in id in numFmts; its own code then wins.
      if (custom.has(id)) return dateShown(custom.get(id)!);
      if (MONTH_FORMAT_IDS.has(id)) return 'month';
      return DATE_FORMAT_IDS.has(id) ? 'day' : 'none';
    });
}

/** Reads one worksheet's rows. */
async function readSheet(
  parts: Parts,
  path: string,
  strings: readonly string[],
  dates: readonly DateShown[],
  date1904: boolean,
  progress: Progress,
): Promise<{ rows: { row: number; cells: CellValue[] }[]; grouped: Set<number> }> {
  const text = await parts.text(path);
  const rows: { row: number; cells: CellValue[] }[] = [];
  let row: { row: number; cells: CellValue[] } | undefined;
  let cell: { col: number; type: string; style: number } | undefined;
  let value = '';
  let collecting = false;
  let phonetic = 0;
  let nextCol = 0;
  const merges: string[] = [];
  try {
    await readXml(
      text,
      {
        open(name, attrs) {
          const n = localName(name);
          if (n === 'row') {
            const r = Number(attrs.r);
            row = { row: Number.isInteger(r) && r > 0 ? r : (rows[rows.length - 1]?.row ?? 0) + 1, cells: [] };
            nextCol = 0;
          } else if (n === 'c' && row) {
            const col = attrs.r !== undefined ? columnIndex(attrs.r) : undefined;
            cell = { col: col ?? nextCol, type: attrs.t ?? 'n', style: Number(attrs.s ?? 0) };
            nextCol = cell.col + 1;
            value = '';
          } else if (n === 'rPh') phonetic++;
          else if (cell && (n === 'v' || (n === 't' && phonetic === 0))) collecting = true;
          else if (n === 'mergeCell' && attrs.ref) merges.push(attrs.ref);
        },
        close(name) {
          const n = localName(name);
          if (n === 'v' || n === 't') collecting = false;
          else if (n === 'rPh') phonetic--;
          else if (n === 'c' && row && cell) {
            row.cells[cell.col] = cellValue(cell.type, value, dates[cell.style] ?? 'none');
            cell = undefined;
          } else if (n === 'row' && row) {
            rows.push(row);
            row = undefined;
          }
        },
        text(t) {
          if (collecting) value += t;
        },
      },
      progress,
    );
  } catch (e) {
    throw parts.syntax(e, path, text);
  }
  function cellValue(type: string, raw: string, shown: DateShown): CellValue {
    if (raw === '' && type !== 'inlineStr' && type !== 'str') return undefined;
    switch (type) {
      case 's':
        return strings[Number(raw)] ?? '';
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(raw);
      case 'b':
        return raw === '1' ? 'TRUE' : 'FALSE';
      case 'e':
        return raw;
      case 'd':
        return raw.slice(0, shown === 'month' ? 7 : shown === 'year' ? 4 : 10);
      default: {
        const n = Number(raw);
        if (!Number.isFinite(n)) return raw;
        if (shown === 'none') return n;
        const iso = serialToIsoDate(n, date1904);
        if (!iso) return n;
        // What the user sees: 2024年6月 is the month, not its first day.
        return shown === 'month' ? iso.slice(0, 7) : shown === 'year' ? iso.slice(0, 4) : iso;
      }
    }
  }
  rows.sort((a, b) => a.row - b.row);
  fillMerged(rows, merges);
  // Rows where a merged range starts that spans columns: a group header over the real one may be one.
  const grouped = new Set<number>();
  for (const ref of merges) {
    const range = rangeOf(ref);
    if (range && range.c2 > range.c1) grouped.add(range.r1);
  }
  return { rows, grouped };
}

/** A range reference `B2:C5` as 0-based columns and 1-based rows. */
function rangeOf(ref: string): { c1: number; r1: number; c2: number; r2: number } | undefined {
  const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(ref.replace(/\$/g, '').toUpperCase());
  if (!m) return undefined;
  const c1 = columnIndex(m[1]!);
  const c2 = columnIndex(m[3]!);
  if (c1 === undefined || c2 === undefined) return undefined;
  return { c1, r1: Number(m[2]), c2, r2: Number(m[4]) };
}

/**
 * Merged cells hold their value in the top-left cell only; Excel shows it across the range. Ranges over
 * several rows (a sub-chain merged down its links) give every row the value, across the range's width,
 * as Excel's "unmerge and fill" would. A range within one row (a title over several columns) stays in
 * its first cell, so it does not turn into copies of one header.
 */
function fillMerged(rows: readonly { row: number; cells: CellValue[] }[], refs: readonly string[]): void {
  if (refs.length === 0 || rows.length === 0) return;
  const byNumber = new Map(rows.map((r) => [r.row, r]));
  let budget = MAX_MERGE_FILL;
  for (const ref of refs) {
    const range = rangeOf(ref);
    if (!range || range.r2 <= range.r1 || range.c2 < range.c1) continue;
    const value = byNumber.get(range.r1)?.cells[range.c1];
    if (value === undefined) continue;
    // Only the rows the sheet has (a range reaching row 1,048,576 claims no empty rows), found by
    // binary search in the sorted rows: many ranges over many rows cost no more than what they fill.
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.row <= range.r1) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < rows.length && rows[i]!.row <= range.r2; i++) {
      const r = rows[i]!;
      for (let c = range.c1; c <= range.c2; c++) {
        if (--budget < 0) return;
        if (r.cells[c] === undefined || r.cells[c] === '') r.cells[c] = value;
      }
    }
    for (let c = range.c1 + 1; c <= range.c2; c++) {
      const first = byNumber.get(range.r1)!;
      if (--budget < 0) return;
      if (first.cells[c] === undefined || first.cells[c] === '') first.cells[c] = value;
    }
  }
}

function tooBigUnpacked(fileName: string, limit: number): ImportStop {
  const limitMb = Math.ceil(limit / 1048576);
  return new ImportStop(
    importError('too-large-unpacked', fileName, {}, `the workbook unpacks to more than ${limitMb} MB`, { limitMb }),
  );
}

/**
 * Unpacks the XML parts of a workbook, counting the bytes as they are inflated: the sizes an archive
 * declares may lie, so the count, not the header, stops a ZIP bomb, after at most one chunk's output.
 */
function unpack(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  const limit = Math.min(MAX_UNPACKED_BYTES, UNPACKED_FLOOR + MAX_UNPACK_RATIO * bytes.length);
  const files: Record<string, Uint8Array> = {};
  let declared = 0;
  let total = 0;
  let stop: ImportStop | undefined;
  const unzip = new Unzip((file) => {
    if (stop || !/\.(xml|rels)$/i.test(file.name)) return;
    // Refused before inflating when the archive is honest about its size.
    declared += file.originalSize ?? 0;
    if (declared > limit) {
      stop = tooBigUnpacked(fileName, limit);
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (err, data, final) => {
      if (stop) return;
      if (err) {
        stop = notWorkbook(fileName);
        return;
      }
      total += data.length;
      if (total > limit) {
        stop = tooBigUnpacked(fileName, limit);
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) files[file.name] = concat(chunks);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !stop; at += UNZIP_CHUNK) {
      const end = Math.min(bytes.length, at + UNZIP_CHUNK);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    stop ??= notWorkbook(fileName);
  }
  if (stop) throw stop;
  return files;
}

function notWorkbook(fileName: string): ImportStop {
  return new ImportStop(
    importError('not-workbook', fileName, {}, 'this is not a valid .xlsx workbook (the ZIP archive cannot be read)'),
  );
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The distinct non-empty values of a row. */
function distinctValues(row: { cells: CellValue[] }): number {
  const seen = new Set<string>();
  for (const c of row.cells) if (c !== undefined && String(c).trim() !== '') seen.add(String(c).trim());
  return seen.size;
}

/**
 * The header row: the first non-empty one, past any title above the table. A title (2024年重点企业名录)
 * is a row of one value, usually merged across the table; the header below it names several columns.
 * A group header (基本信息 over 企业名称 and 信用代码, 产能情况 over 产能 and 单位, each merged across
 * its columns) is passed too: a row with a merged range across columns, above a row that fills more
 * columns, is a group row, and the row below it names the columns (`groupAbove` says where it was).
 */
function headerIndex(
  rows: readonly { row: number; cells: CellValue[] }[],
  grouped: ReadonlySet<number>,
): { at: number; groupAbove?: number } {
  let at = rows.findIndex((r) => distinctValues(r) > 0);
  let groupAbove: number | undefined;
  const nextFilled = (from: number) => {
    let next = from + 1;
    while (next < rows.length && distinctValues(rows[next]!) === 0) next++;
    return next;
  };
  while (at !== -1) {
    const next = nextFilled(at);
    if (next >= rows.length) break;
    const here = distinctValues(rows[at]!);
    const below = distinctValues(rows[next]!);
    const title = here === 1 && below >= 2;
    const group = grouped.has(rows[at]!.row) && below > here && filledCells(rows[next]!) > filledCells(rows[at]!);
    if (!title && !group) break;
    groupAbove = group ? at : undefined;
    at = next;
  }
  return groupAbove === undefined ? { at } : { at, groupAbove };
}

/** The non-empty cells of a row. */
function filledCells(row: { cells: CellValue[] }): number {
  let n = 0;
  for (const c of row.cells) if (c !== undefined && String(c).trim() !== '') n++;
  return n;
}

/** Unpacks the workbook and reads every worksheet, each with its header (first non-empty row). */
export async function readWorkbook(bytes: Uint8Array, fileName: string, progress: Progress): Promise<SheetRows[]> {
  const files = unpack(bytes, fileName);
  const parts = new Parts(files, fileName);
  const rootRels = await relationships(parts, '');
  const workbookPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!parts.has(workbookPath)) {
    throw new ImportStop(
      importError(
        'not-workbook',
        fileName,
        {},
        'this ZIP archive is not an Excel workbook (it has no xl/workbook.xml)',
      ),
    );
  }
  const workbook = await parts.tree(workbookPath);
  const rels = await relationships(parts, workbookPath);
  const date1904 = childrenNamed(workbook, 'workbookPr').some(
    (p) => p.attrs.date1904 === '1' || p.attrs.date1904 === 'true',
  );
  const strings = await sharedStrings(
    parts,
    rels.find((r) => r.type.endsWith('/sharedStrings'))?.target,
    progress.part(0, 0.3),
  );
  const dates = await dateStyles(parts, rels.find((r) => r.type.endsWith('/styles'))?.target);
  const sheets = childrenNamed(workbook, 'sheets').flatMap((s) => childrenNamed(s, 'sheet'));
  const out: SheetRows[] = [];
  for (const [i, sheet] of sheets.entries()) {
    const name = sheet.attrs.name ?? `Sheet${i + 1}`;
    const target = rels.find((r) => r.id === attrLocal(sheet, 'id'))?.target;
    if (!target || !parts.has(target)) continue;
    const { rows, grouped } = await readSheet(
      parts,
      target,
      strings,
      dates,
      date1904,
      progress.part(i / sheets.length, (i + 1) / sheets.length),
    );
    const { at: headerAt, groupAbove } = headerIndex(rows, grouped);
    const header = rows[headerAt];
    // Under a group row, a column the lower row leaves empty is named by the group row alone (企业名称
    // written once in the upper row, not merged down).
    const group = groupAbove === undefined ? undefined : rows[groupAbove]!.cells;
    const headerCells = header
      ? Array.from(
          { length: Math.max(header.cells.length, group?.length ?? 0) },
          (_, c) => header.cells[c] ?? (group ? group[c] : undefined),
        )
      : [];
    out.push({
      sheet: name,
      header: headerCells,
      headerRow: header?.row ?? 1,
      rows:
        headerAt === -1
          ? []
          : rows.slice(headerAt + 1).map((r) => ({ row: r.row, cells: Array.from(r.cells, (c) => c) })),
      date1904,
    });
  }
  return out;
}
