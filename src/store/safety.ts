/**
 * Keeping the user's data safe: asking the browser to keep it (persistent storage), showing how much
 * room it takes, and backups, with a reminder when there are edits newer than the last backup.
 */
import type { ExportedFile } from '../io/types';
import type { Dataset } from '../model/types';
import type { ChainAtlasDB } from './db';
import { EDIT_SERIAL_KEY, LAST_EDIT_KEY } from './history';
import { readStoredExtras, withWork, workOf } from './savedWork';

/** Whether the browser keeps the data even when disk space runs low. */
export type PersistenceState = 'granted' | 'denied' | 'unsupported';

/** The browser's storage manager, or undefined where there is none (Node, old browsers, some webviews). */
function storageManager(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.storage ?? undefined);
}

/** Asks the browser to keep the data (it may ask the user, or decide by itself how much the site is used). */
export async function requestPersistence(): Promise<PersistenceState> {
  const storage = storageManager();
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}

/** Whether the data is kept persistently, without asking. */
export async function persistenceState(): Promise<PersistenceState> {
  const storage = storageManager();
  if (typeof storage?.persisted !== 'function') return 'unsupported';
  try {
    return (await storage.persisted()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}

/** Bytes the site uses and may use, as far as the browser says (both undefined where it cannot). */
export async function storageUsage(): Promise<{ usage?: number; quota?: number }> {
  const storage = storageManager();
  if (typeof storage?.estimate !== 'function') return {};
  try {
    const { usage, quota } = await storage.estimate();
    return { ...(usage !== undefined && { usage }), ...(quota !== undefined && { quota }) };
  } catch {
    return {};
  }
}

const LAST_BACKUP_KEY = 'lastBackupAt';
/** The edit counter a backup was taken at; compared with the counter rather than clocks, which can tie or run back. */
const BACKUP_SERIAL_KEY = 'backupSerial';

/** Notes that the user has just downloaded a backup of the data as it stands. */
export async function markBackup(db: ChainAtlasDB, at: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const serial = ((await db.meta.get(EDIT_SERIAL_KEY))?.value as number | undefined) ?? 0;
    await db.meta.bulkPut([
      { key: LAST_BACKUP_KEY, value: at.toISOString() },
      { key: BACKUP_SERIAL_KEY, value: serial },
    ]);
  });
}

export interface BackupState {
  readonly lastEditAt?: string;
  readonly lastBackupAt?: string;
  /** There are edits the last backup does not hold. Loading or resetting to the shipped data is not an edit. */
  readonly needsBackup: boolean;
}

/** When the data was last edited and backed up, and whether to remind the user to back up. */
export async function backupState(db: ChainAtlasDB): Promise<BackupState> {
  const keys = [LAST_EDIT_KEY, EDIT_SERIAL_KEY, LAST_BACKUP_KEY, BACKUP_SERIAL_KEY];
  const [lastEditAt, editSerial, lastBackupAt, backupSerial] = (await db.meta.bulkGet(keys)).map((row) => row?.value);
  return {
    ...(typeof lastEditAt === 'string' && { lastEditAt }),
    ...(typeof lastBackupAt === 'string' && { lastBackupAt }),
    needsBackup:
      typeof lastEditAt === 'string' &&
      ((editSerial as number | undefined) ?? 0) > ((backupSerial as number | undefined) ?? 0),
  };
}

/**
 * Everything the user made, for a backup: `dataset` (the data, with its saved views and briefings) and
 * the stored what-if scenarios and the layouts the user arranged and saved.
 */
export async function backupDataset(db: ChainAtlasDB, dataset: Dataset): Promise<Dataset> {
  return withWork(dataset, { ...workOf(dataset), ...(await readStoredExtras(db)) });
}

/**
 * A backup of `dataset` (see `backupDataset`) as a native JSON file named by the local date and time
 * (`chainatlas-backup-2025-03-07-1405.json`). The writer is loaded when first asked for: the start-up
 * bundle does not carry it.
 */
export async function backupFile(dataset: Dataset, now: Date = new Date()): Promise<ExportedFile> {
  const { exportNativeJson } = await import('../io/nativeJson');
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
  return {
    fileName: `chainatlas-backup-${stamp}.json`,
    mimeType: 'application/json',
    bytes: exportNativeJson(dataset),
  };
}
