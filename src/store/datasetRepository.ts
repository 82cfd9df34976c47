/**
 * Reading and writing whole datasets. Every multi-record write is one transaction:
 * it lands whole or not at all.
 */
import type { Briefing, Dataset, SavedView } from '../model/types';
import { FORMAT_VERSION } from '../model/types';
import type { ChainAtlasDB } from './db';
import { dataVersion } from './history';

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

/** Reads the stored dataset, or `undefined` when the database holds none. */
export async function readDataset(db: ChainAtlasDB): Promise<Dataset | undefined> {
  return db.transaction('r', db.dataTables, async () => {
    // Every table is asked for at once: one wait for the store, not one per table (start-up reads this).
    const [
      chainRows,
      sourceRows,
      regionRows,
      linkRows,
      edgeRows,
      stateRows,
      enterpriseRows,
      projectRows,
      indicatorRows,
      relationRows,
      viewRows,
      briefingRows,
    ] = await Promise.all([
      db.chains.toArray(),
      db.sources.toArray(),
      db.regions.toArray(),
      db.links.toArray(),
      db.edges.toArray(),
      db.linkStates.toArray(),
      db.enterprises.toArray(),
      db.projects.toArray(),
      db.indicators.toArray(),
      db.relations.toArray(),
      db.views.toArray(),
      db.briefings.toArray(),
    ]);
    const chains = chainRows.sort((a, b) => a.seq - b.seq);
    if (chains.length === 0) return undefined;
    const sources = sourceRows.sort((a, b) => a.seq - b.seq);
    const regions = regionRows.sort((a, b) => a.seq - b.seq);
    const links = groupBy(linkRows, (r) => r.chainId);
    const edges = groupBy(edgeRows, (r) => r.chainId);
    const states = groupBy(stateRows, (r) => r.regionId);
    const enterprises = groupBy(enterpriseRows, (r) => r.regionId);
    const projects = groupBy(projectRows, (r) => r.regionId);
    const indicators = groupBy(indicatorRows, (r) => r.regionId);
    const relations = groupBy(relationRows, (r) => r.regionId);
    const views = viewRows.sort((a, b) => a.seq - b.seq).map((v) => strip(v));
    const briefings = briefingRows.sort((a, b) => a.seq - b.seq).map((b) => strip(b));
    return {
      format: FORMAT_VERSION,
      sources: sources.map((s) => strip(s)),
      chains: chains.map((c) => ({
        ...strip(c),
        links: (links.get(c.id) ?? []).map((l) => strip(l, 'chainId')),
        edges: (edges.get(c.id) ?? []).map((e) => strip(e, 'chainId')),
      })),
      regions: regions.map((r) => {
        const rels = relations.get(r.id);
        return {
          ...strip(r),
          linkStates: (states.get(r.id) ?? []).map((s) => strip(s, 'regionId')),
          enterprises: (enterprises.get(r.id) ?? []).map((e) => strip(e, 'regionId')),
          projects: (projects.get(r.id) ?? []).map((p) => strip(p, 'regionId')),
          indicators: (indicators.get(r.id) ?? []).map((i) => strip(i, 'regionId')),
          // Absent when there are none, as validation leaves it.
          ...(rels?.length ? { relations: rels.map((x) => strip(x, 'regionId')) } : {}),
        };
      }),
      // Like validation, leave them out when there are none, so a dataset reads back as written.
      ...(views.length ? { views } : {}),
      ...(briefings.length ? { briefings } : {}),
    };
  });
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
