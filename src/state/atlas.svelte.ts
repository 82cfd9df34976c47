/**
 * The working copy: the dataset every view reads, held in memory. An edit is applied here at once
 * (drawn in the same frame) and written to IndexedDB behind, in one transaction with its undo step;
 * other tabs receive it as a message and apply it too. The whole store is read only on start, and
 * after an import, a restore, a reset or a write this copy did not see coming.
 *
 * How the copy stays true to the store: `#confirmed` is what the store holds at `#version`; the edits
 * of this tab not yet written wait in `#pending`; what is shown is the confirmed data with the pending
 * edits on top. Writes and incoming messages take turns in one queue, so each write is checked against
 * the confirmed data it will land on (the store itself re-checks when another tab wrote meanwhile).
 *
 * Start-up in two steps, so a large store (20,000 firms, 50,000 relations) does not delay the first
 * draw: the shown region's records first (one transaction), drawn at once (`phase` 'ready'), then the
 * other regions' records after the first draw, in turns that let the page answer input. Until then
 * `dataset` and `shown` stay undefined (`complete` false): what reads beyond the shown region (firm
 * views and search, exports, backups, imports, sync, edits) sees the whole data or waits for it
 * (`loaded()`); only the first draw's reads (`chain`, `index`, `region`, `storedRegion`, `regions`)
 * are served from the partial copy.
 */
import { SvelteSet } from 'svelte/reactivity';
import { chainOf, reuseUnchanged } from '../model/dataset';
import { applyEdit, diffDatasets, type DatasetEdit } from '../model/editRecords';
import { indexChain } from '../model/graph';
import { datasetAt, regionAt, type LaterRecord } from '../model/timeline';
import type { Dataset, Localized, Region, Source } from '../model/types';
import { markPhase, measurePhase } from '../graph/startPhases';
import { databaseMissing, firstVisitLikely } from '../store/firstVisit';
import type { ChainAtlasDB, LayoutRow } from '../store/db';
import { DB_NAME } from '../store/dbName';
import { takeEarlyRead } from '../store/earlyRead';
import {
  readFirstRegion,
  readOtherRegions,
  type FirstRead,
  readSnapshot,
  readViews,
  type PartialRead,
} from '../store/datasetRepository';
import { ConflictError, commitEdit, commitRemoteEdit, redo, undo, type AppliedStep } from '../store/editRepository';
import type { ChangedBy, VersionStep } from '../store/history';
import { getRecord, type RecordRef } from '../model/editRecords';
import { ensureSeeded, loadShippedDataset, resetToShipped, type ShippedLoader } from '../store/seed';

export type Phase = 'loading' | 'ready' | 'error';

/** What one tab tells the others after it wrote: the versions, and what changed when that is small. */
export type DataMessage = VersionStep &
  (
    | { readonly kind: 'edit'; readonly edit: DatasetEdit }
    /** Saved views or briefings changed. */
    | { readonly kind: 'views' }
    /** Anything else (an import, a restore, a reset): read it all again. */
    | { readonly kind: 'reload' }
  );

/** What a write other than an edit changed, so the copy reads back only that. */
export type WriteScope = 'views' | 'all';

export class AtlasState {
  phase = $state<Phase>('loading');
  /** Why start-up failed, as thrown (the UI words it: ui/panorama/startFailure.ts). */
  failure = $state.raw<unknown>(undefined);
  /**
   * The dataset as shown: the stored data with this tab's edits not yet written on top. Replaced, never
   * mutated. Always whole: undefined until the whole store is read (see `complete`, `loaded`).
   */
  dataset = $state.raw<Dataset | undefined>(undefined);
  /**
   * At start, before the whole store is read: a copy holding only the records of the region asked for
   * (`asked`) and the tables kept whole, for the first draw alone.
   */
  #partial = $state.raw<(PartialRead & { readonly asked: string | undefined }) | undefined>(undefined);
  /** Resolves once `dataset` holds the whole store (rejects if start-up fails). */
  readonly #loaded: Promise<void>;
  #markLoaded!: () => void;
  #failLoad!: (e: unknown) => void;
  regionId = $state<string | undefined>(undefined);
  /**
   * No database existed when start-up began (a first visit): there is nothing stored to look up (a
   * layout, say); the database is made and the shipped data written into it after the first draw.
   */
  firstVisit = false;
  /** This tab's edits still being written. */
  readonly writing = new SvelteSet<DatasetEdit>();
  /** Writes and reads of the store queued or under way (0: everything shown is stored). */
  busy = $state(0);
  /** How many times the whole store was read (on start, and after writes this copy could not follow). */
  wholeReads = 0;
  /**
   * Who last changed a record through team sync, when that was another planner (set by the sync engine
   * while it runs): an undo refused because of such a change says who and when.
   */
  changedBy: ((ref: RecordRef) => Promise<ChangedBy | undefined>) | undefined;

  /**
   * The layout row `start` was asked for (`layoutKey`), read beside the data on a later visit so the
   * chain is drawn without a second wait for the store; undefined when not stored, or on a first visit.
   */
  startLayout: Promise<LayoutRow | undefined> | undefined;

  /** The date the data is shown as it stood at (`?at=`); undefined shows it as it stands. */
  at = $state<string | undefined>(undefined);
  /** Whether `dataset` holds the whole store (false at start while the other regions are read). */
  readonly complete: boolean = $derived(this.dataset !== undefined);
  /**
   * What the first draw reads: the whole data, or before it is read, the partial copy while it holds the
   * region asked for (another region waits for the whole data rather than showing no records).
   */
  readonly #view: Dataset | undefined = $derived.by(() => {
    if (this.dataset) return this.dataset;
    const partial = this.#partial;
    const asked = this.regionId;
    return asked === undefined || asked === partial?.asked || asked === partial?.regionId
      ? partial?.dataset
      : undefined;
  });
  readonly #viewAt: Dataset | undefined = $derived(this.#view && this.at ? datasetAt(this.#view, this.at) : this.#view);
  /**
   * The dataset as it stood at `at` (the stored data when no date is set). Read-only: edits go to
   * `dataset`. Whole, like `dataset`: undefined until the whole store is read.
   */
  readonly shown: Dataset | undefined = $derived(this.dataset ? this.#viewAt : undefined);
  /** The regions (their ids and names), for choosing one: there from the first draw on. */
  readonly regions: readonly Pick<Region, 'id' | 'name' | 'parent'>[] = $derived(
    (this.dataset ?? this.#partial?.dataset)?.regions ?? [],
  );
  /** Every source, there from the first draw on (the first read holds the whole table). */
  readonly sources: readonly Source[] = $derived(this.#view?.sources ?? []);
  /** The region shown, undated: the one edits go to. */
  readonly storedRegion: Region | undefined = $derived(
    this.#view?.regions.find((r) => r.id === this.regionId) ?? this.#view?.regions[0],
  );
  /** The region shown, as it stood at `at`. */
  readonly region: Region | undefined = $derived(
    this.#viewAt?.regions.find((r) => r.id === this.storedRegion?.id) ?? this.storedRegion,
  );
  /** The shown region's records left out at `at` (not started, reported or recorded later). */
  readonly later: readonly LaterRecord[] = $derived(
    this.#view && this.at && this.storedRegion
      ? regionAt(this.storedRegion, this.at, new Map(this.#view.sources.map((s) => [s.id, s]))).later
      : [],
  );
  readonly chain = $derived(this.#view && this.region ? chainOf(this.#view, this.region) : this.#view?.chains[0]);
  readonly index = $derived(this.chain ? indexChain(this.chain) : undefined);

  /** The database (through Dexie), once its code has loaded (see `database()`). */
  #db: ChainAtlasDB | undefined;
  #dbName = DB_NAME;
  #database: Promise<ChainAtlasDB> | undefined;
  #channel: BroadcastChannel | undefined;
  /** The stored data as last read or confirmed, and its version. */
  #confirmed: Dataset | undefined;
  #version = 0;
  /** This tab's edits shown but not yet stored, in order. */
  #pending: DatasetEdit[] = [];
  /** Writes and incoming messages, one at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #loadShipped: ShippedLoader;
  /** Told of each edit this tab stored (made, undone or redone here): the sync bridge sends them on. */
  #storedListeners = new Set<(edit: DatasetEdit) => void>();
  readonly #afterFirstDraw: () => Promise<unknown>;

  /**
   * @param afterFirstDraw what start-up work beyond the first draw waits for (on a first visit,
   *   writing the shipped data; on a later one, reading the regions not shown): the app passes the
   *   first draw, so that work never competes with drawing.
   */
  constructor(
    loadShipped: ShippedLoader = loadShippedDataset,
    afterFirstDraw: () => Promise<unknown> = async () => {},
  ) {
    this.#loadShipped = loadShipped;
    this.#afterFirstDraw = afterFirstDraw;
    this.#loaded = new Promise<void>((resolve, reject) => {
      this.#markLoaded = resolve;
      this.#failLoad = reject;
    });
    // Nobody may be waiting when start-up fails; `phase` and `error` say it.
    this.#loaded.catch(() => undefined);
  }

  /**
   * Resolves once the whole store is read (`dataset` is set): an import's merge base, a backup or an
   * export waits for it rather than working on part of the data. Rejects if start-up failed.
   */
  loaded(): Promise<void> {
    return this.#loaded;
  }

  /**
   * Opens the database and shows its data. On a first visit (no database yet) the shipped data is shown
   * at once, without waiting for the database to be made; it is made and the shipped data written
   * after the first draw. On later visits the region asked for (`regionId`, else the first) is read and
   * shown first; the other regions are read after the first draw, in turns (`complete`, `loaded()`).
   * Resolves once the region can be drawn.
   */
  async start(dbName: string = DB_NAME, layoutKey?: string): Promise<void> {
    let layout: (row: LayoutRow | undefined) => void = () => undefined;
    this.startLayout = new Promise((resolve) => (layout = resolve));
    try {
      this.#dbName = dbName;
      this.#listen(dbName);
      // A first visit (no offline copy controls the page yet) most likely finds nothing stored: the
      // shipped data starts loading at once, and whether the database exists is asked beside it.
      const early = firstVisitLikely() ? this.#loadShipped() : undefined;
      early?.catch(() => undefined);
      if (early && (await measurePhase('store-check', () => databaseMissing(dbName)))) {
        // Nothing to read: what is stored after the first draw is this same data, so the chain drawn
        // now is the one the user keeps seeing.
        this.firstVisit = true;
        this.#showShipped(await measurePhase('shipped-data', () => early));
      } else {
        layout((await this.#openAndRead(early, layoutKey))?.layout);
      }
      this.phase = 'ready';
      markPhase('data');
    } catch (e) {
      this.fail(e);
    } finally {
      layout(undefined);
    }
  }

  /**
   * A later visit: reads the region shown (the head script's read when it asked the same, else its own;
   * Dexie only where the schema must be made or upgraded), or shows the shipped data when nothing was
   * stored. The other regions are read after the first draw, through Dexie.
   */
  async #openAndRead(
    early: Promise<Dataset> | undefined,
    layoutKey: string | undefined,
  ): Promise<FirstRead | undefined> {
    // One transaction: whether the store was seeded, and if so what the region shown needs.
    const asked = this.regionId;
    const name = this.#dbName;
    const first = await measurePhase('store-read', () =>
      this.#enqueue(async () => {
        const stored = await readFirstRegion(name, asked, {
          layoutKey,
          early: takeEarlyRead({ name, region: asked ?? null, layoutKey: layoutKey ?? null }),
          open: () => this.database(),
        });
        if (stored.seeded) {
          this.#partial = { dataset: stored.dataset, version: stored.version, regionId: stored.regionId, asked };
          this.#version = stored.version;
        }
        return stored;
      }),
    );
    if (!first.seeded) {
      this.#showShipped(await measurePhase('shipped-data', () => early ?? this.#loadShipped()));
      return undefined;
    }
    // The rest, in turn with the writes: an edit, import or message waits until it is read.
    void this.#enqueue(async () => {
      await this.#afterFirstDraw();
      const db = await this.database();
      await db.open();
      const whole = await readOtherRegions(db, first);
      this.#partial = undefined;
      this.#take(whole);
    }).catch((e: unknown) => this.fail(e));
    return first;
  }

  /**
   * Shows the shipped data as the working copy and writes it into the store after the first draw (the
   * database is opened, or made, then). Edits, imports and messages queue behind that write.
   */
  #showShipped(shipped: Dataset): void {
    this.#confirmed = shipped;
    this.dataset = shipped;
    this.#markLoaded();
    void this.#enqueue(async () => {
      await this.#afterFirstDraw();
      const db = await this.database();
      await db.open();
      await ensureSeeded(db, async () => shipped);
      await this.#reload();
    }).catch((e: unknown) => this.fail(e));
  }

  /**
   * The database (for the layout, scenario and history stores), made on first call: Dexie and the
   * schema are a chunk of their own, which start-up loads after the first draw. Rejects only when that
   * chunk cannot be loaded.
   */
  database(): Promise<ChainAtlasDB> {
    this.#database ??= import('../store/db').then(({ ChainAtlasDB }) => (this.#db = new ChainAtlasDB(this.#dbName)));
    // A failed load is tried again next time.
    this.#database.catch(() => (this.#database = undefined));
    return this.#database;
  }

  /** The database when its code has loaded (`database()`), else undefined. */
  get db(): ChainAtlasDB | undefined {
    return this.#db;
  }

  /**
   * Shows an edit at once and stores it behind. Resolves once it is stored (with the data versions),
   * or undefined for an edit without changes; rejects, with the edit taken back off the screen, when
   * the store refuses it (a ConflictError when another tab changed what it relies on, or a storage
   * error).
   */
  apply(edit: DatasetEdit): Promise<VersionStep | undefined> {
    // Nothing can be checked against part of the data: forms open once the whole store is read.
    if (!this.dataset) return Promise.reject(new Error('the data is still being read'));
    if (edit.changes.length === 0) return Promise.resolve(undefined);
    this.dataset = applyEdit(this.dataset, edit);
    this.#pending.push(edit);
    this.writing.add(edit);
    return this.#enqueue(async () => {
      try {
        // Checked against what the store holds (the confirmed data), not only the copy it was made on.
        // The checks load with the first edit (a lazy chunk), not with the app.
        const { recheckEdit } = await import('../model/editBuild');
        let issues;
        try {
          issues = recheckEdit(this.#confirmed!, edit);
        } catch (e) {
          // A record is not as the edit expects: an earlier edit it built on was refused.
          throw new ConflictError(e instanceof Error ? e.message : String(e));
        }
        if (issues.length) throw new ConflictError(issues[0]!.message, undefined, issues);
        const step = await commitEdit(await this.database(), edit, { version: this.#version });
        this.#drop(edit);
        if (step) await this.#confirm(edit, step);
        this.#post(step && { ...step, kind: 'edit', edit });
        if (step) this.#told(edit);
        return step;
      } catch (e) {
        this.#drop(edit);
        this.#rebase();
        if (e instanceof ConflictError) await this.#reload();
        throw e;
      }
    });
  }

  /** Takes back the last stored step (`expectedId`: the one the user saw), once this tab's writes are done. */
  undo(expectedId?: number): Promise<AppliedStep | undefined> {
    return this.#move('undo', expectedId);
  }

  /** Makes the last undone step again. */
  redo(expectedId?: number): Promise<AppliedStep | undefined> {
    return this.#move('redo', expectedId);
  }

  #move(direction: 'undo' | 'redo', expectedId?: number): Promise<AppliedStep | undefined> {
    return this.#enqueue(async () => {
      try {
        const go = direction === 'undo' ? undo : redo;
        const step = await go(await this.database(), expectedId, { version: this.#version });
        if (step?.edit) await this.#confirm(step.edit, step);
        else if (step) await this.#reload();
        this.#post(step && (step.edit ? { ...step, kind: 'edit', edit: step.edit } : { ...step, kind: 'reload' }));
        if (step?.edit) this.#told(step.edit);
        return step;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        await this.#reload();
        const who = e.record && (await this.changedBy?.(e.record).catch(() => undefined));
        throw who ? new ConflictError(e.message, e.record, e.issues, who) : e;
      }
    });
  }

  /**
   * Takes in changes made elsewhere (another planner, through the sync server): `make` builds the edit
   * from the stored data as it is when the change's turn comes, so it never overwrites what this tab
   * stored meanwhile. It is stored without an undo step, applied to the working copy without reading
   * the whole store, and sent to the other tabs as an edit message, the same path as another tab's edit.
   * This tab's edits still being written stay on top; one that now conflicts is refused as usual.
   */
  receive(make: (stored: Dataset) => DatasetEdit | undefined): Promise<VersionStep | undefined> {
    return this.#enqueue(async () => {
      const edit = this.#confirmed && make(this.#confirmed);
      if (!edit || edit.changes.length === 0) return undefined;
      const { recheckEdit } = await import('../model/editBuild');
      const issues = recheckEdit(this.#confirmed!, edit);
      if (issues.length) throw new ConflictError(issues[0]!.message, undefined, issues);
      try {
        const step = await commitRemoteEdit(await this.database(), edit, { version: this.#version });
        if (step) await this.#confirm(edit, step);
        this.#post(step && { ...step, kind: 'edit', edit });
        return step;
      } catch (e) {
        if (e instanceof ConflictError) await this.#reload();
        throw e;
      }
    });
  }

  /**
   * What this browser's stored data holds apart from the shipped data (its imports and edits), as one
   * edit from the shipped data to the stored: what it held before team sync was switched on. Empty for
   * a browser still on the shipped data.
   */
  heldChanges(label: Localized): Promise<DatasetEdit> {
    return this.#enqueue(async () => {
      const shipped = await this.#loadShipped();
      return this.#confirmed ? diffDatasets(shipped, this.#confirmed, label) : { label, changes: [] };
    });
  }

  /** A record's value in the shipped data (undefined when the shipped data does not have it). */
  async shippedRecord(ref: RecordRef): Promise<unknown> {
    return getRecord(await this.#loadShipped(), ref);
  }

  /** Calls `listener` with each edit this tab stores from now on; returns how to stop. */
  onStored(listener: (edit: DatasetEdit) => void): () => void {
    this.#storedListeners.add(listener);
    return () => this.#storedListeners.delete(listener);
  }

  #told(edit: DatasetEdit): void {
    for (const listener of this.#storedListeners) listener(edit);
  }

  /**
   * Runs a write of the store other than an edit (an import, a reset, a saved view) in turn with the
   * edits, then reads back what it changed and tells the other tabs. With `share` (an import), the
   * records it changed are also passed, as one edit with that label, to those told of each stored
   * edit (team sync), so a planner's import reaches the team like an edit does.
   */
  write<T>(scope: WriteScope, task: (db: ChainAtlasDB) => Promise<T>, share?: Localized): Promise<T> {
    return this.#enqueue(async () => {
      const db = await this.database();
      const previous = this.#version;
      const before = this.#confirmed;
      let reloaded: number | undefined;
      try {
        const result = await task(db);
        if (share && before) {
          reloaded = await this.#reload();
          const after = this.#confirmed;
          const changed = after && diffDatasets(before, after, share);
          if (changed?.changes.length) this.#told(changed);
        }
        return result;
      } finally {
        // Read back even after a failure: a write refused half-way leaves the store as it was, but
        // re-reading costs little and the copy can never drift.
        const version =
          reloaded !== undefined ? reloaded : scope === 'views' ? await this.#reloadViews() : await this.#reload();
        if (version !== previous) this.#post({ previous, version, kind: scope === 'views' ? 'views' : 'reload' });
      }
    });
  }

  /**
   * Replaces all stored data with the shipped data. The caller has asked the user. With `share` (the
   * user said to send it to the team), what the reset changed goes to team sync like an import's.
   */
  async reset(share?: Localized): Promise<void> {
    await this.write('all', (db) => resetToShipped(db, this.#loadShipped), share);
  }

  /** What a reset would change: the stored data to the shipped data, record by record. */
  resetChanges(label: Localized): Promise<DatasetEdit> {
    return this.#enqueue(async () => {
      const shipped = await this.#loadShipped();
      return this.#confirmed ? diffDatasets(this.#confirmed, shipped, label) : { label, changes: [] };
    });
  }

  fail(e: unknown): void {
    this.failure = e;
    this.phase = 'error';
    this.#failLoad(e);
  }

  stop(): void {
    this.#channel?.close();
    void this.#database?.then(
      (db) => db.close(),
      () => undefined,
    );
  }

  /** Resolves once every write asked for so far is done (stored or refused). */
  async settled(): Promise<void> {
    await this.#queue;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.busy++;
    const run = this.#queue.then(task).finally(() => this.busy--);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #listen(name: string): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(`chainatlas-data:${name}`);
    this.#channel.onmessage = (event: MessageEvent<DataMessage>) => {
      void this.#enqueue(() => this.#receive(event.data)).catch((e: unknown) => this.fail(e));
    };
  }

  #post(message: DataMessage | undefined): void {
    if (message) this.#channel?.postMessage(message);
  }

  /** Another tab wrote: take its edit if it follows on from our data, else read again. */
  async #receive(message: DataMessage): Promise<void> {
    if (!this.#confirmed || message.version <= this.#version) return;
    if (message.previous === this.#version && message.kind === 'edit') {
      try {
        await this.#confirm(message.edit, message);
        return;
      } catch {
        // Our copy differs from what that edit was made on: read the store.
      }
    }
    if (message.previous === this.#version && message.kind === 'views') await this.#reloadViews();
    else await this.#reload();
  }

  /** A stored edit joins the confirmed data; when the store moved on further (another tab), read it. */
  async #confirm(edit: DatasetEdit, step: VersionStep): Promise<void> {
    if (step.previous !== this.#version) {
      await this.#reload();
      return;
    }
    this.#confirmed = applyEdit(this.#confirmed!, edit);
    this.#version = step.version;
    this.#rebase();
  }

  #drop(edit: DatasetEdit): void {
    this.#pending = this.#pending.filter((e) => e !== edit);
    this.writing.delete(edit);
  }

  /** Shows the confirmed data with the pending edits on top (an edit that no longer applies is left out: its write will fail). */
  #rebase(): void {
    let shown = this.#confirmed;
    for (const edit of this.#pending) {
      try {
        shown = shown && applyEdit(shown, edit);
      } catch {
        // Shown again if its write succeeds, reported if it fails.
      }
    }
    this.dataset = shown;
    if (shown) this.#markLoaded();
  }

  /** Reads the whole store; returns its version. */
  async #reload(): Promise<number> {
    const snapshot = await readSnapshot(await this.database());
    this.#take(snapshot);
    return snapshot.version;
  }

  /** Takes in the whole store as read. */
  #take({ dataset, version }: { dataset: Dataset | undefined; version: number }): void {
    this.wholeReads++;
    this.#confirmed = dataset && reuseUnchanged(this.#confirmed, dataset);
    this.#version = version;
    this.#rebase();
  }

  /**
   * Reads the saved views and briefings only, after one write of them; reads everything when the store
   * moved on by more than that one write. Returns the store's version.
   */
  async #reloadViews(): Promise<number> {
    const { views, briefings, version } = await readViews(await this.database());
    if (version === this.#version) return version;
    if (!this.#confirmed || version !== this.#version + 1) return this.#reload();
    const { views: _v, briefings: _b, ...data } = this.#confirmed;
    this.#confirmed = { ...data, ...(views.length ? { views } : {}), ...(briefings.length ? { briefings } : {}) };
    this.#version = version;
    this.#rebase();
    return version;
  }
}
