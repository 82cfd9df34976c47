/**
 * Start-up's two reads: the region shown first (one transaction), then every other region in turns of
 * a few rows, each its own transaction with a pause between, completed to exactly what one whole read
 * gives; a write landing between the turns is never mixed in half-way. On the province workload
 * (14 regions, 2,000 firms, 5,000 relations) so turns cross regions and tables.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { provinceWorkload } from '../../bench/workloads';
import { setLinkState } from '../model/edits';
import type { Dataset } from '../model/types';
import { readDataset, readFirstRegion, readOtherRegions, replaceDataset } from './datasetRepository';
import type { ChainAtlasDB } from './db';
import { commitEdit } from './editRepository';
import { editOf, openDb } from './testing';

const data: Dataset = provinceWorkload();

/** Start-up's first read of `db`, the region asked for first. */
const firstRead = (db: ChainAtlasDB, regionId: string | undefined) =>
  readFirstRegion(db.name, regionId, { open: async () => db });
const SEEDED = { seed: { seededAt: '2026-12-06T00:00:00Z', shippedDigest: 'province' } };

async function stored(): Promise<ReturnType<typeof openDb>> {
  const db = openDb();
  await replaceDataset(db, data, SEEDED);
  return db;
}

describe('reading the store at start', () => {
  it('reads the region asked for with its records, the others without theirs', async () => {
    const db = await stored();
    const asked = data.regions[5]!;
    const first = await firstRead(db, asked.id);
    expect(first.seeded).toBe(true);
    expect(first.regionId).toBe(asked.id);
    const partial = first.dataset!;
    expect(partial.chains).toEqual(data.chains);
    expect(partial.sources).toEqual(data.sources);
    expect(partial.regions.map((r) => r.id)).toEqual(data.regions.map((r) => r.id));
    expect(partial.regions[5]).toEqual(asked);
    for (const r of partial.regions.filter((r) => r.id !== asked.id)) {
      expect([r.linkStates, r.enterprises, r.projects, r.indicators]).toEqual([[], [], [], []]);
      expect(r.relations).toBeUndefined();
    }
  });

  it('reads the first region when the one asked for is not stored, and says the store is empty', async () => {
    const db = await stored();
    const first = await firstRead(db, 'no-such-region');
    expect(first.regionId).toBe(data.regions[0]!.id);
    expect(first.dataset!.regions[0]).toEqual(data.regions[0]);
    const empty = await firstRead(openDb(), undefined);
    expect(empty).toMatchObject({ seeded: false, dataset: undefined, regionId: undefined });
  });

  it('completes the partial copy in turns, pausing between them, to what one whole read gives', async () => {
    const db = await stored();
    const asked = data.regions[3]!.id;
    const first = await firstRead(db, asked);
    let pauses = 0;
    const whole = await readOtherRegions(db, first, { rowsPerTurn: 700, pause: async () => void pauses++ });
    expect(whole.version).toBe(first.version);
    expect(whole.dataset).toEqual(await readDataset(db));
    expect(whole.dataset).toEqual(data);
    // 5,000 relations and 2,000 firms at 700 a turn: many turns, each full one followed by a pause.
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(5000 / 700) + Math.floor(2000 / 700));
    // The region already shown keeps its objects (the drawn chain is not redrawn for nothing).
    expect(whole.dataset!.regions[3]).toBe(first.dataset!.regions[3]);
    expect(whole.dataset!.chains[0]).toBe(first.dataset!.chains[0]);
  });

  it('reads the store whole again when another tab wrote between the turns', async () => {
    const db = await stored();
    const first = await firstRead(db, data.regions[0]!.id);
    const other = data.regions[9]!;
    const linkId = data.chains[0]!.links[0]!.id;
    let wrote = false;
    const whole = await readOtherRegions(db, first, {
      rowsPerTurn: 900,
      pause: async () => {
        if (wrote) return;
        wrote = true;
        // Another tab (a second connection) stores an edit of a region not shown, half-way through.
        const edit = editOf(
          setLinkState(data, other.id, linkId, {
            status: 'building',
            asOf: '2026',
            sources: [{ sourceId: 'wl-register', locator: 'p. 1' }],
          }),
        );
        await commitEdit(openDb(db.name), edit);
      },
    });
    expect(wrote).toBe(true);
    expect(whole.version).toBe(first.version + 1);
    expect(whole.dataset).toEqual(await readDataset(db));
    expect(whole.dataset!.regions[9]!.linkStates.find((s) => s.linkId === linkId)?.status).toBe('building');
  });
});
