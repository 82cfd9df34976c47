/**
 * Building import issues: where a problem is (file, line and column, or sheet, row and column) and
 * what it is, in one English sentence the UI can replace by translating `code`.
 */
import type { IssueCode, ValidationIssue } from '../model/issues';
import { describeRecord } from '../model/issues';
import type { ImportIssue, ImportResult } from './types';

/**
 * Codes of problems found while reading a file, besides the model's own (`IssueCode`), which
 * validation of the imported records reports.
 */
export type ImportIssueCode =
  | IssueCode
  | 'empty-file'
  | 'too-large'
  | 'too-large-unpacked'
  | 'binary'
  | 'encoding'
  | 'wrong-encoding'
  | 'unknown-format'
  | 'json-syntax'
  | 'too-deep'
  | 'xml-syntax'
  | 'csv-syntax'
  | 'ragged-row'
  | 'unknown-table'
  | 'missing-columns'
  | 'unknown-column'
  | 'duplicate-column'
  | 'not-workbook'
  | 'save-as-xlsx'
  | 'unknown-sheet'
  | 'unsupported-table'
  | 'mixed-targets'
  | 'no-rows'
  | 'no-nodes'
  | 'default-stage'
  | 'default-sub-chain'
  | 'slugged-id'
  | 'ignored'
  | 'more-warnings'
  | 'aborted'
  | 'internal'
  | 'unresolved'
  | 'ambiguous-firm'
  | 'capacity-links';

/** Where in a file: a line and column for text, a sheet and row for spreadsheets, and the field. */
export interface Where {
  readonly line?: number;
  readonly column?: number;
  readonly sheet?: string;
  readonly row?: number;
  readonly field?: string;
}

/** `links.csv, row 5, column "capacity"`: the place as a person would look it up. */
export function describeWhere(file: string, where: Where): string {
  const parts = [file];
  if (where.sheet !== undefined) parts.push(`sheet "${where.sheet}"`);
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.column !== undefined) parts.push(`column ${where.column}`);
  if (where.field)
    parts.push(
      where.sheet !== undefined || where.row !== undefined ? `column "${where.field}"` : `field "${where.field}"`,
    );
  return parts.join(', ');
}

/** An issue at `where` in `file`; the message is prefixed with the place. */
export function makeIssue(
  severity: 'error' | 'warning',
  code: ImportIssueCode,
  file: string,
  where: Where,
  message: string,
  params: Readonly<Record<string, string | number>> = {},
): ImportIssue {
  return {
    severity,
    code,
    file,
    ...where,
    params,
    message: `${describeWhere(file, where)}: ${message}`,
  };
}

/** An error issue (see `makeIssue`). */
export function importError(
  code: ImportIssueCode,
  file: string,
  where: Where,
  message: string,
  params?: Readonly<Record<string, string | number>>,
): ImportIssue {
  return makeIssue('error', code, file, where, message, params);
}

/** Megabytes to one decimal, so a file just over the limit never reads as equal to it. */
function megabytes(bytes: number): string {
  return (Math.ceil((bytes / 1048576) * 10) / 10).toFixed(1);
}

/** The error for a file of `size` bytes, over the import limit of `limit` bytes. */
export function tooLarge(file: string, size: number, limit: number): ImportIssue {
  const sizeMb = megabytes(size);
  const limitMb = megabytes(limit);
  return importError(
    'too-large',
    file,
    {},
    `the file is ${sizeMb} MB; the largest file ChainAtlas imports is ${limitMb} MB`,
    { sizeMb, limitMb },
  );
}

/** A warning issue (see `makeIssue`). */
export function importWarning(
  code: ImportIssueCode,
  file: string,
  where: Where,
  message: string,
  params?: Readonly<Record<string, string | number>>,
): ImportIssue {
  return makeIssue('warning', code, file, where, message, params);
}

/**
 * A validation problem as an import issue. `where` places it in the file when the caller knows
 * (a row, a line); otherwise the field is the document path (`chains[0].links[3].stage`).
 */
export function fromValidation(file: string, v: ValidationIssue, where: Where = {}): ImportIssue {
  const place: Where = { ...where, field: where.field ?? v.path };
  const params = {
    ...v.params,
    record: describeRecord(v.record),
    recordKind: v.record.kind,
    recordId: v.record.id,
    path: v.path,
  };
  return makeIssue(v.severity, v.code, file, place, v.message, params);
}

/** Whether any issue is an error. */
export function hasErrors(issues: readonly ImportIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** A failed result; guarantees at least one error so callers never see `ok: false` without a reason. */
export function failure(file: string, issues: readonly ImportIssue[]): ImportResult {
  if (hasErrors(issues)) return { ok: false, issues };
  return {
    ok: false,
    issues: [...issues, importError('type', file, {}, 'the file could not be read')],
  };
}

/** Thrown inside parsers to stop at once with one issue (a syntax error, an abort). */
export class ImportStop extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
  }
}

/** A problem met on this many rows or more is told once, with its count and first rows. */
export const FOLD_AT = 4;
/** Rows (or lines) a folded problem lists. */
export const FOLDED_SHOWN = 5;

/** Params that name the record a row became (they differ on every row of one problem). */
const PER_RECORD = new Set(['record', 'recordId', 'recordKind', 'path']);

/**
 * The same problem on many rows as one issue: a firm list whose source column names an unknown source
 * on 2,000 rows is one error "on 2,000 rows: 2, 3, 4, 5, 6, …", not 2,000. Issues are the same problem
 * when they agree on everything but the place in the file (row, or line and column) and the record it
 * made: severity, code, file, sheet and field, and the value at fault. Issues not placed at a row or line are kept as
 * they are, and the order of first occurrences is kept.
 */
export function foldRepeated(issues: readonly ImportIssue[]): ImportIssue[] {
  const groups = new Map<string, ImportIssue[]>();
  const order: (ImportIssue | string)[] = [];
  for (const issue of issues) {
    if ((issue.row === undefined && issue.line === undefined) || issue.repeated) {
      order.push(issue);
      continue;
    }
    const params = Object.entries(issue.params)
      .filter(([k]) => !PER_RECORD.has(k))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify([
      issue.severity,
      issue.code,
      issue.file,
      issue.sheet,
      issue.field && !issue.field.includes('[') ? issue.field : undefined,
      params,
    ]);
    const group = groups.get(key);
    if (group) group.push(issue);
    else {
      groups.set(key, [issue]);
      order.push(key);
    }
  }
  // Warnings past the cap were only counted ("and 19,800 more"): they join their problem's count.
  const more = new Map<string, number>();
  for (const entry of order) {
    if (typeof entry !== 'string' && entry.code === 'more-warnings' && typeof entry.params.code === 'string') {
      more.set(entry.params.code, (more.get(entry.params.code) ?? 0) + Number(entry.params.count ?? 0));
    }
  }
  const foldedCodes = new Map<string, number>();
  for (const group of groups.values()) {
    if (group.length >= FOLD_AT && group[0]!.severity === 'warning') {
      foldedCodes.set(group[0]!.code, (foldedCodes.get(group[0]!.code) ?? 0) + 1);
    }
  }
  const absorbed = (code: string) => more.has(code) && foldedCodes.get(code) === 1;
  return order.flatMap((entry) => {
    if (typeof entry !== 'string') {
      return entry.code === 'more-warnings' && absorbed(String(entry.params.code)) ? [] : [entry];
    }
    const group = groups.get(entry)!;
    if (group.length < FOLD_AT) return group;
    const first = group[0]!;
    const count = group.length + (first.severity === 'warning' && absorbed(first.code) ? more.get(first.code)! : 0);
    const shown = group.slice(0, FOLDED_SHOWN);
    const rows = shown.flatMap((i) => (i.row !== undefined ? [i.row] : []));
    const lines = shown.flatMap((i) => (i.row === undefined && i.line !== undefined ? [i.line] : []));
    const unit = rows.length > 0 ? 'rows' : 'lines';
    const listed = (rows.length > 0 ? rows : lines).join(', ');
    const where: Where = {
      ...(first.sheet !== undefined ? { sheet: first.sheet } : {}),
      // A dataset path names the first record only; a column header holds for every row.
      ...(first.field !== undefined && !first.field.includes('[') ? { field: first.field } : {}),
    };
    const place = `${describeWhere(first.file, first)}: `;
    const what = first.message.startsWith(place) ? first.message.slice(place.length) : first.message;
    return [
      {
        ...first,
        message: `${describeWhere(first.file, where)}: on ${count} ${unit} (${listed}${count > shown.length ? ', …' : ''}): ${what}`,
        repeated: {
          count,
          ...(rows.length > 0 ? { rows } : {}),
          ...(lines.length > 0 ? { lines } : {}),
        },
      },
    ];
  });
}
