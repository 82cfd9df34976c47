/**
 * Reading one table (a CSV file or a workbook sheet): recognising it by its header row, checking the
 * columns, and reading cells row by row with every problem placed at its row and column.
 */
import type { Citation, Localized } from '../../model/types';
import type { CellResult, CellValue, RawTable } from '../syntax/cells';
import { cellText, isBlank, readId, readList } from '../syntax/cells';
import type { ImportIssueCode, Where } from '../issues';
import { importError, importWarning } from '../issues';
import type { ImportIssue } from '../types';
import type { ColumnSpec, TableSpec } from './tables';
import { CITATION_COLUMNS, TABLES, normalizeName } from './tables';

/** A table whose header has been matched to a spec: where each known column is, and its header. */
export interface BoundTable {
  readonly spec: TableSpec;
  readonly raw: RawTable;
  readonly index: ReadonlyMap<string, number>;
  readonly headers: ReadonlyMap<string, string>;
}

function headerNames(c: ColumnSpec): string[] {
  return [normalizeName(c.en), normalizeName(c.zh), normalizeName(c.key), ...(c.alt ?? []).map(normalizeName)];
}

/**
 * Which table a header row belongs to. Columns many tables share (`id`, `name_zh`) count for less
 * than telling ones (`link_id`, `stage`); a file or sheet name that names a table settles ties.
 */
export function recognizeTable(header: readonly CellValue[], name = ''): TableSpec | undefined {
  const cells = new Set(header.map((h) => normalizeName(cellText(h))));
  const owners = new Map<string, number>();
  for (const t of TABLES)
    for (const c of t.columns) for (const n of new Set(headerNames(c))) owners.set(n, (owners.get(n) ?? 0) + 1);
  const lowerName = normalizeName(name);
  let best: TableSpec | undefined;
  let bestScore = 0;
  for (const t of TABLES) {
    let score = 0;
    for (const c of t.columns) {
      const names = new Set(headerNames(c));
      const hit = [...names].find((n) => cells.has(n));
      if (hit) score += 1 / (owners.get(hit) ?? 1);
    }
    const named = [t.sheet.en, t.sheet.zh, t.key].some((n) => lowerName.includes(normalizeName(n)));
    if (score > 0 && named) score += 0.5;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/** Matches header cells to the spec's columns; reports missing, duplicate and unknown columns. */
export function bindTable(spec: TableSpec, raw: RawTable, file: string, issues: ImportIssue[]): BoundTable | undefined {
  const index = new Map<string, number>();
  const headers = new Map<string, string>();
  const at = (field?: string): Where => ({
    ...(raw.sheet !== undefined ? { sheet: raw.sheet } : {}),
    row: raw.headerRow,
    ...(field ? { field } : {}),
  });
  raw.header.forEach((cell, i) => {
    const written = cellText(cell).trim();
    if (written === '') return;
    const n = normalizeName(written);
    const column = spec.columns.find((c) => headerNames(c).includes(n));
    if (!column) {
      issues.push(
        importWarning(
          'unknown-column',
          file,
          at(written),
          `column "${written}" is not part of the ${spec.sheet.en} table and is ignored`,
          { value: written },
        ),
      );
    } else if (index.has(column.key)) {
      issues.push(
        importError('duplicate-column', file, at(written), `column "${written}" appears twice`, { value: written }),
      );
    } else {
      index.set(column.key, i);
      headers.set(column.key, written);
    }
  });
  const missing = spec.columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length > 0) {
    const names = missing.map((c) => c.en).join(', ');
    issues.push(
      importError(
        'missing-columns',
        file,
        at(),
        `the ${spec.sheet.en} table lacks the required column(s) ${names} (${missing.map((c) => c.zh).join('、')})`,
        {
          columns: names,
          columnsZh: missing.map((c) => c.zh).join('、'),
          table: spec.key,
        },
      ),
    );
    return undefined;
  }
  return { spec, raw, index, headers };
}

/** A row being read: typed accessors that record a precise issue for every bad cell. */
export class RowCursor {
  errors = 0;

  constructor(
    readonly table: BoundTable,
    readonly row: number,
    private readonly cells: readonly CellValue[],
    private readonly file: string,
    private readonly issues: ImportIssue[],
  ) {}

  /** The column's header as the file writes it (the spec's English name when it is absent). */
  header(key: string): string {
    return this.table.headers.get(key) ?? this.table.spec.columns.find((c) => c.key === key)?.en ?? key;
  }

  where(key?: string): Where {
    const sheet = this.table.raw.sheet;
    return { ...(sheet !== undefined ? { sheet } : {}), row: this.row, ...(key ? { field: this.header(key) } : {}) };
  }

  cell(key: string): CellValue {
    const i = this.table.index.get(key);
    return i === undefined ? undefined : this.cells[i];
  }

  has(key: string): boolean {
    return !isBlank(this.cell(key));
  }

  error(
    code: ImportIssueCode,
    key: string | undefined,
    message: string,
    params?: Record<string, string | number>,
  ): undefined {
    this.errors++;
    this.issues.push(importError(code, this.file, this.where(key), message, params));
    return undefined;
  }

  warn(
    code: ImportIssueCode,
    key: string | undefined,
    message: string,
    params?: Record<string, string | number>,
  ): void {
    this.issues.push(importWarning(code, this.file, this.where(key), message, params));
  }

  private missing(key: string): undefined {
    return this.error('required', key, `"${this.header(key)}" is required but empty`);
  }

  /** Text as written (whitespace kept); undefined when blank. */
  text(key: string, required = false): string | undefined {
    const cell = this.cell(key);
    if (isBlank(cell)) return required ? this.missing(key) : undefined;
    return cellText(cell);
  }

  /** A cell read by `read`; blank gives undefined (an error when required). */
  typed<T>(key: string, read: (cell: CellValue) => CellResult<T>, required = false): T | undefined {
    const cell = this.cell(key);
    if (isBlank(cell)) return required ? this.missing(key) : undefined;
    const result = read(cell);
    if (result.ok) return result.value;
    return this.error(result.code, key, result.message, result.params);
  }

  id(key: string, required = false): string | undefined {
    return this.typed(key, readId, required);
  }

  /** A `;`-separated list of ids. */
  ids(key: string): string[] {
    const out: string[] = [];
    for (const item of readList(this.cell(key))) {
      const r = readId(item);
      if (r.ok) out.push(r.value);
      else this.error(r.code, key, r.message, r.params);
    }
    return out;
  }

  /** A `zh`/`en` pair from `<prefix>_zh` and `<prefix>_en`; one alone is used for both languages. */
  localized(prefix: string, required = false): Localized | undefined {
    const zh = this.text(`${prefix}_zh`);
    const en = this.text(`${prefix}_en`);
    if (zh === undefined && en === undefined) {
      if (required) this.missing(this.table.index.has(`${prefix}_zh`) ? `${prefix}_zh` : `${prefix}_en`);
      return undefined;
    }
    return { zh: zh ?? en!, en: en ?? zh! };
  }

  /** The row's citation, when its `source_id` is filled. */
  citation(): Citation | undefined {
    const sourceId = this.id('source_id');
    if (sourceId === undefined) return undefined;
    const locator = this.text('locator', true);
    const quote = this.text('quote');
    const en = this.text('translation_en');
    const zh = this.text('translation_zh');
    if ((en !== undefined || zh !== undefined) && quote === undefined) {
      this.error('required', 'quote', 'is required with a translation: a translation needs the quote it translates');
      return undefined;
    }
    if (locator === undefined) return undefined;
    if (!quote) return { sourceId, locator };
    const translation = { ...(en !== undefined && { en }), ...(zh !== undefined && { zh }) };
    return en !== undefined || zh !== undefined
      ? { sourceId, locator, quote, translation }
      : { sourceId, locator, quote };
  }

  /** Whether the row repeats a record's key and fills nothing but citation and scope columns. */
  isCitationOnly(): boolean {
    const spec = this.table.spec;
    return spec.columns.every(
      (c) =>
        spec.keyColumns.includes(c.key) ||
        CITATION_COLUMNS.includes(c.key) ||
        c.key === spec.scopeColumn ||
        !this.has(c.key),
    );
  }

  /** The record's key as text (`from\0to` for edges). */
  key(): string {
    return this.table.spec.keyColumns.map((k) => cellText(this.cell(k)).trim()).join('\u0000');
  }
}
