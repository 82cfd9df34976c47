/**
 * Storing edits: writes land whole, undo and redo survive a reload, and an edit made on data another
 * tab has changed since is refused with nothing written.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addEdge,
  addEnterprise,
  deleteLink,
  removeEnterprise,
  setLinkState,
  updateEnterprise,
  type LinkStateFields,
} from '../model/edits';
import { tinyDataset } from '../model/testing';
import type { Dataset } from '../model/types';
import type { ChainAtlasDB } from './db';
import { readDataset } from './datasetRepository';
import { ConflictError, commitEdit, historyState, redo, undo } from './editRepository';
import { MAX_HISTORY, trimHistory } from './history';
import { describeStorageError } from './importRepository';
import { ensureSeeded, loadShippedDataset } from './seed';
import { editOf, freshName, openDb, putLinkState } from './testing';

const cite = [{ sourceId: 'src', locator: '¶3' }];
const state = (status: LinkStateFields['status'], asOf = '2025'): LinkStateFields => ({ status, asOf, sources: cite });

async function seeded(name = freshName(), data: Dataset = tinyDataset()): Promise<ChainAtlasDB> {
  const db = openDb(name);
  await ensureSeeded(db, async () => data);
  return db;
}
const current = async (db: ChainAtlasDB) => (await readDataset(db))!;
const states = async (db: ChainAtlasDB) =>
  (await current(db)).regions[0]!.linkStates.map((s) => `${s.linkId}:${s.status}`);

describe('commitEdit', () => {
  it('stores the edit, records it for undo and keeps record order', async () => {
    const db = await seeded();
    const result = setLinkState(await current(db), 'r1', 'c', state('building'));
    await commitEdit(db, editOf(result));
    expect(await current(db)).toEqual(result.ok && result.dataset);
    await commitEdit(db, editOf(setLinkState(await current(db), 'r1', 'a', state('strong'))));
    // The new state went after its sibling; the changed one kept its place.
    expect(await states(db)).toEqual(['a:strong', 'c:building']);
    expect(await historyState(db)).toMatchObject({
      canUndo: true,
      canRedo: false,
      undoLabel: { zh: '设置环节状态：a', en: 'Set link state: a' },
      count: 2,
    });
  });

  it('puts many records added in one edit after their siblings, in the edit’s order, beside a changed one', async () => {
    const db = await seeded();
    const before = await current(db);
    const firm = (id: string) => ({ id, name: { zh: id, en: id }, linkIds: ['a'], sources: cite });
    const added = ['n1', 'n2', 'n3', 'n4'].map((id) => ({
      kind: 'enterprise' as const,
      regionId: 'r1',
      id,
      after: firm(id),
    }));
    const changed = { ...before.regions[0]!.enterprises[0]!, note: { zh: '改', en: 'Changed' } };
    await commitEdit(db, {
      label: { zh: '同步', en: 'Sync' },
      changes: [
        added[0]!,
        { kind: 'enterprise', regionId: 'r1', id: 'e1', before: before.regions[0]!.enterprises[0]!, after: changed },
        ...added.slice(1),
      ],
    });
    expect((await current(db)).regions[0]!.enterprises.map((e) => e.id)).toEqual(['e1', 'n1', 'n2', 'n3', 'n4']);
  });

  it('stores nothing for an edit without changes', async () => {
    const db = await seeded();
    await commitEdit(db, editOf(setLinkState(await current(db), 'r1', 'b', undefined)));
    expect((await historyState(db)).count).toBe(0);
  });

  it('deletes a shipped link with everything touching it, and undo restores the data exactly', async () => {
    const shipped = await loadShippedDataset();
    const db = await seeded(freshName(), shipped);
    const before = await current(db);
    const result = deleteLink(before, 'li-ion-battery', 'cell_lfp');
    await commitEdit(db, editOf(result));
    expect(await current(db)).toEqual(result.ok && result.dataset);
    expect((await undo(db))?.label).toEqual({ zh: '删除环节：磷酸铁锂电芯', en: 'Delete link: LFP cells' });
    // Same records in the same order: every removed record went back where it stood.
    expect(JSON.stringify(await current(db))).toBe(JSON.stringify(before));
  });

  it('keeps the last MAX_HISTORY steps', async () => {
    const db = await seeded();
    const filler = { state: 'done' as const, label: { zh: '旧', en: 'old' }, at: '2024-01-01T00:00:00.000Z' };
    await db.history.bulkAdd(
      Array.from({ length: MAX_HISTORY }, () => ({
        ...filler,
        change: { kind: 'records' as const, edit: { label: filler.label, changes: [] } },
      })),
    );
    const firstId = (await db.history.orderBy(':id').first())!.id;
    await commitEdit(db, editOf(setLinkState(await current(db), 'r1', 'c', state('missing'))));
    expect(await db.history.count()).toBe(MAX_HISTORY);
    expect(await db.history.get(firstId!)).toBeUndefined();
    await trimHistory(db, 2);
    expect((await db.history.toArray()).map((h) => h.label.en)).toEqual(['old', 'Set link state: c']);
  });
});

describe('undo and redo', () => {
  it('survive a reload, in order, and a new edit drops what could have been redone', async () => {
    const name = freshName();
    let db = await seeded(name);
    await commitEdit(db, editOf(setLinkState(await current(db), 'r1', 'b', state('present'))));
    const afterFirst = await current(db);
    await commitEdit(db, editOf(removeEnterprise(await current(db), 'r1', 'e1')));
    const afterSecond = await current(db);
    db.close();

    db = openDb(name); // the page reloaded
    expect((await undo(db))?.label).toEqual({ zh: '删除企业：企', en: 'Remove enterprise: Firm' });
    expect(await current(db)).toEqual(afterFirst);
    db.close();

    db = openDb(name);
    expect(await historyState(db)).toMatchObject({ canUndo: true, canRedo: true, count: 2 });
    expect((await historyState(db)).redoLabel?.en).toBe('Remove enterprise: Firm');
    await redo(db);
    expect(await current(db)).toEqual(afterSecond);
    await undo(db);
    await undo(db);
    expect(await current(db)).toEqual(tinyDataset());
    expect(await undo(db)).toBeUndefined();
    expect(await historyState(db)).toMatchObject({ canUndo: false, canRedo: true, count: 2 });

    await commitEdit(db, editOf(setLinkState(await current(db), 'r1', 'c', state('missing'))));
    expect(await historyState(db)).toMatchObject({ canUndo: true, canRedo: false, count: 1 });
    expect(await redo(db)).toBeUndefined();
  });

  it('refuses to undo when another tab has added a step since the user looked', async () => {
    const name = freshName();
    const [tab1, tab2] = [await seeded(name), openDb(name)];
    await commitEdit(tab1, editOf(setLinkState(await current(tab1), 'r1', 'b', state('present'))));
    const seen = await historyState(tab1);
    await commitEdit(tab2, editOf(setLinkState(await current(tab2), 'r1', 'c', state('missing'))));
    const before = await current(tab1);
    await expect(undo(tab1, seen.undoId)).rejects.toBeInstanceOf(ConflictError);
    expect(await current(tab1)).toEqual(before);
    await undo(tab1, (await historyState(tab1)).undoId);
    expect(await states(tab1)).toEqual(['a:present', 'b:present']);
  });

  it('refuses to undo over a record changed outside the history, naming it', async () => {
    const db = await seeded();
    await commitEdit(db, editOf(setLinkState(await current(db), 'r1', 'b', state('present'))));
    await putLinkState(db, 'r1', { linkId: 'b', ...state('strong') });
    const error = await undo(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).record).toEqual({ kind: 'linkState', regionId: 'r1', linkId: 'b' });
    expect(await states(db)).toEqual(['a:present', 'b:strong']);
    expect(await historyState(db)).toMatchObject({ canUndo: true, canRedo: false });
  });
});

describe('two tabs on the same data', () => {
  it('see each other’s edits, and edits to different records both survive', async () => {
    const name = freshName();
    const [tab1, tab2] = [await seeded(name), openDb(name)];
    const seenBy1 = await current(tab1);
    const seenBy2 = await current(tab2);
    await commitEdit(tab1, editOf(setLinkState(seenBy1, 'r1', 'b', state('building'))));
    expect(await states(tab2)).toEqual(['a:present', 'b:building']);
    // Tab 2 still shows the data from before tab 1's edit, and edits another record.
    const firm = { id: 'e2', name: { zh: '乙', en: 'B' }, linkIds: ['c'], sources: cite };
    await commitEdit(tab2, editOf(addEnterprise(seenBy2, 'r1', firm)));
    const both = await current(tab1);
    expect(both.regions[0]!.linkStates.map((s) => s.linkId)).toEqual(['a', 'b']);
    expect(both.regions[0]!.enterprises.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect((await historyState(tab2)).count).toBe(2);
  });

  it('refuses a stale edit to the same record, writing nothing', async () => {
    const name = freshName();
    const [tab1, tab2] = [await seeded(name), openDb(name)];
    const stale = await current(tab2);
    const e1 = stale.regions[0]!.enterprises[0]!;
    await commitEdit(
      tab1,
      editOf(updateEnterprise(await current(tab1), 'r1', { ...e1, note: { zh: '一', en: 'one' } })),
    );
    const before = await current(tab1);
    const error = await commitEdit(
      tab2,
      editOf(updateEnterprise(stale, 'r1', { ...e1, note: { zh: '二', en: 'two' } })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).record).toEqual({ kind: 'enterprise', regionId: 'r1', id: 'e1' });
    expect((error as Error).message).toMatch(/enterprise "e1" in region "r1" was changed in another tab/);
    expect(await current(tab2)).toEqual(before);
    expect((await historyState(tab2)).count).toBe(1);
  });

  it('refuses an edit whose result no longer validates (an edge added to a link the other tab deletes)', async () => {
    const name = freshName();
    const [tab1, tab2] = [await seeded(name), openDb(name)];
    const deletion = editOf(deleteLink(await current(tab1), 'chain', 'c'));
    await commitEdit(tab2, editOf(addEdge(await current(tab2), 'chain', { from: 'a', to: 'c', sources: cite })));
    const before = await current(tab1);
    const error = await commitEdit(tab1, deletion).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).issues.map((i) => `${i.code}@${i.path}`)).toEqual([
      'unknown-ref@chains[0].edges[1].to',
    ]);
    expect(await current(tab1)).toEqual(before);
  });
});

describe('a failed write', () => {
  it('leaves data, history and edit time as they were when the disk is full', async () => {
    const db = await seeded();
    await commitEdit(db, editOf(setLinkState(await current(db), 'r1', 'b', state('present'))));
    const before = await current(db);
    const meta = await db.meta.toArray();
    const edit = editOf(deleteLink(before, 'chain', 'a'));
    // The edges and the state go first; the enterprise row's write then finds no room.
    db.enterprises.put = (() =>
      Promise.reject(new DOMException('no room', 'QuotaExceededError'))) as unknown as typeof db.enterprises.put;
    const error = await commitEdit(db, edit).catch((e: unknown) => e);
    expect(describeStorageError(error).code).toBe('quota');
    expect(await current(db)).toEqual(before);
    expect(await db.meta.toArray()).toEqual(meta);
    expect((await historyState(db)).count).toBe(1);
  });
});
