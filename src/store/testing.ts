/**
 * Fresh test databases (fake-indexeddb) that are closed and deleted after each test. Not used by the app.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach } from 'vitest';
import type { DatasetEdit, EditResult } from '../model/edits';
import type { LinkState } from '../model/types';
import { ChainAtlasDB } from './db';

let count = 0;
const opened: { close(): void }[] = [];
const names = new Set<string>();

/** A name no other test uses. */
export function freshName(prefix = 'test'): string {
  const name = `${prefix}-${++count}`;
  names.add(name);
  return name;
}

/** Opens (a connection to) a database; a second call with the same name is a second tab. */
export function openDb(name: string = freshName()): ChainAtlasDB {
  names.add(name);
  return track(new ChainAtlasDB(name));
}

/** Registers a connection for closing after the test. */
export function track<T extends { close(): void }>(db: T): T {
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of [...names]) await Dexie.delete(name);
  names.clear();
});

/** The edit of an operation that must succeed. */
export function editOf(result: EditResult): DatasetEdit {
  if (!result.ok) throw new Error(`refused: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.edit;
}

/**
 * Writes one link's state straight into the store, bypassing edits and history, as another tab's older
 * version might (a new state goes after the existing ones).
 */
export async function putLinkState(db: ChainAtlasDB, regionId: string, state: LinkState): Promise<void> {
  await db.transaction('rw', db.linkStates, async () => {
    const existing = await db.linkStates.get([regionId, state.linkId]);
    const seq = existing?.seq ?? (await db.linkStates.where('regionId').equals(regionId).count());
    await db.linkStates.put({ ...state, regionId, seq });
  });
}
