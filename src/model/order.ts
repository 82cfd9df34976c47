/**
 * Reading order of a chain: stage ranks, the edges that run against the flow (recycling back to
 * salts, or closing a cycle), link depths and a stable ordering of links for lists and layouts.
 */
import type { ChainIndex } from './graph';
import type { ChainLink, Stage, SubChain, SupplyEdge } from './types';
import { STAGES } from './types';

/** The key of the edge `from` → `to` in sets of edges. */
export const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;

/** The position of a stage in reading order (raw = 0). */
export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** The feedback edges of a chain, and their keys (`edgeKey`) for lookups. */
export interface FeedbackEdges {
  readonly edges: readonly SupplyEdge[];
  readonly keys: ReadonlySet<string>;
}

const feedbackCache = new WeakMap<ChainIndex, FeedbackEdges>();

/**
 * The edges that run against the flow: into an earlier stage (recycling back to salts), or closing a
 * cycle within the forward edges (found by depth-first search in id order). Removing them leaves an
 * acyclic graph, which layout and depth need. Worked out once per chain index and shared by the
 * closures, the outline's order and the drawing.
 */
export function feedbackEdges(index: ChainIndex): FeedbackEdges {
  let found = feedbackCache.get(index);
  if (!found) {
    found = findFeedback(index);
    feedbackCache.set(index, found);
  }
  return found;
}

function findFeedback(index: ChainIndex): FeedbackEdges {
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
    forward.set(id, f.sort());
  }
  // Iterative DFS colouring: an edge to a node still on the stack closes a cycle.
  const state = new Map<string, 1 | 2>();
  // Visit in id order, so which edge of a cycle counts as feedback never depends on record order.
  for (const root of [...links.keys()].sort()) {
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
  return { edges: index.template.edges.filter((e) => back.has(edgeKey(e.from, e.to))), keys: back };
}

/**
 * The depth of each link: the length of the longest path of forward edges that reaches it (links with
 * no forward input have depth 0). Used to order links within a stage and to seed layouts.
 */
export function linkDepths(index: ChainIndex): Map<string, number> {
  const back = feedbackEdges(index).keys;
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

/** How a list names its links, for ties in reading order: a name and a collator for its language. */
export interface NameOrder {
  readonly name: (link: ChainLink) => string;
  readonly collator: Intl.Collator;
}

/**
 * Links in reading order: by stage, then depth, then sub-chain order, then by name when `byName` is
 * given (as a reader scans a list), then id. The same data always gives the same order, whatever the
 * order of its records.
 */
export function orderLinks(index: ChainIndex, byName?: NameOrder): ChainLink[] {
  const depth = linkDepths(index);
  const subOrder = new Map(index.template.subChains.map((s) => [s.id, s.order]));
  return [...index.links.values()].sort(
    (a, b) =>
      stageRank(a.stage) - stageRank(b.stage) ||
      depth.get(a.id)! - depth.get(b.id)! ||
      (subOrder.get(a.subChain) ?? 0) - (subOrder.get(b.subChain) ?? 0) ||
      (byName ? byName.collator.compare(byName.name(a), byName.name(b)) : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** All links grouped by sub-chain (in sub-chain order), each group in reading order (see `orderLinks`). */
export function groupLinksBySubChain(index: ChainIndex, byName?: NameOrder): { sub: SubChain; links: ChainLink[] }[] {
  const bySub = new Map<string, ChainLink[]>();
  for (const l of orderLinks(index, byName)) {
    const list = bySub.get(l.subChain);
    if (list) list.push(l);
    else bySub.set(l.subChain, [l]);
  }
  return [...index.template.subChains]
    .sort((a, b) => a.order - b.order)
    .map((sub) => ({ sub, links: bySub.get(sub.id) ?? [] }));
}
