import { describe, expect, it } from 'vitest';
import { loadShippedDataset } from '../store/seed';
import { chartedSeries, seriesOf, seriesPlot, targetProgress } from './series';
import type { Indicator, Region } from './types';
import { tinyDataset } from './testing';

const cite = [{ sourceId: 'src', locator: '¶1' }];
const fig = (id: string, value: number, period: string, extra: Partial<Indicator> = {}): Indicator => ({
  id,
  name: { zh: '率', en: 'Share' },
  value: { value, unit: 'percent' },
  period,
  linkIds: [],
  sources: cite,
  ...extra,
});

function region(indicators: Indicator[]): Region {
  return { ...tinyDataset().regions[0]!, indicators };
}

describe('series', () => {
  it('groups figures of one name and unit, or one key, in date order, targets apart', () => {
    const r = region([
      fig('b', 75, '2023-03'),
      fig('a', 65, '2022-06'),
      fig('t', 82, '2022-12', { target: true, series: 'share', name: { zh: '目标', en: 'Target' } }),
      fig('k', 77, '2024', { series: 'share' }),
    ]);
    const all = seriesOf(r);
    expect(all.map((s) => s.points.map((p) => p.id))).toEqual([['a', 'b'], ['k']]);
    expect(all[1]!.targets.map((t) => t.id)).toEqual(['t']);
    expect(chartedSeries(r).map((s) => s.points.length)).toEqual([2]);
  });

  it("reads a target's progress from its series' latest figure, and says when there is none", () => {
    const r = region([
      fig('k1', 65, '2022-06', { series: 's' }),
      fig('k2', 77, '2024', { series: 's' }),
      fig('t', 82, '2022-12', { target: true, series: 's' }),
      fig('lonely', 50, '2030', { target: true, series: 'other' }),
    ]);
    const [t, lonely] = targetProgress(r);
    expect(t).toMatchObject({ current: { id: 'k2' }, left: 5 });
    expect(t!.share).toBeCloseTo(77 / 82);
    expect(lonely).toMatchObject({ current: undefined, left: undefined, share: undefined });
  });

  it('on the shipped data: local supply 65%+ → 75% → 77% is one series, and every 2023 policy target shows', async () => {
    const jinchang = (await loadShippedDataset()).regions.find((r) => r.id === 'jinchang')!;
    const supply = seriesOf(jinchang).find((s) => s.key === 'local-supply')!;
    expect(supply.points.map((p) => p.value.value)).toEqual([65, 75, 77]);
    const progress = targetProgress(jinchang);
    expect(progress.map((p) => p.target.id)).toEqual([
      'local-supply-target-2022',
      'target-cathode-2025',
      'target-cells-2025',
      'target-output-2025',
      'target-cathode-2030',
      'target-cells-2030',
      'target-output-2030',
    ]);
    expect(progress[0]).toMatchObject({ current: { id: 'local-supply-share' }, left: 5 });
    expect(progress[3]).toMatchObject({ current: { id: 'battery-output-2023' }, left: 54_000_000_000 });
  });
});

describe('the chart of a series', () => {
  const box = { width: 500, height: 200, left: 40, right: 20, top: 20, bottom: 30 };

  it('runs time left to right and a share bottom to top on 0–100 %, its targets on the same axes', () => {
    const [s] = seriesOf(
      region([
        fig('a', 65, '2022-06', { series: 's' }),
        fig('b', 75, '2023-03', { series: 's' }),
        fig('c', 77, '2024', { series: 's' }),
        fig('t', 82, '2022-12', { target: true, series: 's' }),
        fig('money', 800, '2025', { target: true, series: 's', value: { value: 800, unit: 'CNY_100m' } }),
      ]),
    );
    const plot = seriesPlot(s!, box);
    const [a, b, c] = plot.points;
    expect(a!.x).toBe(40);
    expect(c!.x).toBe(480);
    expect(a!.x < b!.x && b!.x < c!.x).toBe(true);
    expect(a!.y).toBeCloseTo(20 + 0.35 * 150);
    expect(c!.y < a!.y).toBe(true);
    // The target in another unit cannot share the axis, so it is left off the chart.
    expect(plot.targets.map((t) => t.indicator.id)).toEqual(['t']);
    expect(plot.grid.map((g) => g.value)).toEqual([0, 50, 100]);
    expect(plot.years.map((y) => y.year)).toEqual([2023, 2024]);
  });

  it('stands the first rank highest', () => {
    const rank = (id: string, value: number, period: string) =>
      fig(id, value, period, { value: { value, unit: 'rank' }, series: 'r' });
    const [s] = seriesOf(region([rank('a', 65, '2022'), rank('b', 12, '2024')]));
    const [a, b] = seriesPlot(s!, box).points;
    expect(b!.y < a!.y).toBe(true);
  });
});
