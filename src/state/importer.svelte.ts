/**
 * An import from start to finish: reading the file in a worker (with progress and a cancel that leaves
 * nothing behind), the preview of what it would change, merge or replace, and the one-transaction
 * write. Until the user confirms, nothing stored changes.
 */
import { importInWorker, type ImportJob } from '../io/pipeline/importClient';
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
import { readStoredExtras, type SavedWork } from '../store/savedWork';
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

/**
 * The dependency order guessed from a file's name before it is read (a supplier list last), so that
 * most batches are read once; a wrong guess costs a second reading of the files it misplaced.
 */
function guessRank(file: File): number {
  const name = file.name.toLowerCase();
  if (/供应|采购|供货|supplier|supply|relation|buyer/.test(name)) return 3;
  if (/产能|capacit/.test(name)) return 2;
  if (/企业|名录|公司|firm|enterprise|compan|register/.test(name)) return 1;
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
    this.preview = $derived(this.#previewOf(this.mode, this.#atlas.dataset, this.result, this.#stored, this.files));
  }

  /**
   * The previews made for the file now shown, by mode: each is made once (a nation-scale merge takes a
   * moment to check), so switching between Merge and Replace and back costs nothing. Made again only
   * when the data, the file or the stored extras change.
   */
  #previews:
    | {
        readonly key: readonly unknown[];
        readonly byMode: Map<PatchMode, ImportPreview | undefined>;
      }
    | undefined;

  #previewOf(
    mode: PatchMode,
    dataset: Dataset | undefined,
    result: ImportResult | undefined,
    stored: Pick<SavedWork, 'scenarios' | 'layouts'> | undefined,
    files: readonly ImportedFile[],
  ): ImportPreview | undefined {
    const key = [dataset, result, stored, files];
    if (!this.#previews || this.#previews.key.some((k, i) => k !== key[i])) this.#previews = { key, byMode: new Map() };
    const { byMode } = this.#previews;
    // Several files are always merged.
    const at = files.length > 1 ? 'merge' : mode;
    if (!byMode.has(at))
      byMode.set(
        at,
        files.length > 1
          ? previewImports(
              dataset,
              files.map((f) => f.result),
              stored,
            )
          : result
            ? previewImport(dataset, result, at, stored)
            : undefined,
      );
    return byMode.get(at);
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
    if (this.mode !== 'replace' || !preview?.ok || !this.#atlas.dataset) return undefined;
    return teamEffect({ label: { zh: '', en: '' }, changes: preview.changes });
  });

  /** Whether the import waits for the user to choose the file's text encoding. */
  get encodingPending(): boolean {
    // Of several files, each whose encoding is in doubt is asked about in the list.
    if (this.files.length > 1) return this.files.some((_, i) => this.fileEncodingPending(i));
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
    const stored = this.#atlas.database().then((db) => readStoredExtras(db));
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
    this.mode = defaultMode(result, () => this.#previewOf('replace', this.#atlas.dataset, result, extras, this.files));
    this.result = result;
    this.phase = 'preview';
  }

  /**
   * Reads several files to import them as one, each once where it can: in dependency order (sources,
   * firms, relations), each against the data with the files before it merged in, so a supplier list
   * names the firms of a register chosen with it. The order is first guessed from the file names; a
   * file found to hold something else is put in its place and only the files whose predecessors
   * changed are read again. One file is an ordinary import.
   */
  async openAll(list: readonly File[]): Promise<void> {
    if (list.length <= 1) {
      if (list[0]) await this.open(list[0]);
      return;
    }
    if (this.phase === 'saving') return;
    this.cancel();
    this.#names = list.map((f) => f.name);
    this.#batchFiles = list;
    this.#batchReads = new Map();
    this.#encodings = new Map();
    this.#encodingsChosen = new Set();
    this.fileName = this.#names.join(', ');
    this.failure = '';
    this.failureDetail = '';
    this.lossConfirmed = false;
    this.encodingChosen = false;
    // The batch's files are read against the whole data: wait for it, unless another import starts meanwhile.
    const batch = {};
    this.#batch = batch;
    await this.#atlas.loaded();
    if (this.#batch !== batch) return;
    const stored = this.#atlas
      .database()
      .then((db) => readStoredExtras(db))
      .catch(() => undefined);
    await this.#readBatch(stored);
  }

  /** The files of the batch shown, as chosen (empty for one file). */
  #batchFiles: readonly File[] = [];
  /** Each batch file as read: in which encoding, after which files (by name), and what came of it. */
  #batchReads = new Map<File, { readonly encoding?: string; readonly after: string; readonly result: ImportResult }>();
  /** Encodings the user chose for files of the batch. */
  #encodings = new Map<File, string>();
  /** Files of the batch whose (uncertain) encoding the user has settled. */
  #encodingsChosen = $state.raw(new Set<File>());

  /**
   * Reads the batch's files that are not read yet as they now stand (a file is read again only when
   * the files merged before it, or its encoding, changed), in dependency order.
   */
  async #readBatch(stored: Promise<Pick<SavedWork, 'scenarios' | 'layouts'> | undefined>): Promise<void> {
    const batch = {};
    this.#batch = batch;
    this.files = [];
    this.phase = 'reading';
    this.progress = 0;
    const list = this.#batchFiles;
    const importedAt = new Date().toISOString().slice(0, 10);
    const regionId = this.#atlas.region?.id;
    const position = new Map(list.map((f, i) => [f, i]));
    const byRank = (rank: (f: File) => number) => (a: File, b: File) =>
      rank(a) - rank(b) || position.get(a)! - position.get(b)!;
    let order = [...list].sort(byRank(guessRank));
    let reading = 0;
    const read = async (file: File, current: Dataset | undefined, encoding?: string) => {
      const job = importInWorker(
        file,
        {
          fileName: file.name,
          current,
          importedAt,
          ...(regionId ? { regionId } : {}),
          ...(encoding ? { encoding } : {}),
        },
        (fraction) => {
          if (this.#job === job)
            this.progress = Math.max(this.progress, Math.min(1, (reading + fraction) / list.length));
        },
      );
      this.#job = job;
      const result = await job.result;
      if (this.#batch !== batch) return undefined; // cancelled, or another import started
      this.#job = undefined;
      reading++;
      return result;
    };
    let files: ImportedFile[] = [];
    // A file found out of place moves once; ranks do not depend on the order, so two rounds settle it.
    for (let round = 0; round < 3; round++) {
      let merged = this.#atlas.dataset;
      const before: string[] = [];
      files = [];
      for (const file of order) {
        const encoding = this.#encodings.get(file);
        const after = before.join('\u0000');
        let known = this.#batchReads.get(file);
        if (!known || known.after !== after || known.encoding !== encoding) {
          const result = await read(file, merged, encoding);
          if (!result) return;
          known = { after, result, ...(encoding ? { encoding } : {}) };
          this.#batchReads.set(file, known);
        }
        const { result } = known;
        files.push({ name: file.name, result });
        before.push(file.name);
        if (result.ok)
          merged =
            result.kind === 'dataset'
              ? mergeWhole(merged, result.dataset, 'merge')
              : applyPatch(merged, result.patch, 'merge', importedAt);
      }
      const rank = (f: File) => dependencyRank(this.#batchReads.get(f)!.result);
      const settled = [...order].sort(byRank(rank));
      if (settled.every((f, i) => f === order[i])) break;
      order = settled;
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
   * The user's choice of text encoding for one file of a batch (`index` in the list shown): the one
   * already read just settles the question; another reads that file again in it, and the files after it.
   */
  async chooseFileEncoding(index: number, encoding: string): Promise<void> {
    if (this.phase !== 'preview' || this.files.length < 2) return;
    const name = this.files[index]?.name;
    const file = this.#batchFiles.find(
      (f) => f.name === name && this.#batchReads.get(f)?.result === this.files[index]!.result,
    );
    if (!file) return;
    this.#encodingsChosen = new Set([...this.#encodingsChosen, file]);
    if (encoding === this.files[index]!.result.encoding) return;
    this.#encodings.set(file, encoding);
    await this.#readBatch(Promise.resolve(this.#stored));
  }

  /** Whether the file at `index` of a batch waits for its text encoding to be chosen. */
  fileEncodingPending(index: number): boolean {
    const f = this.files[index];
    if (!f?.result.encodingChoice?.uncertain) return false;
    const file = this.#batchFiles.find((x) => this.#batchReads.get(x)?.result === f.result);
    return !file || !this.#encodingsChosen.has(file);
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
    if (!preview?.ok || (preview.loss && !this.lossConfirmed) || this.encodingPending) return false;
    // What the preview was made on, saved work included: a change to any of it since is a conflict.
    const { base } = preview;
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
        (db) => commitImport(db, preview.dataset, label, { base, checkedOnBase: preview.checked === 'change' }),
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
function defaultMode(result: ImportResult, replace: () => ImportPreview | undefined): PatchMode {
  if (!result.ok || result.kind !== 'dataset') return 'merge';
  const replaced = replace();
  return replaced?.ok && replaced.loss ? 'merge' : 'replace';
}
