/**
 * Stored panorama layouts, so the chain stands where it stood last time and where the user put it.
 */
import type { ChainAtlasDB, LayoutRow } from './db';

export async function getLayout(db: ChainAtlasDB, key: string): Promise<LayoutRow | undefined> {
  return db.layouts.get(key);
}

export async function putLayout(
  db: ChainAtlasDB,
  key: string,
  positions: LayoutRow['positions'],
  custom: boolean,
): Promise<void> {
  await db.layouts.put({ key, positions, custom, savedAt: new Date().toISOString() });
}

export async function deleteLayout(db: ChainAtlasDB, key: string): Promise<void> {
  await db.layouts.delete(key);
}
