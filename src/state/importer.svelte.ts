/**
 * An import from start to finish: reading the file in a worker (with progress and a cancel that leaves
 * nothing behind), the preview of what it would change, merge or replace, and the one-transaction
 * write. Until the user confirms, nothing stored changes.
 */
import { importInWorker, type ImportJob, type WorkerImportContext } from '../io/pipeline/importClient';
import type { ImportResult } from '../io/types';
import { applyPatch, type PatchMode } from '../model/patch';
import type { Dataset } from '../model/types';
import { ConflictError } from '../store/editRepository';
import {
  commitImport,
  describeStorageError,
  mergeWhole,
  previewImport,
  previewImports,
  type ImportPreview,
} from '../store/importRepository';
import { readStoredExtras, withWork, workOf, type SavedWork } from '../store/savedWork';
import { diffDatasets } from '../model/editRecords';
import { sharesWithTeam, teamEffect, type KindEffect } from '../sync/share';
import type { AtlasState } from './atlas.svelte';

export type ImportPhase = 'idle' | 'reading' | 'preview' | 'saving';

/** One of several files imported together, as read. */
export interface ImportedFile {
  readonly name: string;
  readonly result: ImportResult;
}

/**
 * The order several files are read and merged in: what others refer to first. Sources and the chain's
 * own tables, then firm registers, then capacity tables, then supplier lists (which name firms).
 */
function dependencyRank(result: ImportResult): number {
  const tables = result.tables ?? [];
  if (tables.includes('relations')) return 3;
  if (tables.includes('capacities')) return 2;
  if (tables.includes('firms') || tables.includes('enterprises')) return 1;
  return 0;
}

export class ImporterState {
  phase = $state<ImportPhase>('idle');
  fileName = $state('');
  /** 0–1 while reading. */
  progress = $state(0);
  result = $state.raw<ImportResult | undefined>(undefined);
  #mode = $state<PatchMode>('merge');
  /** The user has said yes to an import that removes most of the stored data (asked again on any change). */
  lossConfirmed = $state(false);
  /**
   * A replace (a restore: the file's data in place of what is stored) is sent to the team only when the
   * user ticks this (see `sharesWithTeam`); a merge is sent like an edit.
   */
  sendReplace = $state(false);
  /** The user has chosen the text encoding (needed when the reader was not sure of it). */
  encodingChosen = $state(false);
  #file: File | undefined;
  /**
   * Several files imported as one (empty for one file): each as read, in the order they are merged in.
   * They are previewed and stored together, as one undo step, or not at all.
   */
  files = $state.raw<readonly ImportedFile[]>([]);
  /** Set while several files are being read; a cancel or another import clears it. */
  #batch: object | undefined;
  /** The names of several files, in the order chosen (the dialog's title and the undo step's name). */
  #names: readonly string[] = [];
  /** Why the write failed (the data stays as it was): a kind of failure, and its details. */
  failure = $state<'' | 'quota' | 'blocked' | 'conflict' | 'unknown'>('');
  failureDetail = $state('');
  readonly #atlas: AtlasState;
  #job: ImportJob | undefined;
  /** The scenarios and user layouts stored when the file was opened: the preview counts them too. */
  #stored = $state.raw<Pick<SavedWork, 'scenarios' | 'layouts'> | undefined>(undefined);
  declare readonly preview: ImportPreview | undefined;

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
    this.preview = $derived(
      this.files.length > 1
        ? previewImports(
            this.#atlas.dataset,
            this.files.map((f) => f.result),
            this.#stored,
          )
        : this.result
          ? previewImport(this.#atlas.dataset, this.result, this.mode, this.#stored)
          : undefined,
    );
  }

  /** Merge or replace. Changing it asks again before an import that removes most of the data. */
  get mode(): PatchMode {
    return this.#mode;
  }
  set mode(mode: PatchMode) {
    this.#mode = mode;
    this.lossConfirmed = false;
    this.sendReplace = false;
  }

  /** What a replace would change for the team, were it sent (asked before a restore while sync is on). */
  readonly replaceEffect: KindEffect[] | undefined = $derived.by(() => {
    const preview = this.preview;
    const current = this.#atlas.dataset;
    if (this.mode !== 'replace' || !preview?.ok || !current) return undefined;
    return teamEffect(diffDatasets(current, preview.dataset, { zh: '', en: '' }));
  });

  /** Whether the import waits for the user to choose the file's text encoding. */
  get encodingPending(): boolean {
    // Of several files, one whose encoding is in doubt is imported on its own, where it can be chosen.
    if (this.files.length > 1) return this.files.some((f) => f.result.encodingChoice?.uncertain);
    return !!this.result?.encodingChoice?.uncertain && !this.encodingChosen;
  }

  /**
   * The user's choice of text encoding: the one already read just settles the question; another reads
   * the file again in it.
   */
  async chooseEncoding(encoding: string): Promise<void> {
    if (this.phase !== 'preview' || !this.#file) return;
    if (encoding === this.result?.encoding) {
      this.encodingChosen = true;
      return;
    }
    await this.open(this.#file, encoding);
  }

  /**
   * Reads `file` and shows what importing it would do (not while an import is being written); with
   * `encoding`, a text file is read in it rather than the one judged best.
   */
  async open(file: File, encoding?: string): Promise<void> {
    if (this.phase === 'saving') return;
    this.cancel();
    this.#file = file;
    this.files = [];
    this.phase = 'reading';
    this.fileName = file.name;
    this.progress = 0;
    this.result = undefined;
    this.failure = '';
    this.failureDetail = '';
    this.lossConfirmed = false;
    this.sendReplace = false;
    this.encodingChosen = encoding !== undefined;
    // Matched against the whole stored data, never against the part read first at start.
    await this.#atlas.loaded();
    if (this.#file !== file || this.phase !== 'reading') return; // cancelled, or another file meanwhile
    const db = this.#atlas.db;
    const stored = db ? readStoredExtras(db) : Promise.resolve(undefined);
    const job = importInWorker(
      file,
      {
        fileName: file.name,
        current: this.#atlas.dataset,
        importedAt: new Date().toISOString().slice(0, 10),
        ...(this.#atlas.region ? { regionId: this.#atlas.region.id } : {}),
        ...(encoding ? { encoding } : {}),
      },
      (fraction) => {
        if (this.#job === job) this.progress = fraction;
      },
    );
    this.#job = job;
    const [result, extras] = await Promise.all([job.result, stored.catch(() => undefined)]);
    if (this.#job !== job) return; // cancelled, or another file was dropped meanwhile
    this.#job = undefined;
    this.#stored = extras;
    this.mode = defaultMode(this.#atlas.dataset, result, extras);
    this.result = result;
    this.phase = 'preview';
  }

  /**
   * Reads several files to import them as one: each is read first against the stored data (to learn
   * what it holds), then, in dependency order (sources, firms, relations), each after the first again
   * against the data with the files before it merged in, so a supplier list names the firms of a
   * register chosen with it. One file is an ordinary import.
   */
  async openAll(list: readonly File[]): Promise<void> {
    if (list.length <= 1) {
      if (list[0]) await this.open(list[0]);
      return;
    }
    if (this.phase === 'saving') return;
    this.cancel();
    const batch = {};
    this.#batch = batch;
    this.files = [];
    this.phase = 'reading';
    this.#names = list.map((f) => f.name);
    this.fileName = this.#names.join(', ');
    this.progress = 0;
    this.failure = '';
    this.failureDetail = '';
    this.lossConfirmed = false;
    this.encodingChosen = false;
    await this.#atlas.loaded();
    if (this.#batch !== batch) return;
    const db = this.#atlas.db;
    const stored = db ? readStoredExtras(db).catch(() => undefined) : Promise.resolve(undefined);
    const importedAt = new Date().toISOString().slice(0, 10);
    const regionId = this.#atlas.region?.id;
    const steps = list.length * 2 - 1;
    let step = 0;
    const read = async (file: File, current: Dataset | undefined): Promise<ImportResult | undefined> => {
      const at = step++;
      const ctx: WorkerImportContext = {
        fileName: file.name,
        current,
        importedAt,
        ...(regionId ? { regionId } : {}),
      };
      const job = importInWorker(file, ctx, (fraction) => {
        if (this.#job === job) this.progress = (at + fraction) / steps;
      });
      this.#job = job;
      const result = await job.result;
      if (this.#batch !== batch) return undefined; // cancelled, or another import started
      this.#job = undefined;
      return result;
    };
    const first: ImportResult[] = [];
    for (const file of list) {
      const result = await read(file, this.#atlas.dataset);
      if (!result) return;
      first.push(result);
    }
    const order = list.map((_, i) => i).sort((a, b) => dependencyRank(first[a]!) - dependencyRank(first[b]!) || a - b);
    let merged = this.#atlas.dataset;
    const files: ImportedFile[] = [];
    for (const [k, i] of order.entries()) {
      const file = list[i]!;
      const result = k === 0 ? first[i] : await read(file, merged);
      if (!result) return;
      files.push({ name: file.name, result });
      if (result.ok)
        merged =
          result.kind === 'dataset'
            ? mergeWhole(merged, result.dataset, 'merge')
            : applyPatch(merged, result.patch, 'merge', importedAt);
    }
    const extras = await stored;
    if (this.#batch !== batch) return;
    this.#batch = undefined;
    this.#stored = extras;
    this.#mode = 'merge';
    this.result = undefined;
    this.files = files;
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
    this.#batch = undefined;
    this.phase = 'idle';
    this.result = undefined;
    this.files = [];
    this.#file = undefined;
  }

  /** Writes the previewed import in one transaction. Returns whether it was stored. */
  async commit(): Promise<boolean> {
    const preview = this.preview;
    const db = this.#atlas.db;
    if (!preview?.ok || !db || (preview.loss && !this.lossConfirmed) || this.encodingPending) return false;
    const current = this.#atlas.dataset;
    // What the preview was made on, saved work included: a change to any of it since is a conflict.
    const base = current && this.#stored ? withWork(current, { ...workOf(current), ...this.#stored }) : current;
    this.phase = 'saving';
    try {
      // Several files are one step, named after all of them.
      const names = this.files.length > 1 ? this.#names : [this.fileName];
      const label = { zh: `导入 ${names.join('、')}`, en: `Import ${names.join(', ')}` };
      // What the import changed is shared with the team, record by record, when sync is on; a replace
      // (a restore) only when the user said so.
      const share = sharesWithTeam(this.mode === 'replace' ? 'restore' : 'import', this.sendReplace);
      await this.#atlas.write(
        'all',
        (db) => commitImport(db, preview.dataset, label, { base }),
        share ? label : undefined,
      );
      this.phase = 'idle';
      this.result = undefined;
      this.files = [];
      return true;
    } catch (e) {
      this.failure = e instanceof ConflictError ? 'conflict' : describeStorageError(e).code;
      this.failureDetail = e instanceof Error ? e.message : String(e);
      this.phase = 'preview';
      return false;
    }
  }
}

/**
 * Replace for a whole dataset (it usually stands for everything), merge for a table or graph (it usually
 * adds to what is stored) — and merge too for a dataset whose replace would remove most of the stored
 * data: such a replace is never the default, only the user's explicit choice.
 */
function defaultMode(
  current: Dataset | undefined,
  result: ImportResult,
  stored: Pick<SavedWork, 'scenarios' | 'layouts'> | undefined,
): PatchMode {
  if (!result.ok || result.kind !== 'dataset') return 'merge';
  const replaced = previewImport(current, result, 'replace', stored);
  return replaced.ok && replaced.loss ? 'merge' : 'replace';
}
