/**
 * Reading one spreadsheet or CSV cell as what its column takes: numbers written with thousands
 * separators, dates as Excel shows them (2024/6/30, 2024年6月) or as Excel serial numbers, lists,
 * ids, and a word from a list or its Chinese name (the stage and status words are in `../words.ts`).
 */
import { isKnownUnit } from '../../model/units';
import { isPartialDate, isValidId } from '../../model/validation/reader';
import type { ImportIssueCode } from '../issues';

/** A cell as a reader gives it: text (CSV, string cells) or a number (numeric cells). */
export type CellValue = string | number | undefined;

/** A table's raw rows; `row` numbers are as the user sees them (the header is usually row 1). */
export interface RawTable {
  /** The sheet's name (workbooks); absent for CSV, whose issues name the file only. */
  readonly sheet?: string;
  readonly header: readonly CellValue[];
  readonly headerRow: number;
  readonly rows: readonly { readonly row: number; readonly cells: readonly CellValue[] }[];
  /** Workbooks written with the 1904 date system. */
  readonly date1904?: boolean;
}

export type CellResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: ImportIssueCode;
      readonly message: string;
      readonly params: Record<string, string | number>;
    };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = <T>(
  code: ImportIssueCode,
  message: string,
  params: Record<string, string | number> = {},
): CellResult<T> => ({
  ok: false,
  code,
  message,
  params,
});

/** The cell as text; numbers as JavaScript writes them (the shortest form that reads back the same). */
export function cellText(cell: CellValue): string {
  return cell === undefined ? '' : typeof cell === 'number' ? String(cell) : cell;
}

/** Whether the cell holds nothing but whitespace. */
export function isBlank(cell: CellValue): boolean {
  return cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

// Unambiguous (each digit can be matched one way only), and only ever run on short text (see
// `MAX_SHORT`): a cell can hold megabytes, and a backtracking pattern on it takes hours or the stack.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** Longer than any number or date a person writes: such a cell is not read as one, whatever it holds. */
const MAX_SHORT = 100;

/** The cell's text for a message: at most MAX_SHORT characters, marked when cut. */
const quoted = (text: string) => (text.length > MAX_SHORT ? `${text.slice(0, MAX_SHORT)}…` : text);

/** A number: a numeric cell, or text like `250000`, `250,000`, `-1.5e3`. */
export function readNumber(cell: CellValue): CellResult<number> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : bad('number', 'is not a finite number');
  const trimmed = cellText(cell).trim();
  if (trimmed.length > MAX_SHORT)
    return bad('number', `"${quoted(trimmed)}" is not a number`, { value: quoted(trimmed) });
  const text = trimmed.replace(/[\uFF10-\uFF19]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  const plain = GROUPED.test(text) ? text.replace(/,/g, '') : text;
  if (!NUMBER.test(plain)) return bad('number', `"${cellText(cell)}" is not a number`, { value: cellText(cell) });
  const value = Number(plain);
  return Number.isFinite(value)
    ? ok(value)
    : bad('number', `"${cellText(cell)}" is too large`, { value: cellText(cell) });
}

/** An Excel serial day number as an ISO date (1900 system, or 1904 when the workbook says so). */
export function serialToIsoDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const day = Math.floor(serial);
  // Excel counts 1900-02-29, which never was; serial 60 is that day and later serials are one ahead.
  if (!date1904 && day === 60) return undefined;
  const base = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + day * 86400000).toISOString().slice(0, 10);
}

const pad = (n: string) => n.padStart(2, '0');

/**
 * A partial date: `2024`, `2024-06`, `2024-06-30`, `2024-H1`, `2024-Q3`, and as spreadsheets show them
 * (`2024/6/30`, `2024.6`, `2024年6月30日`). A number is a year when it looks like one, else an Excel serial.
 */
export function readDate(cell: CellValue, date1904 = false): CellResult<string> {
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1000 && cell <= 9999) return ok(String(cell));
    const iso = serialToIsoDate(cell, date1904);
    return iso ? ok(iso) : bad('date', `${cell} is not a date`, { value: cell });
  }
  const text = cellText(cell).trim();
  if (text.length > MAX_SHORT) return bad('date', `"${quoted(text)}" is not a date`, { value: quoted(text) });
  if (isPartialDate(text)) return ok(text);
  const m =
    /^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$/.exec(text) ??
    /^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$/.exec(text) ??
    /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text);
  if (m) {
    const date = [m[1]!, m[2] && pad(m[2]), m[3] && pad(m[3])].filter(Boolean).join('-');
    if (isPartialDate(date)) return ok(date);
  }
  return bad('date', `"${text}" is not a date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1 or YYYY-Q1)`, { value: text });
}

/** An id (trimmed). */
export function readId(cell: CellValue): CellResult<string> {
  const text = cellText(cell).trim();
  return isValidId(text)
    ? ok(text)
    : bad('id-pattern', `"${text}" is not a valid id (letters, digits, "_", ".", ":" or "-", at most 128)`, {
        value: text,
      });
}

/**
 * A `;`-separated list. `\;` and `\\` stand for a literal `;` and `\`, so any text survives export
 * and import; the full-width `；` Chinese keyboards type also separates.
 */
export function readList(cell: CellValue): string[] {
  const text = cellText(cell);
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === ';' || text[i + 1] === '\\' || text[i + 1] === '；')) {
      current += text[++i];
    } else if (c === ';' || c === '；') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** Writes a list so that `readList` gives it back. */
export function writeList(items: readonly string[]): string {
  return items.map((s) => s.replace(/[\\;；]/g, (c) => `\\${c}`)).join('; ');
}

const QUALIFIER_WORDS: Readonly<Record<string, 'over' | 'under' | 'approx'>> = {
  以上: 'over',
  多: 'over',
  超过: 'over',
  以下: 'under',
  不足: 'under',
  约: 'approx',
  左右: 'approx',
};

/**
 * One of `allowed` (any case), or a word of `words` that stands for one (a Chinese name): the stage
 * and status columns (`src/io/words.ts`).
 */
export function readWord<T extends string>(
  cell: CellValue,
  allowed: readonly T[],
  words: Readonly<Record<string, T>>,
  what: string,
): CellResult<T> {
  const text = cellText(cell).trim();
  const lower = text.toLowerCase() as T;
  if (allowed.includes(lower)) return ok(lower);
  if (Object.hasOwn(words, text)) return ok(words[text]!);
  const choices = [...allowed, ...Object.keys(words)].join(', ');
  return bad('enum', `"${text}" is not a ${what} (${choices})`, { value: text, allowed: allowed.join(', ') });
}

/** Whether a figure is a target: `target` or 目标 (an empty cell: a reported figure). */
export function readTarget(cell: CellValue): CellResult<true> {
  const text = cellText(cell).trim();
  if (['target', '目标', 'true', 'yes', '是'].includes(text.toLowerCase())) return ok(true);
  return bad('enum', `"${text}" is not "target" (目标); leave the cell empty for a reported figure`, {
    value: text,
    allowed: 'target',
  });
}

/** A quantity qualifier: `over`, `under`, `approx`, or 以上, 以下, 约. */
export const readQualifier = (cell: CellValue) =>
  readWord(cell, ['over', 'under', 'approx'] as const, QUALIFIER_WORDS, 'qualifier');

const UNIT_WORDS: Readonly<Record<string, string>> = {
  吨: 't',
  '吨/年': 't/a',
  元: 'CNY',
  '%': 'percent',
  个: 'count',
  家: 'count',
  项: 'count',
};

/** A unit of the registry (`t/a`, `GWh`, `CNY`, ...), or a few Chinese words for the plain ones. */
export function readUnit(cell: CellValue): CellResult<string> {
  const text = cellText(cell).trim();
  if (isKnownUnit(text)) return ok(text);
  if (Object.hasOwn(UNIT_WORDS, text)) return ok(UNIT_WORDS[text]!);
  return bad('unit', `"${text}" is not a known unit`, { value: text });
}
