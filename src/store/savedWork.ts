/**
 * What a user saves besides the chain data: saved views and briefings (rows beside the data), what-if
 * scenarios and arrangements of the chain (tables of their own). A backup holds all four; an import
 * writes a file's in the same transaction as its data, and undoing the import puts the previous ones
 * back while keeping whatever was saved since.
 */
import { sameValue } from '../model/editRecords';
import type { Briefing, Dataset, SavedLayout, SavedView, Scenario } from '../model/types';
import type { ChainAtlasDB } from './db';

/** Everything a user saved that is not chain data, each kind in its order. */
export interface SavedWork {
  readonly views: readonly SavedView[];
  readonly briefings: readonly Briefing[];
  readonly scenarios: readonly Scenario[];
  readonly layouts: readonly SavedLayout[];
}

export type WorkKind = keyof SavedWork;
export const WORK_KINDS: readonly WorkKind[] = ['views', 'briefings', 'scenarios', 'layouts'];

type Item = SavedWork[WorkKind][number];
/** What identifies a record of each kind. */
const keyOf = (item: Item): string => ('key' in item ? item.key : item.id);

/** The saved work a dataset carries (an absent list is none). */
export function workOf(dataset: Dataset | undefined): SavedWork {
  return {
    views: dataset?.views ?? [],
    briefings: dataset?.briefings ?? [],
    scenarios: dataset?.scenarios ?? [],
    layouts: dataset?.layouts ?? [],
  };
}

/**
 * `dataset`'s chain data with `work` in place of its own; empty lists are left out, as validation
 * leaves them out, so equal datasets compare equal. A briefing keeps only views that `work` holds.
 */
export function withWork(dataset: Dataset, work: SavedWork): Dataset {
  const { views: _v, briefings: _b, scenarios: _s, layouts: _l, ...data } = dataset;
  const viewIds = new Set(work.views.map((v) => v.id));
  const briefings = work.briefings.map((b) =>
    b.viewIds.every((id) => viewIds.has(id)) ? b : { ...b, viewIds: b.viewIds.filter((id) => viewIds.has(id)) },
  );
  return {
    ...data,
    ...(work.views.length ? { views: work.views } : {}),
    ...(briefings.length ? { briefings } : {}),
    ...(work.scenarios.length ? { scenarios: work.scenarios } : {}),
    ...(work.layouts.length ? { layouts: work.layouts } : {}),
  };
}

/**
 * The stored scenarios, and the layouts the user arranged and saved (not those the app computed and
 * keeps only to start faster), in a stable order. Runs in the caller's transaction when there is one.
 */
export async function readStoredExtras(db: ChainAtlasDB): Promise<Pick<SavedWork, 'scenarios' | 'layouts'>> {
  const scenarios = (await db.scenarios.toArray()).sort(
    (a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id),
  );
  const layouts = (await db.layouts.toArray())
    .filter((l) => l.custom)
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ key, positions, savedAt }) => ({ key, positions, savedAt }));
  return { scenarios, layouts };
}

/**
 * Makes the stored scenarios and user layouts `work`'s (computed layouts stay). Call inside a read-write
 * transaction over the scenarios and layouts tables, so it lands with the data or not at all.
 */
export async function writeStoredExtras(db: ChainAtlasDB, work: Pick<SavedWork, 'scenarios' | 'layouts'>) {
  await db.scenarios.clear();
  await db.scenarios.bulkPut([...work.scenarios]);
  await db.layouts.bulkDelete(await db.layouts.filter((l) => l.custom).primaryKeys());
  await db.layouts.bulkPut(work.layouts.map((l) => ({ ...l, custom: true })));
}

/** Per kind and by id (layouts by key): `incoming`'s records replace stored ones with the same id; the rest stay. */
export function mergeWork(stored: SavedWork, incoming: SavedWork): SavedWork {
  const merge = <T extends Item>(a: readonly T[], b: readonly T[]): T[] => {
    const byKey = new Map(b.map((x) => [keyOf(x), x]));
    const kept = a.map((x) => byKey.get(keyOf(x)) ?? x);
    const keys = new Set(a.map(keyOf));
    return [...kept, ...b.filter((x) => !keys.has(keyOf(x)))];
  };
  return {
    views: merge(stored.views, incoming.views),
    briefings: merge(stored.briefings, incoming.briefings),
    scenarios: merge(stored.scenarios, incoming.scenarios),
    layouts: merge(stored.layouts, incoming.layouts),
  };
}

/**
 * What undoing (or redoing) an import leaves saved: `target`'s records (the side the step goes back
 * to), except that a record saved or changed since the step was taken — one `current` holds that
 * `leaving` (what the step wrote) does not hold as it is — stays, in place of `target`'s. So an undo
 * puts back exactly what was there, and loses nothing saved after the import.
 */
export function restoreWork(target: SavedWork, current: SavedWork, leaving: SavedWork): SavedWork {
  const restore = <T extends Item>(to: readonly T[], now: readonly T[], going: readonly T[]): T[] => {
    const wrote = new Map(going.map((x) => [keyOf(x), x]));
    const since = now.filter((x) => {
      const written = wrote.get(keyOf(x));
      return !written || !sameValue(written, x);
    });
    const sinceKeys = new Set(since.map(keyOf));
    return [...to.filter((x) => !sinceKeys.has(keyOf(x))), ...since];
  };
  return {
    views: restore(target.views, current.views, leaving.views),
    briefings: restore(target.briefings, current.briefings, leaving.briefings),
    scenarios: restore(target.scenarios, current.scenarios, leaving.scenarios),
    layouts: restore(target.layouts, current.layouts, leaving.layouts),
  };
}

/** Records of each kind added, changed and removed from `before` to `after`. */
export function countWork(
  before: SavedWork,
  after: SavedWork,
): Record<WorkKind, { added: number; changed: number; removed: number }> {
  const count = <T extends Item>(a: readonly T[], b: readonly T[]) => {
    const old = new Map(a.map((x) => [keyOf(x), x]));
    let added = 0;
    let changed = 0;
    for (const x of b) {
      const was = old.get(keyOf(x));
      if (!was) added++;
      else if (!sameValue(was, x)) changed++;
      old.delete(keyOf(x));
    }
    return { added, changed, removed: old.size };
  };
  return {
    views: count(before.views, after.views),
    briefings: count(before.briefings, after.briefings),
    scenarios: count(before.scenarios, after.scenarios),
    layouts: count(before.layouts, after.layouts),
  };
}
