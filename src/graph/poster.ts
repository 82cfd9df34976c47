/**
 * The one-page poster (A3 landscape): the chain, its legend, the gap table, the sources and the data's
 * date, composed as one SVG. Pure; the browser turns it into a PNG or a PDF (see src/ui/export).
 */
import type { GraphSnapshot } from './chainGraph';
import { estimateText, wrapLabel, type TextMeasurer } from './elements';
import { statusIconSvg } from './icons';
import { STATUS_LOOK } from './palette';
import { GRAPH_FONT } from './style';
import { escapeXml } from '../io/syntax/xml';
import { chainSvgBody, snapshotBounds } from './svgExport';
import { seriesPlot, type Series } from '../model/series';
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
  /** The region's targets with their progress, a line each, and figures reported over time. */
  readonly targetsTitle?: string;
  readonly targets?: readonly string[];
  readonly charts?: readonly PosterChart[];
  readonly sourcesTitle: string;
  readonly sources: readonly string[];
  readonly footnote: string;
  readonly snapshot: GraphSnapshot;
  readonly measure?: TextMeasurer;
}

/** A figure reported at several dates, drawn as the gap view draws it (`seriesPlot`). */
export interface PosterChart {
  readonly title: string;
  readonly series: Series;
  /** Each point's value as the reader reads it, by indicator id. */
  readonly labels: Readonly<Record<string, string>>;
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
  // Targets and charts take a column of the lower band, which grows to hold them.
  const hasTargets = (p.targets?.length ?? 0) + (p.charts?.length ?? 0) > 0;
  const chainHeight = H * (hasTargets ? 0.52 : 0.58);
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
  const tableWidth = chainWidth * (hasTargets ? 0.5 : 0.62);
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

  let srcX = pad + tableWidth + 28;
  if (hasTargets) {
    const colX = srcX;
    const colWidth = chainWidth * 0.25 - 28;
    let ty = lowerTop + 14;
    text(colX, ty, 14, p.targetsTitle ?? '', ' font-weight="bold" fill="#1d232b"');
    ty += 20;
    for (const line of p.targets ?? []) {
      const lines = wrapLabel(line, 11, colWidth, measure).slice(0, 2);
      if (ty + lines.length * 14 > H - pad - 150) break;
      lines.forEach((l, k) => text(colX, ty + k * 14, 11, fit(l, 11, colWidth, measure), ' fill="#1d232b"'));
      ty += lines.length * 14 + 4;
    }
    for (const chart of p.charts ?? []) {
      const box = {
        width: colWidth,
        height: Math.min(140, H - pad - ty - 24),
        left: 30,
        right: 12,
        top: 18,
        bottom: 22,
      };
      if (box.height < 90) break;
      text(colX, ty + 12, 11.5, fit(chart.title, 11.5, colWidth, measure), ' font-weight="bold" fill="#4a5260"');
      out.push(`<g transform="translate(${n(colX)} ${n(ty + 16)})">${chartSvg(chart, box, font)}</g>`);
      ty += box.height + 24;
    }
    srcX = colX + colWidth + 28;
  }
  const srcWidth = W - pad - srcX;
  text(srcX, lowerTop + 14, 14, p.sourcesTitle, ' font-weight="bold" fill="#1d232b"');
  // A source wraps to a second line in a narrow column before it is cut; the list stops at the page's edge.
  let sy = lowerTop + 34;
  for (const [i, s] of p.sources.entries()) {
    const wrapped = wrapLabel(`[${i + 1}] ${s}`, 11, srcWidth, measure);
    const lines = hasTargets && wrapped.length > 1 ? [wrapped[0]!, wrapped.slice(1).join(' ')] : [wrapped.join(' ')];
    if (sy + (lines.length - 1) * 14 > H - pad) break;
    lines.forEach((l, k) =>
      text(srcX + (k ? 14 : 0), sy + k * 14, 11, fit(l, 11, srcWidth - (k ? 14 : 0), measure), ' fill="#4a5260"'),
    );
    sy += lines.length * 14 + 4;
  }
  text(pad, H - 14, 10.5, fit(p.footnote, 10.5, W - 2 * pad, measure), ' fill="#6b7483"');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${out.join('')}</svg>`;
}

/** A series chart in the poster's own drawing: axis, year ticks, share grid, points with values, targets. */
function chartSvg(chart: PosterChart, box: Parameters<typeof seriesPlot>[1], font: string): string {
  const plot = seriesPlot(chart.series, box);
  const t = (x: number, y: number, size: number, content: string, attrs: string) =>
    `<text x="${n(x)}" y="${n(y)}" font-family="${font}" font-size="${size}"${attrs}>${escapeXml(content)}</text>`;
  const out: string[] = [];
  for (const g of plot.grid)
    out.push(
      `<line x1="${n(plot.axis.x1)}" y1="${n(g.y)}" x2="${n(plot.axis.x2)}" y2="${n(g.y)}" stroke="#e4e7eb"/>`,
      t(plot.axis.x1 - 4, g.y + 3.5, 9.5, `${g.value}%`, ' text-anchor="end" fill="#4a5260"'),
    );
  out.push(
    `<line x1="${n(plot.axis.x1)}" y1="${n(plot.axis.y)}" x2="${n(plot.axis.x2)}" y2="${n(plot.axis.y)}" stroke="#6b7483"/>`,
  );
  for (const yr of plot.years)
    out.push(t(yr.x, plot.axis.y + 13, 9.5, String(yr.year), ' text-anchor="middle" fill="#4a5260"'));
  out.push(
    `<polyline points="${plot.points.map((q) => `${n(q.x)},${n(q.y)}`).join(' ')}" fill="none" stroke="#2f6f57" stroke-width="2"/>`,
  );
  for (const q of plot.points)
    out.push(
      `<circle cx="${n(q.x)}" cy="${n(q.y)}" r="3.5" fill="#2f6f57" stroke="#ffffff" stroke-width="1.2"/>`,
      t(
        q.x,
        q.y - 7,
        10,
        chart.labels[q.indicator.id] ?? '',
        ' text-anchor="middle" font-weight="bold" fill="#1d232b"',
      ),
    );
  for (const q of plot.targets)
    out.push(`<path d="M${n(q.x)} ${n(q.y - 5)}l5 5-5 5-5-5z" fill="#ffffff" stroke="#a86b00" stroke-width="1.6"/>`);
  return out.join('');
}
