/**
 * Regions side by side on one chain: every link's status in each region with the record behind it,
 * completeness and local supply per region from the gap engine, and, for the gaps of one region,
 * whether another region of the corridor has the link.
 *
 * Completeness and local supply are measured for one set of focus products, the shown region's, in
 * every region: "how much of what Jinchang builds does Wuwei have" compares like with like, where each
 * region's own focus (most have none on record) would not. While links are unknown the figures are
 * ranges: from every unknown link absent to every unknown link local.
 */
import { analyseRegion } from './analysis';
import { chainOf, statesByLink } from './dataset';
import { DEFAULT_RULES, share, shareIfKnown, type GapRules, type Ratio } from './gaps';
import type { ChainIndex } from './graph';
import type { Dataset, LinkState, LinkStatus, Region } from './types';
import { LOCAL_STATUSES } from './types';

export interface Range {
  readonly low: number;
  readonly high: number;
}

export interface RegionColumn {
  readonly region: Region;
  /** Completeness for the basis region's focus products, with its range. */
  readonly completeness: Ratio & Range;
  /** Local supply by link count of each basis focus product, low (unknown absent) to high (unknown local). */
  readonly supply: readonly ({ readonly productId: string } & Range)[];
}

export interface CompareCell {
  readonly status: LinkStatus;
  /** The state record behind the status; absent when no record says anything. */
  readonly state: LinkState | undefined;
}

export interface CompareRow {
  readonly linkId: string;
  /** One cell per column, in the columns' order. */
  readonly cells: readonly CompareCell[];
}

export interface CompareGroup {
  readonly subChainId: string;
  readonly rows: readonly CompareRow[];
}

export interface Comparison {
  readonly basis: Region;
  readonly columns: readonly RegionColumn[];
  readonly groups: readonly CompareGroup[];
}

/** The regions drawn on the same chain as `basis`, in the dataset's order (the basis among them). */
export function corridorRegions(dataset: Dataset, basis: Region): Region[] {
  return dataset.regions.filter((r) => r.chainId === basis.chainId);
}

/** `region` with the basis region's focus, so its figures measure the same products. */
function withFocus(region: Region, basis: Region): Region {
  if (region === basis) return region;
  const { focus: _own, ...rest } = region;
  return basis.focus ? { ...rest, focus: basis.focus } : rest;
}

/** Compares every region on the basis region's chain. */
export function compareRegions(
  dataset: Dataset,
  index: ChainIndex,
  basis: Region,
  rules: GapRules = DEFAULT_RULES,
): Comparison {
  const regions = corridorRegions(dataset, basis);
  const columns = regions.map((region): RegionColumn => {
    const analysis = analyseRegion(index, withFocus(region, basis), rules);
    const overall = analysis.gaps.completeness.overall;
    return {
      region,
      completeness: { ...overall, low: share(overall), high: shareIfKnown(overall) },
      supply: analysis.supply.map((s) => ({ productId: s.productId, low: s.byCount.low, high: s.byCount.high })),
    };
  });
  const states = regions.map((r) => statesByLink(r));
  const chain = chainOf(dataset, basis) ?? index.template;
  const groups = [...chain.subChains]
    .sort((a, b) => a.order - b.order)
    .map((sc) => ({
      subChainId: sc.id,
      rows: chain.links
        .filter((l) => l.subChain === sc.id)
        .map((l) => ({
          linkId: l.id,
          cells: states.map((s) => {
            const state = s.get(l.id);
            return { status: state?.status ?? 'unknown', state };
          }),
        })),
    }))
    .filter((g) => g.rows.length > 0);
  return { basis, columns, groups };
}

/** Where a link the basis region lacks stands in the rest of the corridor. */
export interface CorridorCover {
  /** Other regions that make it (strong or present). */
  readonly local: readonly Region[];
  /** Other regions building it. */
  readonly building: readonly Region[];
  /** `within`: another region makes it, so it can be bought next door; `none`: no region does, the stronger case to invest. */
  readonly verdict: 'within' | 'none';
}

/** For each of `linkIds`, which other regions of the basis region's corridor have it. */
export function corridorCover(dataset: Dataset, basis: Region, linkIds: Iterable<string>): Map<string, CorridorCover> {
  const others = corridorRegions(dataset, basis).filter((r) => r.id !== basis.id);
  const out = new Map<string, CorridorCover>();
  for (const id of linkIds) {
    const statusIn = (r: Region) => statesByLink(r).get(id)?.status ?? 'unknown';
    const local = others.filter((r) => LOCAL_STATUSES.has(statusIn(r)));
    const building = others.filter((r) => statusIn(r) === 'building');
    out.set(id, { local, building, verdict: local.length ? 'within' : 'none' });
  }
  return out;
}
