/**
 * What each item of the Export menu makes: the files, ready to download. Data formats and the
 * template come from the io writers, pictures from the graph as drawn now; the writers are loaded when
 * first asked for, not at start-up.
 */
import type { GraphSnapshot } from '../../graph/chainGraph';
import type { TextMeasurer } from '../../graph/elements';
import type { PosterInput } from '../../graph/poster';
import type { SvgCaption } from '../../graph/svgExport';
import { translate, type Lang } from '../../i18n';
import { formatDate, formatQuantity } from '../../i18n/format';
import { chartedSeries, targetProgress, type TargetProgress } from '../../model/series';
import { sourceLine } from '../../i18n/sourceLine';
import type { ExportFormat, ExportedFile } from '../../io/types';
import { formatById } from '../../io/formats';
import { LINK_STATUSES, type ChainTemplate, type Dataset, type Region, type Source } from '../../model/types';
import { dateStamp } from '../common/download';
import { gapTable, type GapRow } from '../../state/gapRows';

/** What the Export menu offers. */
export type ExportChoice =
  | { kind: 'data'; format: ExportFormat }
  | { kind: 'template' }
  | { kind: 'png'; scale: 1 | 2 | 4 }
  | { kind: 'svg' }
  | { kind: 'poster' };

export interface ExportContext {
  readonly dataset: Dataset;
  readonly region: Region | undefined;
  readonly chain: ChainTemplate | undefined;
  readonly lang: Lang;
  /** The gap list as shown, for the poster. */
  readonly rows: readonly GapRow[];
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly sources: readonly { readonly source: Source }[];
  readonly measure: TextMeasurer;
  readonly png: (scale: number) => Promise<Blob> | undefined;
  readonly snapshot: () => GraphSnapshot | undefined;
  /** How many what-if changes the graph and the gap list show (0: the stored data). */
  readonly whatIf: number;
}

/** What every picture of the chain says of itself: what it shows, its source and dates, its legend. */
function captionOf(ctx: ExportContext): SvgCaption | undefined {
  const { region, chain, lang } = ctx;
  if (!region || !chain) return undefined;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, key, params);
  const main = ctx.sources[0]?.source;
  return {
    title: `${region.name[lang]} · ${chain.name[lang]}${ctx.whatIf ? ` · ${t('export.whatIfMark', { count: ctx.whatIf })}` : ''}`,
    subtitle: main ? t('header.sourceLine', { source: sourceLine(main, lang) }) : '',
    dateLine: `${t('header.asOf', { date: formatDate(region.asOf, lang) })} · ${t('poster.made', { date: dateStamp() })}`,
    legend: LINK_STATUSES.map((s) => ({ status: s, label: t(`status.${s}`), count: ctx.statusCounts[s] ?? 0 })),
  };
}

/** What the poster shows: the chain as drawn now, its caption, the gap list and the sources. */
export function posterInput(ctx: ExportContext): PosterInput | undefined {
  const snapshot = ctx.snapshot();
  const caption = captionOf(ctx);
  const region = ctx.region;
  if (!snapshot || !caption || !region) return undefined;
  const lang = ctx.lang;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, key, params);
  const table = gapTable(ctx.rows, lang);
  const columns = [0, 2, 5, 6, 9, 10]; // rank, link, kind, score, local inputs, local buyers
  return {
    ...caption,
    legendTitle: t('legend.title'),
    tableTitle: t('gaps.label'),
    tableHeader: columns.map((i) => table[0]![i]!),
    tableRows: table.slice(1).map((r) => columns.map((i) => r[i]!)),
    targetsTitle: t('targets.title'),
    targets: targetProgress(region).map((p) => targetLine(p, ctx, t)),
    charts: chartedSeries(region).map((series) => ({
      title: series.points.at(-1)!.name[lang],
      series,
      labels: Object.fromEntries(series.points.map((i) => [i.id, formatQuantity(i.value, lang)])),
    })),
    sourcesTitle: t('dossier.sources'),
    sources: ctx.sources.map(({ source }) => sourceLine(source, lang)),
    footnote: t('poster.footnote'),
    snapshot,
    measure: ctx.measure,
  };
}

/**
 * A target on one line: its year, measure and value, the latest figure and what is left, with the
 * numbers of its sources in the poster's source list (`[1]`).
 */
function targetLine(
  p: TargetProgress,
  ctx: ExportContext,
  t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => string,
): string {
  const lang = ctx.lang;
  const refs = (i: { sources: readonly { sourceId: string }[] }) =>
    [...new Set(i.sources.map((c) => ctx.sources.findIndex((s) => s.source.id === c.sourceId) + 1))]
      .filter((k) => k > 0)
      .map((k) => `[${k}]`)
      .join('');
  const target = `${formatDate(p.target.period, lang)} · ${p.target.name[lang]} ${formatQuantity(p.target.value, lang)} ${refs(p.target)}`;
  const current = p.current
    ? `${t('targets.current')} ${t('targets.latestOn', { value: formatQuantity(p.current.value, lang), date: formatDate(p.current.period, lang) })} ${refs(p.current)}`
    : t('targets.noFigure');
  const left =
    p.left === undefined
      ? ''
      : p.left === 0
        ? ` · ${t('targets.reached')}`
        : ` · ${t('targets.left')} ${
            p.target.value.unit === 'percent'
              ? t('targets.points', { value: Math.round(p.left * 10) / 10 })
              : formatQuantity({ value: p.left, unit: p.target.value.unit }, lang)
          }`;
  return `${target} — ${current}${left}`;
}

/** The files an Export menu choice makes. */
export async function exportFiles(choice: ExportChoice, ctx: ExportContext): Promise<ExportedFile[]> {
  const base = `chainatlas-${ctx.region?.id ?? 'data'}-${dateStamp()}`;
  // Pictures show the graph as drawn, so a what-if in effect is in their names; data exports never hold one.
  const picture = ctx.whatIf ? `${base}-what-if` : base;
  const headers = ctx.lang === 'zh' ? 'zh' : 'en';
  switch (choice.kind) {
    case 'data': {
      const { exportDataset } = await import('../../io/pipeline/importFile');
      return exportDataset(ctx.dataset, choice.format, { baseName: base, headers });
    }
    case 'template': {
      const { templateWorkbook } = await import('../../io/tables/xlsx');
      return [
        {
          fileName: `chainatlas-template-${ctx.lang}.xlsx`,
          mimeType: formatById('xlsx').mimeTypes[0]!,
          bytes: templateWorkbook(headers),
        },
      ];
    }
    case 'png': {
      const blob = await ctx.png(choice.scale);
      if (!blob) return [];
      // Captioned like the poster (title, source, dates, legend), when there is a region to say it of.
      const caption = captionOf(ctx);
      const { captionedPng } = await import('./pictures');
      return [
        {
          fileName: `${picture}-view@${choice.scale}x.png`,
          mimeType: 'image/png',
          bytes: caption ? await captionedPng(blob, choice.scale, caption) : new Uint8Array(await blob.arrayBuffer()),
        },
      ];
    }
    case 'svg': {
      const snapshot = ctx.snapshot();
      if (!snapshot) return [];
      const { chainSvgFile } = await import('./pictures');
      const caption = captionOf(ctx);
      return [
        {
          fileName: `${picture}.svg`,
          mimeType: 'image/svg+xml',
          bytes: chainSvgFile(snapshot, ctx.measure, caption),
        },
      ];
    }
    case 'poster': {
      const input = posterInput(ctx);
      if (!input) return [];
      const { posterPdf } = await import('./pictures');
      return [
        {
          fileName: `${picture}-poster-A3.pdf`,
          mimeType: 'application/pdf',
          bytes: await posterPdf(input, input.title),
        },
      ];
    }
  }
}
