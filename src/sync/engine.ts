/**
 * The sync engine: PouchDB's replicator between a local replica (IndexedDB, one database per server
 * database) and the team's CouchDB database. Loaded as its own chunk, only once sync is set up.
 *
 * - This tab's stored edits become record documents in the replica (`docsOfEdit`); the replica is the
 *   outbox, and the replicator sends them when the server can be reached (retrying while it cannot).
 * - Documents arriving in the replica from the server are turned into one edit (`editFromDocs`) and
 *   handed to `AtlasState.receive`: stored in Dexie and applied to the working copy like another tab's
 *   edit. Dexie stays the app's store; the replica only carries documents.
 * - A document with conflicting revisions is listed with every side; the user keeps one or a merge.
 * - A write the server refuses (validate_doc_update, a reader's account) is listed as refused.
 */
import PouchDB, { type ChangeRow, type Database, type Emitter, type PouchDoc } from 'pouchdb-browser';
import type { DatasetEdit } from '../model/editRecords';
import type { Localized } from '../model/types';
import type { AtlasState } from '../state/atlas.svelte';
import {
  docsOfEdit,
  editFromDocs,
  historyDoc,
  historyPrefix,
  isRecordDoc,
  resolution,
  type ConflictSides,
  type HistoryDoc,
  type RecordDoc,
  type Signature,
} from './docs';

/** What the engine reports to the sync state (and so to the screen). */
export interface EngineReport {
  phase(phase: 'syncing' | 'synced' | 'offline' | 'signed-out', detail?: string): void;
  waiting(count: number): void;
  conflicts(list: readonly ConflictSides[]): void;
  refused(list: readonly Refusal[]): void;
  /** Records that arrived but could not be applied, with why. */
  skipped(reasons: readonly string[]): void;
  /** A change of the replica that the history lists may show. */
  changed(): void;
}

/** A write of this user's that the server refused. */
export interface Refusal {
  readonly id: string;
  readonly reason: string;
  readonly doc?: RecordDoc;
}

export interface EngineOptions {
  /** The server's base address under the app's origin, e.g. `/couch`. */
  readonly server: string;
  readonly db: string;
  readonly user: string;
  readonly atlas: AtlasState;
  readonly report: EngineReport;
  /** Longest wait between two tries while the server cannot be reached (ms). */
  readonly maxBackOff?: number;
}

const SEQ_KEY = 'chainatlas-sync-seq:';
/** How long incoming changes are gathered into one edit. */
const BURST_MS = 40;
const OUTBOX_KEY = 'chainatlas-sync-outbox:';

export class SyncEngine {
  readonly #o: EngineOptions;
  readonly #local: Database;
  readonly #remote: Database;
  readonly #key: string;
  #push: Emitter | undefined;
  #pull: Emitter | undefined;

  #feed: Emitter | undefined;
  #unhook: (() => void) | undefined;
  /** Revisions this tab wrote to the replica (`id@rev`), so the changes feed does not apply them back. */
  readonly #mine = new Set<string>();
  /** Record documents written here and not yet on the server: id → rev. */
  readonly #outbox: Map<string, string>;
  readonly #conflicts = new Map<string, ConflictSides>();
  readonly #refused = new Map<string, Refusal>();
  /** Documents from the feed waiting for the next batch, and the seq after them. */
  #incoming: RecordDoc[] = [];
  #lastSeq: number | string = 0;
  #flushing: Promise<void> = Promise.resolve();
  #scheduled = false;
  /** Writes to the replica, one at a time and in order. */
  #writes: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(options: EngineOptions) {
    this.#o = options;
    const base = new URL(`${options.server.replace(/\/+$/, '')}/`, location.href);
    this.#key = `${base.pathname}${options.db}`;
    this.#local = new PouchDB(`chainatlas-sync:${this.#key}`, { auto_compaction: true });
    this.#remote = new PouchDB(new URL(encodeURIComponent(options.db), base).href, { skip_setup: true });
    this.#outbox = new Map(JSON.parse(localStorage.getItem(OUTBOX_KEY + this.#key) ?? '[]') as [string, string][]);
  }

  async start(): Promise<void> {
    this.#unhook = this.#o.atlas.onStored((edit) => void this.send(edit));
    this.#o.report.waiting(this.#outbox.size);
    await this.#scanConflicts();
    this.#lastSeq = localStorage.getItem(SEQ_KEY + this.#key) ?? 0;
    this.#feed = this.#local
      .changes({ since: this.#lastSeq, live: true, include_docs: true, conflicts: true })
      .on('change', (change: ChangeRow) => this.#take(change));
    this.#replicate();
    addEventListener('online', this.#online);
    addEventListener('offline', this.#offline);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unhook?.();
    this.#feed?.cancel();
    this.#push?.cancel();
    this.#pull?.cancel();
    removeEventListener('online', this.#online);
    removeEventListener('offline', this.#offline);
    await this.#writes.catch(() => undefined);
    await this.#flushing;
    await this.#local.close();
  }

  readonly #online = () => {
    // Try at once rather than after the back-off.
    this.#push?.cancel();
    this.#pull?.cancel();
    this.#replicate();
  };
  readonly #offline = () => this.#o.report.phase('offline');

  /** Where push and pull stand; the phase shown joins them. */
  #pushOk = true;
  #pullOk = false;
  #authFailed = false;

  #report(detail?: string): void {
    if (this.#authFailed) this.#o.report.phase('signed-out', detail);
    else if (!navigator.onLine || !this.#pushOk || !this.#pullOk) this.#o.report.phase('offline', detail);
    else this.#o.report.phase(this.#outbox.size ? 'syncing' : 'synced');
  }

  #replicate(): void {
    this.#startPush();
    this.#startPull();
  }

  /**
   * Sends: PouchDB's live replication from the replica to the server, retrying (with a back-off up to
   * `maxBackOff`) while the server cannot be reached.
   */
  #startPush(): void {
    if (this.#stopped) return;
    const max = this.#o.maxBackOff ?? 3000;
    const push = PouchDB.replicate(this.#local, this.#remote, {
      live: true,
      retry: true,
      back_off_function: (delay: number) => (delay === 0 ? 500 : Math.min(delay * 2, max)),
    });
    this.#push = push;
    push
      .on('paused', (err?: { status?: number; message?: string }) => {
        this.#pushOk = !err;
        if (err?.status === 401) this.#authFailed = true;
        this.#report(err?.message);
      })
      .on('change', (info: { docs: PouchDoc[] }) => {
        for (const doc of info.docs) if (this.#outbox.get(doc._id) === doc._rev) this.#outbox.delete(doc._id);
        this.#saveOutbox();
      })
      .on('denied', (err: { id?: string; reason?: string; message?: string }) => this.#denied(err))
      .on('error', (err: { status?: number; message?: string }) => {
        this.#pushOk = false;
        if (err?.status === 401) this.#authFailed = true;
        this.#report(err?.message);
      });
  }

  /** Receives: PouchDB's live replication from the server into the replica, retrying like the push. */
  #startPull(): void {
    if (this.#stopped) return;
    const max = this.#o.maxBackOff ?? 3000;
    const pull = PouchDB.replicate(this.#remote, this.#local, {
      live: true,
      batch_size: 500,
      retry: true,
      back_off_function: (delay: number) => (delay === 0 ? 500 : Math.min(delay * 2, max)),
    });
    this.#pull = pull;
    pull
      .on('paused', (err?: { status?: number; message?: string }) => {
        this.#pullOk = !err;
        if (err?.status === 401) this.#authFailed = true;
        else if (!err) this.#authFailed = false;
        this.#report(err?.message);
      })
      .on('error', (err: { status?: number; message?: string }) => {
        this.#pullOk = false;
        if (err?.status === 401) this.#authFailed = true;
        this.#report(err?.message);
      });
  }

  #denied(err: { id?: string; reason?: string; message?: string; doc?: { id?: string } }): void {
    const id = err.id ?? err.doc?.id;
    if (!id || id.startsWith('history:')) {
      if (id) this.#outbox.delete(id);
      this.#saveOutbox();
      return;
    }
    void this.#local
      .get(id)
      .catch(() => undefined)
      .then((doc) => {
        this.#outbox.delete(id);
        this.#saveOutbox();
        this.#refused.set(id, {
          id,
          reason: err.reason ?? err.message ?? 'refused by the server',
          ...(isRecordDoc(doc) && { doc }),
        });
        this.#o.report.refused([...this.#refused.values()]);
      });
  }

  #saveOutbox(): void {
    localStorage.setItem(OUTBOX_KEY + this.#key, JSON.stringify([...this.#outbox]));
    this.#o.report.waiting(this.#outbox.size);
    this.#report();
  }

  #signature(label: Localized): Signature {
    return { by: this.#o.user, at: new Date().toISOString(), label };
  }

  /** Writes a stored edit's records (and a history entry each) to the replica, to be sent. */
  send(edit: DatasetEdit): Promise<void> {
    const run = this.#writes.then(async () => {
      const { records, history } = docsOfEdit(edit, this.#signature(edit.label));
      await this.#writeRecords(records, history);
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async #writeRecords(records: readonly RecordDoc[], history: readonly HistoryDoc[] = []): Promise<void> {
    const current = await this.#local.allDocs({ keys: records.map((r) => r._id) });
    const docs = records.map((r, i) => {
      const rev = current.rows[i]?.value?.rev;
      return rev ? { ...r, _rev: rev } : r;
    });
    const results = await this.#local.bulkDocs([...docs, ...history]);
    for (const res of results.slice(0, docs.length)) {
      if (!res.rev) continue;
      this.#mine.add(`${res.id}@${res.rev}`);
      this.#outbox.set(res.id, res.rev);
      this.#refused.delete(res.id);
    }
    this.#saveOutbox();
    this.#o.report.refused([...this.#refused.values()]);
    this.#o.report.changed();
  }

  #take(change: ChangeRow): void {
    this.#lastSeq = change.seq;
    const doc = change.doc;
    if (isRecordDoc(doc)) {
      if (doc._conflicts?.length) void this.#noteConflict(doc);
      else if (this.#conflicts.delete(doc._id)) this.#o.report.conflicts([...this.#conflicts.values()]);
      if (!this.#mine.has(`${doc._id}@${doc._rev}`)) this.#incoming.push(doc);
    }
    if (doc?._id.startsWith('history:')) this.#o.report.changed();
    if (!this.#scheduled) {
      this.#scheduled = true;
      // One edit per burst of changes: a pull writes hundreds at a time, and each edit is checked
      // against the whole dataset, so waiting a moment for the rest of the burst costs far less.
      setTimeout(() => {
        this.#scheduled = false;
        this.#flushing = this.#flushing.then(() => this.#flush());
      }, BURST_MS);
    }
  }

  async #flush(): Promise<void> {
    const docs = this.#incoming;
    const seq = this.#lastSeq;
    this.#incoming = [];
    if (docs.length) {
      const label: Localized = { zh: '同步：其他规划人员的修改', en: 'Sync: changes by other planners' };
      let skipped: readonly { reason: string }[] = [];
      try {
        await this.#o.atlas.receive((stored) => {
          const made = editFromDocs(stored, docs, label);
          skipped = made.skipped;
          return made.edit;
        });
      } catch (e) {
        skipped = [{ reason: e instanceof Error ? e.message : String(e) }];
      }
      if (skipped.length) this.#o.report.skipped(skipped.map((s) => s.reason));
    }
    localStorage.setItem(SEQ_KEY + this.#key, String(seq));
  }

  async #scanConflicts(): Promise<void> {
    const all = await this.#local.allDocs({ include_docs: true, conflicts: true });
    await Promise.all(
      all.rows.map((row) =>
        isRecordDoc(row.doc) && row.doc._conflicts?.length ? this.#noteConflict(row.doc) : undefined,
      ),
    );
  }

  async #noteConflict(winner: RecordDoc): Promise<void> {
    const others = await Promise.all(
      (winner._conflicts ?? []).map((rev) => this.#local.get(winner._id, { rev }).catch(() => undefined)),
    );
    const sides: RecordDoc[] = [winner, ...others.flatMap((d) => (isRecordDoc(d) ? [d] : []))];
    this.#conflicts.set(winner._id, { id: winner._id, ref: winner.ref, sides });
    this.#o.report.conflicts([...this.#conflicts.values()]);
  }

  /** Ends a conflict: `value` (one side's or a merge; null to remove the record) wins, the other revisions go. */
  resolve(id: string, value: unknown, label: Localized): Promise<void> {
    const run = this.#writes.then(async () => {
      const winner = await this.#local.get(id, { conflicts: true });
      if (!isRecordDoc(winner)) throw new Error(`${id} is not a record of this atlas`);
      const sig = this.#signature(label);
      const { keep, drop } = resolution(winner, value, sig);
      const [kept] = await this.#local.bulkDocs([
        keep,
        ...(winner._conflicts ?? []).map(drop),
        historyDoc(id, sig, value === null),
      ]);
      if (kept?.rev) {
        this.#mine.add(`${id}@${kept.rev}`);
        this.#outbox.set(id, kept.rev);
      }
      this.#conflicts.delete(id);
      this.#o.report.conflicts([...this.#conflicts.values()]);
      this.#saveOutbox();
      await this.#o.atlas.receive((stored) => editFromDocs(stored, [keep], label).edit);
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Puts back the server's version of records whose change was refused: the working copy and the
   * replica take the value the server holds (or the record's absence), and the refusal is dropped.
   */
  putBack(ids: readonly string[], label: Localized): Promise<void> {
    const run = this.#writes.then(async () => {
      const docs: RecordDoc[] = [];
      for (const id of ids) {
        const refusal = this.#refused.get(id);
        const server = await this.#remote.get(id).catch(() => undefined);
        if (isRecordDoc(server)) docs.push(server);
        else if (refusal?.doc) docs.push({ ...refusal.doc, value: null });
        this.#refused.delete(id);
      }
      this.#o.report.refused([...this.#refused.values()]);
      await this.#o.atlas.receive((stored) => editFromDocs(stored, docs, label).edit);
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** Who changed a record, and when, newest first (from the history documents in the replica). */
  async history(recordIds: readonly string[]): Promise<HistoryDoc[]> {
    const lists = await Promise.all(
      recordIds.map((id) =>
        this.#local.allDocs({ include_docs: true, startkey: historyPrefix(id), endkey: `${historyPrefix(id)}\ufff0` }),
      ),
    );
    return lists
      .flatMap((l) => l.rows.map((r) => r.doc as unknown as HistoryDoc))
      .filter((d) => d?.type === 'history')
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }
}
