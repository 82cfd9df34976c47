/**
 * The one-page poster (A3 landscape): the chain, its legend, the gap table, the sources and the data's
 * date, composed as one SVG. Pure; the browser turns it into a PNG or a PDF (see src/ui/export).
 */
import type { GraphSnapshot } from './chainGraph';
import { estimateText, wrapLabel, type TextMeasurer } from './elements';
import { statusIconSvg } from './icons';
import { STATUS_LOOK } from './palette';
import { GRAPH_FONT } from './style';
import { escapeXml } from '../io/xml';
import { chainSvgBody, snapshotBounds } from './svgExport';
import type { LinkStatus } from '../model/types';

/** The poster's page in CSS pixels: A3 landscape (420 × 297 mm) at 96 dpi. */
export const POSTER = { width: 1587, height: 1123 } as const;

export interface PosterInput {
  readonly title: string;
  readonly subtitle: string;
  /** "Data as of …" and "Made …" lines. */
  readonly dateLine: string;
  readonly legendTitle: string;
  readonly legend: readonly { readonly status: LinkStatus; readonly label: string; readonly count: number }[];
  readonly tableTitle: string;
  readonly tableHeader: readonly string[];
  readonly tableRows: readonly (readonly string[])[];
  readonly sourcesTitle: string;
  readonly sources: readonly string[];
  readonly footnote: string;
  readonly snapshot: GraphSnapshot;
  readonly measure?: TextMeasurer;
}

const n = (v: number) => Math.round(v * 10) / 10;

/** Cuts `text` to fit `width` at `size`, with an ellipsis when it does not. */
function fit(text: string, size: number, width: number, measure: TextMeasurer): string {
  if (measure(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The poster as an SVG document of POSTER's size. */
export function posterSvg(p: PosterInput): string {
  const measure = p.measure ?? estimateText;
  const font = escapeXml(GRAPH_FONT);
  const W = POSTER.width;
  const H = POSTER.height;
  const pad = 36;
  const out: string[] = [];
  const text = (x: number, y: number, size: number, content: string, attrs = '') =>
    out.push(
      `<text x="${n(x)}" y="${n(y)}" font-family="${font}" font-size="${size}"${attrs}>${escapeXml(content)}</text>`,
    );

  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  // Title band.
  text(pad, pad + 22, 26, p.title, ' font-weight="bold" fill="#1d232b"');
  text(pad, pad + 48, 15, p.subtitle, ' fill="#4a5260"');
  text(W - pad, pad + 22, 13, p.dateLine, ' text-anchor="end" fill="#6b7483"');

  // The chain, scaled into the upper area.
  const chainTop = pad + 66;
  const chainHeight = H * 0.58;
  const chainWidth = W - 2 * pad;
  const b = snapshotBounds(p.snapshot, 12);
  const scale = Math.min(chainWidth / b.width, chainHeight / b.height);
  const dx = pad + (chainWidth - b.width * scale) / 2 - b.x * scale;
  const dy = chainTop + (chainHeight - b.height * scale) / 2 - b.y * scale;
  out.push(
    `<rect x="${pad}" y="${chainTop}" width="${n(chainWidth)}" height="${n(chainHeight)}" fill="#fbfcfd" stroke="#d9dee5"/>`,
  );
  out.push(
    `<g transform="translate(${n(dx)} ${n(dy)}) scale(${scale.toFixed(4)})">${chainSvgBody(p.snapshot, { measure })}</g>`,
  );

  // Legend, under the chain.
  let x = pad;
  const legendY = chainTop + chainHeight + 26;
  text(x, legendY, 13, p.legendTitle, ' font-weight="bold" fill="#1d232b"');
  x += measure(p.legendTitle, 13) + 16;
  for (const item of p.legend) {
    const look = STATUS_LOOK[item.status];
    out.push(
      `<rect x="${n(x)}" y="${legendY - 13}" width="26" height="17" rx="3" fill="${look.fill}" stroke="${look.border}" stroke-width="1.5"/>` +
        statusIconSvg(item.status).replace('<svg ', `<svg x="${n(x + 7)}" y="${legendY - 11}" `),
    );
    const label = `${item.label} ${item.count}`;
    text(x + 32, legendY, 12.5, label, ' fill="#4a5260"');
    x += 32 + measure(label, 12.5) + 18;
  }

  // Gap table (left) and sources (right), in the lower band.
  const lowerTop = legendY + 22;
  const tableWidth = chainWidth * 0.62;
  text(pad, lowerTop + 14, 14, p.tableTitle, ' font-weight="bold" fill="#1d232b"');
  const widths = [0.06, 0.22, 0.14, 0.1, 0.24, 0.24].map((f) => f * tableWidth);
  // A cell wraps to three lines (a list of local inputs is long in English) before it is cut.
  const lineH = 14;
  const cellLines = (cell: string, w: number): string[] => {
    const lines = wrapLabel(cell, 11.5, w - 8, measure);
    const kept = lines.length <= 3 ? lines : [...lines.slice(0, 2), lines.slice(2).join(' ')];
    return kept.map((l) => fit(l, 11.5, w - 8, measure));
  };
  let y = lowerTop + 34;
  for (const [r, row] of [p.tableHeader, ...p.tableRows].entries()) {
    const cells = row.slice(0, widths.length).map((cell, c) => cellLines(cell, widths[c]!));
    const height = Math.max(1, ...cells.map((l) => l.length)) * lineH + 3;
    if (y + height - lineH > H - pad) break;
    let cx = pad;
    cells.forEach((lines, c) => {
      lines.forEach((line, k) =>
        text(cx, y + k * lineH, 11.5, line, r === 0 ? ' font-weight="bold" fill="#4a5260"' : ' fill="#1d232b"'),
      );
      cx += widths[c]!;
    });
    if (r === 0)
      out.push(`<line x1="${pad}" y1="${y + 5}" x2="${n(pad + tableWidth)}" y2="${y + 5}" stroke="#d9dee5"/>`);
    y += height;
  }

  const srcX = pad + tableWidth + 28;
  const srcWidth = W - pad - srcX;
  text(srcX, lowerTop + 14, 14, p.sourcesTitle, ' font-weight="bold" fill="#1d232b"');
  p.sources
    .slice(0, 12)
    .forEach((s, i) =>
      text(srcX, lowerTop + 34 + i * 17, 11, fit(`[${i + 1}] ${s}`, 11, srcWidth, measure), ' fill="#4a5260"'),
    );
  text(pad, H - 14, 10.5, fit(p.footnote, 10.5, W - 2 * pad, measure), ' fill="#6b7483"');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${out.join('')}</svg>`;
}
