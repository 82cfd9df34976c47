/**
 * The panorama layout as data: the chain's elements -> an ELK layered graph (left to right, one
 * compound box per sub-chain) -> node centre positions for Cytoscape's `preset` layout. The ELK run
 * itself happens in `layout.worker.ts`, off the main thread.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ChainElements } from './elements';

export interface Point {
  readonly x: number;
  readonly y: number;
}
export type Positions = Readonly<Record<string, Point>>;

/** Room at the top of a sub-chain box for its title. */
export const GROUP_PADDING_TOP = 34;

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'SPLINES',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.nodeNode': '10',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.spacing.componentComponent': '28',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.randomSeed': '1',
};

const GROUP_OPTIONS = {
  'elk.padding': `[top=${GROUP_PADDING_TOP},left=12,bottom=12,right=12]`,
};

/**
 * The ELK graph for a chain. Feedback edges (recycling back to salts) are left out so that the
 * layering follows the material flow; they are still drawn, curving back.
 */
export function toElkGraph(elements: ChainElements): ElkNode {
  const children: ElkNode[] = elements.groups.map((g) => ({
    id: g.id,
    layoutOptions: GROUP_OPTIONS,
    children: elements.links
      .filter((l) => l.parent === g.id)
      .map((l) => ({ id: l.id, width: l.width, height: l.height })),
  }));
  const edges: ElkExtendedEdge[] = elements.edges
    .filter((e) => !e.feedback)
    .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  return { id: 'root', layoutOptions: ROOT_OPTIONS, children, edges };
}

/** Centre positions of the link nodes in a laid-out ELK graph (ELK gives top-left, relative to parents). */
export function positionsFromElk(root: ElkNode): Record<string, Point> {
  const out: Record<string, Point> = {};
  const walk = (node: ElkNode, dx: number, dy: number, isRoot: boolean) => {
    const x = dx + (isRoot ? 0 : (node.x ?? 0));
    const y = dy + (isRoot ? 0 : (node.y ?? 0));
    if (node.children?.length) {
      for (const child of node.children) walk(child, x, y, false);
    } else if (!isRoot) {
      out[node.id] = { x: x + (node.width ?? 0) / 2, y: y + (node.height ?? 0) / 2 };
    }
  };
  walk(root, 0, 0, true);
  return out;
}

/**
 * What the layout depends on: groups, link ids and sizes, and forward edges. Labels, language and
 * status do not change it, so the chain stays put when they change.
 */
export function layoutKey(elements: ChainElements): string {
  const parts = [
    elements.groups.map((g) => g.id).join(','),
    elements.links.map((l) => `${l.id}@${l.parent}:${l.width}x${l.height}`).join(','),
    elements.edges
      .filter((e) => !e.feedback)
      .map((e) => e.id)
      .join(','),
  ];
  return parts.join('|');
}
