/**
 * The undo/redo history table and the edit bookkeeping in `meta` that every kind of edit shares (record
 * edits, imports, undo and redo). Every function here runs inside the caller's read-write transaction.
 */
import { digestText } from '../model/digest';
import type { RecordRef } from '../model/edits';
import type { ValidationIssue } from '../model/issues';
import type { Dataset } from '../model/types';
import type { ChainAtlasDB, HistoryRow } from './db';

/** How many undo steps are kept; older ones are dropped. */
export const MAX_HISTORY = 500;

/** Meta key: when the data was last edited (ISO time); absent until the first edit after seeding or reset. */
export const LAST_EDIT_KEY = 'lastEditAt';
/** Meta key: a counter that goes up by one with every edit, so backups compare without clocks. */
export const EDIT_SERIAL_KEY = 'editSerial';

/** Who changed a record elsewhere, and when (ISO time), when team sync knows. */
export interface ChangedBy {
  readonly by: string;
  readonly at: string;
}

/**
 * An edit refused because the stored data is not what it was made on: another tab changed a record it
 * touches (`record` names it), or the result would break a reference (`issues`), or the history moved.
 * `changedBy` says who changed the record when the change came from another planner through team sync.
 * Nothing was written.
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly record?: RecordRef,
    readonly issues: readonly ValidationIssue[] = [],
    readonly changedBy?: ChangedBy,
  ) {
    super(message);
  }
}

/** A JSON text of `value` with keys sorted, so equal data gives equal text whatever its key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * A fingerprint of a dataset's data (or of no data), independent of key order. Saved views and
 * briefings are left out: they are not undo steps, so saving a view after an import must not stop
 * the import from being undone (see `keepViews`).
 */
export function datasetDigest(dataset: Dataset | undefined): string {
  if (dataset === undefined) return 'empty';
  const { views: _views, briefings: _briefings, ...data } = dataset;
  return digestText(canonicalJson(data));
}

/**
 * `target` (the data an undo or redo puts back) with the saved views and briefings of both sides:
 * the current ones as they are, and those only `target` has. Undoing an import never loses a view.
 */
export function keepViews(target: Dataset, current: Dataset | undefined): Dataset {
  const union = <T extends { readonly id: string }>(now: readonly T[] = [], then: readonly T[] = []): T[] => {
    const ids = new Set(now.map((x) => x.id));
    return [...now, ...then.filter((x) => !ids.has(x.id))];
  };
  const { views: _views, briefings: _briefings, ...data } = target;
  const views = union(current?.views, target.views);
  const briefings = union(current?.briefings, target.briefings);
  return { ...data, ...(views.length ? { views } : {}), ...(briefings.length ? { briefings } : {}) };
}

/**
 * Meta key: the version of the stored data, one up with every write of it (an edit, undo, redo,
 * import, reset, a saved view). A tab holds the data in memory at a version; a write that finds the
 * store at another one knows another tab wrote meanwhile.
 */
export const DATA_VERSION_KEY = 'dataVersion';

/** A write of the stored data: the version it found and the one it left. */
export interface VersionStep {
  readonly previous: number;
  readonly version: number;
}

/** The version of the stored data (0 before the first write). */
export async function dataVersion(db: ChainAtlasDB): Promise<number> {
  return ((await db.meta.get(DATA_VERSION_KEY))?.value as number | undefined) ?? 0;
}

/** Puts the data version one up; the caller holds a read-write transaction over `meta`. */
export async function bumpVersion(db: ChainAtlasDB): Promise<VersionStep> {
  const previous = await dataVersion(db);
  await db.meta.put({ key: DATA_VERSION_KEY, value: previous + 1 });
  return { previous, version: previous + 1 };
}

/** Bumps the edit counter, the last-edit time and the data version. */
export async function noteEdit(db: ChainAtlasDB, at: string): Promise<VersionStep> {
  const serial = ((await db.meta.get(EDIT_SERIAL_KEY))?.value as number | undefined) ?? 0;
  await db.meta.bulkPut([
    { key: EDIT_SERIAL_KEY, value: serial + 1 },
    { key: LAST_EDIT_KEY, value: at },
  ]);
  return bumpVersion(db);
}

/** Records a new step: drops the steps that could have been redone, adds it, keeps the last `MAX_HISTORY`. */
export async function appendStep(db: ChainAtlasDB, step: Omit<HistoryRow, 'id' | 'state'>): Promise<void> {
  await db.history.where('state').equals('undone').delete();
  await db.history.add({ ...step, state: 'done' });
  await trimHistory(db, MAX_HISTORY);
}

/** Drops the oldest steps beyond `keep`. */
export async function trimHistory(db: ChainAtlasDB, keep: number): Promise<void> {
  const excess = (await db.history.count()) - keep;
  if (excess > 0) await db.history.bulkDelete(await db.history.orderBy(':id').limit(excess).primaryKeys());
}

/** The step undo would take back (the last done one) or redo would repeat (the first undone one). */
export async function nextStep(db: ChainAtlasDB, direction: 'undo' | 'redo'): Promise<HistoryRow | undefined> {
  return direction === 'undo'
    ? db.history.where('state').equals('done').last()
    : db.history.where('state').equals('undone').first();
}
