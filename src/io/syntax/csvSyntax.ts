/**
 * RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF line ends, and a
 * trailing line break. Reading is lenient where Excel is (a quote inside an unquoted field is text)
 * and reports what cannot be read (a quote never closed). Rows are numbered as Excel numbers them:
 * one row per record, whatever line breaks its cells hold.
 */
import type { Where } from '../issues';
import type { Progress } from '../progress';

export interface CsvRow {
  /** 1-based record number, as Excel shows it. */
  readonly row: number;
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly cells: string[];
}

export interface CsvProblem {
  readonly code: 'csv-syntax';
  readonly where: Where;
  readonly message: string;
  readonly fatal: boolean;
}

/** The delimiter of the first line: comma, semicolon (European Excel) or tab, whichever occurs most. */
export function sniffDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  let best = ',';
  let count = first.split(',').length;
  for (const d of [';', '\t']) {
    const n = first.split(d).length;
    if (n > count) {
      best = d;
      count = n;
    }
  }
  return best;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Excel's first line naming the delimiter (`sep=;`), which Excel reads and does not show as a row. */
const SEP_LINE = /^sep=([^\r\n])[ \t]*(\r\n|\n|\r|$)/i;

/**
 * Parses CSV text into rows; calls `progress.tick` now and then on long texts. A first line `sep=;`
 * (or `sep=,`, `sep=<tab>`) sets the delimiter and is not a row, as in Excel.
 */
export async function parseCsv(
  text: string,
  progress?: Progress,
  delimiter?: string,
): Promise<{ rows: CsvRow[]; problems: CsvProblem[] }> {
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const sep = SEP_LINE.exec(text);
  const delim = (sep?.[1] ?? delimiter ?? sniffDelimiter(text)).charCodeAt(0);
  const n = text.length;
  let i = sep ? sep[0].length : 0;
  let line = sep ? 2 : 1;
  // Every 2% of the text (at most every 256 KB), so the bar moves evenly whatever the size.
  const tickEvery = Math.max(1 << 12, Math.min(1 << 18, Math.floor(n / 50)));
  let nextTick = tickEvery;
  let warnedStray = false;
  while (i < n) {
    if (i >= nextTick) {
      await progress?.tick(i / n);
      nextTick = i + tickEvery;
    }
    const startLine = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let cell = '';
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          const chunk = text.slice(i, q);
          cell += chunk;
          for (let k = chunk.indexOf('\n'); k !== -1; k = chunk.indexOf('\n', k + 1)) line++;
          if (text.charCodeAt(q + 1) === QUOTE) {
            cell += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          problems.push({
            code: 'csv-syntax',
            where: { row: rows.length + 1, line: quoteLine },
            message: 'a quoted cell is never closed (a " is missing)',
            fatal: true,
          });
          return { rows, problems };
        }
        // Text after the closing quote is kept, as Excel does, with one warning per file.
        const stray = i;
        while (i < n && text.charCodeAt(i) !== delim && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
        if (i > stray) {
          cell += text.slice(stray, i);
          if (!warnedStray) {
            warnedStray = true;
            problems.push({
              code: 'csv-syntax',
              where: { row: rows.length + 1, line },
              message: 'text follows a closing quote; it is kept as part of the cell',
              fatal: false,
            });
          }
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        cell = text.slice(start, i);
      }
      cells.push(cell);
      const c = i < n ? text.charCodeAt(i) : LF;
      if (c === delim) {
        i++;
        if (i >= n) cells.push('');
      } else {
        if (c === CR) i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
        line++;
        endOfRecord = true;
      }
    }
    rows.push({ row: rows.length + 1, line: startLine, cells });
  }
  return { rows, problems };
}

/** One CSV field, quoted when it holds a delimiter, quote, line break or edge spaces. */
function field(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text of `rows`, CRLF line ends (RFC 4180), ending with a line break. */
/**
 * A text cell made safe for spreadsheets: one starting with `=`, `+`, `-` or `@` would run as a formula
 * when Excel opens the file, so it gets a `'` in front (as does one already starting with `'` and such a
 * character, so that reading it back can take exactly one off). Every CSV writer applies this to text.
 */
export const protectCell = (text: string): string => (/^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
