/**
 * The shipped data: loading it on first start, never over a user's data afterwards, and restoring it
 * on request ("Reset to shipped data").
 */
import { digestText } from '../model/digest';
import type { Dataset } from '../model/types';
import { load } from 'virtual:shipped-dataset';
import type { ChainAtlasDB } from './db';
import { SEED_KEY, replaceDataset, writeRows } from './datasetRepository';
import { LAST_EDIT_KEY, bumpVersion } from './history';

/** Where shipped data comes from; the app passes `loadShippedDataset`, tests pass their own. */
export type ShippedLoader = () => Promise<Dataset>;

/**
 * The data that ships with the app: the battery-chain template, Jinchang's state and the Hexi Corridor
 * regions around it, merged and validated when the app is built (`shippedData` in vite.config.ts), so
 * nothing is checked here. A fresh copy each call, fetched from this origin (a file of its own, which
 * only a first visit or a reset needs). Jinchang comes first: the app opens on the first region.
 */
export const loadShippedDataset: ShippedLoader = load;

/** A short fingerprint of a dataset, to tell later which shipped data a database started from. */
export function digest(dataset: Dataset): string {
  return digestText(JSON.stringify(dataset));
}

export interface SeedInfo {
  /** When the shipped data was written into this database. */
  readonly seededAt: string;
  readonly shippedDigest: string;
}

/**
 * On first start, writes the shipped data into the empty database; on every later start, does
 * nothing, so a user's data is never overwritten. Safe when two tabs start at once: the check and
 * the write happen in one transaction.
 *
 * @returns whether this call loaded the shipped data.
 */
export async function ensureSeeded(db: ChainAtlasDB, loadShipped: ShippedLoader): Promise<boolean> {
  if (await db.meta.get(SEED_KEY)) return false;
  const shipped = await loadShipped();
  return db.transaction('rw', [...db.dataTables, db.meta], async () => {
    if (await db.meta.get(SEED_KEY)) return false;
    await Promise.all(db.dataTables.map((t) => t.clear()));
    await writeRows(db, shipped);
    const info: SeedInfo = { seededAt: new Date().toISOString(), shippedDigest: digest(shipped) };
    await db.meta.put({ key: SEED_KEY, value: info });
    await bumpVersion(db);
    return true;
  });
}

/**
 * Replaces everything stored with the shipped data and clears the undo history, in one transaction.
 * The UI asks first. Undo stops at a reset: its steps were made on data that no longer exists. The
 * data is then the shipped data again, with no edits of the user's to back up, so the last-edit time
 * goes too (the edit counter stays, so a later edit still counts as newer than the last backup).
 */
export async function resetToShipped(db: ChainAtlasDB, loadShipped: ShippedLoader): Promise<void> {
  const shipped = await loadShipped();
  const info: SeedInfo = { seededAt: new Date().toISOString(), shippedDigest: digest(shipped) };
  await db.transaction('rw', [...db.dataTables, db.meta, db.history], async () => {
    await replaceDataset(db, shipped, { [SEED_KEY]: info });
    await db.history.clear();
    await db.meta.delete(LAST_EDIT_KEY);
    await bumpVersion(db);
  });
}

/** When and from what the database was seeded. */
export async function seedInfo(db: ChainAtlasDB): Promise<SeedInfo | undefined> {
  return (await db.meta.get(SEED_KEY))?.value as SeedInfo | undefined;
}
