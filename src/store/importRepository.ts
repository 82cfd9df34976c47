/**
 * Storing an import: what it would change (a preview, before anything is written), and the write
 * itself, which replaces everything stored in one transaction and can be undone like any edit. Saved
 * views, briefings, scenarios and layouts a file carries (a backup carries them all) travel with it.
 */
import type { ImportIssue, ImportResult } from '../io/types';
import type { EditKind, RecordChange } from '../model/edits';
import { diffDatasets, sameValue } from '../model/edits';
import type { ValidationIssue } from '../model/issues';
import type { PatchMode } from '../model/patch';
import { applyPatch } from '../model/patch';
import type { Dataset, Localized } from '../model/types';
import { validateDataset } from '../model/validate';
import { recordCount, validateChange } from '../model/validateChange';
export { describeStorageError, type StorageErrorInfo } from './storageError';
import type { ChainAtlasDB } from './db';
import { readDataset, replaceDataset } from './datasetRepository';
import { ConflictError, appendStep, datasetDigest, noteEdit } from './history';
import {
  WORK_KINDS,
  countWork,
  mergeWork,
  readStoredExtras,
  withWork,
  workOf,
  writeStoredExtras,
  type SavedWork,
  type WorkKind,
} from './savedWork';

/** The kinds of record an import preview counts. */
export type CountKind =
  | 'links'
  | 'edges'
  | 'states'
  | 'enterprises'
  | 'projects'
  | 'indicators'
  | 'relations'
  | 'sources'
  | 'chains'
  | 'regions'
  | WorkKind;

export interface ChangeCount {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

export type ImportCounts = Readonly<Record<CountKind, ChangeCount>>;

/** An import that would remove most of what is stored: how many records it removes, of how many. */
export interface DataLoss {
  readonly removed: number;
  readonly stored: number;
}

/** What an import would store, or why it cannot (the file's own issues, or errors in the merged data). */
export type ImportPreview =
  | {
      readonly ok: true;
      readonly dataset: Dataset;
      readonly counts: ImportCounts;
      /** The records it adds, changes and removes (saved work aside), with their values before and after. */
      readonly changes: readonly RecordChange[];
      /**
       * How `dataset` was checked: `change`, by what it changes in the data it was made on (a merge:
       * `validateChange`, valid exactly when whole validation says so on valid stored data); `whole`, by
       * its reader (a file taken as it is).
       */
      readonly checked: 'change' | 'whole';
      /** The data it was made on: the stored dataset with the scenarios and layouts stored beside it. */
      readonly base: Dataset | undefined;
      /** Set when the import would remove more than half of the stored records: the user must say so. */
      readonly loss?: DataLoss;
    }
  | {
      readonly ok: false;
      /** Errors found in the data the import would give (a patch referring to links nowhere, say). */
      readonly issues: readonly ValidationIssue[];
      /** The file's own problems, when reading it failed. */
      readonly importIssues: readonly ImportIssue[];
    };

const COUNTED: Readonly<Record<EditKind, CountKind>> = {
  source: 'sources',
  chain: 'chains',
  region: 'regions',
  link: 'links',
  edge: 'edges',
  linkState: 'states',
  enterprise: 'enterprises',
  project: 'projects',
  indicator: 'indicators',
  relation: 'relations',
};

/**
 * Records added, changed and removed per kind between two datasets (a chain or region counts its own
 * fields only), saved work included.
 */
export function countChanges(before: Dataset | undefined, after: Dataset): ImportCounts {
  return countRecordChanges(recordChanges(before, after), before, after);
}

/** The records that differ between two datasets (all of `after` added when there is no `before`). */
function recordChanges(before: Dataset | undefined, after: Dataset): readonly RecordChange[] {
  return diffDatasets(before ?? { ...after, sources: [], chains: [], regions: [] }, after, { zh: '', en: '' }).changes;
}

/** `countChanges` from the record changes already found between the two datasets. */
function countRecordChanges(
  changes: readonly RecordChange[],
  before: Dataset | undefined,
  after: Dataset,
): ImportCounts {
  const counts = Object.fromEntries(
    Object.values(COUNTED).map((k) => [k, { added: 0, changed: 0, removed: 0 }]),
  ) as Record<CountKind, { added: number; changed: number; removed: number }>;
  for (const c of changes) {
    const count = counts[COUNTED[c.kind]];
    if (c.before === undefined) count.added++;
    else if (c.after === undefined) count.removed++;
    else count.changed++;
  }
  return { ...counts, ...countWork(workOf(before), workOf(after)) };
}

/** The loss an import would cause, when it removes more than half of the stored records. */
export function dataLoss(before: Dataset | undefined, counts: ImportCounts): DataLoss | undefined {
  if (!before) return undefined;
  const work = workOf(before);
  const stored = recordCount(before) + WORK_KINDS.reduce((n, k) => n + work[k].length, 0);
  const removed = Object.values(counts).reduce((n, c) => n + c.removed, 0);
  return removed * 2 > stored ? { removed, stored } : undefined;
}

/**
 * A whole imported dataset met with the stored one: `replace` takes the file as it is; `merge` keeps
 * what is stored and merges the file's records into it by key, chain by chain and region by region,
 * and its saved views, briefings, scenarios and layouts by id.
 */
export function mergeWhole(current: Dataset | undefined, incoming: Dataset, mode: PatchMode): Dataset {
  if (mode === 'replace' || !current) return incoming;
  let out = applyPatch(current, { sources: incoming.sources }, 'merge');
  for (const chain of incoming.chains) out = applyPatch(out, { chain }, 'merge');
  for (const region of incoming.regions) out = applyPatch(out, { region }, 'merge');
  return withWork(out, mergeWork(workOf(current), workOf(incoming)));
}

/**
 * The checked preview of `next`, made from `current`. A dataset made by merging records into the stored
 * one is checked by what it changed (`validateChange`: the records written and the references they can
 * break); one that comes in as a whole (a replace, a first import) was validated whole by its reader.
 */
function checkedPreview(current: Dataset | undefined, next: Dataset, merged: boolean): ImportPreview {
  let dataset = next;
  let changes: readonly RecordChange[];
  if (merged && current) {
    const checked = validateChange(current, next);
    if (!checked.ok) return { ok: false, issues: checked.issues, importIssues: [] };
    ({ dataset, changes } = checked);
  } else if (merged) {
    const checked = validateDataset(next);
    if (!checked.ok)
      return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error'), importIssues: [] };
    dataset = checked.dataset;
    changes = recordChanges(current, dataset);
  } else changes = recordChanges(current, dataset);
  const counts = countRecordChanges(changes, current, dataset);
  const loss = dataLoss(current, counts);
  const checked = merged && current ? 'change' : 'whole';
  return { ok: true, dataset, counts, changes, checked, base: current, ...(loss && { loss }) };
}

/**
 * What storing an import would give, checked, with counts of what it adds, changes and removes. Pure;
 * nothing is written. For a patch, `mode` is `applyPatch`'s; for a whole dataset, see `mergeWhole`.
 * `stored` is what the store holds besides the dataset (scenarios and the user's layouts), so that the
 * preview counts those too; the dataset given back carries them.
 */
export function previewImport(
  dataset: Dataset | undefined,
  result: ImportResult,
  mode: PatchMode,
  stored?: Pick<SavedWork, 'scenarios' | 'layouts'>,
): ImportPreview {
  if (!result.ok) return { ok: false, issues: [], importIssues: result.issues };
  const current = dataset && stored ? withWork(dataset, { ...workOf(dataset), ...stored }) : dataset;
  if (result.kind === 'dataset' && (mode === 'replace' || !current)) {
    // Taken as it is: its reader has validated it already, and a big file is not checked twice.
    return checkedPreview(current, result.dataset, false);
  }
  const next =
    result.kind === 'dataset' ? mergeWhole(current, result.dataset, mode) : applyPatch(current, result.patch, mode);
  // A patch in replace mode replaces whole tables: still records merged into the stored data, so still
  // checked by what it changed (removed records included).
  return checkedPreview(current, next, true);
}

/**
 * The preview of several files imported as one: each merged in turn, in the order given (sources, then
 * firms, then relations: each file was read against the data with the ones before it merged in), the
 * result checked once, by what it changed. Refused as a whole when any file was refused.
 */
export function previewImports(
  dataset: Dataset | undefined,
  results: readonly ImportResult[],
  stored?: Pick<SavedWork, 'scenarios' | 'layouts'>,
): ImportPreview {
  if (results.some((r) => !r.ok)) return { ok: false, issues: [], importIssues: results.flatMap((r) => r.issues) };
  const current = dataset && stored ? withWork(dataset, { ...workOf(dataset), ...stored }) : dataset;
  let next = current;
  for (const r of results) {
    if (!r.ok) continue;
    next = r.kind === 'dataset' ? mergeWhole(next, r.dataset, 'merge') : applyPatch(next, r.patch, 'merge');
  }
  if (!next) return { ok: false, issues: [], importIssues: [] };
  return checkedPreview(current, next, true);
}

/** The stored dataset with everything saved besides it, as `previewImport` and `commitImport` compare it. */
async function readEverything(db: ChainAtlasDB): Promise<{ data: Dataset | undefined; work: SavedWork }> {
  const data = await readDataset(db);
  return { data, work: { ...workOf(data), ...(await readStoredExtras(db)) } };
}

/**
 * Replaces everything stored with `dataset` (its saved views, briefings, scenarios and layouts too) in
 * one transaction and records the step for undo, keeping both sides of it. Give `base`, the dataset the
 * preview was made on (with the scenarios and layouts stored then), to refuse with a ConflictError if
 * another tab has changed any of it since. A write that fails part way (the disk is full, say) leaves
 * everything as it was.
 *
 * `dataset` is validated whole here unless `checkedOnBase` says it was checked by what it changes in
 * `base` (`validateChange`: a merge's preview, `checked: 'change'`); the write then goes ahead only if
 * the store still holds `base`, so what is stored is still valid as a whole.
 */
export async function commitImport(
  db: ChainAtlasDB,
  dataset: Dataset,
  label: Localized,
  options: { readonly base?: Dataset; readonly checkedOnBase?: boolean } = {},
): Promise<void> {
  let next = dataset;
  if (!options.base || !options.checkedOnBase) {
    const checked = validateDataset(dataset);
    if (!checked.ok) throw new Error(`the imported data is invalid: ${checked.issues[0]?.message ?? ''}`);
    next = checked.dataset;
  }
  const tables = [...db.dataTables, db.scenarios, db.layouts, db.history, db.meta];
  await db.transaction('rw', tables, async () => {
    const before = await readEverything(db);
    const { base } = options;
    if (base && !sameValue(before.data && withWork(before.data, before.work), withWork(base, workOf(base)))) {
      throw new ConflictError('the data was changed in another tab or window since the import was previewed');
    }
    const at = new Date().toISOString();
    await replaceDataset(db, next);
    await writeStoredExtras(db, workOf(next));
    // Both fingerprints come from reading the store, as undo reads it: what is compared is what is kept.
    const after = await readEverything(db);
    const change = {
      kind: 'dataset',
      other: before.data ?? null,
      beforeDigest: datasetDigest(before.data),
      afterDigest: datasetDigest(after.data),
      work: { before: before.work, after: after.work },
    } as const;
    await appendStep(db, { label, at, change });
    await noteEdit(db, at);
  });
}
