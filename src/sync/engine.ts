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
import type { DatasetEdit, RecordRef } from '../model/editRecords';
import type { ChangedBy } from '../store/history';
import type { Localized } from '../model/types';
import type { AtlasState } from '../state/atlas.svelte';
import {
  docId,
  docsOfEdit,
  editFromDocs,
  heldDocs,
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
  /** What was sent of the data this browser held before sync was switched on (once, on the first connect). */
  held(outcome: HeldOutcome): void;
}

/** The data a browser held before sync, sent on its first connect to a database. */
export interface HeldOutcome {
  /** Records sent (the team did not have them, or had them at another value). */
  readonly sent: number;
  /** Of those, records the team holds at another value: kept side by side as conflicts. */
  readonly apart: number;
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
  /** Whether this user may write (readers send nothing of what their browser held before sync). */
  readonly mayWrite?: boolean;
}

const SEQ_KEY = 'chainatlas-sync-seq:';
/** How long incoming changes are gathered into one edit. */
const BURST_MS = 40;
const OUTBOX_KEY = 'chainatlas-sync-outbox:';
/** Set once the data this browser held before its first connect to a database has been dealt with. */
const HELD_KEY = 'chainatlas-sync-held:';

const HELD_LABEL: Localized = {
  zh: '同步前本浏览器中的数据',
  en: 'Data this browser held before sync',
};

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
  /** History entries the server refused (with their change), taken out of the replica on a put-back. */
  readonly #refusedHistory = new Set<string>();
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
    this.#o.atlas.changedBy = (ref) => this.changedBy(ref);
    this.#o.report.waiting(this.#outbox.size);
    await this.#scanConflicts();
    this.#lastSeq = localStorage.getItem(SEQ_KEY + this.#key) ?? 0;
    const reader = this.#o.mayWrite === false;
    const held = localStorage.getItem(HELD_KEY + this.#key) || reader ? undefined : await this.#held();
    this.#replicate();
    addEventListener('online', this.#online);
    addEventListener('offline', this.#offline);
    if (!held?.changes.length) {
      // A reader sends nothing; should the account become an editor's, what it held is sent then.
      if (!reader) localStorage.setItem(HELD_KEY + this.#key, '1');
      this.#follow();
      return;
    }
    // The team's documents are applied only once what this browser held is in the replica beside
    // them: applied first, they would overwrite its own changes before they were sent.
    void this.#caughtUp
      .then(() => this.#sendHeld(held))
      .then(() => {
        if (this.#stopped) return;
        localStorage.setItem(HELD_KEY + this.#key, '1');
        this.#follow();
      })
      .catch((e: unknown) => this.#o.report.skipped([e instanceof Error ? e.message : String(e)]));
  }

  /** Applies the replica's changes (from the server) to the app's data, from where it left off. */
  #follow(): void {
    if (this.#stopped) return;
    this.#feed = this.#local
      .changes({ since: this.#lastSeq, live: true, include_docs: true, conflicts: true })
      .on('change', (change: ChangeRow) => this.#take(change));
  }

  /** What this browser's data holds apart from the shipped data. */
  #held(): Promise<DatasetEdit> {
    return this.#o.atlas.heldChanges(HELD_LABEL);
  }

  #pulledOnce: () => void = () => undefined;
  /** Resolves once the pull has caught up with the server for the first time. */
  #caughtUp: Promise<void> = new Promise((done) => (this.#pulledOnce = done));

  /**
   * Sends what this browser held before sync: records the team does not have as they are; records the
   * team holds at another value as a second revision beside the team's, which CouchDB keeps as a
   * conflict (the team's stays the one shown until a planner resolves it).
   */
  async #sendHeld(held: DatasetEdit): Promise<void> {
    const run = this.#writes.then(async () => {
      const sig = this.#signature(HELD_LABEL);
      const ids = [...new Set(held.changes.map((c) => docId(c)))];
      const found = await this.#local.allDocs({ keys: ids, include_docs: true });
      const team = new Map(found.rows.map((r) => [r.key, isRecordDoc(r.doc) ? r.doc : undefined]));
      const { fresh, apart, history } = heldDocs(held, team, sig);
      if (fresh.length) await this.#writeRecords(fresh, history);
      if (apart.length) {
        // A first revision whose id sorts before any the server makes: the team's revision wins.
        const docs = apart.map((doc) => {
          const hash = `00000000${crypto.randomUUID().replace(/-/g, '')}`.slice(0, 32);
          return { ...doc, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } };
        });
        const results = await this.#local.bulkDocs(docs, { new_edits: false });
        docs.forEach((doc, i) => {
          if (results[i] && 'error' in results[i] && results[i].error) return;
          this.#mine.add(`${doc._id}@${doc._rev}`);
          this.#outbox.set(doc._id, doc._rev);
        });
        this.#saveOutbox();
        for (const doc of apart) {
          const winner = await this.#local.get(doc._id, { conflicts: true }).catch(() => undefined);
          if (isRecordDoc(winner) && winner._conflicts?.length) await this.#noteConflict(winner);
        }
      }
      this.#o.report.held({ sent: fresh.length + apart.length, apart: apart.length });
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unhook?.();
    this.#o.atlas.changedBy = undefined;
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
      // The app never deletes a document outright (a removed record is a null value, a conflict's
      // losing sides go beside the kept one); a document whose current revision is a deletion is a
      // refused change taken back on this side, and stays here.
      filter: (doc: PouchDoc) => !doc._deleted,
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
        else if (!err) {
          this.#authFailed = false;
          this.#pulledOnce();
        }
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
      if (id) {
        this.#outbox.delete(id);
        this.#refusedHistory.add(id);
      }
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
        else if (refusal?.doc) {
          // The server never had this record: the team holds it as shipped (or not at all).
          const shipped = await this.#o.atlas.shippedRecord(refusal.doc.ref);
          docs.push({ ...refusal.doc, value: shipped ?? null });
        }
        await this.#dropRefused(id);
        this.#refused.delete(id);
      }
      this.#o.report.refused([...this.#refused.values()]);
      await this.#o.atlas.receive((stored) => editFromDocs(stored, docs, label).edit);
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Who last changed a record, and when, if that was another planner through the server (not this
   * tab, nor the same user from elsewhere: those read as another tab).
   */
  async changedBy(ref: RecordRef): Promise<ChangedBy | undefined> {
    if (this.#stopped) return undefined;
    const doc = await this.#local.get(docId(ref)).catch(() => undefined);
    if (!isRecordDoc(doc) || this.#mine.has(`${doc._id}@${doc._rev}`) || doc.by === this.#o.user) return undefined;
    return { by: doc.by, at: doc.at };
  }

  /**
   * Takes a refused revision out of the replica's current value: a deletion is written on top of it
   * (PouchDB's browser adapter cannot purge), so the replica no longer holds the refused value, and the
   * server's next revision of the record wins there without a conflict. The push leaves such a
   * deletion on this side (see `#startPush`): sent, it would delete the team's record.
   */
  async #dropRefused(id: string): Promise<void> {
    // The History entries of the refused change go too: the team never had that change.
    const entries = [...this.#refusedHistory].filter((h) => h.startsWith(historyPrefix(id)));
    const found = await this.#local.allDocs({ keys: [id, ...entries] });
    const live = found.rows.filter((r) => r.value?.rev && !r.value.deleted);
    if (!live.length) return;
    const gone = await this.#local.bulkDocs(live.map((r) => ({ _id: r.key, _rev: r.value!.rev, _deleted: true })));
    for (const g of gone) if (g.rev) this.#mine.add(`${g.id}@${g.rev}`);
    for (const h of entries) this.#refusedHistory.delete(h);
    this.#o.report.changed();
    this.#outbox.delete(id);
    this.#saveOutbox();
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
