/**
 * Start-up's early read (plain IndexedDB, begun by the page's head script on a later visit): it never
 * makes or changes a database, reads nothing from one at another schema (the app then opens it through
 * Dexie), gives the same answer in the copy the head script runs (made from its text), and is taken
 * by the app only for the question the app asks.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { tinyDataset } from '../model/testing';
import { readDataset, readFirstRegion, replaceDataset } from './datasetRepository';
import { DB_NAME, NATIVE_VERSION } from './dbName';
import { EARLY_READ_GLOBAL, earlyRead, takeEarlyRead, type EarlyRows } from './earlyRead';
import { databaseMissing } from './firstVisit';
import { putLayout } from './layoutRepository';
import { freshName, openDb } from './testing';

const SEEDED = { seed: { seededAt: '2026-12-06T00:00:00Z', shippedDigest: 'tiny' } };

describe('the early read', () => {
  it('makes no database where there is none', async () => {
    const name = freshName();
    expect(await earlyRead(name, 30, null, null)).toBeUndefined();
    expect(await databaseMissing(name)).toBe(true);
  });

  it('reads nothing from a database at another schema, and leaves it as it was', async () => {
    const db = openDb();
    await replaceDataset(db, tinyDataset(), SEEDED);
    db.close();
    expect(await earlyRead(db.name, NATIVE_VERSION + 10, null, null)).toBeUndefined();
    const again = openDb(db.name);
    expect(await readDataset(again)).toEqual(tinyDataset());
    expect(again.backendDB().version).toBe(NATIVE_VERSION);
  });

  it('runs the same from the copy the head script makes of its text', async () => {
    const db = openDb();
    await replaceDataset(db, tinyDataset(), SEEDED);
    await putLayout(db, 'L', { a: { x: 1, y: 2 } }, true);
    // As the head script holds it: no module around it, nothing imported.
    const copy = new Function(`return ${earlyRead.toString()}`)() as typeof earlyRead;
    const fromCopy = await copy(db.name, NATIVE_VERSION, 'r1', 'L');
    expect(fromCopy).toEqual(await earlyRead(db.name, NATIVE_VERSION, 'r1', 'L'));
    expect(fromCopy?.layout?.positions).toEqual({ a: { x: 1, y: 2 } });
    const first = await readFirstRegion(db.name, 'r1', {
      layoutKey: 'L',
      early: Promise.resolve(fromCopy),
      open: async () => db,
    });
    expect(first.dataset).toEqual(tinyDataset());
    expect(first).toMatchObject({ seeded: true, regionId: 'r1' });
  });
});

describe('taking the head script’s read', () => {
  const rows = Promise.resolve(undefined as EarlyRows | undefined);
  const asked = { name: DB_NAME, region: null, layoutKey: 'L' };
  const page = globalThis as Record<string, unknown>;

  it('takes it once, for the same question only', () => {
    page[EARLY_READ_GLOBAL] = { asked, rows };
    expect(takeEarlyRead({ ...asked })).toBe(rows);
    expect(takeEarlyRead({ ...asked })).toBeUndefined();
  });

  it('leaves it for another region, layout or database', () => {
    for (const other of [{ region: 'wuwei' }, { layoutKey: null }, { name: 'other' }]) {
      page[EARLY_READ_GLOBAL] = { asked, rows };
      expect(takeEarlyRead({ ...asked, ...other })).toBeUndefined();
      expect(page[EARLY_READ_GLOBAL]).toBeUndefined();
    }
  });
});
