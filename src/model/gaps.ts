/**
 * The gap engine: classifies every link of a region's chain with a rule the UI shows word for word,
 * ranks the links worth acting on by an impact score whose parts the UI also shows, and measures how
 * complete the chain is for the region's focus products.
 *
 * Rules (a link is *local* when its status is strong or present; a link is *needed* when it is one of
 * the region's focus products or feeds one along the material flow):
 * - unknown:   no source says either way. Never counted as present or missing, unless the user asks to
 *              treat unknown links as missing, and then every such verdict is marked as assumed.
 * - gap:       missing or being attracted, and either needed, or with both a local input and a local buyer.
 * - extension: missing or being attracted, not needed and without a local buyer, but with a local input:
 *              a chance to extend the chain downstream of what the region already makes.
 * - outside:   missing or being attracted, with no local input, no local buyer, and not needed.
 * - weak:      building (nothing runs yet), or local with a single enterprise, or local with a capacity
 *              below the threshold for its unit.
 * - strong:    local and none of the weaknesses above.
 */
import type { ChainIndex } from './graph';
import { downstreamOf, inputsOf, outputsOf, stageRank, upstreamOf } from './graph';
import type { LinkStatus, Quantity, Region } from './types';

export type GapKind = 'gap' | 'extension' | 'weak' | 'strong' | 'unknown' | 'outside';

/** Kinds that go on the gap list: the links an officer can act on. */
export const ACTIONABLE_KINDS: readonly GapKind[] = ['gap', 'extension', 'weak'];

export type GapReason =
  | 'needed'
  | 'fed-and-bought'
  | 'local-input-only'
  | 'no-local-tie'
  | 'building'
  | 'single-enterprise'
  | 'low-capacity'
  | 'no-source'
  | 'local';

/** The thresholds the user can see and change. */
export interface GapRules {
  /** A local link with less capacity than this, in the same unit, is weak. Units without an entry are not judged. */
  readonly weakBelow: Readonly<Record<string, number>>;
  /** A local link served by one enterprise only is weak. */
  readonly singleEnterpriseIsWeak: boolean;
  /** Treat links no source covers as missing (an assumption, marked on every verdict it changes). */
  readonly assumeUnknownMissing: boolean;
}

export const DEFAULT_RULES: GapRules = {
  weakBelow: { 't/a': 10000, 'GWh/a': 5, 'Ah/a': 500_000_000 },
  singleEnterpriseIsWeak: true,
  assumeUnknownMissing: false,
};

/** Weights of the impact score, shown beside it. */
export const SCORE_WEIGHTS = { dependents: 2, massShare: 30, localInput: 5, localBuyer: 5 } as const;

export interface LinkAssessment {
  readonly linkId: string;
  readonly kind: GapKind;
  readonly status: LinkStatus;
  readonly reasons: readonly GapReason[];
  /** Whether the verdict rests on treating an unknown link as missing. */
  readonly assumed: boolean;
  readonly needed: boolean;
  readonly localInputs: readonly string[];
  readonly localBuyers: readonly string[];
  /** Local links that depend on this one, directly or not (material flow only). */
  readonly dependents: number;
  /** The largest share, over the focus products, of their known input mass per kWh this link carries (0–1). */
  readonly massShare: number | undefined;
  /** Impact score: see `scoreOf`. */
  readonly score: number;
}

export interface Ratio {
  readonly local: number;
  readonly unknown: number;
  readonly total: number;
}

export interface GapAnalysis {
  readonly assessments: ReadonlyMap<string, LinkAssessment>;
  /** Gaps, extensions and weak links, highest impact first; ties broken by kind, stage and id. */
  readonly ranked: readonly LinkAssessment[];
  /** Links the focus products need that are local, over all links they need. */
  readonly completeness: { readonly overall: Ratio; readonly bySubChain: ReadonlyMap<string, Ratio> };
  /** The links the focus products need. */
  readonly needed: ReadonlySet<string>;
}

const LOCAL: ReadonlySet<LinkStatus> = new Set(['strong', 'present']);
const ABSENT: ReadonlySet<LinkStatus> = new Set(['missing', 'attracting']);

/** The impact score: 2 per dependent local link, up to 30 for mass carried, 5 each for a local input and a local buyer. */
export function scoreOf(a: Pick<LinkAssessment, 'dependents' | 'massShare' | 'localInputs' | 'localBuyers'>): number {
  const raw =
    SCORE_WEIGHTS.dependents * a.dependents +
    SCORE_WEIGHTS.massShare * (a.massShare ?? 0) +
    (a.localInputs.length ? SCORE_WEIGHTS.localInput : 0) +
    (a.localBuyers.length ? SCORE_WEIGHTS.localBuyer : 0);
  return Math.round(raw * 10) / 10;
}

/** Whether a capacity is under the weakness threshold for its unit. */
function belowThreshold(capacity: Quantity | undefined, rules: GapRules): boolean {
  if (!capacity || !Object.hasOwn(rules.weakBelow, capacity.unit)) return false;
  return capacity.value < rules.weakBelow[capacity.unit]!;
}

/** The links the focus products need: themselves and everything that feeds them along the material flow. */
export function neededLinks(index: ChainIndex, region: Region | undefined): Set<string> {
  const needed = new Set<string>();
  for (const product of region?.focus?.products ?? []) {
    if (!index.links.has(product)) continue;
    needed.add(product);
    for (const id of upstreamOf(index, product)) needed.add(id);
  }
  return needed;
}

/**
 * Assesses every link of `region` on its chain.
 *
 * @param massShares the share of focus-product input mass each link carries (from `supply.ts`); links
 *   without an entry score no mass.
 */
export function analyseGaps(
  index: ChainIndex,
  region: Region | undefined,
  rules: GapRules = DEFAULT_RULES,
  massShares: ReadonlyMap<string, number> = new Map(),
): GapAnalysis {
  const stateOf = new Map((region?.linkStates ?? []).map((s) => [s.linkId, s]));
  const status = (id: string): LinkStatus => stateOf.get(id)?.status ?? 'unknown';
  const enterprises = new Map<string, number>();
  for (const e of region?.enterprises ?? [])
    for (const id of e.linkIds) enterprises.set(id, (enterprises.get(id) ?? 0) + 1);
  const isLocal = (id: string) => LOCAL.has(status(id));
  const needed = neededLinks(index, region);

  const assessments = new Map<string, LinkAssessment>();
  for (const link of index.template.links) {
    const id = link.id;
    const s = status(id);
    const localInputs = inputsOf(index, id).filter(isLocal);
    const localBuyers = outputsOf(index, id).filter(isLocal);
    const isNeeded = needed.has(id);
    const assumed = s === 'unknown' && rules.assumeUnknownMissing;
    const reasons: GapReason[] = [];
    let kind: GapKind;
    if (s === 'unknown' && !assumed) {
      kind = 'unknown';
      reasons.push('no-source');
    } else if (ABSENT.has(s) || assumed) {
      if (isNeeded || (localInputs.length && localBuyers.length)) {
        kind = 'gap';
        reasons.push(isNeeded ? 'needed' : 'fed-and-bought');
      } else if (localInputs.length) {
        kind = 'extension';
        reasons.push('local-input-only');
      } else {
        kind = 'outside';
        reasons.push('no-local-tie');
      }
    } else if (s === 'building') {
      kind = 'weak';
      reasons.push('building');
    } else {
      if (rules.singleEnterpriseIsWeak && enterprises.get(id) === 1) reasons.push('single-enterprise');
      if (belowThreshold(stateOf.get(id)?.capacity, rules)) reasons.push('low-capacity');
      kind = reasons.length ? 'weak' : 'strong';
      if (kind === 'strong') reasons.push('local');
    }
    const actionable = ACTIONABLE_KINDS.includes(kind);
    const dependents = actionable ? [...downstreamOf(index, id)].filter(isLocal).length : 0;
    const partial = { dependents, massShare: massShares.get(id), localInputs, localBuyers };
    assessments.set(id, {
      linkId: id,
      kind,
      status: s,
      reasons,
      assumed,
      needed: isNeeded,
      localInputs,
      localBuyers,
      dependents,
      massShare: partial.massShare,
      score: actionable ? scoreOf(partial) : 0,
    });
  }

  const kindOrder: Record<GapKind, number> = { gap: 0, extension: 1, weak: 2, strong: 3, unknown: 4, outside: 5 };
  const ranked = [...assessments.values()]
    .filter((a) => ACTIONABLE_KINDS.includes(a.kind))
    .sort(
      (a, b) =>
        b.score - a.score ||
        kindOrder[a.kind] - kindOrder[b.kind] ||
        stageRank(index.links.get(a.linkId)!.stage) - stageRank(index.links.get(b.linkId)!.stage) ||
        (a.linkId < b.linkId ? -1 : a.linkId > b.linkId ? 1 : 0),
    );

  const ratio = (ids: readonly string[]): Ratio => ({
    local: ids.filter(isLocal).length,
    unknown: ids.filter((id) => status(id) === 'unknown').length,
    total: ids.length,
  });
  const neededIds = index.template.links.filter((l) => needed.has(l.id));
  const bySubChain = new Map(
    index.template.subChains.map((sc) => [
      sc.id,
      ratio(neededIds.filter((l) => l.subChain === sc.id).map((l) => l.id)),
    ]),
  );
  return { assessments, ranked, completeness: { overall: ratio(neededIds.map((l) => l.id)), bySubChain }, needed };
}

/** A ratio as a share 0–1 (0 when there is nothing to count). */
export function share(r: Ratio): number {
  return r.total === 0 ? 0 : r.local / r.total;
}
