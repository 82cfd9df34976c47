/**
 * Graph functions over a chain template: inputs and outputs of a link, the transitive upstream and
 * downstream closures (which terminate on cycles: recycling feeds salts back), and an ordering of links
 * by stage and depth for reading the chain left to right.
 */
import { edgeKey, feedbackEdges } from './order';
import type { ChainLink, ChainTemplate, SupplyEdge } from './types';

export { feedbackEdges, groupLinksBySubChain, linkDepths, orderLinks, stageRank } from './order';

/** Adjacency of a chain, built once and shared by every query. */
export interface ChainIndex {
  readonly template: ChainTemplate;
  readonly links: ReadonlyMap<string, ChainLink>;
  /** link id -> ids of the links that supply it, in edge order. */
  readonly inputs: ReadonlyMap<string, readonly string[]>;
  /** link id -> ids of the links it supplies, in edge order. */
  readonly outputs: ReadonlyMap<string, readonly string[]>;
  /** link id -> the edges into it (its inputs, with their intensities), in edge order. */
  readonly edgesInto: ReadonlyMap<string, readonly SupplyEdge[]>;
  /** link id -> the edges out of it (to the links it supplies), in edge order. */
  readonly edgesFrom: ReadonlyMap<string, readonly SupplyEdge[]>;
}

/**
 * Builds the adjacency of a chain.
 *
 * @example
 * const index = indexChain(template);
 * upstreamOf(index, 'cell_lfp').size; // how many links feed LFP cells, directly or not
 */
export function indexChain(template: ChainTemplate): ChainIndex {
  const links = new Map(template.links.map((l) => [l.id, l]));
  const inputs = new Map<string, string[]>();
  const outputs = new Map<string, string[]>();
  const edgesInto = new Map<string, SupplyEdge[]>();
  const edgesFrom = new Map<string, SupplyEdge[]>();
  for (const l of template.links) {
    inputs.set(l.id, []);
    outputs.set(l.id, []);
    edgesInto.set(l.id, []);
    edgesFrom.set(l.id, []);
  }
  for (const e of template.edges) {
    if (!links.has(e.from) || !links.has(e.to)) continue;
    inputs.get(e.to)!.push(e.from);
    outputs.get(e.from)!.push(e.to);
    edgesInto.get(e.to)!.push(e);
    edgesFrom.get(e.from)!.push(e);
  }
  return { template, links, inputs, outputs, edgesInto, edgesFrom };
}

/** The links that directly supply `linkId`. */
export function inputsOf(index: ChainIndex, linkId: string): readonly string[] {
  return index.inputs.get(linkId) ?? [];
}

/** The links `linkId` directly supplies. */
export function outputsOf(index: ChainIndex, linkId: string): readonly string[] {
  return index.outputs.get(linkId) ?? [];
}

export interface ClosureOptions {
  /**
   * Follow feedback edges too (recycling back to salts). Off, a trace follows the material flow only;
   * on, it goes round the recycling loop, which from most links reaches most of the chain.
   */
  readonly loops?: boolean;
}

/**
 * The chain as integer arrays (compressed sparse rows), built once per index: closures over tens of
 * thousands of links run on typed arrays instead of sets of strings. `fwd` leaves out feedback edges.
 */
interface Csr {
  readonly ids: readonly string[];
  readonly pos: ReadonlyMap<string, number>;
  readonly out: { readonly all: Adjacency; readonly fwd: Adjacency };
  readonly in: { readonly all: Adjacency; readonly fwd: Adjacency };
  /** Visit stamps, one per link, reused by every closure (no clearing between runs). */
  readonly stamp: Uint32Array;
  readonly queue: Int32Array;
  round: number;
}
export interface Adjacency {
  readonly start: Int32Array;
  readonly list: Int32Array;
}

function adjacency(n: number, pairs: readonly (readonly [number, number])[]): Adjacency {
  const start = new Int32Array(n + 1);
  for (const [a] of pairs) start[a + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const list = new Int32Array(pairs.length);
  for (const [a, b] of pairs) list[fill[a]!++] = b;
  return { start, list };
}

const csrCache = new WeakMap<ChainIndex, Csr>();
function csrOf(index: ChainIndex): Csr {
  let csr = csrCache.get(index);
  if (csr) return csr;
  const ids = [...index.links.keys()];
  const pos = new Map(ids.map((id, i) => [id, i]));
  const back = feedbackEdges(index).keys;
  const all: [number, number][] = [];
  const fwd: [number, number][] = [];
  for (const e of index.template.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (a === undefined || b === undefined) continue;
    all.push([a, b]);
    if (!back.has(edgeKey(e.from, e.to))) fwd.push([a, b]);
  }
  const flip = (ps: [number, number][]) => ps.map(([a, b]) => [b, a] as const);
  csr = {
    ids,
    pos,
    out: { all: adjacency(ids.length, all), fwd: adjacency(ids.length, fwd) },
    in: { all: adjacency(ids.length, flip(all)), fwd: adjacency(ids.length, flip(fwd)) },
    stamp: new Uint32Array(ids.length),
    queue: new Int32Array(ids.length),
    round: 0,
  };
  csrCache.set(index, csr);
  return csr;
}

/**
 * Breadth-first from `starts`, calling `visit` on every link reached (not the starts themselves, even
 * when a cycle leads back to them). Ends on any graph in O(links + edges).
 */
function walk(csr: Csr, adj: Adjacency, starts: readonly number[], visit: (i: number) => void): void {
  const { stamp, queue } = csr;
  if (++csr.round === 0xffffffff) {
    stamp.fill(0);
    csr.round = 1;
  }
  const mark = csr.round;
  let tail = 0;
  for (const s of starts) {
    if (stamp[s] !== mark) {
      stamp[s] = mark;
      queue[tail++] = s;
    }
  }
  const startCount = tail;
  for (let head = 0; head < tail; head++) {
    const at = queue[head]!;
    for (let k = adj.start[at]!; k < adj.start[at + 1]!; k++) {
      const next = adj.list[k]!;
      if (stamp[next] !== mark) {
        stamp[next] = mark;
        queue[tail++] = next;
      }
    }
  }
  for (let k = startCount; k < tail; k++) visit(queue[k]!);
}

function closureOf(
  index: ChainIndex,
  starts: readonly string[],
  dir: 'in' | 'out',
  options: ClosureOptions,
): Set<string> {
  const csr = csrOf(index);
  const from = starts.map((id) => csr.pos.get(id)).filter((i): i is number => i !== undefined);
  const out = new Set<string>();
  walk(csr, csr[dir][options.loops ? 'all' : 'fwd'], from, (i) => out.add(csr.ids[i]!));
  for (const s of starts) out.delete(s);
  return out;
}

/** All links that feed `linkId`, directly or through other links. */
export function upstreamOf(index: ChainIndex, linkId: string, options: ClosureOptions = {}): Set<string> {
  return closureOf(index, [linkId], 'in', options);
}

/** All links that `linkId` feeds, directly or through other links. */
export function downstreamOf(index: ChainIndex, linkId: string, options: ClosureOptions = {}): Set<string> {
  return closureOf(index, [linkId], 'out', options);
}

/** Every link that feeds any of `linkIds` (along the material flow), the links themselves not included. */
export function upstreamOfAll(index: ChainIndex, linkIds: readonly string[]): Set<string> {
  return closureOf(index, linkIds, 'in', {});
}

/** The chain as integer arrays, for analyses over tens of thousands of links. */
export interface LinkArrays {
  readonly ids: readonly string[];
  readonly pos: ReadonlyMap<string, number>;
  /** Direct inputs of link i: `inputs.list[inputs.start[i] .. inputs.start[i + 1])`, all edges. */
  readonly inputs: Adjacency;
  /** Direct outputs of link i, all edges. */
  readonly outputs: Adjacency;
}

/** The index's integer arrays (built once per index). */
export function linkArrays(index: ChainIndex): LinkArrays {
  const csr = csrOf(index);
  return { ids: csr.ids, pos: csr.pos, inputs: csr.in.all, outputs: csr.out.all };
}

/**
 * How many links downstream of `linkId` (material flow) are flagged in `flags` (indexed by
 * `linkPositions`): e.g. the local links that depend on it. Counts without building a set, for ranking
 * many links fast.
 */
export function countDownstream(index: ChainIndex, linkId: string, flags: Uint8Array): number {
  const csr = csrOf(index);
  const start = csr.pos.get(linkId);
  if (start === undefined) return 0;
  let n = 0;
  walk(csr, csr.out.fwd, [start], (i) => {
    n += flags[i]!;
  });
  return n;
}
