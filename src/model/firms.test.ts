/**
 * Local supply at firm level and the gap engine's contradiction flag, on hand-made data whose expected
 * figures are counted here.
 */
import { describe, expect, it } from 'vitest';
import { analyseRegion } from './analysis';
import { firmSupply, indexFirms, isLocalFirm, isLocalTo, isWithin } from './firms';
import { analyseGaps } from './gaps';
import { indexChain } from './graph';
import { mutable, tinyFirmsDataset } from './testing';
import type { Dataset } from './types';
import { validateDataset } from './validate';

/** r1 buys a from r2 (300 t) and from its own e4 (100 t and one relation without volume), and c's input b from e4. */
function supplied(): Dataset {
  const d = mutable(tinyFirmsDataset());
  const cite = [{ sourceId: 'src', locator: 'row 3' }];
  d.regions[0].enterprises.push({ id: 'e4', name: { zh: '丁企业', en: 'Firm 4' }, linkIds: ['a', 'b'], sources: cite });
  d.regions[0].enterprises.push({ id: 'e5', name: { zh: '戊企业', en: 'Firm 5' }, linkIds: ['c'], sources: cite });
  const rel = (id: string, supplier: string, buyer: string, linkId: string, volume?: number, region = 'r1') => ({
    id,
    supplier: { regionId: region, enterpriseId: supplier },
    buyer: { regionId: 'r1', enterpriseId: buyer },
    linkId,
    ...(volume !== undefined && { volume: { value: volume, unit: 't' } }),
    sources: cite,
  });
  d.regions[0].relations.push(
    rel('rel2', 'e4', 'e1', 'a', 100),
    rel('rel3', 'e4', 'e1', 'a'),
    rel('rel4', 'e4', 'e5', 'b'),
  );
  const checked = validateDataset(d);
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
  return checked.dataset;
}

describe('firm-level local supply', () => {
  it('is the share of the region’s recorded relations whose supplier is a firm of the region, by count and by volume', () => {
    const region = supplied().regions[0]!;
    expect(firmSupply(region)).toEqual({
      relations: 4,
      local: 3,
      share: 0.75,
      buyers: 2,
      byVolume: [{ unit: 't', local: 100, total: 400, share: 0.25, relations: 2 }],
    });
    // Restricted to link a (the upstream of b): rel1 from r2, rel2 and rel3 local.
    expect(firmSupply(region, new Set(['a']))).toMatchObject({ relations: 3, local: 2, buyers: 1 });
  });

  it('says nothing (undefined) where no relation is recorded, rather than 0%', () => {
    expect(firmSupply(supplied().regions[1])).toBeUndefined();
    expect(firmSupply(supplied().regions[0], new Set(['c']))).toBeUndefined();
  });

  it('stands beside the link-level figure for a focus product', () => {
    const d = mutable(supplied());
    d.regions[0].focus = { products: ['c'], applications: [], subChains: [], supporting: [], sources: [] };
    const analysis = analyseRegion(indexChain(d.chains[0]), d.regions[0]);
    const c = analysis.supply.find((s) => s.productId === 'c')!;
    expect(c.byCount.low).toBeCloseTo(0.5); // a present, b unknown
    expect(c.byFirms).toMatchObject({ relations: 4, local: 3, share: 0.75 });
  });
});

describe('the contradiction flag', () => {
  it('flags a link stored as attracting or missing that firms of the region serve, with their count, on the gap list', () => {
    const d = mutable(supplied());
    // b is served by e1 and e4 but stored as attracting; c by e5 but stored as missing.
    d.regions[0].linkStates.push(
      { linkId: 'b', status: 'attracting', asOf: '2024', sources: [{ sourceId: 'src', locator: '1' }] },
      { linkId: 'c', status: 'missing', asOf: '2024', sources: [{ sourceId: 'src', locator: '1' }] },
    );
    const gaps = analyseGaps(indexChain(d.chains[0]), d.regions[0]);
    expect(gaps.contradictions.map((a) => [a.linkId, a.contradiction])).toEqual([
      ['b', { status: 'attracting', firms: 2 }],
      ['c', { status: 'missing', firms: 1 }],
    ]);
    const c = gaps.assessments.get('c')!;
    expect(c.reasons[0]).toBe('firms-contradict');
    // c has no local buyer and is not needed: its verdict is "outside", yet it is listed to check.
    expect(c.kind).toBe('outside');
    expect(gaps.ranked.map((a) => a.linkId)).toEqual(expect.arrayContaining(['b', 'c']));
    // A present link with firms is no contradiction.
    expect(gaps.assessments.get('a')!.contradiction).toBeUndefined();
    expect(gaps.assessments.get('a')!.firms).toBe(2);
  });
});

describe('local to the region shown', () => {
  const province = { id: 'gansu', name: { zh: '甘肃省', en: 'Gansu' } };
  it('is the region itself or a region whose parent it is, by name', () => {
    expect(isWithin({ id: 'gansu' }, province)).toBe(true);
    expect(isWithin({ id: 'jinchang', parent: { zh: '甘肃省', en: 'Gansu Province' } }, province)).toBe(true);
    expect(isWithin({ id: 'lz', parent: { zh: '兰州', en: 'Gansu' } }, province)).toBe(true);
    expect(isWithin({ id: 'xian', parent: { zh: '陕西省', en: 'Shaanxi' } }, province)).toBe(false);
    expect(isWithin({ id: 'nowhere', parent: { zh: '', en: '' } }, { id: 'x', name: { zh: '', en: '' } })).toBe(false);
    expect(isWithin({ id: 'r2' }, { id: 'r1', name: { zh: '甲', en: 'A' } })).toBe(false);
  });

  it('marks firms and relations by the region they are recorded in, not by the scope of the view', () => {
    const d = supplied();
    const index = indexFirms(d);
    const [r1, r2] = d.regions;
    expect(isLocalFirm(index, 'r1/e4', r1!)).toBe(true);
    expect(isLocalFirm(index, `r2/${r2!.enterprises[0]!.id}`, r1!)).toBe(false);
    // A firm the data does not hold is judged by the region its key names.
    expect(isLocalFirm(index, 'r1/ghost', r1!)).toBe(true);
    expect(isLocalFirm(index, 'r9/ghost', r1!)).toBe(false);
    const relations = r1!.relations!;
    for (const r of relations) expect(isLocalTo(index, r, r1!)).toBe(r.supplier.regionId === 'r1');
    // Seen from r2, a relation between two firms of r1 is outside.
    expect(relations.filter((r) => isLocalTo(index, r, r2!))).toHaveLength(0);
  });
});
