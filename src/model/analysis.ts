/**
 * A region's whole analysis in one call (gaps, completeness, local supply of its focus products and
 * uses), and the comparison of two analyses for what-if scenarios.
 */
import { analyseGaps, DEFAULT_RULES, share, type GapAnalysis, type GapKind, type GapRules } from './gaps';
import { upstreamOf, type ChainIndex } from './graph';
import { chemistriesOf, focusMassShares, massPerKwh, productSupply, type ProductSupply } from './supply';
import type { Region } from './types';

export interface RegionAnalysis {
  readonly gaps: GapAnalysis;
  /** Local supply of each focus product and use, in the focus's order. */
  readonly supply: readonly ProductSupply[];
}

/** Analyses `region` on its chain with `rules`. */
export function analyseRegion(
  index: ChainIndex,
  region: Region | undefined,
  rules: GapRules = DEFAULT_RULES,
): RegionAnalysis {
  const products = [...new Set([...(region?.focus?.products ?? []), ...(region?.focus?.applications ?? [])])].filter(
    (id) => index.links.has(id),
  );
  // Each product's upstream and mass per kWh, computed once for the gap score and the supply share.
  const computed = new Map(
    products.map((id) => {
      const upstream = upstreamOf(index, id);
      return [id, { upstream, mass: massPerKwh(index, id, chemistriesOf(index, id)[0], upstream) }] as const;
    }),
  );
  const masses = new Map([...computed].map(([id, c]) => [id, c.mass]));
  const gaps = analyseGaps(index, region, rules, focusMassShares(index, region, masses));
  return { gaps, supply: products.map((id) => productSupply(index, region, id, undefined, computed.get(id))) };
}

export interface AnalysisDiff {
  /** Links whose kind changed, with before and after. */
  readonly kinds: readonly { readonly linkId: string; readonly before: GapKind; readonly after: GapKind }[];
  readonly completeness: { readonly before: number; readonly after: number };
  readonly supply: readonly { readonly productId: string; readonly before: number; readonly after: number }[];
  /** Links that joined or left the gap list. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** What a scenario changes: kinds, completeness, local supply by count (low end) and the gap list. */
export function compareAnalyses(before: RegionAnalysis, after: RegionAnalysis): AnalysisDiff {
  const kinds = [...after.gaps.assessments.values()]
    .map((a) => ({ linkId: a.linkId, before: before.gaps.assessments.get(a.linkId)?.kind ?? 'unknown', after: a.kind }))
    .filter((k) => k.before !== k.after);
  const beforeRanked = new Set(before.gaps.ranked.map((a) => a.linkId));
  const afterRanked = new Set(after.gaps.ranked.map((a) => a.linkId));
  return {
    kinds,
    completeness: { before: share(before.gaps.completeness.overall), after: share(after.gaps.completeness.overall) },
    supply: after.supply.map((s) => ({
      productId: s.productId,
      before: before.supply.find((b) => b.productId === s.productId)?.byCount.low ?? 0,
      after: s.byCount.low,
    })),
    added: [...afterRanked].filter((id) => !beforeRanked.has(id)),
    removed: [...beforeRanked].filter((id) => !afterRanked.has(id)),
  };
}
