/**
 * Keeping data safe: persistent storage asked for once, how much is used, and whether there are edits
 * newer than the last backup (followed live, so a backup in one tab clears the reminder in all).
 */
import {
  backupDataset,
  backupFile,
  backupState,
  markBackup,
  requestPersistence,
  storageUsage,
  type BackupState,
  type PersistenceState,
} from '../store/safety';
import { downloadFile } from '../ui/common/download';
import type { Subscription } from '../store/db';
import type { AtlasState } from './atlas.svelte';

export class SafetyState {
  persistence = $state<PersistenceState | 'asking'>('asking');
  usage = $state.raw<{ usage?: number; quota?: number }>({});
  backup = $state.raw<BackupState>({ needsBackup: false });
  readonly #atlas: AtlasState;
  #subscription: Subscription | undefined;
  #following = false;

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
  }

  /** Asks for persistent storage and starts following the backup state (once the chain is drawn: the store's code loads then). */
  async follow(): Promise<void> {
    if (this.#following) return;
    this.#following = true;
    const [db, { liveQuery }] = await Promise.all([this.#atlas.database(), import('../store/db')]);
    this.#subscription = liveQuery(() => backupState(db)).subscribe({ next: (b) => (this.backup = b) });
    this.persistence = await requestPersistence();
    await this.refreshUsage();
  }

  async refreshUsage(): Promise<void> {
    this.usage = await storageUsage();
  }

  /** Downloads everything the user made (data, views, briefings, scenarios, layouts) as a ChainAtlas file and notes the backup. */
  async downloadBackup(): Promise<string | undefined> {
    // All of it: at start the other regions are read after the first draw.
    await this.#atlas.loaded();
    const db = await this.#atlas.database();
    const dataset = this.#atlas.dataset;
    if (!dataset) return undefined;
    const file = await backupFile(await backupDataset(db, dataset));
    downloadFile(file.fileName, file.mimeType, file.bytes);
    await markBackup(db);
    return file.fileName;
  }

  stop(): void {
    this.#subscription?.unsubscribe();
  }
}
