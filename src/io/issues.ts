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
  | 'ambiguous-firm';

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
