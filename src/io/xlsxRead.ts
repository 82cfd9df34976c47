/**
 * Reading the sheets of an .xlsx workbook (Office Open XML) into rows of cells: shared and inline
 * strings, numbers, booleans, and numbers formatted as dates (which become ISO dates). Only the parts
 * needed are unpacked, and sizes are checked before inflating, so a ZIP bomb is refused.
 */
import { unzipSync } from 'fflate';
import type { CellValue } from './cells';
import { serialToIsoDate } from './cells';
import { ImportStop, importError } from './issues';
import { lineLocator } from './jsonText';
import type { Progress } from './progress';
import type { RawTable } from './tableRead';
import { decodeText } from './text';
import type { XmlElement } from './xml';
import { XmlSyntaxError, attrLocal, childrenNamed, localName, normalizeXmlText, readXml, readXmlTree } from './xml';

/** Largest unpacked workbook accepted: XML is bulky, but a browser tab must hold it as text. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

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
  const m = /^([A-Z]{1,3})\d*$/.exec(ref);
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1]!) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Built-in number formats that show dates (including the East Asian ones, 27–36 and 50–58). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Excel's own limit on the length of a number format; a longer one is not read as a date format. */
const MAX_FORMAT_CODE = 255;

function isDateFormatCode(code: string): boolean {
  // The patterns below backtrack; a format code of a hostile workbook can be megabytes long.
  if (code.length > MAX_FORMAT_CODE) return false;
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yd]/i.test(bare) || /m/i.test(bare.replace(/[hs]:?m+|m+:?s/gi, ''));
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

async function dateStyles(parts: Parts, path: string | undefined): Promise<boolean[]> {
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
      return DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateFormatCode(custom.get(id)!));
    });
}

/** Reads one worksheet's rows. */
async function readSheet(
  parts: Parts,
  path: string,
  strings: readonly string[],
  dates: readonly boolean[],
  date1904: boolean,
  progress: Progress,
): Promise<{ row: number; cells: CellValue[] }[]> {
  const text = await parts.text(path);
  const rows: { row: number; cells: CellValue[] }[] = [];
  let row: { row: number; cells: CellValue[] } | undefined;
  let cell: { col: number; type: string; style: number } | undefined;
  let value: string[] = [];
  let collecting = false;
  let phonetic = 0;
  let nextCol = 0;
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
            value = [];
          } else if (n === 'rPh') phonetic++;
          else if (cell && (n === 'v' || (n === 't' && phonetic === 0))) collecting = true;
        },
        close(name) {
          const n = localName(name);
          if (n === 'v' || n === 't') collecting = false;
          else if (n === 'rPh') phonetic--;
          else if (n === 'c' && row && cell) {
            row.cells[cell.col] = cellValue(cell.type, value.join(''), dates[cell.style] ?? false);
            cell = undefined;
          } else if (n === 'row' && row) {
            rows.push(row);
            row = undefined;
          }
        },
        text(t) {
          if (collecting) value.push(t);
        },
      },
      progress,
    );
  } catch (e) {
    throw parts.syntax(e, path, text);
  }
  function cellValue(type: string, raw: string, isDate: boolean): CellValue {
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
        return raw.slice(0, 10);
      default: {
        const n = Number(raw);
        if (!Number.isFinite(n)) return raw;
        return isDate ? (serialToIsoDate(n, date1904) ?? n) : n;
      }
    }
  }
  return rows.sort((a, b) => a.row - b.row);
}

/** Unpacks the workbook and reads every worksheet, each with its header (first non-empty row). */
export async function readWorkbook(bytes: Uint8Array, fileName: string, progress: Progress): Promise<SheetRows[]> {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/\.(xml|rels)$/i.test(f.name)) return false;
        total += f.originalSize;
        if (total > MAX_UNPACKED_BYTES) {
          throw new ImportStop(
            importError(
              'too-large-unpacked',
              fileName,
              {},
              `the workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1048576} MB`,
              { limitMb: MAX_UNPACKED_BYTES / 1048576 },
            ),
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ImportStop) throw e;
    throw new ImportStop(
      importError('not-workbook', fileName, {}, 'this is not a valid .xlsx workbook (the ZIP archive cannot be read)'),
    );
  }
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
    const rows = await readSheet(
      parts,
      target,
      strings,
      dates,
      date1904,
      progress.part(i / sheets.length, (i + 1) / sheets.length),
    );
    const headerAt = rows.findIndex((r) => r.cells.some((c) => c !== undefined && String(c).trim() !== ''));
    const header = rows[headerAt];
    out.push({
      sheet: name,
      header: header ? Array.from(header.cells, (c) => c) : [],
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
