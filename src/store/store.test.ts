import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { setLinkState } from '../model/edits';
import { tinyDataset } from '../model/testing';
import type { Dataset } from '../model/types';
import { ChainAtlasDB } from './db';
import { readDataset, replaceDataset } from './datasetRepository';
import { putLinkState } from './testing';
import { commitEdit, historyState, undo } from './editRepository';
import { ensureSeeded, resetToShipped, seedInfo } from './seed';

let count = 0;
const opened: ChainAtlasDB[] = [];
/** A fresh database, as on a browser that never ran the app. */
function freshDb(name = `test-${++count}`): ChainAtlasDB {
  const db = new ChainAtlasDB(name);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const shipped = async (): Promise<Dataset> => tinyDataset();

describe('first start and later starts', () => {
  it('loads the shipped data into an empty database', async () => {
    const db = freshDb();
    expect(await readDataset(db)).toBeUndefined();
    expect(await ensureSeeded(db, shipped)).toBe(true);
    expect(await readDataset(db)).toEqual(tinyDataset());
    expect((await seedInfo(db))?.shippedDigest).toMatch(/^[0-9a-f]{8}$/);
  });

  it('keeps a user change on the next start instead of reloading the shipped data', async () => {
    const name = `test-${++count}`;
    const first = freshDb(name);
    await ensureSeeded(first, shipped);
    await putLinkState(first, 'r1', {
      linkId: 'c',
      status: 'building',
      asOf: '2025',
      sources: [{ sourceId: 'src', locator: '¶2' }],
    });
    first.close();

    const second = freshDb(name); // the app started again
    let loads = 0;
    expect(await ensureSeeded(second, async () => (loads++, tinyDataset()))).toBe(false);
    expect(loads).toBe(0);
    const stored = await readDataset(second);
    expect(stored?.regions[0]?.linkStates.map((s) => [s.linkId, s.status])).toEqual([
      ['a', 'present'],
      ['c', 'building'],
    ]);
  });

  it('seeds once when two tabs start at the same moment', async () => {
    const name = `test-${++count}`;
    const results = await Promise.all([ensureSeeded(freshDb(name), shipped), ensureSeeded(freshDb(name), shipped)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await readDataset(freshDb(name)))?.regions[0]?.linkStates).toHaveLength(1);
  });
});

describe('reset to shipped data', () => {
  it('restores the shipped data after edits, and clears the undo history', async () => {
    const db = freshDb();
    await ensureSeeded(db, shipped);
    const result = setLinkState((await readDataset(db))!, 'r1', 'a', {
      status: 'missing',
      asOf: '2025',
      sources: [{ sourceId: 'src', locator: 'x' }],
    });
    if (!result.ok) throw new Error('refused');
    await commitEdit(db, result.edit);
    expect((await readDataset(db))?.regions[0]?.linkStates[0]?.status).toBe('missing');
    expect((await historyState(db)).canUndo).toBe(true);
    await resetToShipped(db, shipped);
    expect(await readDataset(db)).toEqual(tinyDataset());
    expect(await historyState(db)).toEqual({ canUndo: false, canRedo: false, count: 0 });
    // Undo cannot reach past the reset.
    expect(await undo(db)).toBeUndefined();
    expect(await readDataset(db)).toEqual(tinyDataset());
  });

  it('keeps data and history as they were when writing the shipped data fails', async () => {
    const db = freshDb();
    await ensureSeeded(db, shipped);
    const result = setLinkState((await readDataset(db))!, 'r1', 'c', {
      status: 'building',
      asOf: '2025',
      sources: [{ sourceId: 'src', locator: 'x' }],
    });
    if (!result.ok) throw new Error('refused');
    await commitEdit(db, result.edit);
    const before = await readDataset(db);
    db.indicators.bulkAdd = (() =>
      Promise.reject(new DOMException('no room', 'QuotaExceededError'))) as unknown as typeof db.indicators.bulkAdd;
    await expect(resetToShipped(db, shipped)).rejects.toThrow('no room');
    expect(await readDataset(db)).toEqual(before);
    expect((await historyState(db)).count).toBe(1);
  });

  it('leaves stored data as it was when the shipped data cannot be loaded', async () => {
    const db = freshDb();
    await ensureSeeded(db, shipped);
    await putLinkState(db, 'r1', {
      linkId: 'b',
      status: 'present',
      asOf: '2025',
      sources: [{ sourceId: 'src', locator: 'x' }],
    });
    const before = await readDataset(db);
    await expect(resetToShipped(db, () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(await readDataset(db)).toEqual(before);
  });
});

describe('writes are all or nothing', () => {
  it('rolls back a whole replace when one record fails', async () => {
    const db = freshDb();
    await ensureSeeded(db, shipped);
    const before = await readDataset(db);
    const broken = tinyDataset() as { -readonly [K in keyof Dataset]: Dataset[K] };
    // Two sources with one id: the second add fails half way through the write.
    broken.sources = [...broken.sources, { ...broken.sources[0]!, title: 'again' }];
    await expect(replaceDataset(db, broken)).rejects.toThrow();
    expect(await readDataset(db)).toEqual(before);
  });

  it('keeps record order through a write and a read', async () => {
    const db = freshDb();
    const data = tinyDataset();
    const reversed: Dataset = { ...data, chains: data.chains.map((c) => ({ ...c, links: [...c.links].reverse() })) };
    await replaceDataset(db, reversed);
    expect((await readDataset(db))?.chains[0]?.links.map((l) => l.id)).toEqual(['c', 'b', 'a']);
  });
});
