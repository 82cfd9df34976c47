/**
 * An import from start to finish: reading the file in a worker (with progress and a cancel that leaves
 * nothing behind), the preview of what it would change, merge or replace, and the one-transaction
 * write. Until the user confirms, nothing stored changes.
 */
import { importInWorker, type ImportJob } from '../io/importClient';
import type { ImportResult } from '../io/types';
import type { PatchMode } from '../model/patch';
import { ConflictError } from '../store/editRepository';
import { commitImport, describeStorageError, previewImport, type ImportPreview } from '../store/importRepository';
import type { AtlasState } from './atlas.svelte';

export type ImportPhase = 'idle' | 'reading' | 'preview' | 'saving';

export class ImporterState {
  phase = $state<ImportPhase>('idle');
  fileName = $state('');
  /** 0–1 while reading. */
  progress = $state(0);
  result = $state.raw<ImportResult | undefined>(undefined);
  mode = $state<PatchMode>('merge');
  /** Why the write failed (the data stays as it was): a kind of failure, and its details. */
  failure = $state<'' | 'quota' | 'blocked' | 'conflict' | 'unknown'>('');
  failureDetail = $state('');
  readonly #atlas: AtlasState;
  #job: ImportJob | undefined;
  declare readonly preview: ImportPreview | undefined;

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
    this.preview = $derived(this.result ? previewImport(this.#atlas.dataset, this.result, this.mode) : undefined);
  }

  /** Reads `file` and shows what importing it would do (not while an import is being written). */
  async open(file: File): Promise<void> {
    if (this.phase === 'saving') return;
    this.cancel();
    this.phase = 'reading';
    this.fileName = file.name;
    this.progress = 0;
    this.result = undefined;
    this.failure = '';
    this.failureDetail = '';
    const job = importInWorker(
      file,
      {
        fileName: file.name,
        current: this.#atlas.dataset,
        importedAt: new Date().toISOString().slice(0, 10),
        ...(this.#atlas.region ? { regionId: this.#atlas.region.id } : {}),
      },
      (fraction) => {
        if (this.#job === job) this.progress = fraction;
      },
    );
    this.#job = job;
    const result = await job.result;
    if (this.#job !== job) return; // cancelled, or another file was dropped meanwhile
    this.#job = undefined;
    // A whole dataset usually stands for everything; a table or graph usually adds to what is stored.
    this.mode = result.ok && result.kind === 'dataset' ? 'replace' : 'merge';
    this.result = result;
    this.phase = 'preview';
  }

  /**
   * Stops reading (the worker is terminated) or closes the preview; nothing is written. Once the write
   * has started it goes through, so a cancel then does nothing (rather than closing the dialog as if
   * nothing were stored, and the data being imported all the same).
   */
  cancel(): void {
    if (this.phase === 'saving') return;
    this.#job?.cancel();
    this.#job = undefined;
    this.phase = 'idle';
    this.result = undefined;
  }

  /** Writes the previewed import in one transaction. Returns whether it was stored. */
  async commit(): Promise<boolean> {
    const preview = this.preview;
    if (!preview?.ok || !this.#atlas.db) return false;
    this.phase = 'saving';
    const base = this.#atlas.dataset;
    try {
      await this.#atlas.write('all', (db) =>
        commitImport(db, preview.dataset, { zh: `导入 ${this.fileName}`, en: `Import ${this.fileName}` }, { base }),
      );
      this.phase = 'idle';
      this.result = undefined;
      return true;
    } catch (e) {
      this.failure = e instanceof ConflictError ? 'conflict' : describeStorageError(e).code;
      this.failureDetail = e instanceof Error ? e.message : String(e);
      this.phase = 'preview';
      return false;
    }
  }
}
