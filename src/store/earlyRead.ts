/**
 * The first read of a later visit, made with plain IndexedDB rather than through Dexie, so that it can
 * start in the page's head script while the app's code is still loading (`startPreload` in
 * vite.config.ts copies `earlyRead` by its text, as it does `firstVisitLikely`); the app takes its
 * answer (`takeEarlyRead`) or, without a head script (tests, the dev server), asks itself.
 *
 * One transaction: whether the store was seeded and at which data version, the tables kept whole (the
 * chains, sources, regions, saved views and briefings), one region's records (the one asked for, else
 * the first), and the layout shown last time. `readFirstRegion` (datasetRepository.ts) puts the rows together.
 *
 * It reads only a database already at the schema this code knows (`version`): one that is missing, or
 * older (an upgrade is due) or newer, gives `undefined`, and the app opens it through Dexie, which
 * makes or upgrades it, then reads again. This read never makes a database and never changes one.
 */
import type { RegionTableRows, SharedRows } from './datasetRepository';
import type { LayoutRow, MetaRow, RegionRow } from './db';

/** What `earlyRead` gives: rows as stored, not yet put together (`readFirstRegion` does that). */
export interface EarlyRows extends SharedRows, RegionTableRows {
  readonly seed: MetaRow | undefined;
  readonly dataVersion: MetaRow | undefined;
  /** The region whose records were read (undefined: the store holds no region). */
  readonly regionId: string | undefined;
  /** The row of `layoutKey`, when asked for and stored. */
  readonly layout: LayoutRow | undefined;
}

/** What was asked of an early read, beside its answer: the app uses it only for the same question. */
export interface EarlyReadAsked {
  readonly name: string;
  readonly region: string | null;
  readonly layoutKey: string | null;
}

/**
 * Reads what the first draw of a later visit needs (see the file's header). `version` is the native
 * IndexedDB version of the schema this code knows (`NATIVE_VERSION`, dbName.ts). Never rejects: any
 * failure gives `undefined`, and the app's own path (through Dexie) reads and reports it.
 *
 * Self-contained on purpose (no imports, no outer names, plain syntax): the head script runs a copy
 * made from its text. So the store, key and index names are written here again (db.ts, `SEED_KEY`,
 * `DATA_VERSION_KEY`); startRead.test.ts checks that what it reads puts together to the stored data.
 */
export function earlyRead(
  name: string,
  version: number,
  region: string | null,
  layoutKey: string | null,
): Promise<EarlyRows | undefined> {
  return new Promise(function (resolve) {
    const shared = ['chains', 'sources', 'links', 'edges', 'views', 'briefings'];
    const perRegion = ['linkStates', 'enterprises', 'projects', 'indicators', 'relations'];
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      resolve(undefined);
      return;
    }
    // No such database: abort, so that none is made (the app makes it, through Dexie).
    request.onupgradeneeded = function () {
      if (request.transaction) request.transaction.abort();
    };
    request.onerror = function (event) {
      event.preventDefault();
      resolve(undefined);
    };
    request.onsuccess = function () {
      const db = request.result;
      const out: Record<string, unknown> = { regionId: undefined, layout: undefined };
      function done(value: EarlyRows | undefined) {
        db.close();
        resolve(value);
      }
      // Another connection asks to upgrade: this one never stands in its way.
      db.onversionchange = function () {
        db.close();
      };
      if (db.version !== version) return done(undefined);
      let tx: IDBTransaction;
      try {
        tx = db.transaction(shared.concat(perRegion, ['regions', 'meta', 'layouts']), 'readonly');
      } catch {
        return done(undefined);
      }
      function ask(key: string, req: IDBRequest) {
        req.onsuccess = function () {
          out[key] = req.result;
        };
      }
      function readRegion(id: string) {
        out.regionId = id;
        for (let i = 0; i < perRegion.length; i++)
          ask(perRegion[i]!, tx.objectStore(perRegion[i]!).index('regionId').getAll(id));
      }
      ask('seed', tx.objectStore('meta').get('seed'));
      ask('dataVersion', tx.objectStore('meta').get('dataVersion'));
      if (layoutKey) ask('layout', tx.objectStore('layouts').get(layoutKey));
      // The region asked for is read beside the rest: one wait for the store.
      if (region) readRegion(region);
      for (let i = 0; i < shared.length; i++) ask(shared[i]!, tx.objectStore(shared[i]!).getAll());
      const regionsRead = tx.objectStore('regions').getAll();
      regionsRead.onsuccess = function () {
        const rows = regionsRead.result as RegionRow[];
        out.regions = rows;
        let known = false;
        let first: RegionRow | undefined;
        for (let j = 0; j < rows.length; j++) {
          if (rows[j]!.id === region) known = true;
          if (!first || rows[j]!.seq < first.seq) first = rows[j];
        }
        // Not stored (or none asked): the first region's records, read after the ones asked for so
        // that they are the ones kept.
        if (!known) {
          if (first) readRegion(first.id);
          else for (let k = 0; k < perRegion.length; k++) out[perRegion[k]!] = [];
          if (!first) out.regionId = undefined;
        }
      };
      tx.oncomplete = function () {
        done(out as unknown as EarlyRows);
      };
      tx.onabort = function () {
        done(undefined);
      };
    };
  });
}

/** Where the head script leaves its read on `window`, with what it asked. */
export const EARLY_READ_GLOBAL = 'chainAtlasEarlyRead';

/**
 * The head script's read, when it asked the same question (the same database, region and layout);
 * taken once. Undefined otherwise: the app then reads itself.
 */
export function takeEarlyRead(asked: EarlyReadAsked): Promise<EarlyRows | undefined> | undefined {
  const page = globalThis as Record<string, unknown>;
  const held = page[EARLY_READ_GLOBAL] as { asked: EarlyReadAsked; rows: Promise<EarlyRows | undefined> } | undefined;
  delete page[EARLY_READ_GLOBAL];
  const same =
    held?.asked.name === asked.name && held.asked.region === asked.region && held.asked.layoutKey === asked.layoutKey;
  return same ? held.rows : undefined;
}
