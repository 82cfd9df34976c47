/**
 * Storing an import: what it would change (a preview, before anything is written), and the write
 * itself, which replaces everything stored in one transaction and can be undone like any edit. Saved
 * views, briefings, scenarios and layouts a file carries (a backup carries them all) travel with it.
 */
import type { ImportIssue, ImportResult } from '../io/types';
import type { EditKind } from '../model/edits';
import { datasetRecords, sameValue } from '../model/edits';
import type { ValidationIssue } from '../model/issues';
import type { PatchMode } from '../model/patch';
import { applyPatch } from '../model/patch';
import type { Dataset, Localized } from '../model/types';
import { validateDataset } from '../model/validate';
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
  const counts = Object.fromEntries(
    Object.values(COUNTED).map((k) => [k, { added: 0, changed: 0, removed: 0 }]),
  ) as Record<CountKind, { added: number; changed: number; removed: number }>;
  const old = new Map<string, { kind: EditKind; value: unknown }>();
  if (before)
    for (const { ref, value } of datasetRecords(before)) old.set(JSON.stringify(ref), { kind: ref.kind, value });
  for (const { ref, value } of datasetRecords(after)) {
    const key = JSON.stringify(ref);
    const was = old.get(key);
    const count = counts[COUNTED[ref.kind]];
    if (!was) count.added++;
    else if (!sameValue(was.value, value)) count.changed++;
    old.delete(key);
  }
  for (const { kind } of old.values()) counts[COUNTED[kind]].removed++;
  return { ...counts, ...countWork(workOf(before), workOf(after)) };
}

/** The loss an import would cause, when it removes more than half of the stored records. */
export function dataLoss(before: Dataset | undefined, counts: ImportCounts): DataLoss | undefined {
  if (!before) return undefined;
  const work = workOf(before);
  const stored = [...datasetRecords(before)].length + WORK_KINDS.reduce((n, k) => n + work[k].length, 0);
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
  const counted = (next: Dataset): ImportPreview => {
    const counts = countChanges(current, next);
    const loss = dataLoss(current, counts);
    return { ok: true, dataset: next, counts, ...(loss && { loss }) };
  };
  if (result.kind === 'dataset' && (mode === 'replace' || !current)) {
    // Taken as it is: its reader has validated it already, and a big file is not checked twice.
    return counted(result.dataset);
  }
  const next =
    result.kind === 'dataset' ? mergeWhole(current, result.dataset, mode) : applyPatch(current, result.patch, mode);
  const checked = validateDataset(next);
  if (!checked.ok) return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error'), importIssues: [] };
  return counted(checked.dataset);
}

/**
 * The preview of several files imported as one: each merged in turn, in the order given (sources, then
 * firms, then relations: each file was read against the data with the ones before it merged in), the
 * result checked once. Refused as a whole when any file was refused.
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
  const checked = validateDataset(next);
  if (!checked.ok) return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error'), importIssues: [] };
  const counts = countChanges(current, checked.dataset);
  const loss = dataLoss(current, counts);
  return { ok: true, dataset: checked.dataset, counts, ...(loss && { loss }) };
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
 */
export async function commitImport(
  db: ChainAtlasDB,
  dataset: Dataset,
  label: Localized,
  options: { readonly base?: Dataset } = {},
): Promise<void> {
  const checked = validateDataset(dataset);
  if (!checked.ok) throw new Error(`the imported data is invalid: ${checked.issues[0]?.message ?? ''}`);
  const next = checked.dataset;
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
