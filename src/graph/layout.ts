/**
 * The panorama layout as data. Each sub-chain is a box laid out left to right by ELK layered; the boxes
 * then stand in columns (raw materials, then the material sub-chains stacked, then cells and recycling),
 * so the whole chain reads left to right and fits a laptop screen. ELK runs in `layout.worker.ts`;
 * everything here is pure and runs the same in a test.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import { stageRank } from '../model/graph';
import type { ChainElements } from './elements';

export interface Point {
  readonly x: number;
  readonly y: number;
}
export type Positions = Readonly<Record<string, Point>>;

/** What the layout depends on, and nothing else (no labels, statuses or language). */
export interface LayoutInput {
  readonly groups: readonly { readonly id: string; readonly order: number; readonly column?: number }[];
  readonly links: readonly {
    readonly id: string;
    readonly group: string;
    /** The stage's rank (raw = 0): links are folded into one column per stage inside their box. */
    readonly stage: number;
    readonly width: number;
    readonly height: number;
  }[];
  readonly edges: readonly { readonly source: string; readonly target: string; readonly feedback: boolean }[];
}

/** Room inside a sub-chain box: its title on top, a margin elsewhere. Shared with the stylesheet. */
export const GROUP_PADDING = { top: 30, side: 10, bottom: 10 } as const;
const COLUMN_GAP = 56;
const BOX_GAP = 26;
const CELL_GAP_X = 10;
const CELL_GAP_Y = 8;
const STAGE_GAP = 26;
/** The shape the whole panorama aims for: a landscape screen less the app's header and legend. */
const TARGET_ASPECT = 1.8;

const BOX_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.padding': `[top=${GROUP_PADDING.top},left=${GROUP_PADDING.side},bottom=${GROUP_PADDING.bottom},right=${GROUP_PADDING.side}]`,
  'elk.spacing.nodeNode': '9',
  'elk.layered.spacing.nodeNodeBetweenLayers': '26',
  'elk.separateConnectedComponents': 'false',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.randomSeed': '1',
};

/**
 * Boxes with more links than this are laid out piece by piece: ELK lays out each connected part on
 * its own (a big box is mostly many small supply chains side by side) with the faster node placement.
 * One ELK run over 1,700 links takes half a minute here; by parts, a second or two.
 */
const BIG_BOX = 300;
const BIG_BOX_OPTIONS = {
  'elk.separateConnectedComponents': 'true',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

/** The layout input for a chain's elements, with the sub-chains' column hints. */
export function toLayoutInput(
  elements: ChainElements,
  subChains: readonly { readonly id: string; readonly order: number; readonly column?: number }[],
): LayoutInput {
  const bySubChain = new Map(subChains.map((s) => [s.id, s]));
  return {
    groups: elements.groups.map((g) => {
      const s = bySubChain.get(g.subChain);
      return s?.column === undefined
        ? { id: g.id, order: s?.order ?? 0 }
        : { id: g.id, order: s.order, column: s.column };
    }),
    links: elements.links.map((l) => ({
      id: l.id,
      group: l.box,
      stage: stageRank(l.stage),
      width: l.width,
      height: l.height,
    })),
    edges: elements.edges.map((e) => ({ source: e.source, target: e.target, feedback: e.feedback })),
  };
}

/** A key that changes exactly when the layout would. */
export function layoutKey(input: LayoutInput): string {
  return JSON.stringify(input);
}

/**
 * The column of each box: its hint where the data gives one, otherwise the longest path to it over
 * the forward edges between boxes (edges that would close a cycle are ignored).
 */
export function boxColumns(input: LayoutInput): Map<string, number> {
  const groupOf = new Map(input.links.map((l) => [l.id, l.group]));
  const order = [...input.groups].sort((a, b) => a.order - b.order);
  const next = new Map<string, Set<string>>(order.map((g) => [g.id, new Set()]));
  for (const e of input.edges) {
    const a = groupOf.get(e.source);
    const b = groupOf.get(e.target);
    if (!e.feedback && a && b && a !== b) next.get(a)?.add(b);
  }
  // Depth-first in reading order; an edge to a box still on the stack would close a cycle.
  const column = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (id: string, depth: number) => {
    if ((column.get(id) ?? -1) >= depth || onStack.has(id)) return;
    column.set(id, depth);
    onStack.add(id);
    for (const to of next.get(id) ?? []) visit(to, depth + 1);
    onStack.delete(id);
  };
  const hasInput = new Set([...next.values()].flatMap((s) => [...s]));
  for (const g of order) if (!hasInput.has(g.id)) visit(g.id, 0);
  for (const g of order) if (!column.has(g.id)) visit(g.id, 0);
  for (const g of input.groups) if (g.column !== undefined) column.set(g.id, g.column);
  return column;
}

/**
 * One ELK graph per box, holding the box's links and the edges inside it. Links are listed in the
 * order of where their outside neighbours stand (by column, then box), and ELK keeps that model order
 * where it can, so edges between boxes cross less.
 */
export function boxGraphs(input: LayoutInput, columns: ReadonlyMap<string, number>): ElkNode[] {
  const groupOf = new Map(input.links.map((l) => [l.id, l.group]));
  const groupOrder = new Map(input.groups.map((g) => [g.id, g.order]));
  const rank = (group: string) => (columns.get(group) ?? 0) * 1000 + (groupOrder.get(group) ?? 0);
  const outside = new Map<string, number[]>();
  for (const e of input.edges) {
    const a = groupOf.get(e.source)!;
    const b = groupOf.get(e.target)!;
    if (a === b) continue;
    outside.set(e.source, [...(outside.get(e.source) ?? []), rank(b)]);
    outside.set(e.target, [...(outside.get(e.target) ?? []), rank(a)]);
  }
  const key = (id: string) => {
    const ranks = outside.get(id);
    return ranks ? ranks.reduce((s, r) => s + r, 0) / ranks.length : Number.POSITIVE_INFINITY;
  };
  return input.groups.map((g) => {
    const links = input.links
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.group === g.id)
      .sort((a, b) => {
        const ka = key(a.l.id);
        const kb = key(b.l.id);
        return ka === kb ? a.i - b.i : ka < kb ? -1 : 1;
      })
      .map(({ l }) => l);
    const ids = new Set(links.map((l) => l.id));
    return {
      id: g.id,
      layoutOptions: links.length > BIG_BOX ? { ...BOX_OPTIONS, ...BIG_BOX_OPTIONS } : BOX_OPTIONS,
      children: links.map((l) => ({ id: l.id, width: l.width, height: l.height })),
      edges: input.edges
        .filter((e) => !e.feedback && ids.has(e.source) && ids.has(e.target))
        .map((e, i) => ({ id: `${g.id}#${i}`, sources: [e.source], targets: [e.target] })),
    };
  });
}

/**
 * Folds a box that ELK laid out into stage columns: one column per stage present (raw, intermediate,
 * ...), each wrapped into as many sub-columns as it takes to stay within `maxRows`. Within a stage,
 * links keep ELK's vertical order, so neighbours stay close and crossings stay few; folding is what
 * makes 80 links fit one laptop screen, where pure layering runs to ten layers and a tall fan-in.
 */
export function foldByStage(box: ElkNode, stageOf: ReadonlyMap<string, number>, maxRows: number): ElkNode {
  const nodes = [...(box.children ?? [])].sort((a, b) => (a.y ?? 0) - (b.y ?? 0) || (a.x ?? 0) - (b.x ?? 0));
  const byStage = new Map<number, ElkNode[]>();
  for (const n of nodes) {
    const st = stageOf.get(n.id) ?? 0;
    const list = byStage.get(st);
    if (list) list.push(n);
    else byStage.set(st, [n]);
  }
  const stages = [...byStage.keys()].sort((a, b) => a - b);
  const tallestStage = Math.max(...[...byStage.values()].map((l) => l.length));
  const rows = Math.max(1, Math.min(maxRows, tallestStage));
  const placed: ElkNode[] = [];
  let x = GROUP_PADDING.side;
  let height = 0;
  stages.forEach((stage, si) => {
    const inStage = byStage.get(stage)!;
    const subColumns = Math.ceil(inStage.length / rows);
    const perColumn = Math.ceil(inStage.length / subColumns);
    // Rows line up across the stage's sub-columns; each is as tall as its tallest link.
    const rowHeight = new Array<number>(perColumn).fill(0);
    const colWidth = new Array<number>(subColumns).fill(0);
    inStage.forEach((n, i) => {
      const col = Math.floor(i / perColumn);
      const row = i % perColumn;
      rowHeight[row] = Math.max(rowHeight[row]!, n.height ?? 0);
      colWidth[col] = Math.max(colWidth[col]!, n.width ?? 0);
    });
    const rowTop: number[] = [];
    rowHeight.reduce((top, h, r) => ((rowTop[r] = top), top + h + CELL_GAP_Y), 0);
    const colLeft: number[] = [];
    colWidth.reduce((left, w, c) => ((colLeft[c] = left), left + w + CELL_GAP_X), 0);
    inStage.forEach((n, i) => {
      const col = Math.floor(i / perColumn);
      const row = i % perColumn;
      placed.push({
        ...n,
        x: x + colLeft[col]! + (colWidth[col]! - (n.width ?? 0)) / 2,
        y: GROUP_PADDING.top + rowTop[row]! + (rowHeight[row]! - (n.height ?? 0)) / 2,
      });
    });
    height = Math.max(height, rowTop[perColumn - 1]! + rowHeight[perColumn - 1]!);
    x += colLeft[subColumns - 1]! + colWidth[subColumns - 1]! + (si < stages.length - 1 ? STAGE_GAP : 0);
  });
  return {
    ...box,
    children: placed,
    width: x + GROUP_PADDING.side,
    height: GROUP_PADDING.top + height + GROUP_PADDING.bottom,
  };
}

/**
 * Places laid-out boxes in their columns, stacked by order and centred on the tallest column, and
 * returns the centre of every link.
 */
export function arrangeBoxes(
  input: LayoutInput,
  columns: ReadonlyMap<string, number>,
  boxes: readonly ElkNode[],
): Record<string, Point> {
  const groupOrder = new Map(input.groups.map((g) => [g.id, g.order]));
  const byColumn = new Map<number, ElkNode[]>();
  for (const box of boxes) {
    const c = columns.get(box.id) ?? 0;
    byColumn.set(c, [...(byColumn.get(c) ?? []), box]);
  }
  const colIds = [...byColumn.keys()].sort((a, b) => a - b);
  const height = (list: ElkNode[]) => list.reduce((h, b) => h + (b.height ?? 0), 0) + BOX_GAP * (list.length - 1);
  const tallest = Math.max(...colIds.map((c) => height(byColumn.get(c)!)));
  const out: Record<string, Point> = {};
  let x = 0;
  for (const c of colIds) {
    const list = byColumn.get(c)!.sort((a, b) => (groupOrder.get(a.id) ?? 0) - (groupOrder.get(b.id) ?? 0));
    let y = (tallest - height(list)) / 2;
    for (const box of list) {
      for (const n of box.children ?? []) {
        out[n.id] = { x: x + (n.x ?? 0) + (n.width ?? 0) / 2, y: y + (n.y ?? 0) + (n.height ?? 0) / 2 };
      }
      y += (box.height ?? 0) + BOX_GAP;
    }
    x += Math.max(...list.map((b) => b.width ?? 0)) + COLUMN_GAP;
  }
  return out;
}

/** Width and height of the arranged panorama, from the boxes. */
function extent(columns: ReadonlyMap<string, number>, boxes: readonly ElkNode[]): { width: number; height: number } {
  const byColumn = new Map<number, ElkNode[]>();
  for (const b of boxes) byColumn.set(columns.get(b.id) ?? 0, [...(byColumn.get(columns.get(b.id) ?? 0) ?? []), b]);
  let width = -COLUMN_GAP;
  let height = 0;
  for (const list of byColumn.values()) {
    width += Math.max(...list.map((b) => b.width ?? 0)) + COLUMN_GAP;
    height = Math.max(height, list.reduce((h, b) => h + (b.height ?? 0), 0) + BOX_GAP * (list.length - 1));
  }
  return { width, height };
}

/**
 * Runs the whole panorama layout with an ELK `layout` function (the worker's, or one in a test): ELK
 * orders each box, then every row limit is tried and the one that lets the chain be drawn largest in a
 * landscape frame wins.
 */
export async function layoutPanorama(
  input: LayoutInput,
  layout: (graph: ElkNode) => Promise<ElkNode>,
): Promise<Record<string, Point>> {
  const columns = boxColumns(input);
  const stageOf = new Map(input.links.map((l) => [l.id, l.stage]));
  const laidOut = await Promise.all(boxGraphs(input, columns).map((g) => layout(g)));
  const tallest = Math.max(1, ...laidOut.map((b) => b.children?.length ?? 0));
  let best: { boxes: ElkNode[]; scale: number } | undefined;
  // Every row limit up to 60, then in steps of 15%: past a few dozen rows, nearby limits look alike.
  const limits: number[] = [];
  for (let r = 2; r <= tallest; r = r < 60 ? r + 1 : Math.ceil(r * 1.15)) limits.push(r);
  for (const maxRows of limits) {
    const boxes = laidOut.map((b) => foldByStage(b, stageOf, maxRows));
    const { width, height } = extent(columns, boxes);
    // How large the panorama can be drawn in a frame of TARGET_ASPECT (bigger is better).
    const scale = Math.min(TARGET_ASPECT / width, 1 / height);
    if (!best || scale > best.scale + 1e-9) best = { boxes, scale };
  }
  return arrangeBoxes(input, columns, best?.boxes ?? laidOut);
}
