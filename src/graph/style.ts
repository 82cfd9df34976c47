/**
 * The Cytoscape stylesheet as data. Status drives colour, border style and the label's glyph; edges
 * show whether supply is local (both ends in the region) or crosses the region's border.
 */
import type { NodeSingular, StylesheetJson } from 'cytoscape';
import { LINK_FONT_SIZE } from './elements';
import { FIRM_BADGE, firmBadgeUri } from './icons';
import {
  EDGE_FEEDBACK,
  EDGE_LOCAL,
  EDGE_OTHER,
  GAP_HALO,
  GROUP_BORDER,
  GROUP_FILL,
  HIGHLIGHT,
  STATUS_LOOK,
} from './palette';
import type { LinkStatus } from '../model/types';
import { LOD_PAD_PX } from './labels';
import { graphFontStack, userAgent } from './fonts';

/**
 * How labels are drawn below the readable zoom (see `labels.ts`), read by the stylesheet's functions
 * when the adapter restyles the labelled links after a zoom. Sizes in layout units.
 */
export interface LabelLod {
  /** The view's zoom when labels were last chosen. */
  zoom: number;
  /** The font size of a scaled link label. */
  fontSize: number;
  /** How much larger than laid out a scaled label is. */
  scale: number;
  /** The same for a scaled label drawn at the smallest readable size (class `lbl-small`). */
  smallFontSize: number;
  smallScale: number;
  /** The font size of sub-chain box titles. */
  titleSize: number;
}

/** The base size of sub-chain box titles. */
export const TITLE_FONT_SIZE = 14;

/** The font stack of graph labels, this platform's Chinese font first (`fonts.ts`); text is measured with the same. */
export const GRAPH_FONT = graphFontStack(userAgent());

/**
 * `colour` seen at `opacity` over a sub-chain box, as an opaque colour. Edges inside boxes and local
 * supply are drawn opaque in these blended colours rather than translucent: Cytoscape draws every
 * translucent arrowhead twice (once to clear the line under it), which cost about a third of drawing a
 * large chain. They look the same except where two such edges cross (no darker spot). Faint edges
 * between boxes stay translucent: they cross box borders, which an opaque pale line would cut.
 */
export function faded(colour: string, opacity: number, background = GROUP_FILL): string {
  const channel = (i: number) => {
    const c = parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16);
    const b = parseInt(background.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(b + (c - b) * opacity)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** How strongly each kind of edge is drawn (see `faded`). */
const EDGE_STRENGTH = { other: 0.45, local: 0.95 } as const;

/**
 * A link label drawn at a constant size on screen (class `lbl-lod`) covers its box like a larger chip
 * in the status's colours and border; `lbl-none` hides a name the level of detail leaves out (the box
 * keeps its colour and status glyph); `lbl-hover` shows it while the pointer is on the link.
 */
function lodRules(lod: LabelLod): StylesheetJson {
  const scaled = {
    'font-size': () => lod.fontSize,
    'text-max-width': (ele: { data: (key: string) => unknown }) => `${(ele.data('textWidth') as number) * lod.scale}px`,
    'text-background-opacity': 1,
    'text-background-shape': 'roundrectangle',
    'text-background-padding': () => `${LOD_PAD_PX / lod.zoom}px`,
    'text-border-opacity': 1,
    'z-index': 3,
  } as const;
  const statusRules = (Object.keys(STATUS_LOOK) as LinkStatus[]).map((status) => {
    const look = STATUS_LOOK[status];
    return {
      selector: `node[kind = "link"][status = "${status}"].lbl-lod, node[kind = "link"][status = "${status}"].lbl-hover`,
      style: {
        'text-background-color': look.fill,
        'text-border-color': look.border,
        'text-border-style': look.borderStyle,
        // Double borders need 3 px to show as two lines.
        'text-border-width': () => Math.min(look.borderWidth, 3) / lod.zoom,
      },
    };
  });
  return [
    // A link whose name is left out keeps its status glyph, in the middle of its box.
    { selector: 'node[kind = "link"].lbl-none', style: { label: 'data(glyph)' } },
    { selector: 'node[kind = "link"].lbl-lod, node[kind = "link"].lbl-hover', style: scaled },
    {
      selector: 'node[kind = "link"].lbl-lod.lbl-small',
      style: {
        'font-size': () => lod.smallFontSize,
        'text-max-width': (ele: { data: (key: string) => unknown }) =>
          `${(ele.data('textWidth') as number) * lod.smallScale}px`,
      },
    },
    { selector: 'node[kind = "link"].lbl-hover', style: { label: 'data(text)', 'z-index': 4 } },
    ...statusRules,
    {
      selector: 'node[kind = "link"].dimmed.lbl-lod, node[kind = "link"].dimmed.lbl-hover',
      style: { 'text-background-color': '#f4f5f7', 'text-border-color': '#c9ced6', 'text-border-style': 'solid' },
    },
    {
      // The aggregate layer: box titles stay at least `TITLE_PX` on screen when zoomed out.
      selector: 'node[kind = "group"].lbl-lod',
      style: {
        'font-size': () => lod.titleSize,
        'text-margin-y': () => -3 / lod.zoom,
        'text-background-color': GROUP_FILL,
        'text-background-opacity': 0.9,
        'text-background-padding': () => `${2 / lod.zoom}px`,
        'text-background-shape': 'roundrectangle',
      },
    },
  ];
}

/** Labels at the readable zoom: drawn at their own size, unscaled (a new view's level of detail). */
export function readableLod(): LabelLod {
  return {
    zoom: 1,
    fontSize: LINK_FONT_SIZE,
    scale: 1,
    smallFontSize: LINK_FONT_SIZE,
    smallScale: 1,
    titleSize: TITLE_FONT_SIZE,
  };
}

export function chainStylesheet(lod: LabelLod = readableLod()): StylesheetJson {
  const statusRules = (Object.keys(STATUS_LOOK) as LinkStatus[]).map((status) => {
    const look = STATUS_LOOK[status];
    return {
      selector: `node[kind = "link"][status = "${status}"]`,
      style: {
        'background-color': look.fill,
        color: look.text,
        'border-color': look.border,
        'border-style': look.borderStyle,
        'border-width': look.borderWidth,
      },
    };
  });
  return [
    {
      selector: 'node[kind = "group"]',
      style: {
        shape: 'round-rectangle',
        'background-color': GROUP_FILL,
        'background-opacity': 1,
        'border-color': GROUP_BORDER,
        'border-width': 1,
        label: 'data(label)',
        // The title stands above the box, in the room the layout leaves at the top of each box.
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -3,
        width: 'data(width)',
        height: 'data(height)',
        'z-index-compare': 'manual',
        'z-index': 0,
        'font-family': GRAPH_FONT,
        'font-size': TITLE_FONT_SIZE,
        'font-weight': 'bold',
        color: '#39404a',
        'min-zoomed-font-size': 6,
        events: 'no',
      },
    },
    { selector: 'edge', style: { 'z-index-compare': 'manual', 'z-index': 1 } },
    {
      selector: 'node[kind = "link"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        // The status glyph and the name (see `STATUS_GLYPH`), wrapped with room for the glyph.
        label: 'data(text)',
        'text-wrap': 'wrap',
        'text-max-width': 'data(textWidth)',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': GRAPH_FONT,
        'font-size': LINK_FONT_SIZE,
        'line-height': 1.25,
        'min-zoomed-font-size': 5,
        'z-index-compare': 'manual',
        'z-index': 2,
      },
    },
    ...statusRules,
    {
      // A link with firms in the region: their count on a small pill at its top-right corner.
      selector: 'node[kind = "link"][firms > 0]',
      style: {
        'background-image': (ele: NodeSingular) => firmBadgeUri(ele.data('firms') as number),
        'background-width': `${FIRM_BADGE.width}px`,
        'background-height': `${FIRM_BADGE.height}px`,
        'background-position-x': '100%',
        'background-position-y': '0%',
        'background-offset-x': '9px',
        'background-offset-y': '-8px',
        'background-fit': 'none',
        'background-clip': 'none',
        'background-image-containment': 'over',
        'bounds-expansion': 10,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': faded(EDGE_OTHER, EDGE_STRENGTH.other),
        'target-arrow-color': faded(EDGE_OTHER, EDGE_STRENGTH.other),
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
      },
    },
    {
      selector: 'edge[?local]',
      style: {
        width: 2.6,
        'line-color': faded(EDGE_LOCAL, EDGE_STRENGTH.local),
        'target-arrow-color': faded(EDGE_LOCAL, EDGE_STRENGTH.local),
      },
    },
    {
      selector: 'edge[?feedback]',
      style: {
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        'line-color': faded(EDGE_FEEDBACK, EDGE_STRENGTH.other),
        'target-arrow-color': faded(EDGE_FEEDBACK, EDGE_STRENGTH.other),
        'curve-style': 'unbundled-bezier',
        'control-point-distances': [-120],
        'control-point-weights': [0.5],
      },
    },
    {
      selector: 'edge[?feedback][?local]',
      style: {
        'line-color': faded(EDGE_FEEDBACK, EDGE_STRENGTH.local),
        'target-arrow-color': faded(EDGE_FEEDBACK, EDGE_STRENGTH.local),
      },
    },
    {
      // The panorama reads as stages, not a web: edges between boxes that carry no local supply stay
      // faint until a link is chosen (its edges are then drawn in full, below); local supply stays visible.
      selector: 'edge[?crossBox][!local]',
      style: { 'line-color': EDGE_OTHER, 'target-arrow-color': EDGE_OTHER, opacity: 0.14 },
    },
    {
      selector: 'edge[?crossBox][!local][?feedback]',
      style: { 'line-color': EDGE_FEEDBACK, 'target-arrow-color': EDGE_FEEDBACK },
    },
    {
      // The selected link: a thick accent ring outside its status border.
      selector: 'node.focus',
      style: {
        'underlay-color': HIGHLIGHT,
        'underlay-opacity': 0.9,
        'underlay-padding': 4,
        'underlay-shape': 'round-rectangle',
      },
    },
    {
      selector: 'node.traced',
      style: {
        'underlay-color': HIGHLIGHT,
        'underlay-opacity': 0.28,
        'underlay-padding': 4,
        'underlay-shape': 'round-rectangle',
      },
    },
    {
      selector: 'edge.traced, edge.neighbour',
      style: { 'line-color': HIGHLIGHT, 'target-arrow-color': HIGHLIGHT, width: 2.4, opacity: 1 },
    },
    // Gap view: the links on the gap list wear a halo in the colour of their kind.
    ...(
      [
        ['gap', GAP_HALO.gap],
        ['verify', GAP_HALO.verify],
        ['extension', GAP_HALO.extension],
        ['weak', GAP_HALO.weak],
      ] as const
    ).map(([kind, colour]) => ({
      selector: `node.act-${kind}`,
      style: {
        'underlay-color': colour,
        // Links to verify are many and not yet known to be missing: a fainter, tighter halo.
        'underlay-opacity': kind === 'verify' ? 0.4 : 0.55,
        'underlay-padding': kind === 'verify' ? 4 : 6,
        'underlay-shape': 'round-rectangle' as const,
      },
    })),
    {
      // What-if: links whose verdict a scenario changes.
      selector: 'node.changed',
      style: {
        'outline-color': '#0a7a46',
        'outline-width': 3,
        'outline-offset': 4,
        'outline-style': 'solid',
        'outline-opacity': 1,
      },
    },
    {
      // Sync: two planners changed this link apart; the conflict waits to be resolved.
      selector: 'node.sync-conflict',
      style: {
        'outline-color': '#c2410c',
        'outline-width': 3,
        'outline-offset': 4,
        'outline-style': 'dashed',
        'outline-opacity': 1,
      },
    },
    // Dimmed links fade to a pale outline with grey text, whatever their status colour: a dark fill at
    // low opacity would hide its white label and read as an empty box.
    {
      selector: 'node.dimmed',
      style: {
        opacity: 1,
        'background-opacity': 0.12,
        'border-opacity': 0.25,
        color: '#9aa1ab',
        'text-opacity': 0.75,
        'background-image-opacity': 0.25,
        'underlay-opacity': 0,
        'outline-opacity': 0,
      },
    },
    // Dimmed edges fade to the same faint line whatever they carry.
    {
      selector: 'edge.dimmed',
      style: { 'line-color': EDGE_OTHER, 'target-arrow-color': EDGE_OTHER, opacity: 0.06 },
    },
    {
      selector: 'edge[?local].dimmed',
      style: { 'line-color': EDGE_LOCAL, 'target-arrow-color': EDGE_LOCAL },
    },
    {
      selector: 'edge[?feedback].dimmed',
      style: { 'line-color': EDGE_FEEDBACK, 'target-arrow-color': EDGE_FEEDBACK },
    },
    // No built-in selection box: the focus ring above shows the selection.
    { selector: 'node:selected', style: { 'overlay-opacity': 0 } },
    ...lodRules(lod),
  ];
}
