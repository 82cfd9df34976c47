/**
 * Reading and writing whole datasets. Every multi-record write is one transaction:
 * it lands whole or not at all.
 */
import type { Table } from 'dexie';
import type { Briefing, Dataset, Region, SavedView } from '../model/types';
import { FORMAT_VERSION } from '../model/types';
import type {
  BriefingRow,
  ChainAtlasDB,
  ChainRow,
  EdgeRow,
  EnterpriseRow,
  IndicatorRow,
  LayoutRow,
  LinkRow,
  LinkStateRow,
  ProjectRow,
  RegionRow,
  RelationRow,
  SourceRow,
  ViewRow,
} from './db';
import { dataVersion } from './history';
import { NATIVE_VERSION } from './dbName';
import { earlyRead, type EarlyRows } from './earlyRead';

/** The meta key of the seeding record (see `seed.ts`). */
export const SEED_KEY = 'seed';

/** Drops the storage-only fields (`seq`, `chainId`, `regionId`) from a row. */
function strip<T extends { seq: number }, K extends keyof T = never>(row: T, ...keys: K[]): Omit<T, K | 'seq'> {
  const copy: Partial<T> = { ...row };
  delete copy.seq;
  for (const k of keys) delete copy[k];
  return copy as Omit<T, K | 'seq'>;
}

/** Rows sorted by `seq` and grouped by their owner (chain or region). */
function groupBy<R extends { seq: number }>(rows: R[], owner: (r: R) => string): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const r of rows.sort((a, b) => a.seq - b.seq)) {
    const list = map.get(owner(r));
    if (list) list.push(r);
    else map.set(owner(r), [r]);
  }
  return map;
}

/** The rows of the tables kept per region (each row names its region). */
export interface RegionTableRows {
  readonly linkStates: readonly LinkStateRow[];
  readonly enterprises: readonly EnterpriseRow[];
  readonly projects: readonly ProjectRow[];
  readonly indicators: readonly IndicatorRow[];
  readonly relations: readonly RelationRow[];
}

/** The rows of the tables kept whole (small at any scale: the chain, sources, regions, views). */
export interface SharedRows {
  readonly chains: readonly ChainRow[];
  readonly sources: readonly SourceRow[];
  readonly regions: readonly RegionRow[];
  readonly links: readonly LinkRow[];
  readonly edges: readonly EdgeRow[];
  readonly views: readonly ViewRow[];
  readonly briefings: readonly BriefingRow[];
}

const REGION_TABLES = ['linkStates', 'enterprises', 'projects', 'indicators', 'relations'] as const;
type RegionTable = (typeof REGION_TABLES)[number];

/** A region's records from its rows (any order: they are put back in their stored order). */
function regionOf(
  region: RegionRow,
  rows: { readonly [T in RegionTable]?: readonly RegionTableRows[T][number][] },
): Region {
  const list = <R extends { seq: number; regionId: string }>(items: readonly R[] | undefined) =>
    [...(items ?? [])].sort((a, b) => a.seq - b.seq).map((x) => strip(x, 'regionId'));
  const relations = list(rows.relations);
  return {
    ...strip(region),
    linkStates: list(rows.linkStates),
    enterprises: list(rows.enterprises),
    projects: list(rows.projects),
    indicators: list(rows.indicators),
    // Absent when there are none, as validation leaves it.
    ...(relations.length ? { relations } : {}),
  };
}

/** A dataset from its rows; `regionsFrom` gives each region (so a caller can keep one it already has). */
function assemble(shared: SharedRows, regionsFrom: (row: RegionRow) => Region): Dataset | undefined {
  const chains = [...shared.chains].sort((a, b) => a.seq - b.seq);
  if (chains.length === 0) return undefined;
  const links = groupBy([...shared.links], (r) => r.chainId);
  const edges = groupBy([...shared.edges], (r) => r.chainId);
  const views = [...shared.views].sort((a, b) => a.seq - b.seq).map((v) => strip(v));
  const briefings = [...shared.briefings].sort((a, b) => a.seq - b.seq).map((b) => strip(b));
  return {
    format: FORMAT_VERSION,
    sources: [...shared.sources].sort((a, b) => a.seq - b.seq).map((s) => strip(s)),
    chains: chains.map((c) => ({
      ...strip(c),
      links: (links.get(c.id) ?? []).map((l) => strip(l, 'chainId')),
      edges: (edges.get(c.id) ?? []).map((e) => strip(e, 'chainId')),
    })),
    regions: [...shared.regions].sort((a, b) => a.seq - b.seq).map(regionsFrom),
    // Like validation, leave them out when there are none, so a dataset reads back as written.
    ...(views.length ? { views } : {}),
    ...(briefings.length ? { briefings } : {}),
  };
}

/** Reads the tables kept whole; the caller holds a read transaction over them. */
async function readShared(db: ChainAtlasDB): Promise<SharedRows> {
  const [chains, sources, regions, links, edges, views, briefings] = await Promise.all([
    db.chains.toArray(),
    db.sources.toArray(),
    db.regions.toArray(),
    db.links.toArray(),
    db.edges.toArray(),
    db.views.toArray(),
    db.briefings.toArray(),
  ]);
  return { chains, sources, regions, links, edges, views, briefings };
}

/** Rows grouped by their region. */
function byRegion<R extends { regionId: string }>(rows: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const r of rows) {
    const list = map.get(r.regionId);
    if (list) list.push(r);
    else map.set(r.regionId, [r]);
  }
  return map;
}

/** Reads the stored dataset, or `undefined` when the database holds none. */
export async function readDataset(db: ChainAtlasDB): Promise<Dataset | undefined> {
  return db.transaction('r', db.dataTables, async () => {
    // Every table is asked for at once: one wait for the store, not one per table.
    const [shared, ...perRegion] = await Promise.all([readShared(db), ...REGION_TABLES.map((t) => db[t].toArray())]);
    const grouped = REGION_TABLES.map(
      (t, i) => [t, byRegion<{ regionId: string; seq: number }>(perRegion[i]!)] as const,
    );
    return assemble(shared, (row) =>
      regionOf(row, Object.fromEntries(grouped.map(([t, map]) => [t, map.get(row.id)])) as never),
    );
  });
}

/** What the first read gives (see `readFirstRegion`). */
export interface FirstRead extends PartialRead {
  /** Whether the store was seeded (a store made but never written holds no data yet). */
  readonly seeded: boolean;
  /** The layout row asked for, when stored. */
  readonly layout: LayoutRow | undefined;
}

/**
 * What the first draw of one region needs, read in one transaction (`earlyRead`, in plain IndexedDB):
 * the chains, sources, regions, saved views and briefings, that region's own records (`regionId`, or
 * the first region when it names none the store holds), and the layout row `layoutKey` when given.
 * The other regions come with no records: `dataset` is a partial copy, for the first draw only, until
 * `readOtherRegions` completes it. Also says whether the store was seeded.
 *
 * `early` is the same read already under way (the page's head script starts it before the app's code
 * has loaded). When the database is not at this code's schema (missing, or due an upgrade), `open`
 * gives it through Dexie, which makes or upgrades it (and reports why it cannot); it is read again then.
 */
export async function readFirstRegion(
  name: string,
  regionId: string | undefined,
  {
    layoutKey,
    early,
    open,
  }: { layoutKey?: string; early?: Promise<EarlyRows | undefined>; open: () => Promise<ChainAtlasDB> },
): Promise<FirstRead> {
  const read = (version: number) => earlyRead(name, version, regionId ?? null, layoutKey ?? null);
  let rows = await (early ?? read(NATIVE_VERSION)).catch(() => undefined);
  if (!rows) {
    const db = await open();
    await db.open();
    rows = await read(db.backendDB().version);
    if (!rows) throw new Error(`the database ${name} could not be read`);
  }
  const region = rows.regionId;
  // The region read carries its records (the rows hold that region's alone); the others none yet.
  const dataset = assemble(rows, (row) => regionOf(row, row.id === region ? rows : {}));
  const version = (rows.dataVersion?.value as number | undefined) ?? 0;
  return { seeded: rows.seed !== undefined, dataset, version, regionId: region, layout: rows.layout };
}

/** A copy of the stored data that holds one region's records and no other region's (see `readFirstRegion`). */
export interface PartialRead {
  readonly dataset: Dataset | undefined;
  readonly version: number;
  /** The region whose records it holds (undefined: the store holds no region). */
  readonly regionId: string | undefined;
}

/** Rows per read when the other regions are read in turns: each turn stays well under a long task. */
const ROWS_PER_TURN = 800;
/** Regions put together per turn once their rows are read. */
const REGIONS_PER_TURN = 40;

/** Lets the page answer input between two reads (the browser's scheduler where there is one). */
export const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * Completes a partial copy (`readFirstRegion`): reads every other region's records in turns of a few
 * thousand rows by key range, each turn its own transaction, letting the page answer input between
 * them, so a store of 20,000 firms and 50,000 relations is never unpacked in one long task. The region
 * already read is kept as it is (the same objects). When the store changed since the partial read (a
 * write in another tab), what was read in turns may mix two versions: the whole store is then read
 * again in one transaction. Returns the whole dataset and the version it is at.
 */
export async function readOtherRegions(
  db: ChainAtlasDB,
  first: PartialRead,
  { pause = yieldToPage, rowsPerTurn = ROWS_PER_TURN }: { pause?: () => Promise<void>; rowsPerTurn?: number } = {},
): Promise<{ dataset: Dataset | undefined; version: number }> {
  const { dataset, regionId } = first;
  if (!dataset) return readSnapshot(db);
  type Row = { regionId: string; id: string; linkId?: string; seq: number };
  /** Each table's records by region, stripped as they come in, with their place to sort them back into. */
  const records = new Map<RegionTable, Map<string, { seq: number; record: object }[]>>();
  for (const table of REGION_TABLES) {
    const grouped = new Map<string, { seq: number; record: object }[]>();
    records.set(table, grouped);
    const t = db[table] as unknown as Table<Row, [string, string]>;
    let after: [string, string] | undefined;
    for (;;) {
      const turn = await db.transaction('r', t, () =>
        (after ? t.where(':id').above(after) : t.toCollection()).limit(rowsPerTurn).toArray(),
      );
      for (const row of turn) {
        if (row.regionId === regionId) continue;
        const { seq, regionId: owner, ...record } = row;
        const list = grouped.get(owner);
        if (list) list.push({ seq, record });
        else grouped.set(owner, [{ seq, record }]);
      }
      if (turn.length < rowsPerTurn) break;
      const last = turn[turn.length - 1]!;
      // linkStates are keyed by [regionId+linkId], the other tables by [regionId+id].
      after = [last.regionId, table === 'linkStates' ? last.linkId! : last.id];
      await pause();
    }
  }
  const version = await db.transaction('r', db.meta, () => dataVersion(db));
  if (version !== first.version) return readSnapshot(db);
  // The regions are put together in turns too: at 300 regions and 75,000 records, one pass is a long task.
  const regions: Region[] = [];
  const inOrder = (table: RegionTable, id: string) =>
    (records.get(table)!.get(id) ?? []).sort((a, b) => a.seq - b.seq).map((x) => x.record) as never[];
  for (const r of dataset.regions) {
    if (r.id === regionId) {
      regions.push(r);
      continue;
    }
    const relations = inOrder('relations', r.id);
    regions.push({
      ...r,
      linkStates: inOrder('linkStates', r.id),
      enterprises: inOrder('enterprises', r.id),
      projects: inOrder('projects', r.id),
      indicators: inOrder('indicators', r.id),
      // Absent when there are none, as validation leaves it.
      ...(relations.length ? { relations } : {}),
    });
    if (regions.length % REGIONS_PER_TURN === 0) await pause();
  }
  return { version, dataset: { ...dataset, regions } };
}

/** The stored dataset and the version it is at, read in one transaction. */
export async function readSnapshot(db: ChainAtlasDB): Promise<{ dataset: Dataset | undefined; version: number }> {
  return db.transaction('r', [...db.dataTables, db.meta], async () => {
    const [dataset, version] = await Promise.all([readDataset(db), dataVersion(db)]);
    return { dataset, version };
  });
}

/** The saved views and briefings, in order, and the version of the stored data, read in one transaction. */
export async function readViews(
  db: ChainAtlasDB,
): Promise<{ views: SavedView[]; briefings: Briefing[]; version: number }> {
  return db.transaction('r', [db.views, db.briefings, db.meta], async () => ({
    views: (await db.views.toArray()).sort((a, b) => a.seq - b.seq).map((v) => strip(v)),
    briefings: (await db.briefings.toArray()).sort((a, b) => a.seq - b.seq).map((b) => strip(b)),
    version: await dataVersion(db),
  }));
}

/**
 * Replaces everything stored with `dataset`, in one transaction. Call only with a validated dataset.
 * `meta` entries are written in the same transaction.
 */
export async function replaceDataset(
  db: ChainAtlasDB,
  dataset: Dataset,
  meta: Record<string, unknown> = {},
): Promise<void> {
  await db.transaction('rw', [...db.dataTables, db.meta], async () => {
    await Promise.all(db.dataTables.map((t) => t.clear()));
    await writeRows(db, dataset);
    await db.meta.bulkPut(Object.entries(meta).map(([key, value]) => ({ key, value })));
  });
}

/** Writes a dataset's rows; the caller holds a read-write transaction over the data tables. */
export async function writeRows(db: ChainAtlasDB, dataset: Dataset): Promise<void> {
  const seq = <T>(items: readonly T[]) => items.map((item, i) => ({ ...item, seq: i }));
  await db.sources.bulkAdd(seq(dataset.sources));
  for (const [i, { links, edges, ...chain }] of dataset.chains.entries()) {
    await db.chains.add({ ...chain, seq: i });
    await db.links.bulkAdd(seq(links).map((l) => ({ ...l, chainId: chain.id })));
    await db.edges.bulkAdd(seq(edges).map((e) => ({ ...e, chainId: chain.id })));
  }
  for (const [
    i,
    { linkStates, enterprises, projects, indicators, relations, ...region },
  ] of dataset.regions.entries()) {
    await db.regions.add({ ...region, seq: i });
    const tag = <T>(rows: readonly T[]) => seq(rows).map((r) => ({ ...r, regionId: region.id }));
    await db.linkStates.bulkAdd(tag(linkStates));
    await db.enterprises.bulkAdd(tag(enterprises));
    await db.projects.bulkAdd(tag(projects));
    await db.indicators.bulkAdd(tag(indicators));
    if (relations?.length) await db.relations.bulkAdd(tag(relations));
  }
  await db.views.bulkAdd(seq(dataset.views ?? []));
  await db.briefings.bulkAdd(seq(dataset.briefings ?? []));
}
