/**
 * Problems found in data, with enough detail to find and fix them: which record, which field, why.
 * The UI translates them by `code`; `message` is the English wording for logs and tests.
 */

export type IssueCode =
  | 'not-object'
  | 'format-missing'
  | 'format-unsupported'
  | 'required'
  | 'type'
  | 'empty'
  | 'enum'
  | 'id-pattern'
  | 'duplicate-id'
  | 'unknown-ref'
  | 'date'
  | 'number'
  | 'negative'
  | 'out-of-range'
  | 'too-long'
  | 'unit'
  | 'self-loop'
  | 'duplicate-edge'
  | 'no-citation'
  | 'no-links'
  | 'bad-credit-code'
  | 'no-chain'
  | 'orphan-link'
  | 'uncited-source';

/** The kind of record an issue sits in; the UI names it in the user's language. */
export type RecordKind =
  | 'dataset'
  | 'source'
  | 'chain'
  | 'sub-chain'
  | 'link'
  | 'edge'
  | 'region'
  | 'link-state'
  | 'enterprise'
  | 'relation'
  | 'project'
  | 'indicator'
  | 'focus'
  | 'view'
  | 'briefing'
  | 'scenario'
  | 'layout';

export interface IssueRecord {
  readonly kind: RecordKind;
  /** The record's id, or for edges `from → to`; empty when the record has none yet. */
  readonly id: string;
}

export interface ValidationIssue {
  readonly severity: 'error' | 'warning';
  readonly code: IssueCode;
  /** Where in the document, e.g. `regions[0].linkStates[3].status`. */
  readonly path: string;
  readonly record: IssueRecord;
  /** The field at fault (`status`), or empty for the record as a whole. */
  readonly field: string;
  /** Details for the message, e.g. the bad value or the allowed values. */
  readonly params: Readonly<Record<string, string | number>>;
  /** English description. */
  readonly message: string;
}

/** Describes a record for an English message: `link "ni_metal"`. */
export function describeRecord(record: IssueRecord): string {
  return record.id ? `${record.kind} "${record.id}"` : record.kind;
}
