/**
 * Safety: persistent storage and usage through the browser's storage manager (stubbed here; Node has
 * none), the backup reminder, and the backup file.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importBytes } from '../io/pipeline/importFile';
import { setLinkState } from '../model/edits';
import { tinyDataset } from '../model/testing';
import type { ChainAtlasDB } from './db';
import { readDataset } from './datasetRepository';
import { commitEdit, undo } from './editRepository';
import { commitImport } from './importRepository';
import { putLayout } from './layoutRepository';
import {
  backupDataset,
  backupFile,
  backupState,
  markBackup,
  persistenceState,
  requestPersistence,
  storageUsage,
} from './safety';
import { readStoredExtras } from './savedWork';
import { saveScenario } from './scenarioRepository';
import { addView, putBriefing } from './viewRepository';
import { ensureSeeded, resetToShipped } from './seed';
import { editOf, openDb } from './testing';

afterEach(() => {
  vi.unstubAllGlobals();
});

const storage = (methods: Partial<StorageManager>) => vi.stubGlobal('navigator', { storage: methods });

describe('persistent storage', () => {
  it('is unsupported where there is no storage manager', async () => {
    vi.stubGlobal('navigator', undefined);
    expect(await requestPersistence()).toBe('unsupported');
    expect(await persistenceState()).toBe('unsupported');
    expect(await storageUsage()).toEqual({});
    storage({});
    expect(await requestPersistence()).toBe('unsupported');
    expect(await storageUsage()).toEqual({});
  });

  it('asks only when not already granted, and reports the answer', async () => {
    const persist = vi.fn(async () => true);
    storage({ persisted: async () => true, persist });
    expect(await requestPersistence()).toBe('granted');
    expect(persist).not.toHaveBeenCalled();

    storage({ persisted: async () => false, persist });
    expect(await requestPersistence()).toBe('granted');
    expect(persist).toHaveBeenCalledOnce();
    expect(await persistenceState()).toBe('denied');

    storage({ persisted: async () => false, persist: async () => false });
    expect(await requestPersistence()).toBe('denied');

    storage({ persist: () => Promise.reject(new Error('not allowed')) });
    expect(await requestPersistence()).toBe('unsupported');
  });

  it('reports usage and quota as the browser gives them', async () => {
    storage({ estimate: async () => ({ usage: 1234, quota: 10_000_000 }) });
    expect(await storageUsage()).toEqual({ usage: 1234, quota: 10_000_000 });
    storage({ estimate: async () => ({}) });
    expect(await storageUsage()).toEqual({});
  });
});

describe('backup reminder', () => {
  async function seeded(): Promise<ChainAtlasDB> {
    const db = openDb();
    await ensureSeeded(db, async () => tinyDataset());
    return db;
  }
  const edit = async (db: ChainAtlasDB, status: 'present' | 'missing' | 'strong') =>
    commitEdit(
      db,
      editOf(
        setLinkState((await readDataset(db))!, 'r1', 'b', {
          status,
          asOf: '2025',
          sources: [{ sourceId: 'src', locator: '¶1' }],
        }),
      ),
    );

  it('is quiet after seeding, asks after an edit, and is quiet again after a backup', async () => {
    const db = await seeded();
    expect(await backupState(db)).toEqual({ needsBackup: false });
    await edit(db, 'present');
    const edited = await backupState(db);
    expect(edited).toEqual({ lastEditAt: expect.any(String), needsBackup: true });
    await markBackup(db, new Date('2025-03-07T06:05:00Z'));
    expect(await backupState(db)).toEqual({
      lastEditAt: edited.lastEditAt,
      lastBackupAt: '2025-03-07T06:05:00.000Z',
      needsBackup: false,
    });
    // Compared by edit count, not by clock: an edit in the same millisecond as the backup still counts.
    await edit(db, 'missing');
    expect((await backupState(db)).needsBackup).toBe(true);
    await markBackup(db);
    await undo(db);
    expect((await backupState(db)).needsBackup).toBe(true);
    await markBackup(db);
    await commitImport(db, { ...tinyDataset(), regions: [] }, { zh: '导入', en: 'Import' });
    expect((await backupState(db)).needsBackup).toBe(true);
  });

  it('is quiet after a reset to the shipped data, and asks again after the next edit', async () => {
    const db = await seeded();
    await edit(db, 'present');
    await markBackup(db);
    await edit(db, 'strong');
    await resetToShipped(db, async () => tinyDataset());
    const state = await backupState(db);
    expect(state.needsBackup).toBe(false);
    expect(state.lastEditAt).toBeUndefined();
    expect(state.lastBackupAt).toEqual(expect.any(String));
    await edit(db, 'missing');
    expect((await backupState(db)).needsBackup).toBe(true);
  });
});

describe('backupFile', () => {
  it('is a native JSON file, named by local date and time, that imports back to the same data', async () => {
    const data = tinyDataset();
    const file = await backupFile(data, new Date(2025, 2, 7, 14, 5));
    expect(file.fileName).toBe('chainatlas-backup-2025-03-07-1405.json');
    expect(file.mimeType).toBe('application/json');
    const read = await importBytes(file.bytes, { fileName: file.fileName, importedAt: '2025-03-07' });
    expect(read.ok && read.kind === 'dataset' && read.dataset).toEqual(data);
  });

  it('holds everything the user made, and restores it record for record in one import', async () => {
    const db = openDb();
    await ensureSeeded(db, async () => tinyDataset());
    await addView(db, { id: 'v1', title: 'All', route: '#/', createdAt: '2026-11-26T08:00:00Z' });
    await putBriefing(db, { id: 'b1', title: 'Board', viewIds: ['v1'], createdAt: '2026-11-26T08:01:00Z' });
    const scenario = { id: 's1', regionId: 'r1', name: 'Build b', changes: [], savedAt: '2026-11-26T08:02:00Z' };
    await saveScenario(db, { ...scenario, changes: [{ kind: 'link', linkId: 'b', action: 'build' }] });
    await putLayout(db, 'mine', { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } }, true);
    await putLayout(db, 'computed', { a: { x: 0, y: 0 } }, false);
    const made = { data: await readDataset(db), extras: await readStoredExtras(db) };
    expect(made.extras.layouts.map((l) => l.key)).toEqual(['mine']);

    const file = await backupFile(await backupDataset(db, made.data!));
    const read = await importBytes(file.bytes, { fileName: file.fileName, importedAt: '2026-11-26' });
    if (!read.ok || read.kind !== 'dataset') throw new Error('the backup does not read back');

    // Everything is gone (a new device), then the backup is restored.
    await resetToShipped(db, async () => ({ ...tinyDataset(), regions: [] }));
    await db.scenarios.clear();
    await db.layouts.clear();
    await commitImport(db, read.dataset, { zh: '恢复', en: 'Restore' });
    expect(await readDataset(db)).toEqual(made.data);
    expect(await readStoredExtras(db)).toEqual(made.extras);
  });
});
