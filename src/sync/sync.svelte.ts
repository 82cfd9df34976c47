/**
 * Team sync as the screen sees it: the set-up (server address, database, user name; never the
 * password), the status (synced, offline, N waiting to send, N conflicts, refused writes) and the
 * actions (connect, keep a side of a conflict, put back a refused change). The replication itself is
 * `engine.ts`, loaded as its own chunk only when sync is set up: without it the app makes no request.
 */
import type { DatasetEdit } from '../model/editRecords';
import type { Localized } from '../model/types';
import type { AtlasState } from '../state/atlas.svelte';
import { ConnectFailure, databaseUrl, serverBase, sessionUrl } from './address';
import { conflictedLinks, type ConflictSides, type HistoryDoc } from './docs';

export { ConnectFailure } from './address';
import type { HeldOutcome, Refusal, SyncEngine } from './engine';

const CONFIG_KEY = 'chainatlas-sync';

export interface SyncConfig {
  /** The server's address under the app's origin (a path such as `/couch`, or a URL of this origin). */
  readonly server: string;
  readonly db: string;
  readonly user: string;
}

export type SyncPhase = 'off' | 'connecting' | 'syncing' | 'synced' | 'offline' | 'signed-out';

export class SyncState {
  config = $state<SyncConfig | undefined>(undefined);
  phase = $state<SyncPhase>('off');
  /** The server's word when it cannot be reached or refused the session. */
  detail = $state('');
  /** The signed-in user's roles on the server (editor, reader…). */
  roles = $state<readonly string[]>([]);
  waiting = $state(0);
  conflicts = $state.raw<readonly ConflictSides[]>([]);
  refused = $state.raw<readonly Refusal[]>([]);
  skipped = $state.raw<readonly string[]>([]);
  /** What was sent of the data this browser held before sync (on its first connect to the database). */
  held = $state.raw<HeldOutcome | undefined>(undefined);
  /** Goes up when the replica's history may have changed (history lists read again). */
  revision = $state(0);

  readonly #atlas: AtlasState;
  #engine: SyncEngine | undefined;

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
  }

  /** The links of a region and chain whose state or definition is in conflict (marked on the chain). */
  conflictedLinks(regionId: string | undefined, chainId: string | undefined): ReadonlySet<string> {
    return conflictedLinks(this.conflicts, regionId, chainId);
  }

  /** Whether the signed-in user may only read (the server refuses their writes). */
  get readOnly(): boolean {
    return this.phase !== 'off' && !this.roles.includes('editor') && !this.roles.includes('_admin');
  }

  /** On start: when sync was set up in this browser, loads the engine and resumes with the session cookie. */
  async resume(): Promise<void> {
    const saved = readConfig();
    if (!saved) return;
    this.config = saved;
    this.phase = 'connecting';
    try {
      const base = serverBase(saved.server, location.href);
      const session = await fetchJson(sessionUrl(base), { credentials: 'include' });
      const ctx = (session.body as { userCtx?: { name?: string | null; roles?: string[] } } | undefined)?.userCtx;
      if (!ctx?.name || ctx.name !== saved.user) {
        this.phase = 'signed-out';
        return;
      }
      this.roles = ctx.roles ?? [];
    } catch {
      // The server cannot be reached now: sync starts anyway; the replicator retries.
    }
    await this.#startEngine(saved);
  }

  /**
   * Signs in (POST /_session: the server sets its session cookie; the password is not kept), checks
   * the database can be read, saves the set-up and starts syncing.
   */
  async connect(server: string, db: string, user: string, password: string): Promise<void> {
    if (!db.trim() || !user.trim() || !password) throw new ConnectFailure('fields');
    const base = serverBase(server, location.href);
    let login;
    try {
      login = await fetchJson(sessionUrl(base), {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: user.trim(), password }),
      });
    } catch (e) {
      throw new ConnectFailure('unreachable', e instanceof Error ? e.message : String(e));
    }
    if (login.status === 401) throw new ConnectFailure('login');
    if (login.status >= 300) throw new ConnectFailure('unreachable', `HTTP ${login.status}`);
    const info = await fetchJson(databaseUrl(base, db.trim()), { credentials: 'include' }).catch(() => undefined);
    if (!info || info.status === 404) throw new ConnectFailure('database');
    if (info.status === 401 || info.status === 403) throw new ConnectFailure('forbidden');
    if (info.status >= 300) throw new ConnectFailure('unreachable', `HTTP ${info.status}`);
    this.roles = (login.body as { roles?: string[] } | undefined)?.roles ?? [];
    const config: SyncConfig = { server: server.trim(), db: db.trim(), user: user.trim() };
    await this.#engine?.stop();
    this.#engine = undefined;
    localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
    this.config = config;
    await this.#startEngine(config);
  }

  /** Stops syncing in this browser; the data stays, the session is ended on the server. */
  async disconnect(): Promise<void> {
    const config = this.config;
    await this.#engine?.stop();
    this.#engine = undefined;
    localStorage.removeItem(CONFIG_KEY);
    this.config = undefined;
    this.phase = 'off';
    this.waiting = 0;
    this.conflicts = [];
    this.refused = [];
    this.held = undefined;
    if (config) {
      const base = serverBase(config.server, location.href);
      await fetch(sessionUrl(base), { method: 'DELETE', credentials: 'include' }).catch(() => undefined);
    }
  }

  /** Keeps `value` (a side's or a merge) for a conflicting record. */
  resolve(id: string, value: unknown, label: Localized): Promise<void> {
    return this.#engine?.resolve(id, value, label) ?? Promise.resolve();
  }

  /** Puts back the server's version of refused changes. */
  putBack(ids: readonly string[], label: Localized): Promise<void> {
    return this.#engine?.putBack(ids, label) ?? Promise.resolve();
  }

  /** Who changed these records and when, newest first. */
  history(recordIds: readonly string[]): Promise<HistoryDoc[]> {
    return this.#engine?.history(recordIds) ?? Promise.resolve([]);
  }

  /** Sends a stored edit now (tests and the bench; stored edits are sent by themselves). */
  send(edit: DatasetEdit): Promise<void> {
    return this.#engine?.send(edit) ?? Promise.resolve();
  }

  async #startEngine(config: SyncConfig): Promise<void> {
    const { SyncEngine } = await import('./engine');
    this.phase = navigator.onLine ? 'syncing' : 'offline';
    const engine = new SyncEngine({
      ...config,
      atlas: this.#atlas,
      report: {
        phase: (phase, detail) => {
          this.phase = phase;
          this.detail = detail ?? '';
        },
        waiting: (n) => (this.waiting = n),
        conflicts: (list) => (this.conflicts = list),
        refused: (list) => (this.refused = list),
        skipped: (reasons) => (this.skipped = reasons),
        changed: () => this.revision++,
        held: (outcome) => (this.held = outcome),
      },
      // Roles not known (the server could not be reached on resume) count as an editor's: the server decides.
      mayWrite: !this.roles.length || !this.readOnly,
    });
    this.#engine = engine;
    await engine.start();
    // History lists opened before the engine was there read again.
    this.revision++;
  }
}

async function fetchJson(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

function readConfig(): SyncConfig | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null') as Partial<SyncConfig> | null;
    if (saved && typeof saved.server === 'string' && typeof saved.db === 'string' && typeof saved.user === 'string')
      return { server: saved.server, db: saved.db, user: saved.user };
  } catch {
    // A damaged set-up reads as none.
  }
  return undefined;
}
