/**
 * Figures reported at several dates as one series, and targets with their progress.
 *
 * Figures with the same `series` key are one series; figures without a key are one series with the
 * others of the same name and unit. A target (`target: true`) belongs to the series its key names, and
 * its progress is read from that series' latest figure: the figure, the target, the year and the
 * distance left. A target whose series has no figure yet says so, never guesses one.
 */
import { dateStart } from './timeline';
import type { Indicator, Region } from './types';

export interface Series {
  readonly key: string;
  /** The figures in date order (oldest first), targets excluded. */
  readonly points: readonly Indicator[];
  /** The targets set for it, by target year. */
  readonly targets: readonly Indicator[];
}

/** The series key of a figure. */
export function seriesKey(i: Indicator): string {
  return i.series ?? `name:${i.name.en}|${i.name.zh}|${i.value.unit}`;
}

const byPeriod = (a: Indicator, b: Indicator) =>
  dateStart(a.period) < dateStart(b.period) ? -1 : dateStart(a.period) > dateStart(b.period) ? 1 : 0;

/** Every series of the region, in the order of their first record. */
export function seriesOf(region: Region): Series[] {
  const groups = new Map<string, Indicator[]>();
  for (const i of region.indicators) {
    const key = seriesKey(i);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups].map(([key, all]) => ({
    key,
    points: all.filter((i) => !i.target).sort(byPeriod),
    targets: all.filter((i) => i.target).sort(byPeriod),
  }));
}

/** The series reported at two dates or more: those worth a chart. */
export function chartedSeries(region: Region): Series[] {
  return seriesOf(region).filter(
    (s) => s.points.length >= 2 && s.points.every((p) => p.value.unit === s.points[0]!.value.unit),
  );
}

export interface TargetProgress {
  readonly target: Indicator;
  /** The latest figure of the target's series, if one is reported. */
  readonly current: Indicator | undefined;
  /** Target minus current, in the target's unit; undefined without a comparable figure. */
  readonly left: number | undefined;
  /** current ÷ target (0–1, may pass 1); undefined without a comparable figure. */
  readonly share: number | undefined;
  /** Whether the target year is past (at `at`, or at the region's date). */
  readonly due: boolean;
}

/** Each target of the region with its progress, by target year and then in the region's order. */
export function targetProgress(region: Region, at: string = region.asOf): TargetProgress[] {
  const order = new Map(region.indicators.map((i, n) => [i.id, n]));
  return seriesOf(region)
    .flatMap((s) => s.targets.map((target) => ({ s, target })))
    .sort((a, b) => byPeriod(a.target, b.target) || order.get(a.target.id)! - order.get(b.target.id)!)
    .map(({ s, target }) => {
      const current = s.points.filter((p) => p.value.unit === target.value.unit).at(-1);
      const comparable = current !== undefined && target.value.value > 0;
      return {
        target,
        current,
        left: comparable ? Math.max(0, target.value.value - current.value.value) : undefined,
        share: comparable ? current.value.value / target.value.value : undefined,
        due: dateStart(target.period) <= dateStart(at),
      };
    });
}

/** Where a chart of a series puts things, in its own coordinates (the SVG's viewBox). */
export interface SeriesPlot {
  readonly width: number;
  readonly height: number;
  /** The unit every point and charted target shares. */
  readonly unit: string;
  /** The x of the horizontal axis's ends and its y. */
  readonly axis: { readonly x1: number; readonly x2: number; readonly y: number };
  readonly points: readonly { readonly indicator: Indicator; readonly x: number; readonly y: number }[];
  /** Targets in the points' unit (others cannot share the axis). */
  readonly targets: readonly { readonly indicator: Indicator; readonly x: number; readonly y: number }[];
  /** A tick per whole year in range. */
  readonly years: readonly { readonly year: number; readonly x: number }[];
  /** Grid lines for a share: 0, 50 and 100 %. */
  readonly grid: readonly { readonly value: number; readonly y: number }[];
}

export interface PlotBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * The geometry of a series chart: time left to right from the earliest figure or target to the
 * latest (at least a year), values bottom to top (a share on 0–100 %, a rank upside down since first
 * is best). Pure, so the screen and the poster draw the same chart.
 */
export function seriesPlot(series: Series, box: PlotBox): SeriesPlot {
  const when = (d: string) => {
    const [y, m = '01', day = '01'] = dateStart(d).split('-');
    return Number(y) + (Number(m) - 1) / 12 + (Number(day) - 1) / 365;
  };
  const unit = series.points[0]?.value.unit ?? series.targets[0]?.value.unit ?? '';
  const targets = series.targets.filter((t) => t.value.unit === unit);
  const all = [...series.points, ...targets];
  const x0 = Math.min(...all.map((i) => when(i.period)));
  const x1 = Math.max(...all.map((i) => when(i.period)), x0 + 1);
  const yMax = unit === 'percent' ? 100 : Math.max(...all.map((i) => i.value.value), 0) * 1.1 || 1;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const xAt = (t: number) => box.left + ((t - x0) / (x1 - x0)) * plotW;
  const yOf = (v: number) => box.top + (unit === 'rank' ? v / yMax : 1 - v / yMax) * plotH;
  const place = (i: Indicator) => ({ indicator: i, x: xAt(when(i.period)), y: yOf(i.value.value) });
  const years: { year: number; x: number }[] = [];
  for (let yr = Math.ceil(x0); yr <= Math.floor(x1); yr++) years.push({ year: yr, x: xAt(yr) });
  return {
    width: box.width,
    height: box.height,
    unit,
    axis: { x1: box.left, x2: box.width - box.right, y: box.height - box.bottom },
    points: series.points.map(place),
    targets: targets.map(place),
    years,
    grid: unit === 'percent' ? [0, 50, 100].map((value) => ({ value, y: yOf(value) })) : [],
  };
}
