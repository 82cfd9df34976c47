/**
 * A link expanded to its firms, as Cytoscape elements drawn by the chain's own adapter (so they pan,
 * zoom, select and export with the chain): a white frame just below the link, three columns in it
 * (the firms supplying the link's firms on the left, the link's own firms in the middle, the firms they
 * supply on the right), each column ending in an "N more" node when it holds more than is drawn, and
 * an edge per supply relation between drawn firms. Positions come from `placeLinkFirms`, a pure
 * function (no layout run): its cost grows with the firms drawn (at most 16 + 2 × 12), not with the
 * firms of the link.
 *
 * Every element carries `layer: 'firms'`, which keeps it out of the chain's own diffing, emphasis and
 * snapshot.
 */
import type { StylesheetJson } from 'cytoscape';
import { escapeXml } from '../io/syntax/xml';
import { estimateText, type TextMeasurer } from './elements';
import { EDGE_LOCAL, EDGE_OTHER, HIGHLIGHT } from './palette';

/** One firm to draw. */
export interface FirmNodeSpec {
  /** `<regionId>/<enterpriseId>`. */
  readonly key: string;
  /** The name drawn (it is cut to its box); `title` is the full name. */
  readonly name: string;
  readonly title: string;
  /** A second line: the capacity, or the region of a firm outside. */
  readonly detail: string;
  /** Recorded in the region shown, or in a region inside it. */
  readonly local: boolean;
}

/** What to draw for an expanded link (labels already in the reader's language). */
export interface LinkFirmsSpec {
  /** Changes when the link or the scope changes (the camera frames the firms again). */
  readonly key: string;
  readonly linkId: string;
  /** Column titles: suppliers, the link's firms, buyers. */
  readonly titles: readonly [string, string, string];
  readonly columns: readonly [readonly FirmNodeSpec[], readonly FirmNodeSpec[], readonly FirmNodeSpec[]];
  /** Firms not drawn in each column, and the label of the node that stands for them ("1,984 more…"). */
  readonly more: readonly [number, number, number];
  readonly moreLabels: readonly [string, string, string];
  /** Said in a column with nothing to draw ("none recorded for these firms"). */
  readonly emptyLabel?: string;
  readonly relations: readonly { readonly from: string; readonly to: string; readonly local: boolean }[];
}

/** Where the link sits: its centre and size, in layout coordinates. */
export interface Anchor {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FirmNodeDef {
  readonly data: Readonly<Record<string, unknown>> & { readonly id: string; readonly layer: 'firms' };
  readonly position: { readonly x: number; readonly y: number };
}
export interface FirmEdgeDef {
  readonly data: Readonly<Record<string, unknown>> & {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly layer: 'firms';
  };
}
export interface FirmElements {
  readonly nodes: readonly FirmNodeDef[];
  readonly edges: readonly FirmEdgeDef[];
  /** The frame's box, in layout coordinates. */
  readonly box: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
}

/** Column widths: the link's own firms get the widest. */
export const COLUMN_WIDTH = [200, 230, 200] as const;
/** Room between columns, where the relations run. */
export const COLUMN_GAP = 90;
export const FIRM_HEIGHT = 38;
export const FIRM_GAP = 8;
export const MORE_HEIGHT = 26;
const PAD = 16;
const TITLE_HEIGHT = 40;
/** Between the link's bottom edge and the frame's top. */
const DROP = 44;
export const FIRM_FONT_SIZE = 12;

export const FRAME_ID = 'firms:frame';
export const firmNodeId = (key: string): string => `firm:${key}`;
export const moreNodeId = (column: 0 | 1 | 2): string => `firms:more:${column}`;

/** `text` cut to `width` pixels at `size`, with an ellipsis when cut. */
export function cutToWidth(text: string, width: number, size: number, measure: TextMeasurer = estimateText): string {
  if (measure(text, size) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // The longest prefix that fits with its ellipsis.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('')}…`, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}…`;
}

/** Places the firms of `spec` in a frame below the link at `anchor`. Pure. */
export function placeLinkFirms(
  spec: LinkFirmsSpec,
  anchor: Anchor,
  measure: TextMeasurer = estimateText,
): FirmElements {
  const width = 2 * PAD + COLUMN_WIDTH[0] + COLUMN_WIDTH[1] + COLUMN_WIDTH[2] + 2 * COLUMN_GAP;
  const left = anchor.x - width / 2;
  const top = anchor.y + anchor.height / 2 + DROP;
  const columnX = [
    left + PAD,
    left + PAD + COLUMN_WIDTH[0] + COLUMN_GAP,
    left + PAD + COLUMN_WIDTH[0] + COLUMN_WIDTH[1] + 2 * COLUMN_GAP,
  ] as const;
  const firstRow = top + PAD + TITLE_HEIGHT;
  const rowY = (i: number) => firstRow + i * (FIRM_HEIGHT + FIRM_GAP);
  const nodes: FirmNodeDef[] = [];
  const edges: FirmEdgeDef[] = [];
  let bottom = firstRow;
  const drawn = new Set<string>();
  for (const c of [0, 1, 2] as const) {
    const w = COLUMN_WIDTH[c];
    const cx = columnX[c] + w / 2;
    nodes.push({
      data: {
        id: `firms:title:${c}`,
        layer: 'firms',
        kind: 'firm-title',
        label: spec.titles[c],
        width: w,
        height: TITLE_HEIGHT - 6,
      },
      position: { x: cx, y: top + PAD + (TITLE_HEIGHT - 6) / 2 },
    });
    const column = spec.columns[c];
    column.forEach((f, i) => {
      const text = w - 16;
      const name = cutToWidth(f.name, text, FIRM_FONT_SIZE, measure);
      const detail = f.detail ? cutToWidth(f.detail, text, FIRM_FONT_SIZE, measure) : '';
      drawn.add(f.key);
      nodes.push({
        data: {
          id: firmNodeId(f.key),
          layer: 'firms',
          kind: 'firm',
          key: f.key,
          column: c,
          centre: c === 1,
          local: f.local,
          title: f.title,
          label: detail ? `${name}\n${detail}` : name,
          width: w,
          height: FIRM_HEIGHT,
          wrapWidth: w,
        },
        position: { x: cx, y: rowY(i) + FIRM_HEIGHT / 2 },
      });
    });
    let end = rowY(column.length);
    if (column.length === 0 && spec.more[c] === 0 && spec.emptyLabel) {
      nodes.push({
        data: {
          id: `firms:none:${c}`,
          layer: 'firms',
          kind: 'firm-note',
          label: spec.emptyLabel,
          width: w,
          height: FIRM_HEIGHT,
        },
        position: { x: cx, y: end + FIRM_HEIGHT / 2 },
      });
      end += FIRM_HEIGHT + FIRM_GAP;
    }
    if (spec.more[c] > 0) {
      nodes.push({
        data: {
          id: moreNodeId(c),
          layer: 'firms',
          kind: 'firm-more',
          column: c,
          count: spec.more[c],
          label: cutToWidth(spec.moreLabels[c], w - 12, FIRM_FONT_SIZE, measure),
          width: w,
          height: MORE_HEIGHT,
        },
        position: { x: cx, y: end + MORE_HEIGHT / 2 },
      });
      end += MORE_HEIGHT + FIRM_GAP;
    }
    bottom = Math.max(bottom, end);
  }
  const seen = new Set<string>();
  for (const r of spec.relations) {
    const id = `firms:rel:${r.from}>${r.to}`;
    if (!drawn.has(r.from) || !drawn.has(r.to) || r.from === r.to || seen.has(id)) continue;
    seen.add(id);
    edges.push({
      data: {
        id,
        layer: 'firms',
        kind: 'relation',
        source: firmNodeId(r.from),
        target: firmNodeId(r.to),
        local: r.local,
      },
    });
  }
  const height = bottom - FIRM_GAP + PAD - top;
  nodes.unshift({
    data: { id: FRAME_ID, layer: 'firms', kind: 'firm-frame', width, height },
    position: { x: anchor.x, y: top + height / 2 },
  });
  // The frame hangs from the link it expands.
  edges.push({
    data: { id: 'firms:tie', layer: 'firms', kind: 'firm-tie', source: spec.linkId, target: FRAME_ID },
  });
  return { nodes, edges, box: { x1: left, y1: top, x2: left + width, y2: top + height } };
}

/** The look of the firm layer: drawn above the chain (z-index 10 and up), so nothing shows through. */
export function firmStylesheet(): StylesheetJson {
  const front = (z: number) => ({ 'z-index-compare': 'manual' as const, 'z-index': z });
  // What every labelled box of the layer shares: its size from its data, its label centred, in front.
  const labelled = {
    width: 'data(width)',
    height: 'data(height)',
    label: 'data(label)',
    'text-valign': 'center' as const,
    'text-halign': 'center' as const,
    'min-zoomed-font-size': 5,
    ...front(12),
  };
  /** Text without a box (column titles, notes): wrapped to the width it is given. */
  const bareText = {
    ...labelled,
    shape: 'rectangle' as const,
    'background-opacity': 0,
    'border-width': 0,
    'text-wrap': 'wrap' as const,
    'text-max-width': 'data(width)',
  };
  return [
    {
      selector: 'node[kind = "firm-frame"]',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'background-color': '#ffffff',
        'background-opacity': 1,
        'border-color': '#9aa6b5',
        'border-width': 1.5,
        label: '',
        ...front(10),
      },
    },
    {
      selector: 'node[kind = "firm-title"]',
      style: {
        ...bareText,
        'line-height': 1.2,
        'font-size': 13,
        'font-weight': 'bold',
        color: '#4a5361',
        events: 'no',
      },
    },
    {
      selector: 'node[kind = "firm"]',
      style: {
        ...labelled,
        shape: 'round-rectangle',
        'background-color': '#ffffff',
        'border-color': '#8a94a3',
        'border-width': 1,
        'text-wrap': 'wrap',
        'text-max-width': 'data(wrapWidth)',
        'font-size': FIRM_FONT_SIZE,
        'line-height': 1.3,
        color: '#1f2630',
      },
    },
    { selector: 'node[kind = "firm"][?centre]', style: { 'background-color': '#eef3ff', 'border-color': '#3563c9' } },
    {
      selector: 'node[kind = "firm"][!local]',
      style: { 'background-color': '#f4f4f1', 'border-style': 'dashed', color: '#4a5361' },
    },
    {
      selector: 'node[kind = "firm"]:selected, node[kind = "firm"].firm-focus',
      style: { 'border-color': HIGHLIGHT, 'border-width': 3 },
    },
    {
      // The keyboard's firm also gets a halo, so it stands out from the blue of the link's own firms.
      selector: 'node.firm-focus',
      style: { 'overlay-color': HIGHLIGHT, 'overlay-opacity': 0.14, 'overlay-padding': 5 },
    },
    {
      selector: 'node[kind = "firm-more"]',
      style: {
        ...labelled,
        shape: 'round-rectangle',
        'background-color': '#f3f5f8',
        'border-color': '#9aa6b5',
        'border-style': 'dashed',
        'border-width': 1,
        'font-size': FIRM_FONT_SIZE,
        color: '#2f5bb7',
      },
    },
    {
      selector: 'node[kind = "firm-note"]',
      style: {
        ...bareText,
        'font-size': FIRM_FONT_SIZE,
        color: '#6b7483',
        events: 'no',
      },
    },
    { selector: 'node[kind = "firm-more"].firm-focus', style: { 'border-color': HIGHLIGHT, 'border-width': 2 } },
    {
      selector: 'edge[kind = "relation"]',
      style: {
        width: 1.4,
        'line-color': EDGE_LOCAL,
        'target-arrow-color': EDGE_LOCAL,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'straight',
        'source-endpoint': '50% 0%',
        'target-endpoint': '-50% 0%',
        opacity: 0.85,
        ...front(11),
      },
    },
    {
      selector: 'edge[kind = "relation"][!local]',
      style: {
        width: 1.1,
        'line-color': EDGE_OTHER,
        'target-arrow-color': EDGE_OTHER,
        'line-style': 'dashed',
        'line-dash-pattern': [5, 3],
      },
    },
    {
      selector: 'edge[kind = "firm-tie"]',
      style: {
        width: 2,
        'line-color': '#3563c9',
        'line-style': 'dashed',
        'line-dash-pattern': [4, 3],
        'target-arrow-shape': 'none',
        'curve-style': 'straight',
        'target-endpoint': '0% -50%',
        events: 'no',
        ...front(11),
      },
    },
  ];
}

/** The firm layer as drawn, for the SVG export and the poster. */
export interface FirmLayerSnapshot {
  readonly nodes: readonly {
    readonly kind: 'firm-frame' | 'firm-title' | 'firm' | 'firm-more' | 'firm-note';
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly label: string;
    readonly local: boolean;
    readonly centre: boolean;
  }[];
  readonly edges: readonly {
    readonly kind: 'relation' | 'firm-tie';
    readonly local: boolean;
    readonly from: { readonly x: number; readonly y: number };
    readonly to: { readonly x: number; readonly y: number };
  }[];
}

/** The firm layer as SVG elements, with the screen's look (drawn over the chain). */
export function firmLayerSvg(layer: FirmLayerSnapshot, font: string): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  const out: string[] = [];
  const text = (label: string, x: number, y: number, size: number, fill: string, bold = false) => {
    const lines = label.split('\n');
    const lineHeight = size * 1.3;
    const first = y - ((lines.length - 1) * lineHeight) / 2 + size * 0.35;
    return (
      `<text text-anchor="middle" font-family="${escapeXml(font)}" font-size="${size}" fill="${fill}"${bold ? ' font-weight="bold"' : ''}>` +
      lines.map((l, i) => `<tspan x="${r(x)}" y="${r(first + i * lineHeight)}">${escapeXml(l)}</tspan>`).join('') +
      '</text>'
    );
  };
  const rect = (n: FirmLayerSnapshot['nodes'][number], fill: string, stroke: string, extra = '') =>
    `<rect x="${r(n.x - n.width / 2)}" y="${r(n.y - n.height / 2)}" width="${r(n.width)}" height="${r(n.height)}" rx="5" fill="${fill}" stroke="${stroke}"${extra}/>`;
  const frame = layer.nodes.filter((n) => n.kind === 'firm-frame');
  for (const n of frame) out.push(rect(n, '#ffffff', '#9aa6b5', ' stroke-width="1.5"'));
  for (const e of layer.edges) {
    const colour = e.kind === 'firm-tie' ? '#3563c9' : e.local ? EDGE_LOCAL : EDGE_OTHER;
    const dash = e.kind === 'firm-tie' ? ' stroke-dasharray="4 3"' : e.local ? '' : ' stroke-dasharray="5 3"';
    out.push(
      `<path d="M${r(e.from.x)} ${r(e.from.y)}L${r(e.to.x)} ${r(e.to.y)}" fill="none" stroke="${colour}" stroke-width="${e.kind === 'firm-tie' ? 2 : e.local ? 1.4 : 1.1}"${dash} opacity="0.85"/>`,
    );
  }
  for (const n of layer.nodes) {
    if (n.kind === 'firm-title') out.push(text(n.label, n.x, n.y, 13, '#4a5361', true));
    else if (n.kind === 'firm-note') out.push(text(n.label, n.x, n.y, FIRM_FONT_SIZE, '#6b7483'));
    else if (n.kind === 'firm-more')
      out.push(
        rect(n, '#f3f5f8', '#9aa6b5', ' stroke-dasharray="4 3"') + text(n.label, n.x, n.y, FIRM_FONT_SIZE, '#2f5bb7'),
      );
    else if (n.kind === 'firm') {
      const fill = !n.local ? '#f4f4f1' : n.centre ? '#eef3ff' : '#ffffff';
      const stroke = n.centre ? '#3563c9' : '#8a94a3';
      out.push(
        rect(n, fill, stroke, n.local ? '' : ' stroke-dasharray="5 3"') +
          text(n.label, n.x, n.y, FIRM_FONT_SIZE, n.local ? '#1f2630' : '#4a5361'),
      );
    }
  }
  return `<g class="firm-layer">${out.join('')}</g>`;
}
