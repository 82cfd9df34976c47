/**
 * Saved views and briefings in the store. Each write is one transaction that also notes the edit (so the
 * backup reminder knows); a briefing never names a view that is gone: deleting a view takes it out of
 * every briefing, and a briefing stored after a view was deleted elsewhere drops it.
 */
import type { Briefing, SavedView } from '../model/types';
import type { ChainAtlasDB } from './db';
import { noteEdit } from './history';

/** Runs `write` in one read-write transaction over `tables` and the meta table, noting the edit. */
function writeViews(db: ChainAtlasDB, tables: readonly ('views' | 'briefings')[], write: () => Promise<void>) {
  return db.transaction('rw', [...tables.map((t) => db[t]), db.meta], async () => {
    await write();
    await noteEdit(db, new Date().toISOString());
  });
}

const nextSeq = async (table: ChainAtlasDB['views'] | ChainAtlasDB['briefings']) =>
  ((await table.orderBy(':id').toArray()).reduce((max, row) => Math.max(max, row.seq), -1) as number) + 1;

/** Adds a view after the others. */
export async function addView(db: ChainAtlasDB, view: SavedView): Promise<void> {
  await writeViews(db, ['views'], async () => {
    await db.views.add({ ...view, seq: await nextSeq(db.views) });
  });
}

/** Changes a view (title, notes), keeping its place. */
export async function putView(db: ChainAtlasDB, view: SavedView): Promise<void> {
  await writeViews(db, ['views'], async () => {
    const old = await db.views.get(view.id);
    if (!old) throw new Error(`view "${view.id}" is not stored`);
    await db.views.put({ ...view, seq: old.seq });
  });
}

/** Deletes a view and takes it out of every briefing. */
export async function deleteView(db: ChainAtlasDB, id: string): Promise<void> {
  await writeViews(db, ['views', 'briefings'], async () => {
    await db.views.delete(id);
    for (const b of await db.briefings.toArray()) {
      if (b.viewIds.includes(id)) await db.briefings.put({ ...b, viewIds: b.viewIds.filter((v) => v !== id) });
    }
  });
}

/** Moves a view one place up (-1) or down (+1) in the list. */
export async function moveView(db: ChainAtlasDB, id: string, by: -1 | 1): Promise<void> {
  await writeViews(db, ['views'], async () => {
    const rows = (await db.views.toArray()).sort((a, b) => a.seq - b.seq);
    const i = rows.findIndex((r) => r.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= rows.length) return;
    const a = rows[i]!;
    const b = rows[j]!;
    await db.views.bulkPut([
      { ...a, seq: b.seq },
      { ...b, seq: a.seq },
    ]);
  });
}

/** Adds or changes a briefing (a new one goes after the others). */
export async function putBriefing(db: ChainAtlasDB, briefing: Briefing): Promise<void> {
  await writeViews(db, ['views', 'briefings'], async () => {
    const old = await db.briefings.get(briefing.id);
    const stored = new Set(await db.views.toCollection().primaryKeys());
    const viewIds = briefing.viewIds.filter((id) => stored.has(id));
    await db.briefings.put({ ...briefing, viewIds, seq: old?.seq ?? (await nextSeq(db.briefings)) });
  });
}

export async function deleteBriefing(db: ChainAtlasDB, id: string): Promise<void> {
  await writeViews(db, ['briefings'], () => db.briefings.delete(id));
}
