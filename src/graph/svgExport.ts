/**
 * The chain as an SVG document: vector, so it prints sharp at any size and its text can be selected
 * and searched. Drawn from a snapshot of the graph (positions, sizes, statuses, classes) with the same
 * colours, borders and icons as the screen. Every text is escaped: labels are user data.
 */
import type { GraphSnapshot } from './chainGraph';
import { estimateText, ICON_SPACE, LINK_FONT_SIZE, wrapLabel, type TextMeasurer } from './elements';
import { escapeXml } from '../io/syntax/xml';
import { firmLayerSvg } from './firmElements';
import { FIRM_BADGE, firmBadgeText, statusIconSvg } from './icons';
import {
  EDGE_FEEDBACK,
  EDGE_LOCAL,
  EDGE_OTHER,
  GROUP_BORDER,
  GROUP_FILL,
  HIGHLIGHT,
  STATUS_LOOK,
  SWATCH_DASH,
} from './palette';
import { GRAPH_FONT } from './style';
import type { LinkStatus } from '../model/types';

const n = (v: number) => Math.round(v * 10) / 10;

export interface SvgOptions {
  /** Margin around the chain, in layout units. */
  readonly margin?: number;
  readonly measure?: TextMeasurer;
  /** A caption under the chain: what it shows, its source and dates, and the status legend. */
  readonly caption?: SvgCaption;
}

export interface SvgCaption {
  readonly title: string;
  readonly subtitle: string;
  readonly dateLine: string;
  readonly legend: readonly { readonly status: LinkStatus; readonly label: string; readonly count: number }[];
}

/** The height of the caption band under the chain, in layout units. */
const CAPTION_BAND = 76;

/** The caption as SVG, its top left at (`x`, `y`). */
function captionSvg(c: SvgCaption, x: number, y: number, width: number, measure: TextMeasurer): string {
  const font = escapeXml(GRAPH_FONT);
  const parts = [
    `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + width)}" y2="${n(y)}" stroke="${GROUP_BORDER}"/>`,
    `<text x="${n(x + 12)}" y="${n(y + 22)}" font-family="${font}" font-size="16" font-weight="bold" fill="#1d2330">${escapeXml(c.title)}</text>`,
    `<text x="${n(x + 12)}" y="${n(y + 42)}" font-family="${font}" font-size="12" fill="#4a5260">${escapeXml(`${c.subtitle} · ${c.dateLine}`)}</text>`,
  ];
  let lx = x + 12;
  for (const item of c.legend) {
    const look = STATUS_LOOK[item.status];
    const pattern = SWATCH_DASH[look.borderStyle];
    const dash = pattern.length ? ` stroke-dasharray="${pattern.join(' ')}"` : '';
    const text = `${item.label} ${item.count}`;
    parts.push(
      `<rect x="${n(lx)}" y="${n(y + 52)}" width="13" height="12" fill="${look.fill}" stroke="${look.border}" stroke-width="1.5"${dash}/>` +
        `<text x="${n(lx + 18)}" y="${n(y + 62)}" font-family="${font}" font-size="12" fill="#4a5260">${escapeXml(text)}</text>`,
    );
    lx += 18 + measure(text, 12) + 16;
  }
  return `<g class="caption">${parts.join('')}</g>`;
}

/** The region the snapshot covers, with a margin. */
export function snapshotBounds(s: GraphSnapshot, margin = 24): { x: number; y: number; width: number; height: number } {
  const xs = [
    ...s.boxes.flatMap((b) => [b.x1, b.x2]),
    ...s.links.flatMap((l) => [l.x - l.width / 2, l.x + l.width / 2]),
  ];
  const ys = [
    ...s.boxes.flatMap((b) => [b.y1 - 22, b.y2]),
    ...s.links.flatMap((l) => [l.y - l.height / 2, l.y + l.height / 2]),
  ];
  for (const f of s.firms?.nodes ?? []) {
    xs.push(f.x - f.width / 2, f.x + f.width / 2);
    ys.push(f.y - f.height / 2, f.y + f.height / 2);
  }
  const x = Math.min(...xs) - margin;
  const y = Math.min(...ys) - margin;
  return { x, y, width: Math.max(...xs) + margin - x, height: Math.max(...ys) + margin - y };
}

/** The SVG elements of the chain (no `<svg>` wrapper), for embedding in a poster. */
export function chainSvgBody(s: GraphSnapshot, options: SvgOptions = {}): string {
  const measure = options.measure ?? estimateText;
  const parts: string[] = [];
  const font = escapeXml(GRAPH_FONT);
  parts.push(
    `<defs>${(['other', 'local', 'feedback', 'traced'] as const)
      .map((k) => {
        const colour = { other: EDGE_OTHER, local: EDGE_LOCAL, feedback: EDGE_FEEDBACK, traced: HIGHLIGHT }[k];
        return `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${colour}"/></marker>`;
      })
      .join('')}</defs>`,
  );
  for (const b of s.boxes) {
    parts.push(
      `<g class="box"><rect x="${n(b.x1)}" y="${n(b.y1)}" width="${n(b.x2 - b.x1)}" height="${n(b.y2 - b.y1)}" rx="6" fill="${GROUP_FILL}" stroke="${GROUP_BORDER}"/>` +
        `<text x="${n((b.x1 + b.x2) / 2)}" y="${n(b.y1 - 6)}" text-anchor="middle" font-family="${font}" font-size="14" font-weight="bold" fill="#39404a">${escapeXml(b.label)}</text></g>`,
    );
  }
  for (const e of s.edges) {
    const kind =
      e.classes.includes('traced') || e.classes.includes('neighbour')
        ? 'traced'
        : e.feedback
          ? 'feedback'
          : e.local
            ? 'local'
            : 'other';
    const colour = { other: EDGE_OTHER, local: EDGE_LOCAL, feedback: EDGE_FEEDBACK, traced: HIGHLIGHT }[kind];
    const width = kind === 'local' || kind === 'traced' ? 2.4 : 1.1;
    const opacity = e.classes.includes('dimmed') ? 0.08 : kind === 'other' ? 0.5 : 0.95;
    const d = e.feedback
      ? `M${n(e.from.x)} ${n(e.from.y)}Q${n((e.from.x + e.to.x) / 2)} ${n(Math.max(e.from.y, e.to.y) + 120)} ${n(e.to.x)} ${n(e.to.y)}`
      : `M${n(e.from.x)} ${n(e.from.y)}L${n(e.to.x)} ${n(e.to.y)}`;
    parts.push(
      `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" opacity="${opacity}"${e.feedback ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow-${kind})"/>`,
    );
  }
  for (const l of s.links) {
    const look = STATUS_LOOK[l.status];
    const x = l.x - l.width / 2;
    const y = l.y - l.height / 2;
    const dash =
      look.borderStyle === 'dashed'
        ? ' stroke-dasharray="6 3"'
        : look.borderStyle === 'dotted'
          ? ' stroke-dasharray="2 2"'
          : '';
    const opacity = l.classes.includes('dimmed') ? ' opacity="0.18"' : '';
    const halo =
      l.classes.includes('focus') || l.classes.includes('traced')
        ? `<rect x="${n(x - 4)}" y="${n(y - 4)}" width="${n(l.width + 8)}" height="${n(l.height + 8)}" rx="8" fill="${HIGHLIGHT}" opacity="${l.classes.includes('focus') ? 0.9 : 0.28}"/>`
        : '';
    const border =
      look.borderStyle === 'double'
        ? `<rect x="${n(x)}" y="${n(y)}" width="${n(l.width)}" height="${n(l.height)}" rx="5" fill="${look.fill}" stroke="${look.border}" stroke-width="1.5"/>` +
          `<rect x="${n(x + 2.5)}" y="${n(y + 2.5)}" width="${n(l.width - 5)}" height="${n(l.height - 5)}" rx="3.5" fill="none" stroke="${look.border}" stroke-width="1.2"/>`
        : `<rect x="${n(x)}" y="${n(y)}" width="${n(l.width)}" height="${n(l.height)}" rx="5" fill="${look.fill}" stroke="${look.border}" stroke-width="${look.borderWidth}"${dash}/>`;
    const lines = wrapLabel(l.label, LINK_FONT_SIZE, l.wrapWidth, measure);
    const lineHeight = LINK_FONT_SIZE * 1.25;
    const textX = l.x + ICON_SPACE / 2;
    const firstY = l.y - ((lines.length - 1) * lineHeight) / 2 + LINK_FONT_SIZE * 0.35;
    const text = lines
      .map((line, i) => `<tspan x="${n(textX)}" y="${n(firstY + i * lineHeight)}">${escapeXml(line)}</tspan>`)
      .join('');
    const icon = statusIconSvg(l.status)
      .replace('<svg ', `<svg x="${n(x + 6)}" y="${n(l.y - 6)}" `)
      .replace('width="14" height="14"', 'width="12" height="12"');
    // The firm count: the pill the canvas draws on the link's top-right corner.
    const badge = l.firms
      ? `<g class="firms"><rect x="${n(x + l.width - FIRM_BADGE.width + 9.5)}" y="${n(y - 7.5)}" width="${FIRM_BADGE.width - 1}" height="${FIRM_BADGE.height - 1}" rx="6.5" fill="#ffffff" stroke="#6b7483"/>` +
        `<text x="${n(x + l.width - FIRM_BADGE.width / 2 + 9)}" y="${n(y - 8 + FIRM_BADGE.height / 2 + 3.5)}" text-anchor="middle" font-family="${font}" font-size="${firmBadgeText(l.firms).length > 3 ? 9 : 10}" font-weight="600" fill="#39404a">${firmBadgeText(l.firms)}</text></g>`
      : '';
    parts.push(
      `<g class="link" data-link="${escapeXml(l.id)}"${opacity}>${halo}${border}${icon}<text text-anchor="middle" font-family="${font}" font-size="${LINK_FONT_SIZE}" fill="${look.text}">${text}</text>${badge}</g>`,
    );
  }
  // An expanded link's firms, over the chain as on screen.
  if (s.firms) parts.push(firmLayerSvg(s.firms, GRAPH_FONT));
  return parts.join('\n');
}

/** A standalone SVG document of the chain. */
export function chainSvg(s: GraphSnapshot, options: SvgOptions = {}): string {
  const b = snapshotBounds(s, options.margin);
  const height = b.height + (options.caption ? CAPTION_BAND : 0);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(b.x)} ${n(b.y)} ${n(b.width)} ${n(height)}" width="${Math.ceil(b.width)}" height="${Math.ceil(height)}">\n` +
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(height)}" fill="#ffffff"/>\n` +
    chainSvgBody(s, options) +
    (options.caption
      ? `\n${captionSvg(options.caption, b.x, b.y + b.height, b.width, options.measure ?? estimateText)}`
      : '') +
    `\n</svg>\n`
  );
}
