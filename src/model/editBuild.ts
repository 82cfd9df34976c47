/**
 * Building and checking edits: the part of the edit machinery that validates (the records an edit
 * writes and what refers to them, or the whole dataset for a chain or region head). Apart from
 * `editRecords.ts` (applying, inverting, comparing records), so that showing data and applying an
 * edit need no validation code: this module, with the validators, loads when an edit is made or
 * checked (forms, imports, a write behind the working copy).
 */
import type { ValidationIssue } from './issues';
import type { Dataset, Localized } from './types';
import {
  applyChange,
  applyEdit,
  getRecord,
  listOf,
  matcher,
  refOf,
  sameValue,
  type DatasetEdit,
  type EditKind,
  type EditResult,
  type Keys,
  type RecordChange,
  type RecordValues,
} from './editRecords';
import { validateDataset } from './validate';
import { checkEditReferences, readEditedRecord } from './validation/editCheck';

/**
 * The errors `edit` would leave in `dataset` (another copy than the one it was made on: the store,
 * after another tab wrote). Throws when a record is not as the edit expects, as `applyEdit` does. Data
 * already invalid before the edit does not count against it.
 */
export function recheckEdit(dataset: Dataset, edit: DatasetEdit): ValidationIssue[] {
  const after = applyEdit(dataset, edit);
  if (!edit.changes.some((c) => c.kind === 'chain' || c.kind === 'region'))
    return checkEditReferences(after, edit.changes);
  const checked = validateDataset(after);
  if (checked.ok || !validateDataset(dataset).ok) return [];
  return checked.issues.filter((i) => i.severity === 'error');
}

/** A change as an operation states it: the record and its new value (undefined removes it). */
export type Draft = {
  [K in EditKind]: { readonly kind: K } & Keys[K] & { readonly after?: RecordValues[K] };
}[EditKind];

/**
 * Turns drafts into a checked edit: fills in each record's `before` and a removed record's `index`,
 * reads each record written as validation would (keeping known fields only), checks the references the
 * edit can break (`validation/editCheck.ts`: the records it touches, not the whole dataset), and drops
 * changes that change nothing. Any error refuses the whole edit.
 */
export function buildEdit(dataset: Dataset, label: Localized, drafts: readonly Draft[]): EditResult {
  // Chain and region heads reach everything below them: such an edit is checked whole.
  const whole = drafts.some((d) => d.kind === 'chain' || d.kind === 'region');
  let working = dataset;
  const changes: RecordChange[] = [];
  // A record's errors, by record: one written twice in an edit is judged as it ends up.
  const unread = new Map<string, readonly ValidationIssue[]>();
  for (const draft of drafts) {
    let after: unknown = draft.after;
    const key = JSON.stringify(refOf(draft));
    unread.delete(key);
    if (after !== undefined && !whole) {
      const read = readEditedRecord(working, draft, after);
      if (read.ok) after = read.value;
      else unread.set(key, read.issues);
    }
    const before = getRecord(working, draft);
    const list = listOf(working, draft);
    const index = before !== undefined && after === undefined ? list?.findIndex(matcher(draft)) : undefined;
    const change = {
      ...draft,
      ...(after !== undefined && { after }),
      ...(before !== undefined && { before }),
      ...(index !== undefined && { index }),
    } as RecordChange;
    working = applyChange(working, change);
    changes.push(change);
  }
  if (unread.size) {
    // Reported where the records end up, as whole validation of the result would name them.
    const last = new Map(changes.map((c) => [JSON.stringify(refOf(c)), c]));
    const issues = [...unread.keys()].flatMap((key) => {
      const c = last.get(key)!;
      const read = readEditedRecord(working, c, c.after);
      return read.ok ? [] : read.issues;
    });
    return { ok: false, issues };
  }
  if (whole) {
    const checked = validateDataset(working);
    if (!checked.ok) return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error') };
    working = checked.dataset;
    for (const [i, c] of changes.entries())
      if (c.after !== undefined) changes[i] = { ...c, after: getRecord(working, c) } as RecordChange;
  } else {
    const broken = checkEditReferences(working, changes);
    if (broken.length) return { ok: false, issues: broken };
  }
  const clean = changes.filter((c) => !sameValue(c.before, c.after));
  return { ok: true, edit: { label, changes: clean }, dataset: working };
}
