import { describe, expect, it } from 'vitest';
import { loadShippedDataset } from '../store/seed';
import { compareRegions, corridorCover } from './compare';
import { indexChain } from './graph';
import { analyseRegion } from './analysis';
import { tinyDataset } from './testing';
import type { Dataset, Region } from './types';

function corridor(): Dataset {
  const base = tinyDataset();
  const home: Region = {
    ...base.regions[0]!,
    focus: { products: ['c'], applications: [], subChains: [], supporting: [], sources: [] },
    linkStates: [
      { linkId: 'a', status: 'present', asOf: '2024', sources: [{ sourceId: 'src', locator: '¶1' }] },
      { linkId: 'b', status: 'missing', asOf: '2024', sources: [{ sourceId: 'src', locator: '¶2' }] },
    ],
  };
  const next: Region = {
    ...home,
    id: 'r2',
    name: { zh: '邻', en: 'Next' },
    focus: undefined,
    enterprises: [],
    projects: [],
    indicators: [],
    linkStates: [{ linkId: 'b', status: 'present', asOf: '2024', sources: [{ sourceId: 'src', locator: '¶3' }] }],
  };
  return { ...base, regions: [home, next] };
}

describe('compareRegions', () => {
  it('puts every region side by side, each cell with its status and record', () => {
    const ds = corridor();
    const cmp = compareRegions(ds, indexChain(ds.chains[0]!), ds.regions[0]!);
    expect(cmp.columns.map((c) => c.region.id)).toEqual(['r1', 'r2']);
    const rows = cmp.groups.flatMap((g) => g.rows);
    expect(rows.map((r) => r.linkId)).toEqual(['a', 'b', 'c']);
    expect(rows[1]!.cells.map((c) => c.status)).toEqual(['missing', 'present']);
    expect(rows[1]!.cells[1]!.state?.sources[0]?.locator).toBe('¶3');
    expect(rows[2]!.cells.map((c) => [c.status, c.state])).toEqual([
      ['unknown', undefined],
      ['unknown', undefined],
    ]);
  });

  it("measures every region for the basis region's focus, as ranges while links are unknown", () => {
    const ds = corridor();
    const index = indexChain(ds.chains[0]!);
    const cmp = compareRegions(ds, index, ds.regions[0]!);
    // Needed for c: a, b, c. Home: a local, c unknown. Next: b local, a and c unknown.
    expect(cmp.columns[0]!.completeness).toMatchObject({ local: 1, unknown: 1, total: 3 });
    expect(cmp.columns[0]!.completeness.low).toBeCloseTo(1 / 3);
    expect(cmp.columns[0]!.completeness.high).toBeCloseTo(2 / 3);
    expect(cmp.columns[1]!.completeness).toMatchObject({ local: 1, unknown: 2, total: 3 });
    expect(cmp.columns[1]!.completeness.high).toBeCloseTo(1);
    // The basis's own figures are the gap engine's.
    const own = analyseRegion(index, ds.regions[0]!).supply[0]!;
    expect(cmp.columns[0]!.supply[0]).toEqual({ productId: 'c', low: own.byCount.low, high: own.byCount.high });
  });
});

describe('corridorCover', () => {
  it('says whether another region makes a link or none does', () => {
    const ds = corridor();
    const cover = corridorCover(ds, ds.regions[0]!, ['b', 'c']);
    expect(cover.get('b')).toMatchObject({ verdict: 'within', local: [{ id: 'r2' }] });
    expect(cover.get('c')).toMatchObject({ verdict: 'none', local: [] });
  });

  it("on the shipped data: the corridor has seven regions, and Jinchang's gaps are each within it or not", async () => {
    const ds = await loadShippedDataset();
    const jinchang = ds.regions[0]!;
    const index = indexChain(ds.chains[0]!);
    const cmp = compareRegions(ds, index, jinchang);
    expect(cmp.columns.map((c) => c.region.id)).toEqual([
      'jinchang',
      'jiuquan',
      'wuwei',
      'jiayuguan',
      'zhangye',
      'lanzhou-new-area',
      'baiyin',
    ]);
    const gaps = analyseRegion(index, jinchang).gaps.ranked.map((a) => a.linkId);
    const cover = corridorCover(ds, jinchang, gaps);
    expect(cover.size).toBe(gaps.length);
    // Baiyin makes iron phosphate (100 kt): not a gap Jinchang could fill only by itself.
    if (cover.has('fepo4')) expect(cover.get('fepo4')!.verdict).toBe('within');
  });
});
