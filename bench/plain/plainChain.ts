/**
 * Plain Cytoscape.js drawing the same chain as the app: the same elements (sub-chain boxes, links,
 * edges) at the same positions and sizes, labels wrapped at the same width, edges as arrows, with
 * Cytoscape's default look and nothing else (no status colours, borders, icons, fading). The baseline
 * of the start-up page (plain/main.ts) and of the drawing benchmark (bench.ts).
 */
import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import type { ChainElements } from '../../src/graph/elements';
import { GROUP_PADDING, type Positions } from '../../src/graph/layout';

export const PLAIN_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      width: 'data(width)',
      height: 'data(height)',
      shape: 'round-rectangle',
      'text-wrap': 'wrap',
      'text-max-width': 'data(wrapWidth)',
      'text-valign': 'center',
      'font-size': 13,
    },
  },
  { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' } },
];

/** The chain's elements for plain Cytoscape: each box drawn as a node around its links, as the app draws it. */
export function plainElements(elements: ChainElements, positions: Positions): ElementDefinition[] {
  const bounds = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
  for (const l of elements.links) {
    const p = positions[l.id]!;
    const [x1, y1, x2, y2] = [p.x - l.width / 2, p.y - l.height / 2, p.x + l.width / 2, p.y + l.height / 2];
    const b = bounds.get(l.box);
    if (!b) bounds.set(l.box, { x1, y1, x2, y2 });
    else
      Object.assign(b, {
        x1: Math.min(b.x1, x1),
        y1: Math.min(b.y1, y1),
        x2: Math.max(b.x2, x2),
        y2: Math.max(b.y2, y2),
      });
  }
  const pad = GROUP_PADDING.side;
  return [
    ...elements.groups.flatMap((g) => {
      const b = bounds.get(g.id);
      if (!b) return [];
      const data = { ...g, width: b.x2 - b.x1 + 2 * pad, height: b.y2 - b.y1 + 2 * pad, wrapWidth: 1000 };
      return [{ data, position: { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 } }];
    }),
    ...elements.links.map((l) => ({ data: { ...l }, position: { ...positions[l.id]! } })),
    ...elements.edges.map((e) => ({ data: { ...e } })),
  ];
}
