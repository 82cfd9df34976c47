/**
 * The working copy: an edit shows at once and is stored behind; another copy on the same database (a
 * second tab) takes it from a message without reading the store again; an edit made on data another
 * copy changed meanwhile is refused and taken back off the screen; undo, redo and saved views travel
 * the same way. Runs on fake-indexeddb and Node's BroadcastChannel.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { renameLink, setLinkState, type EditResult } from '../model/edits';
import { tinyDataset, tinyFirmsDataset } from '../model/testing';
import type { Dataset } from '../model/types';
import { readDataset, replaceDataset } from '../store/datasetRepository';
import { ChainAtlasDB } from '../store/db';
import { ConflictError, historyState } from '../store/editRepository';
import { freshName, track } from '../store/testing';
import { addView } from '../store/viewRepository';
import { commitImport } from '../store/importRepository';
import { AtlasState } from './atlas.svelte';
import { databaseMissing } from '../store/firstVisit';

const cite = [{ sourceId: 'src', locator: '¶2' }];

/** A started copy on database `name`, holding `data` on a first start. */
async function copy(name: string, data: Dataset = tinyDataset()): Promise<AtlasState> {
  const atlas = new AtlasState(async () => data);
  track({ close: () => atlas.stop() });
  await atlas.start(name);
  await vi.waitFor(async () => expect(await readDataset(atlas.db!)).toBeDefined());
  // The seeding's read-back, queued behind the write just seen, is done too.
  await atlas.settled();
  return atlas;
}

function editOf(result: EditResult) {
  if (!result.ok) throw new Error(result.issues[0]?.message);
  return result.edit;
}

const statusOf = (atlas: AtlasState, linkId: string) =>
  atlas.dataset?.regions[0]?.linkStates.find((s) => s.linkId === linkId)?.status;

describe('the working copy', () => {
  it('shows the shipped data before it is stored, then stores it', async () => {
    const atlas = new AtlasState(async () => tinyDataset());
    track({ close: () => atlas.stop() });
    const name = freshName();
    const started = atlas.start(name);
    await vi.waitFor(() => expect(atlas.phase).toBe('ready'));
    expect(atlas.dataset).toEqual(tinyDataset());
    await started;
    await vi.waitFor(async () => expect(await readDataset(atlas.db!)).toEqual(tinyDataset()));
  });

  it('shows an edit at once and stores it behind, without reading the store again', async () => {
    const atlas = await copy(freshName());
    const reads = atlas.wholeReads;
    const edit = editOf(setLinkState(atlas.dataset!, 'r1', 'b', { status: 'building', asOf: '2025', sources: cite }));
    const stored = atlas.apply(edit);
    // Before anything was written.
    expect(statusOf(atlas, 'b')).toBe('building');
    await stored;
    expect((await readDataset(atlas.db!))!.regions[0]!.linkStates.map((s) => s.linkId)).toEqual(['a', 'b']);
    expect(atlas.wholeReads).toBe(reads);
  });

  it('brings an edit to another tab by message, without a whole read there', async () => {
    const name = freshName();
    const tab1 = await copy(name);
    const tab2 = await copy(name);
    const reads = tab2.wholeReads;
    await tab1.apply(editOf(renameLink(tab1.dataset!, 'chain', 'c', { name: { zh: '丙', en: 'Cee' } })));
    await vi.waitFor(() => expect(tab2.dataset!.chains[0]!.links[2]!.name.en).toBe('Cee'));
    expect(tab2.wholeReads).toBe(reads);
    // Undo travels the same way.
    await tab1.undo();
    await vi.waitFor(() => expect(tab2.dataset!.chains[0]!.links[2]!.name.en).toBe('c'));
    await tab1.redo();
    await vi.waitFor(() => expect(tab2.dataset!.chains[0]!.links[2]!.name.en).toBe('Cee'));
    expect(tab2.wholeReads).toBe(reads);
    expect(tab2.dataset).toEqual(tab1.dataset);
  });

  it('refuses an edit made on data another tab changed meanwhile, and shows what is stored', async () => {
    const name = freshName();
    const tab1 = await copy(name);
    const tab2 = await copy(name);
    const base = tab2.dataset!;
    await tab1.apply(editOf(setLinkState(tab1.dataset!, 'r1', 'a', { status: 'strong', asOf: '2025', sources: cite })));
    // Tab 2 edits the same record from what it had before tab 1's edit reached it.
    const late = editOf(setLinkState(base, 'r1', 'a', { status: 'missing', asOf: '2025', sources: cite }));
    const refused = await tab2.apply(late).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    await vi.waitFor(() => expect(statusOf(tab2, 'a')).toBe('strong'));
    expect((await readDataset(tab2.db!))!.regions[0]!.linkStates[0]!.status).toBe('strong');
  });

  it('keeps edits made one after another before the first is stored', async () => {
    const atlas = await copy(freshName());
    const first = atlas.apply(
      editOf(setLinkState(atlas.dataset!, 'r1', 'b', { status: 'building', asOf: '2025', sources: cite })),
    );
    const second = atlas.apply(
      editOf(setLinkState(atlas.dataset!, 'r1', 'c', { status: 'missing', asOf: '2025', sources: cite })),
    );
    expect([statusOf(atlas, 'b'), statusOf(atlas, 'c')]).toEqual(['building', 'missing']);
    await Promise.all([first, second]);
    const stored = (await readDataset(atlas.db!))!.regions[0]!.linkStates;
    expect(stored.map((s) => `${s.linkId}:${s.status}`)).toEqual(['a:present', 'b:building', 'c:missing']);
  });

  it('brings a saved view to another tab', async () => {
    const name = freshName();
    const tab1 = await copy(name);
    const tab2 = await copy(name);
    const view = { id: 'v1', title: 'All', route: '#/', createdAt: '2026-12-03T00:00:00.000Z' };
    await tab1.write('views', (db) => addView(db, view));
    expect(tab1.dataset!.views).toEqual([view]);
    await vi.waitFor(() => expect(tab2.dataset!.views).toEqual([view]));
  });

  it('takes in another planner’s change without an undo step, tells the other tabs, and does not send it back', async () => {
    const name = freshName();
    const tab1 = await copy(name);
    const tab2 = await copy(name);
    const sent: unknown[] = [];
    tab1.onStored((edit) => sent.push(edit));
    const reads = [tab1.wholeReads, tab2.wholeReads];
    const step = await tab1.receive((stored) =>
      editOf(setLinkState(stored, 'r1', 'c', { status: 'missing', asOf: '2025', sources: cite })),
    );
    expect(step).toBeDefined();
    expect(statusOf(tab1, 'c')).toBe('missing');
    await vi.waitFor(() => expect(statusOf(tab2, 'c')).toBe('missing'));
    expect([tab1.wholeReads, tab2.wholeReads]).toEqual(reads);
    expect(await historyState(tab1.db!)).toMatchObject({ canUndo: false });
    expect(sent).toEqual([]);
    // A local edit is told to the sync bridge.
    await tab1.apply(
      editOf(setLinkState(tab1.dataset!, 'r1', 'b', { status: 'building', asOf: '2025', sources: cite })),
    );
    expect(sent).toHaveLength(1);
  });

  it('passes on what an import changed, record by record, to the team; a write without a label stays local', async () => {
    const atlas = await copy(freshName());
    const sent: { label: { en: string }; changes: readonly { kind: string }[] }[] = [];
    atlas.onStored((edit) => sent.push(edit));
    const label = { zh: '导入 statuses.csv', en: 'Import statuses.csv' };
    const next = editOf(setLinkState(atlas.dataset!, 'r1', 'c', { status: 'missing', asOf: '2025', sources: cite }));
    const imported = {
      ...atlas.dataset!,
      regions: [
        {
          ...atlas.dataset!.regions[0]!,
          linkStates: [...atlas.dataset!.regions[0]!.linkStates, next.changes[0]!.after as never],
        },
      ],
    };
    await atlas.write('all', (db) => commitImport(db, imported, label), label);
    expect(statusOf(atlas, 'c')).toBe('missing');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.label).toEqual(label);
    expect(sent[0]!.changes.map((c) => c.kind)).toEqual(['linkState']);
    // The same write without a label (a restore, a reset) is not passed on.
    await atlas.write('all', (db) => commitImport(db, tinyDataset(), label));
    expect(sent).toHaveLength(1);
  });

  it('refuses an undo of a step whose record another planner changed through sync, saying who and when', async () => {
    const atlas = await copy(freshName());
    await atlas.apply(
      editOf(setLinkState(atlas.dataset!, 'r1', 'b', { status: 'building', asOf: '2025', sources: cite })),
    );
    await atlas.receive((stored) =>
      editOf(setLinkState(stored, 'r1', 'b', { status: 'missing', asOf: '2026', sources: cite })),
    );
    const asked: unknown[] = [];
    atlas.changedBy = async (ref) => {
      asked.push(ref);
      return { by: 'bo', at: '2026-12-06T03:00:00.000Z' };
    };
    const refused = await atlas.undo().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).changedBy).toEqual({ by: 'bo', at: '2026-12-06T03:00:00.000Z' });
    expect(asked).toEqual([{ kind: 'linkState', regionId: 'r1', linkId: 'b' }]);
    // Nothing was undone: the other planner's value stays.
    expect(statusOf(atlas, 'b')).toBe('missing');
    // Without sync (or a change sync does not know), the refusal stays as it was.
    atlas.changedBy = undefined;
    const plain = await atlas.undo().catch((e: unknown) => e);
    expect((plain as ConflictError).changedBy).toBeUndefined();
  });

  it('tells what the stored data holds apart from the shipped data (nothing for a browser on the shipped data)', async () => {
    const atlas = await copy(freshName());
    const label = { zh: '同步前', en: 'Before sync' };
    expect((await atlas.heldChanges(label)).changes).toEqual([]);
    await atlas.apply(
      editOf(setLinkState(atlas.dataset!, 'r1', 'c', { status: 'missing', asOf: '2025', sources: cite })),
    );
    const held = await atlas.heldChanges(label);
    expect(held.label).toEqual(label);
    expect(held.changes.map((c) => [c.kind, c.before, (c.after as { status: string }).status])).toEqual([
      ['linkState', undefined, 'missing'],
    ]);
  });
});

describe('a later start on a large store', () => {
  const SEEDED = { seed: { seededAt: '2026-12-06T00:00:00Z', shippedDigest: 'test' } };

  /** A store holding `data` as a later visit finds it, and a copy starting on it whose first draw waits for `drawn`. */
  async function later(data: Dataset, regionId: string | undefined, drawn: Promise<void>) {
    const name = freshName();
    const db = track(new ChainAtlasDB(name));
    await replaceDataset(db, data, SEEDED);
    const atlas = new AtlasState(
      async () => tinyDataset(),
      () => drawn,
    );
    track({ close: () => atlas.stop() });
    atlas.regionId = regionId;
    await atlas.start(name);
    return atlas;
  }

  it('draws the region asked for at once; whole data, edits and imports wait for every region', async () => {
    const data = tinyFirmsDataset();
    let draw!: () => void;
    const atlas = await later(data, 'r2', new Promise<void>((resolve) => (draw = resolve)));
    // What the first draw reads is there: the chain, and the region asked for with all its records.
    expect(atlas.phase).toBe('ready');
    expect(atlas.region).toEqual(data.regions[1]);
    expect(atlas.index?.links.size).toBe(3);
    expect(atlas.regions.map((r) => r.id)).toEqual(['r1', 'r2']);
    // Nothing that reads more than that region sees part of the data.
    expect(atlas.complete).toBe(false);
    expect(atlas.dataset).toBeUndefined();
    expect(atlas.shown).toBeUndefined();
    const edit = editOf(setLinkState(data, 'r2', 'b', { status: 'building', asOf: '2025', sources: cite }));
    await expect(atlas.apply(edit)).rejects.toThrow(/still being read/);
    const done: string[] = [];
    void atlas.loaded().then(() => done.push('loaded'));
    const write = atlas.write('all', async () => done.push('import written'));
    const held = atlas.heldChanges({ zh: '', en: '' }).then(() => done.push('held changes'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toEqual([]);

    // The other regions are read once the chain is drawn; then the rest goes on, on the whole data.
    draw();
    await Promise.all([atlas.loaded(), write, held]);
    expect(done).toEqual(['loaded', 'import written', 'held changes']);
    expect(atlas.dataset).toEqual(data);
    expect(atlas.complete).toBe(true);
    expect(atlas.region).toEqual(data.regions[1]);
    await atlas.apply(
      editOf(setLinkState(atlas.dataset!, 'r2', 'b', { status: 'building', asOf: '2025', sources: cite })),
    );
    expect((await readDataset(atlas.db!))!.regions[1]!.linkStates.map((s) => s.status)).toEqual(['building']);
  });

  it('shows no region rather than one without its records when another is asked for before the rest is read', async () => {
    const data = tinyFirmsDataset();
    let draw!: () => void;
    const atlas = await later(data, undefined, new Promise<void>((resolve) => (draw = resolve)));
    expect(atlas.region?.id).toBe('r1');
    atlas.regionId = 'r2';
    expect(atlas.region).toBeUndefined();
    expect(atlas.chain).toBeUndefined();
    draw();
    await atlas.loaded();
    expect(atlas.region).toEqual(data.regions[1]);
  });
});

describe('a first visit', () => {
  /** A page no service worker controls yet (a first visit, or a hard reload): the check is asked. */
  function uncontrolled(): void {
    vi.stubGlobal('navigator', { serviceWorker: { controller: null } });
  }
  const listed = async (name: string) => (await indexedDB.databases()).some((d) => d.name === name);

  it('draws the shipped data before the database is made, and stores it, with an edit made meanwhile, after the draw', async () => {
    uncontrolled();
    try {
      const name = freshName();
      let draw!: () => void;
      const atlas = new AtlasState(
        async () => tinyDataset(),
        () => new Promise<void>((resolve) => (draw = resolve)),
      );
      track({ close: () => atlas.stop() });
      await atlas.start(name);
      // Drawn from the shipped data, whole, with nothing made in the browser yet.
      expect(atlas.phase).toBe('ready');
      expect(atlas.firstVisit).toBe(true);
      expect(atlas.dataset).toEqual(tinyDataset());
      expect(await listed(name)).toBe(false);
      // An edit made at once is shown at once and waits for the database.
      const edit = editOf(setLinkState(atlas.dataset!, 'r1', 'b', { status: 'building', asOf: '2025', sources: cite }));
      const stored = atlas.apply(edit);
      expect(statusOf(atlas, 'b')).toBe('building');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await listed(name)).toBe(false);

      draw();
      await stored;
      expect(statusOf(atlas, 'b')).toBe('building');
      const db = track(new ChainAtlasDB(name));
      expect(await readDataset(db)).toEqual(atlas.dataset);
      expect((await historyState(db)).canUndo).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('draws what is stored, never the shipped data, when the database exists (a hard reload, an older version’s data)', async () => {
    uncontrolled();
    try {
      const name = freshName();
      const mine = tinyDataset();
      const stored = { ...mine, regions: [{ ...mine.regions[0]!, name: { zh: '我的', en: 'Mine' } }] };
      const db = track(new ChainAtlasDB(name));
      await replaceDataset(db, stored, { seed: { seededAt: '2026-12-06T00:00:00Z', shippedDigest: 'test' } });
      db.close();
      let draw!: () => void;
      const atlas = new AtlasState(
        async () => tinyDataset(),
        () => new Promise<void>((resolve) => (draw = resolve)),
      );
      track({ close: () => atlas.stop() });
      // What a view would show, looked at on every turn of the event loop while the start goes on.
      const seen = new Set<string | undefined>();
      const look = setInterval(() => seen.add(atlas.region?.name.en), 0);
      await atlas.start(name);
      seen.add(atlas.region?.name.en);
      clearInterval(look);
      expect(atlas.firstVisit).toBe(false);
      expect([...seen].filter(Boolean)).toEqual(['Mine']);
      draw();
      await atlas.loaded();
      expect(atlas.dataset).toEqual(stored);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('opens the database as on any later visit where the browser cannot say, or does not say in time, which databases it holds', async () => {
    const databases = vi.spyOn(indexedDB, 'databases').mockRejectedValue(new Error('not here'));
    try {
      expect(await databaseMissing(freshName())).toBe(false);
      // An answer that does not come counts as no answer.
      databases.mockReturnValue(new Promise(() => undefined));
      expect(await databaseMissing(freshName(), 10)).toBe(false);
    } finally {
      databases.mockRestore();
    }
    const name = freshName();
    expect(await databaseMissing(name)).toBe(true);
    track(new ChainAtlasDB(name));
    await copy(name);
    expect(await databaseMissing(name)).toBe(false);
  });
});
