/**
 * Graph functions over a chain template: inputs and outputs of a link, the transitive upstream and
 * downstream closures (which terminate on cycles: recycling feeds salts back), and an ordering of links
 * by stage and depth for reading the chain left to right.
 */
import type { ChainLink, ChainTemplate, Stage, SupplyEdge } from './types';
import { STAGES } from './types';

/** Adjacency of a chain, built once and shared by every query. */
export interface ChainIndex {
  readonly template: ChainTemplate;
  readonly links: ReadonlyMap<string, ChainLink>;
  /** link id -> ids of the links that supply it, in edge order. */
  readonly inputs: ReadonlyMap<string, readonly string[]>;
  /** link id -> ids of the links it supplies, in edge order. */
  readonly outputs: ReadonlyMap<string, readonly string[]>;
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
  for (const l of template.links) {
    inputs.set(l.id, []);
    outputs.set(l.id, []);
  }
  for (const e of template.edges) {
    if (!links.has(e.from) || !links.has(e.to)) continue;
    inputs.get(e.to)!.push(e.from);
    outputs.get(e.from)!.push(e.to);
  }
  return { template, links, inputs, outputs };
}

const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

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
 * Every link reachable from `start` along `next`, not counting `start` itself even when a cycle leads
 * back to it. Breadth-first with a visited set, so it ends on any graph in O(links + edges).
 */
function closure(
  adjacency: ReadonlyMap<string, readonly string[]>,
  start: string,
  skip: (from: string, to: string) => boolean,
): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const next of adjacency.get(at) ?? []) {
      if (!seen.has(next) && !skip(at, next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  seen.delete(start);
  return seen;
}

/** The feedback edges of an index, computed once per index. */
const feedbackCache = new WeakMap<ChainIndex, Set<string>>();
function feedbackKeys(index: ChainIndex): Set<string> {
  let keys = feedbackCache.get(index);
  if (!keys) {
    keys = new Set(feedbackEdges(index).map((e) => edgeKey(e.from, e.to)));
    feedbackCache.set(index, keys);
  }
  return keys;
}

/** All links that feed `linkId`, directly or through other links. */
export function upstreamOf(index: ChainIndex, linkId: string, options: ClosureOptions = {}): Set<string> {
  const back = options.loops ? undefined : feedbackKeys(index);
  return closure(index.inputs, linkId, (at, next) => back?.has(edgeKey(next, at)) ?? false);
}

/** All links that `linkId` feeds, directly or through other links. */
export function downstreamOf(index: ChainIndex, linkId: string, options: ClosureOptions = {}): Set<string> {
  const back = options.loops ? undefined : feedbackKeys(index);
  return closure(index.outputs, linkId, (at, next) => back?.has(edgeKey(at, next)) ?? false);
}

/** The position of a stage in reading order (raw = 0). */
export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/**
 * The edges that run against the flow: into an earlier stage (recycling back to salts), or closing a
 * cycle within the forward edges (found by depth-first search in link order). Removing them leaves an
 * acyclic graph, which layout and depth need.
 */
export function feedbackEdges(index: ChainIndex): SupplyEdge[] {
  const { links } = index;
  const back = new Set<string>();
  const rank = (id: string) => stageRank(links.get(id)!.stage);
  const forward = new Map<string, string[]>();
  for (const [id, outs] of index.outputs) {
    const f: string[] = [];
    for (const to of outs) {
      if (rank(to) < rank(id)) back.add(edgeKey(id, to));
      else f.push(to);
    }
    forward.set(id, f);
  }
  // Iterative DFS colouring: an edge to a node still on the stack closes a cycle.
  const state = new Map<string, 1 | 2>();
  for (const root of links.keys()) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const outs = forward.get(top.id)!;
      if (top.next < outs.length) {
        const to = outs[top.next++]!;
        const s = state.get(to);
        if (s === 1) back.add(edgeKey(top.id, to));
        else if (s === undefined) {
          state.set(to, 1);
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(top.id, 2);
        stack.pop();
      }
    }
  }
  return index.template.edges.filter((e) => back.has(edgeKey(e.from, e.to)));
}

/**
 * The depth of each link: the length of the longest path of forward edges that reaches it (links with
 * no forward input have depth 0). Used to order links within a stage and to seed layouts.
 */
export function linkDepths(index: ChainIndex): Map<string, number> {
  const back = new Set(feedbackEdges(index).map((e) => edgeKey(e.from, e.to)));
  const indegree = new Map<string, number>();
  for (const id of index.links.keys()) indegree.set(id, 0);
  for (const e of index.template.edges) {
    if (!back.has(edgeKey(e.from, e.to)) && index.links.has(e.from) && index.links.has(e.to)) {
      indegree.set(e.to, indegree.get(e.to)! + 1);
    }
  }
  const depth = new Map<string, number>();
  const queue = [...index.links.keys()].filter((id) => indegree.get(id) === 0);
  for (const id of queue) depth.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const to of index.outputs.get(id)!) {
      if (back.has(edgeKey(id, to))) continue;
      depth.set(to, Math.max(depth.get(to) ?? 0, depth.get(id)! + 1));
      const left = indegree.get(to)! - 1;
      indegree.set(to, left);
      if (left === 0) queue.push(to);
    }
  }
  return depth;
}

/**
 * Links in reading order: by stage, then depth, then sub-chain order, then id. The same data always
 * gives the same order, whatever the order of its records.
 */
export function orderLinks(index: ChainIndex): ChainLink[] {
  const depth = linkDepths(index);
  const subOrder = new Map(index.template.subChains.map((s) => [s.id, s.order]));
  return [...index.links.values()].sort(
    (a, b) =>
      stageRank(a.stage) - stageRank(b.stage) ||
      depth.get(a.id)! - depth.get(b.id)! ||
      (subOrder.get(a.subChain) ?? 0) - (subOrder.get(b.subChain) ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
