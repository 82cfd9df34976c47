/**
 * The gap engine: classifies every link of a region's chain with a rule the UI shows word for word,
 * ranks the links worth acting on by an impact score whose parts the UI also shows, and measures how
 * complete the chain is for the region's focus products.
 *
 * Rules (a link is *local* when its status is strong or present; a link is *needed* when it is one of
 * the region's focus products or feeds one along the material flow):
 * - verify:    no source says either way, and the focus products need it: "to verify". It is never
 *              counted as present or missing, but it goes on the gap list, scored by the impact it would
 *              have if it were missing, so the links whose absence would matter most are checked first.
 * - unknown:   no source says either way, and the focus products do not need it.
 *              Either unknown kind turns into a verdict when the user asks to treat unknown links as
 *              missing, and then every such verdict is marked as assumed.
 * - gap:       missing or being attracted, and either needed, or with both a local input and a local buyer.
 * - extension: missing or being attracted, not needed and without a local buyer, but with a local input:
 *              a chance to extend the chain downstream of what the region already makes.
 * - outside:   missing or being attracted, with no local input, no local buyer, and not needed.
 * - weak:      building (nothing runs yet), or local with a single enterprise, or local with a capacity
 *              below the threshold for its unit.
 * - to check:  missing or being attracted while firms of the region serve it (a firm list imported after
 *              the statuses, say). The verdict above stands, but the link is flagged with the number of
 *              firms (reason "firms-contradict"), goes on the gap list whatever its kind, and is listed
 *              in `contradictions`: the engine never silently ignores the firms, nor the status.
 * - strong:    local and none of the weaknesses above: with its scale shown (the source calls it strong,
 *              several enterprises, or a capacity at or above the threshold) or, when no source gives its
 *              scale or firms, marked as such ("local-unmeasured") rather than claimed to be at scale.
 */
import type { ChainIndex } from './graph';
import { countDownstream, linkArrays, stageRank, upstreamOfAll, type Adjacency } from './graph';
import { statesByLink } from './dataset';
import type { LinkState, LinkStatus, Quantity, Region } from './types';
import { LOCAL_STATUSES } from './types';

export type GapKind = 'gap' | 'verify' | 'extension' | 'weak' | 'strong' | 'unknown' | 'outside';

/** Kinds that go on the gap list: the links an officer can act on. */
export const ACTIONABLE_KINDS: readonly GapKind[] = ['gap', 'verify', 'extension', 'weak'];

export type GapReason =
  | 'needed'
  | 'fed-and-bought'
  | 'local-input-only'
  | 'no-local-tie'
  | 'building'
  | 'single-enterprise'
  | 'low-capacity'
  | 'no-source'
  | 'unverified-needed'
  | 'local'
  | 'local-unmeasured'
  | 'firms-contradict';

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
  /** Impact score: see `scoreOf`. For a link to verify, the score it would have if it were missing. */
  readonly score: number;
  /** How many of the region's firms serve the link (format 4 firm lists make this large). */
  readonly firms: number;
  /**
   * Set when the link is stored as missing or being attracted while firms of the region serve it: the
   * two records contradict each other, and the link is on the gap list "to check" with the count.
   */
  readonly contradiction?: { readonly status: LinkStatus; readonly firms: number };
}

export interface Ratio {
  readonly local: number;
  readonly unknown: number;
  readonly total: number;
}

export interface GapAnalysis {
  readonly assessments: ReadonlyMap<string, LinkAssessment>;
  /** Gaps, links to verify, extensions and weak links, highest impact first; ties broken by kind, stage and id. */
  readonly ranked: readonly LinkAssessment[];
  /** Links the focus products need that are local, over all links they need. */
  readonly completeness: { readonly overall: Ratio; readonly bySubChain: ReadonlyMap<string, Ratio> };
  /** The links the focus products need. */
  readonly needed: ReadonlySet<string>;
  /** Links stored as missing or being attracted that firms of the region serve, most firms first. */
  readonly contradictions: readonly LinkAssessment[];
}

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

/** The points each part of the impact score gives (their sum, rounded, is `scoreOf`). */
export function scoreParts(a: Pick<LinkAssessment, 'dependents' | 'massShare' | 'localInputs' | 'localBuyers'>): {
  dependents: number;
  mass: number;
  localInput: number;
  localBuyer: number;
} {
  return {
    dependents: SCORE_WEIGHTS.dependents * a.dependents,
    mass: Math.round(SCORE_WEIGHTS.massShare * (a.massShare ?? 0) * 10) / 10,
    localInput: a.localInputs.length ? SCORE_WEIGHTS.localInput : 0,
    localBuyer: a.localBuyers.length ? SCORE_WEIGHTS.localBuyer : 0,
  };
}

/** Whether a capacity is under the weakness threshold for its unit. */
function belowThreshold(capacity: Quantity | undefined, rules: GapRules): boolean {
  if (!capacity || !Object.hasOwn(rules.weakBelow, capacity.unit)) return false;
  return capacity.value < rules.weakBelow[capacity.unit]!;
}

/** The links the focus products need: themselves and everything that feeds them along the material flow. */
export function neededLinks(index: ChainIndex, region: Region | undefined): Set<string> {
  const products = (region?.focus?.products ?? []).filter((id) => index.links.has(id));
  const needed = upstreamOfAll(index, products);
  for (const p of products) needed.add(p);
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
  const stateOf = region ? statesByLink(region) : new Map<string, LinkState>();
  const status = (id: string): LinkStatus => stateOf.get(id)?.status ?? 'unknown';
  const enterprises = new Map<string, number>();
  for (const e of region?.enterprises ?? [])
    for (const id of e.linkIds) enterprises.set(id, (enterprises.get(id) ?? 0) + 1);
  const isLocal = (id: string) => LOCAL_STATUSES.has(status(id));
  const needed = neededLinks(index, region);
  // Per-link flags in the index's integer order: the loop below runs over every link of big chains.
  const { ids, inputs, outputs } = linkArrays(index);
  const localFlags = Uint8Array.from(ids, (id) => (isLocal(id) ? 1 : 0));
  const localAmong = (adj: Adjacency, i: number): string[] => {
    const found: string[] = [];
    for (let k = adj.start[i]!; k < adj.start[i + 1]!; k++)
      if (localFlags[adj.list[k]!]) found.push(ids[adj.list[k]!]!);
    return found;
  };

  const assessments = new Map<string, LinkAssessment>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const state = stateOf.get(id);
    const s = state?.status ?? 'unknown';
    const localInputs = localAmong(inputs, i);
    const localBuyers = localAmong(outputs, i);
    const isNeeded = needed.has(id);
    const assumed = s === 'unknown' && rules.assumeUnknownMissing;
    const firms = enterprises.get(id) ?? 0;
    let kind: GapKind;
    let reasons: GapReason[];
    if (s === 'unknown' && !assumed) {
      kind = isNeeded ? 'verify' : 'unknown';
      reasons = [isNeeded ? 'unverified-needed' : 'no-source'];
    } else if (ABSENT.has(s) || assumed) {
      if (isNeeded || (localInputs.length && localBuyers.length)) {
        kind = 'gap';
        reasons = [isNeeded ? 'needed' : 'fed-and-bought'];
      } else if (localInputs.length) {
        kind = 'extension';
        reasons = ['local-input-only'];
      } else {
        kind = 'outside';
        reasons = ['no-local-tie'];
      }
    } else if (s === 'building') {
      kind = 'weak';
      reasons = ['building'];
    } else {
      reasons = [];
      if (rules.singleEnterpriseIsWeak && firms === 1) reasons.push('single-enterprise');
      if (belowThreshold(state?.capacity, rules)) reasons.push('low-capacity');
      kind = reasons.length ? 'weak' : 'strong';
      if (kind === 'strong') {
        // Not below its threshold (else it would be weak): a judged capacity shows scale.
        const judged = state?.capacity !== undefined && Object.hasOwn(rules.weakBelow, state.capacity.unit);
        reasons.push(s === 'strong' || firms >= 2 || judged ? 'local' : 'local-unmeasured');
      }
    }
    const contradicted = ABSENT.has(s) && firms > 0;
    if (contradicted) reasons.unshift('firms-contradict');
    const actionable = ACTIONABLE_KINDS.includes(kind) || contradicted;
    const dependents = actionable ? countDownstream(index, id, localFlags) : 0;
    const massShare = massShares.get(id);
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
      massShare,
      score: actionable ? scoreOf({ dependents, massShare, localInputs, localBuyers }) : 0,
      firms,
      ...(contradicted ? { contradiction: { status: s, firms } } : {}),
    });
  }

  const kindOrder: Record<GapKind, number> = {
    gap: 0,
    verify: 1,
    extension: 2,
    weak: 3,
    strong: 4,
    unknown: 5,
    outside: 6,
  };
  const stageOf = (id: string) => stageRank(index.links.get(id)!.stage);
  const ranked = [...assessments.values()]
    .filter((a) => ACTIONABLE_KINDS.includes(a.kind) || a.contradiction)
    .map((a) => ({ a, stage: stageOf(a.linkId) }))
    .sort(
      (x, y) =>
        y.a.score - x.a.score ||
        kindOrder[x.a.kind] - kindOrder[y.a.kind] ||
        x.stage - y.stage ||
        (x.a.linkId < y.a.linkId ? -1 : x.a.linkId > y.a.linkId ? 1 : 0),
    )
    .map((x) => x.a);

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
  const contradictions = [...assessments.values()]
    .filter((a) => a.contradiction)
    .sort((x, y) => y.firms - x.firms || (x.linkId < y.linkId ? -1 : 1));
  return {
    assessments,
    ranked,
    completeness: { overall: ratio(neededIds.map((l) => l.id)), bySubChain },
    needed,
    contradictions,
  };
}

/** A ratio as a share 0–1 (0 when there is nothing to count). */
export function share(r: Ratio): number {
  return r.total === 0 ? 0 : r.local / r.total;
}

/** The share if every unknown link were local: the high end of what `share` could be. */
export function shareIfKnown(r: Ratio): number {
  return r.total === 0 ? 0 : (r.local + r.unknown) / r.total;
}

/**
 * The links the gap view frames on the chain: every gap, and the first `top` rows of the gap list
 * (whatever their kind), in rank order.
 */
export function gapSubject(rows: readonly { readonly linkId: string; readonly kind: GapKind }[], top = 5): string[] {
  return rows.filter((r, i) => i < top || r.kind === 'gap').map((r) => r.linkId);
}
