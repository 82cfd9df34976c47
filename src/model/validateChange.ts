/**
 * Validating a dataset made from a valid one by merging records into it (an import's merge) by what
 * changed, not by reading every record again. Whole validation reads every record: at national scale
 * (20,000 firms, 50,000 relations) about half a second, on the main thread, for an import that may add
 * a handful. Here the records that differ are found, each one written is read by the same field readers
 * as whole validation (keeping known fields only), and only the references those changes can break are
 * followed (`validation/editCheck.ts`, as an edit is checked).
 *
 * On a valid `before`, the result agrees with `validateDataset(after)`: it refuses what whole validation
 * refuses and keeps what it keeps (tested against it in `validateChange.test.ts`). Where that cannot be
 * had record by record — a chain or region head changed (their sub-chains and chain reach everything
 * below them), saved work changed, a record key repeated — it validates the whole. Data that comes in
 * from outside as a whole (a replace, a restore, seeding) is validated whole by its callers.
 */
import { datasetRecords, refOf, sameValue, type RecordChange, type RecordRef } from './editRecords';
import type { ValidationIssue } from './issues';
import type { Dataset } from './types';
import { validateDataset } from './validate';
import { checkEditReferences, readEditedRecord } from './validation/editCheck';

export type ChangeValidation =
  | {
      readonly ok: true;
      /** `after` as whole validation would give it back: each written record with known fields only. */
      readonly dataset: Dataset;
      /** The records that differ from `before` (before and after), as `diffDatasets` gives them. */
      readonly changes: readonly RecordChange[];
      /** Whether the whole dataset had to be read (a head or saved work changed). */
      readonly whole: boolean;
    }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const WORK = ['views', 'briefings', 'scenarios', 'layouts'] as const;

/** The records that differ, or undefined when a record key appears twice in `after` (whole validation judges that). */
function diff(before: Dataset, after: Dataset): RecordChange[] | undefined {
  const old = new Map<string, { ref: RecordRef; value: unknown }>();
  for (const r of datasetRecords(before)) old.set(JSON.stringify(r.ref), r);
  const seen = new Set<string>();
  const changes: RecordChange[] = [];
  for (const r of datasetRecords(after)) {
    const key = JSON.stringify(r.ref);
    if (seen.has(key)) return undefined;
    seen.add(key);
    const was = old.get(key);
    old.delete(key);
    // The same object is unchanged (a merge keeps every record it does not touch as it was).
    if (was && (was.value === r.value || sameValue(was.value, r.value))) continue;
    changes.push({ ...r.ref, ...(was ? { before: was.value } : {}), after: r.value } as RecordChange);
  }
  for (const { ref, value } of old.values()) changes.push({ ...ref, before: value } as RecordChange);
  return changes;
}

/** Whole validation, with the changes it implies. */
function wholly(before: Dataset, after: Dataset): ChangeValidation {
  const checked = validateDataset(after);
  if (!checked.ok) return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error') };
  return { ok: true, dataset: checked.dataset, changes: diff(before, checked.dataset) ?? [], whole: true };
}

/** `ds` with the records `read` names put in place of those there (same keys, same places). */
function withRecords(ds: Dataset, read: ReadonlyMap<string, unknown>): Dataset {
  if (read.size === 0) return ds;
  const swap = <T>(list: readonly T[], ref: (x: T) => RecordRef): T[] =>
    list.map((x) => (read.get(JSON.stringify(ref(x))) as T | undefined) ?? x);
  return {
    ...ds,
    sources: swap(ds.sources, (s) => ({ kind: 'source', id: s.id })),
    chains: ds.chains.map((c) => ({
      ...c,
      links: swap(c.links, (l) => ({ kind: 'link', chainId: c.id, id: l.id })),
      edges: swap(c.edges, (e) => ({ kind: 'edge', chainId: c.id, from: e.from, to: e.to })),
    })),
    regions: ds.regions.map((r) => ({
      ...r,
      linkStates: swap(r.linkStates, (s) => ({ kind: 'linkState', regionId: r.id, linkId: s.linkId })),
      enterprises: swap(r.enterprises, (e) => ({ kind: 'enterprise', regionId: r.id, id: e.id })),
      projects: swap(r.projects, (p) => ({ kind: 'project', regionId: r.id, id: p.id })),
      indicators: swap(r.indicators, (i) => ({ kind: 'indicator', regionId: r.id, id: i.id })),
      ...(r.relations && { relations: swap(r.relations, (x) => ({ kind: 'relation', regionId: r.id, id: x.id })) }),
    })),
  };
}

/**
 * Validates `after`, made from the valid dataset `before` (the stored data), by what differs between
 * them. Errors only, as an import preview shows them.
 */
export function validateChange(before: Dataset, after: Dataset): ChangeValidation {
  if (WORK.some((k) => !sameValue(before[k] ?? [], after[k] ?? [])) || after.format !== before.format)
    return wholly(before, after);
  const changes = diff(before, after);
  if (!changes || changes.some((c) => c.kind === 'chain' || c.kind === 'region')) return wholly(before, after);
  if (!changes.length) return { ok: true, dataset: after, changes, whole: false };
  const issues: ValidationIssue[] = [];
  const read = new Map<string, unknown>();
  const kept: RecordChange[] = [];
  for (const c of changes) {
    if (c.after === undefined) {
      kept.push(c);
      continue;
    }
    const result = readEditedRecord(after, c, c.after);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    if (!sameValue(result.value, c.after)) read.set(JSON.stringify(refOf(c)), result.value);
    kept.push({ ...c, after: result.value } as RecordChange);
  }
  if (issues.length) return { ok: false, issues };
  const dataset = withRecords(after, read);
  const broken = checkEditReferences(dataset, kept);
  if (broken.length) return { ok: false, issues: broken };
  // A record whose unknown fields were all that changed is no change once read.
  const real = kept.filter((c) => !sameValue(c.before, c.after));
  return { ok: true, dataset, changes: real, whole: false };
}
