/**
 * Schema upgrades keep every user edit: a database written by the previous schema (version 1, declared
 * here exactly as it shipped) opens with the current one with every record, edit, layout and scenario
 * intact, and the new tables work; start-up's first read upgrades it before it reads.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { addEnterprise } from '../model/edits';
import type { Dataset } from '../model/types';
import { ChainAtlasDB } from './db';
import { readDataset, readFirstRegion } from './datasetRepository';
import { commitEdit, historyState, undo } from './editRepository';
import { getLayout } from './layoutRepository';
import { listScenarios } from './scenarioRepository';
import { ensureSeeded, loadShippedDataset, seedInfo } from './seed';
import { editOf, freshName, track } from './testing';

/**
 * The app's database as version 1 declared it. Do not change: it stands for databases out there. (A
 * plain Dexie rather than a subclass: TypeScript cannot type `transaction` on a subclass without
 * declared tables.)
 */
function openSchemaV1(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    meta: 'key',
    sources: 'id',
    chains: 'id',
    links: '[chainId+id], chainId',
    edges: '[chainId+from+to], chainId',
    regions: 'id, chainId',
    linkStates: '[regionId+linkId], regionId',
    enterprises: '[regionId+id], regionId',
    projects: '[regionId+id], regionId',
    indicators: '[regionId+id], regionId',
    layouts: 'key',
    scenarios: 'id, regionId',
  });
  return db;
}

/** Writes a dataset in version 1's row layout: one row per record, with `seq` and its chain or region. */
async function writeV1(db: Dexie, ds: Dataset): Promise<void> {
  const seq = <T>(items: readonly T[], extra: object = {}) => items.map((item, i) => ({ ...item, ...extra, seq: i }));
  await db.table('sources').bulkAdd(seq(ds.sources));
  await db.table('chains').bulkAdd(seq(ds.chains.map(({ links: _l, edges: _e, ...c }) => c)));
  for (const c of ds.chains) {
    await db.table('links').bulkAdd(seq(c.links, { chainId: c.id }));
    await db.table('edges').bulkAdd(seq(c.edges, { chainId: c.id }));
  }
  const heads = ds.regions.map(({ linkStates: _s, enterprises: _e, projects: _p, indicators: _i, ...r }) => r);
  await db.table('regions').bulkAdd(seq(heads));
  for (const r of ds.regions) {
    await db.table('linkStates').bulkAdd(seq(r.linkStates, { regionId: r.id }));
    await db.table('enterprises').bulkAdd(seq(r.enterprises, { regionId: r.id }));
    await db.table('projects').bulkAdd(seq(r.projects, { regionId: r.id }));
    await db.table('indicators').bulkAdd(seq(r.indicators, { regionId: r.id }));
  }
}

describe('upgrade from schema version 1', () => {
  it('keeps the shipped data, the user’s edits, layouts and scenarios, and adds a working history', async () => {
    const shipped = await loadShippedDataset();
    const name = freshName('upgrade');
    const jinchang = shipped.regions[0]!;
    const edited = {
      linkId: 'ni_int',
      status: 'present' as const,
      asOf: '2024-06',
      sources: [{ sourceId: 'gsdaily-2024-jinchang', locator: '¶7' }],
    };
    const seed = { seededAt: '2025-01-02T03:04:05.000Z', shippedDigest: 'abcd1234' };

    const v1 = track(openSchemaV1(name));
    const writeAll = async (): Promise<void> => {
      await writeV1(v1, shipped);
      await v1.table('meta').put({ key: 'seed', value: seed });
      // The user's edits, as version 1 stored them: a new state and a removed project.
      await v1.table('linkStates').put({ ...edited, regionId: jinchang.id, seq: jinchang.linkStates.length });
      await v1.table('projects').delete([jinchang.id, 'carbonate-intro']);
      await v1.table('layouts').put({ key: 'L1', positions: { ni_ore: { x: 1, y: 2 } }, custom: true, savedAt: 'x' });
      await v1.table('scenarios').put({ id: 's1', regionId: jinchang.id, name: 'What if', changes: [], savedAt: 'y' });
    };
    await v1.transaction('rw', v1.tables, writeAll);
    expect(v1.verno).toBe(1);
    v1.close();

    const db = track(new ChainAtlasDB(name));
    const expected: Dataset = {
      ...shipped,
      regions: [
        {
          ...jinchang,
          linkStates: [...jinchang.linkStates, edited],
          projects: jinchang.projects.filter((p) => p.id !== 'carbonate-intro'),
        },
        // The other shipped regions (the Hexi Corridor), untouched.
        ...shipped.regions.slice(1),
      ],
    };
    // Start-up's first read (plain IndexedDB) finds the older schema: Dexie upgrades it, then it reads.
    const first = await readFirstRegion(db.name, undefined, { layoutKey: 'L1', open: async () => db });
    expect(first).toMatchObject({ seeded: true, regionId: jinchang.id, version: 0 });
    expect(first.dataset!.regions[0]).toEqual(expected.regions[0]);
    expect(first.layout?.positions).toEqual({ ni_ore: { x: 1, y: 2 } });
    expect(await readDataset(db)).toEqual(expected);
    // Opened by this version, the database is at its latest schema (v3 adds the relations table).
    expect(db.verno).toBe(3);
    expect(await seedInfo(db)).toEqual(seed);
    expect(await ensureSeeded(db, () => Promise.reject(new Error('must not reload the shipped data')))).toBe(false);
    expect((await getLayout(db, 'L1'))?.positions).toEqual({ ni_ore: { x: 1, y: 2 } });
    expect((await listScenarios(db, jinchang.id)).map((s) => s.id)).toEqual(['s1']);

    // The new history table works on the upgraded data.
    expect(await historyState(db)).toEqual({ canUndo: false, canRedo: false, count: 0 });
    const firm = {
      id: 'new-firm',
      name: { zh: '新企业', en: 'New firm' },
      linkIds: ['ni_int'],
      sources: edited.sources,
    };
    await commitEdit(db, editOf(addEnterprise(expected, jinchang.id, firm)));
    expect((await readDataset(db))?.regions[0]?.enterprises.at(-1)).toEqual(firm);
    await undo(db);
    expect(await readDataset(db)).toEqual(expected);
  });
});
