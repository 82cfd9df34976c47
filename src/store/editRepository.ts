/**
 * Storing edits with undo and redo. An edit (see `src/model/edits.ts`) names the records it changes
 * with their values before and after; storing it checks every `before` against the stored row first,
 * so an edit made on data another tab has changed since is refused whole instead of overwriting that
 * tab's work. Each store, undo and redo is one transaction over the data, the history and `meta`. The
 * history lives in IndexedDB, so it survives a reload and is shared by every tab.
 */
import type { IndexableType, Table } from 'dexie';
import type { DatasetEdit, RecordChange, RecordRef } from '../model/editRecords';
import { describeRef, invertEdit, refOf, sameValue } from '../model/editRecords';
import type { Dataset, Localized } from '../model/types';
import { FORMAT_VERSION } from '../model/types';
import type { ChainAtlasDB, HistoryChange } from './db';
import { readDataset, replaceDataset } from './datasetRepository';
import {
  ConflictError,
  appendStep,
  dataVersion,
  datasetDigest,
  keepViews,
  nextStep,
  noteEdit,
  type VersionStep,
} from './history';
import { readStoredExtras, restoreWork, withWork, workOf, writeStoredExtras } from './savedWork';

export { ConflictError } from './history';

type Row = Record<string, unknown> & { readonly seq: number };
interface Target {
  readonly table: Table<Row, IndexableType>;
  readonly key: IndexableType;
  /** The chain or region field rows of this kind carry besides the record itself. */
  readonly owner?: { readonly field: 'chainId' | 'regionId'; readonly value: string };
}

/** The table, primary key and owner field of the row that stores `ref`. */
function target(db: ChainAtlasDB, ref: RecordRef): Target {
  // The declared table properties (not `db.table(name)`), so tests can make one of them fail.
  const tables = {
    source: db.sources,
    chain: db.chains,
    region: db.regions,
    link: db.links,
    edge: db.edges,
    linkState: db.linkStates,
    enterprise: db.enterprises,
    project: db.projects,
    indicator: db.indicators,
    relation: db.relations,
  };
  const table = tables[ref.kind] as unknown as Table<Row, IndexableType>;
  switch (ref.kind) {
    case 'source':
    case 'chain':
    case 'region':
      return { table, key: ref.id };
    case 'link':
      return { table, key: [ref.chainId, ref.id], owner: { field: 'chainId', value: ref.chainId } };
    case 'edge':
      return { table, key: [ref.chainId, ref.from, ref.to], owner: { field: 'chainId', value: ref.chainId } };
    case 'linkState':
      return { table, key: [ref.regionId, ref.linkId], owner: { field: 'regionId', value: ref.regionId } };
    default:
      return { table, key: [ref.regionId, ref.id], owner: { field: 'regionId', value: ref.regionId } };
  }
}

/** A row without what only the store adds (`seq`, and `chainId`/`regionId` where those are not data). */
function recordOf(row: Row, owner: Target['owner']): Record<string, unknown> {
  const { seq: _seq, ...rest } = row;
  if (owner) delete rest[owner.field];
  return rest;
}

/**
 * The `seq` for a new row: after its siblings, or (for a record put back by undo) between the rows that
 * now stand at `index - 1` and `index`, so it returns to where it was.
 */
async function newSeq(t: Target, index: number | undefined): Promise<number> {
  const rows = t.owner ? await t.table.where(t.owner.field).equals(t.owner.value).toArray() : await t.table.toArray();
  const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
  const next = index === undefined ? undefined : seqs[index];
  if (next === undefined) return (seqs.at(-1) ?? -1) + 1;
  const prev = seqs[index! - 1];
  return prev === undefined ? next - 1 : (prev + next) / 2;
}

/**
 * Checks each change's `before` against its stored row, then writes its `after`, in order. The last
 * `seq` of each list is read once per edit, not once per new row: an edit that adds 2,000 firms (a
 * team's sync into a new browser) would otherwise read the growing list 2,000 times.
 */
async function writeChanges(db: ChainAtlasDB, changes: readonly RecordChange[]): Promise<void> {
  const lastSeq = new Map<string, number>();
  for (const change of changes) {
    const t = target(db, change);
    const row = await t.table.get(t.key);
    if (!sameValue(row && recordOf(row, t.owner), change.before)) {
      const message = `${describeRef(change)} was changed in another tab or window since this edit was made; nothing was saved`;
      throw new ConflictError(message, refOf(change));
    }
    if (change.after === undefined) {
      await t.table.delete(t.key);
    } else {
      // An updated record keeps its place; a new one goes after its siblings (or back where it stood).
      const list = `${t.table.name}\u0000${t.owner?.value ?? ''}`;
      const known = lastSeq.get(list);
      let seq = row?.seq;
      if (seq === undefined && change.index === undefined) {
        // After its siblings: the list's last seq, read once.
        seq = known !== undefined ? known + 1 : await newSeq(t, undefined);
        lastSeq.set(list, seq);
      } else if (seq === undefined) {
        // Back where it stood, between two rows: the last seq stays unless it went at the end.
        seq = await newSeq(t, change.index);
        if (known !== undefined) lastSeq.set(list, Math.max(known, seq));
      }
      await t.table.put({ ...change.after, ...(t.owner && { [t.owner.field]: t.owner.value }), seq });
    }
  }
}

const EMPTY: Dataset = { format: FORMAT_VERSION, sources: [], chains: [], regions: [] };

/**
 * What the caller knows of the stored data: the version its copy in memory is at, where it has
 * checked the edit already. When the store is still at that version, nothing else was written
 * meanwhile and the edit needs no other check than its rows' `before`; otherwise the store is read
 * and the edit checked against what it holds.
 */
export interface Basis {
  readonly version: number;
}

/**
 * Writes an edit's changes, refusing it when a row is not as the edit expects or when the result would
 * not validate: another tab may have changed records this edit does not touch but relies on (say,
 * added an edge to a link this edit deletes). That second check reads the store, and is skipped when
 * `basis` shows nothing was written since the caller checked the edit.
 */
async function applyRecords(
  db: ChainAtlasDB,
  edit: DatasetEdit,
  basis: Basis | undefined,
  { recheckEdit }: EditChecks,
): Promise<void> {
  const known = basis !== undefined && (await dataVersion(db)) === basis.version;
  const current = known ? undefined : ((await readDataset(db)) ?? EMPTY);
  await writeChanges(db, edit.changes);
  if (!current) return;
  const errors = recheckEdit(current, edit);
  if (errors.length) {
    const message = `the data was changed in another tab or window, and this edit no longer fits it: ${errors[0]?.message ?? ''}`;
    throw new ConflictError(message, undefined, errors);
  }
}

/** The edit checks: a chunk of their own (with the validators), loaded before a transaction starts,
 * since an IndexedDB transaction must not wait for a file. */
type EditChecks = typeof import('../model/editBuild');
const editChecks = (): Promise<EditChecks> => import('../model/editBuild');

/** The tables every edit, undo and redo writes in its one transaction (an import's undo writes saved work too). */
const editTables = (db: ChainAtlasDB) => [...db.dataTables, db.scenarios, db.layouts, db.history, db.meta];

/**
 * Stores an edit in one transaction: checks, writes, records it for undo (dropping anything that
 * could have been redone) and notes the edit time. An edit without changes stores nothing.
 *
 * @returns the data versions before and after, or undefined when nothing was stored.
 * @throws ConflictError when the stored data is not what the edit was made on; nothing is written.
 */
export async function commitEdit(db: ChainAtlasDB, edit: DatasetEdit, basis?: Basis): Promise<VersionStep | undefined> {
  if (edit.changes.length === 0) return undefined;
  const checks = await editChecks();
  return db.transaction('rw', editTables(db), async () => {
    await applyRecords(db, edit, basis, checks);
    const at = new Date().toISOString();
    await appendStep(db, { label: edit.label, at, change: { kind: 'records', edit } });
    return noteEdit(db, at);
  });
}

/**
 * Stores an edit that came from another planner through the sync server, in one transaction, checked
 * like `commitEdit` but without an undo step: the undo history stays each user's own.
 *
 * @returns the data versions before and after, or undefined when nothing was stored.
 * @throws ConflictError when the stored data is not what the edit was made on; nothing is written.
 */
export async function commitRemoteEdit(
  db: ChainAtlasDB,
  edit: DatasetEdit,
  basis?: Basis,
): Promise<VersionStep | undefined> {
  if (edit.changes.length === 0) return undefined;
  const checks = await editChecks();
  return db.transaction('rw', editTables(db), async () => {
    await applyRecords(db, edit, basis, checks);
    return noteEdit(db, new Date().toISOString());
  });
}

/**
 * Puts back the whole dataset an import step keeps, keeping the one it replaces in its place. Saved
 * views, briefings, scenarios and layouts go back to that side's too, except those saved or changed
 * since, which stay (`restoreWork`); a step stored before steps kept them stays with `keepViews`.
 */
async function swapDataset(
  db: ChainAtlasDB,
  change: Extract<HistoryChange, { kind: 'dataset' }>,
  direction: 'undo' | 'redo',
): Promise<HistoryChange> {
  const current = await readDataset(db);
  const expected = direction === 'undo' ? change.afterDigest : change.beforeDigest;
  if (datasetDigest(current) !== expected) {
    throw new ConflictError('the data was changed in another tab or window since the import; nothing was changed');
  }
  if (!change.work) {
    if (change.other) await replaceDataset(db, keepViews(change.other, current));
    else await Promise.all(db.dataTables.filter((t) => t !== db.views && t !== db.briefings).map((t) => t.clear()));
    return { ...change, other: current ?? null };
  }
  const { before, after } = change.work;
  const [target, leaving] = direction === 'undo' ? [before, after] : [after, before];
  const work = restoreWork(target, { ...workOf(current), ...(await readStoredExtras(db)) }, leaving);
  // No data on that side: the tables are emptied, and only saved work is written back.
  await replaceDataset(db, withWork(change.other ?? { ...EMPTY }, work));
  await writeStoredExtras(db, work);
  // The side written is fingerprinted as read back, as the import fingerprinted it, so the next undo
  // or redo compares like with like.
  const digest = datasetDigest(await readDataset(db));
  return {
    ...change,
    other: current ?? null,
    ...(direction === 'undo' ? { beforeDigest: digest } : { afterDigest: digest }),
  };
}

/** An undo or redo as it was stored. */
export interface AppliedStep extends VersionStep {
  readonly label: Localized;
  /** The records it changed, in the direction taken; absent when it put back a whole dataset (an import's). */
  readonly edit?: DatasetEdit;
}

async function move(
  db: ChainAtlasDB,
  direction: 'undo' | 'redo',
  expectedId?: number,
  basis?: Basis,
): Promise<AppliedStep | undefined> {
  const checks = await editChecks();
  return db.transaction('rw', editTables(db), async () => {
    const step = await nextStep(db, direction);
    if (expectedId !== undefined && step?.id !== expectedId) {
      throw new ConflictError(
        `another tab or window changed the history; nothing was ${direction === 'undo' ? 'undone' : 'redone'}`,
      );
    }
    if (!step) return undefined;
    let change = step.change;
    let edit: DatasetEdit | undefined;
    if (change.kind === 'records') {
      edit = direction === 'undo' ? invertEdit(change.edit) : change.edit;
      await applyRecords(db, edit, basis, checks);
    } else change = await swapDataset(db, change, direction);
    await db.history.put({ ...step, change, state: direction === 'undo' ? 'undone' : 'done' });
    const versions = await noteEdit(db, new Date().toISOString());
    return { label: step.label, ...versions, ...(edit && { edit }) };
  });
}

/**
 * Takes back the last edit in one transaction. Pass `expectedId` (`historyState().undoId`) to refuse if
 * another tab has added a step since the user looked, and `basis` as for `commitEdit`.
 *
 * @returns what was undone, or undefined when there was nothing to undo.
 * @throws ConflictError when the data or history changed meanwhile; nothing is written.
 */
export function undo(db: ChainAtlasDB, expectedId?: number, basis?: Basis): Promise<AppliedStep | undefined> {
  return move(db, 'undo', expectedId, basis);
}

/** Makes the last undone edit again, like `undo` in reverse (`expectedId` is `historyState().redoId`). */
export function redo(db: ChainAtlasDB, expectedId?: number, basis?: Basis): Promise<AppliedStep | undefined> {
  return move(db, 'redo', expectedId, basis);
}

/** What the undo and redo buttons show. */
export interface HistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel?: Localized;
  readonly redoLabel?: Localized;
  readonly undoId?: number;
  readonly redoId?: number;
  /** Steps kept, done and undone. */
  readonly count: number;
}

/** The state of the history, for the undo and redo buttons (follow it with a live query). */
export async function historyState(db: ChainAtlasDB): Promise<HistoryState> {
  return db.transaction('r', db.history, async () => {
    const [u, r, count] = await Promise.all([nextStep(db, 'undo'), nextStep(db, 'redo'), db.history.count()]);
    return {
      canUndo: u !== undefined,
      canRedo: r !== undefined,
      ...(u && { undoLabel: u.label, undoId: u.id }),
      ...(r && { redoLabel: r.label, redoId: r.id }),
      count,
    };
  });
}
