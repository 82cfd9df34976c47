/**
 * Whole-dataset helpers: merging seed parts, finding a region's chain, reading a link's status.
 */
import type { ChainTemplate, Citation, Dataset, LinkState, LinkStatus, Region, Source } from './types';
import { sameValue } from './editRecords';
import { FORMAT_VERSION } from './types';

/** Concatenates the lists of several partial datasets (seed files) into one. Validate the result. */
export function mergeDatasets(...parts: readonly Dataset[]): Dataset {
  return {
    format: FORMAT_VERSION,
    sources: parts.flatMap((p) => p.sources),
    chains: parts.flatMap((p) => p.chains),
    regions: parts.flatMap((p) => p.regions),
    ...(parts.some((p) => p.views?.length) ? { views: parts.flatMap((p) => p.views ?? []) } : {}),
    ...(parts.some((p) => p.briefings?.length) ? { briefings: parts.flatMap((p) => p.briefings ?? []) } : {}),
  };
}

/** The chain template a region is drawn on. */
export function chainOf(dataset: Dataset, region: Region): ChainTemplate | undefined {
  return dataset.chains.find((c) => c.id === region.chainId);
}

const statesCache = new WeakMap<Region, ReadonlyMap<string, LinkState>>();

/** A region's state records by link id (computed once per region object: regions are never mutated). */
export function statesByLink(region: Region): ReadonlyMap<string, LinkState> {
  let states = statesCache.get(region);
  if (!states) {
    states = new Map(region.linkStates.map((s) => [s.linkId, s]));
    statesCache.set(region, states);
  }
  return states;
}

/** A link's status in a region; `unknown` when no record says anything. */
export function statusOf(states: ReadonlyMap<string, LinkState>, linkId: string): LinkStatus {
  return states.get(linkId)?.status ?? 'unknown';
}

/**
 * The sources a region's records cite (`sources`: every source, or at least those it cites), with how
 * often, the ones its statuses cite first, then most cited, ties by id. The first is the region's main
 * source, shown beside its name.
 */
export function regionSources(sources: readonly Source[], region: Region): { source: Source; citations: number }[] {
  const counts = new Map<string, number>();
  const forStatus = new Map<string, number>();
  const count = (citations: readonly Citation[], into = counts) => {
    for (const c of citations) into.set(c.sourceId, (into.get(c.sourceId) ?? 0) + 1);
  };
  region.linkStates.forEach((s) => {
    count(s.sources);
    count(s.sources, forStatus);
  });
  region.enterprises.forEach((e) => count(e.sources));
  region.projects.forEach((p) => count(p.sources));
  region.indicators.forEach((i) => count(i.sources));
  if (region.focus) count(region.focus.sources);
  // The statuses come first: the chain's colours rest on them, so the source they cite most is the
  // region's own, however many records an imported directory adds.
  const status = (id: string) => forStatus.get(id) ?? 0;
  return sources
    .filter((s) => counts.has(s.id))
    .map((source) => ({ source, citations: counts.get(source.id)! }))
    .sort(
      (a, b) =>
        status(b.source.id) - status(a.source.id) || b.citations - a.citations || (a.source.id < b.source.id ? -1 : 1),
    );
}

/**
 * `next` with every source, chain and region that equals its namesake in `prev` replaced by that very
 * object. A store re-read builds all-new objects; keeping the unchanged ones lets everything derived
 * from a chain or region (its index, layout, search, gap analysis) be reused rather than rebuilt when
 * only a status, a view or another region changed.
 */
export function reuseUnchanged(prev: Dataset | undefined, next: Dataset): Dataset {
  if (!prev) return next;
  const reuse = <T extends { readonly id: string }>(was: readonly T[], now: readonly T[]): readonly T[] => {
    const byId = new Map(was.map((x) => [x.id, x]));
    let changed = was.length !== now.length;
    const out = now.map((x, i) => {
      const old = byId.get(x.id);
      const kept = old && sameValue(old, x) ? old : x;
      if (kept !== was[i]) changed = true;
      return kept;
    });
    return changed ? out : was;
  };
  return {
    ...next,
    sources: reuse(prev.sources, next.sources),
    chains: reuse(prev.chains, next.chains),
    regions: reuse(prev.regions, next.regions),
  };
}
