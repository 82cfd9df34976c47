/**
 * Saved views and briefings in the store. Each write is one transaction; deleting a view also takes it
 * out of every briefing, so a briefing never names a view that is gone.
 */
import type { Briefing, SavedView } from '../model/types';
import type { ChainAtlasDB } from './db';

const nextSeq = async (table: ChainAtlasDB['views'] | ChainAtlasDB['briefings']) =>
  ((await table.orderBy(':id').toArray()).reduce((max, row) => Math.max(max, row.seq), -1) as number) + 1;

/** Adds a view after the others. */
export async function addView(db: ChainAtlasDB, view: SavedView): Promise<void> {
  await db.transaction('rw', db.views, async () => {
    await db.views.add({ ...view, seq: await nextSeq(db.views) });
  });
}

/** Changes a view (title, notes), keeping its place. */
export async function putView(db: ChainAtlasDB, view: SavedView): Promise<void> {
  await db.transaction('rw', db.views, async () => {
    const old = await db.views.get(view.id);
    if (!old) throw new Error(`view "${view.id}" is not stored`);
    await db.views.put({ ...view, seq: old.seq });
  });
}

/** Deletes a view and takes it out of every briefing. */
export async function deleteView(db: ChainAtlasDB, id: string): Promise<void> {
  await db.transaction('rw', db.views, db.briefings, async () => {
    await db.views.delete(id);
    for (const b of await db.briefings.toArray()) {
      if (b.viewIds.includes(id)) await db.briefings.put({ ...b, viewIds: b.viewIds.filter((v) => v !== id) });
    }
  });
}

/** Moves a view one place up (-1) or down (+1) in the list. */
export async function moveView(db: ChainAtlasDB, id: string, by: -1 | 1): Promise<void> {
  await db.transaction('rw', db.views, async () => {
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
  await db.transaction('rw', db.briefings, async () => {
    const old = await db.briefings.get(briefing.id);
    await db.briefings.put({ ...briefing, seq: old?.seq ?? (await nextSeq(db.briefings)) });
  });
}

export async function deleteBriefing(db: ChainAtlasDB, id: string): Promise<void> {
  await db.briefings.delete(id);
}
