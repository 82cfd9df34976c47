import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from './enterprise';
import { firmSample, sampleCreditCode } from './firmSample';
import {
  firmCounts,
  firmKey,
  indexFirms,
  linkFirms,
  neighbourhood,
  rankByCapacity,
  relationRows,
  summariseFirms,
} from './firms';
import type { Enterprise, Region, SupplyRelation } from './types';

const cite = [{ sourceId: 's', locator: '¶1' }];
const firm = (id: string, linkIds: string[], capacity?: number, unit = 't/a'): Enterprise => ({
  id,
  name: { zh: `${id}公司`, en: `${id} Co.` },
  linkIds,
  ...(capacity !== undefined
    ? { capacities: [{ linkId: linkIds[0]!, capacity: { value: capacity, unit }, sources: cite }] }
    : {}),
  sources: cite,
});
const rel = (id: string, supplier: [string, string], buyer: [string, string], linkId: string): SupplyRelation => ({
  id,
  supplier: { regionId: supplier[0], enterpriseId: supplier[1] },
  buyer: { regionId: buyer[0], enterpriseId: buyer[1] },
  linkId,
  sources: cite,
});
const region = (id: string, enterprises: Enterprise[], relations: SupplyRelation[] = []): Region => ({
  id,
  name: { zh: id, en: id },
  chainId: 'c',
  asOf: '2024',
  linkStates: [],
  enterprises,
  projects: [],
  indicators: [],
  relations,
});

// ore (r2) -> metal (r1 m1) -> cam (r1 c1, c2) -> cell (r1 x1) -> pack (r3 p1)
const regions = [
  region(
    'r1',
    [
      firm('m1', ['metal'], 5),
      firm('c1', ['cam'], 10),
      firm('c2', ['cam'], 30),
      firm('c3', ['cam']),
      firm('x1', ['cell']),
    ],
    [
      rel('a', ['r2', 'o1'], ['r1', 'm1'], 'ore'),
      rel('b', ['r1', 'm1'], ['r1', 'c1'], 'metal'),
      rel('c', ['r1', 'm1'], ['r1', 'c2'], 'metal'),
      rel('d', ['r1', 'c1'], ['r1', 'x1'], 'cam'),
      rel('e', ['r1', 'c2'], ['r1', 'x1'], 'cam'),
    ],
  ),
  region('r2', [firm('o1', ['ore'], 1), firm('c9', ['cam'], 99)]),
  region('r3', [firm('p1', ['pack'])], [rel('f', ['r1', 'x1'], ['r3', 'p1'], 'cell')]),
];
const index = indexFirms({ regions });

describe('firms', () => {
  it('counts the firms of each link in a region, for the chain view', () => {
    expect(Object.fromEntries(firmCounts(regions[0]))).toEqual({ metal: 1, cam: 3, cell: 1 });
  });

  it('ranks a link’s firms by capacity, firms without a figure last, in a region or nationwide', () => {
    const ranked = (regionId?: string) => linkFirms(index, 'cam', regionId, 10).ranked.map((f) => f.key);
    expect(ranked('r1')).toEqual(['r1/c2', 'r1/c1', 'r1/c3']);
    expect(ranked(undefined)).toEqual(['r2/c9', 'r1/c2', 'r1/c1', 'r1/c3']);
  });

  it('draws the top firms and counts the rest, with the relations that reach the drawn ones', () => {
    const v = linkFirms(index, 'cam', 'r1', 1);
    expect(v.shown.map((f) => f.key)).toEqual(['r1/c2']);
    expect(v.ranked).toHaveLength(3);
    expect(v.inbound.map((r) => r.id)).toEqual(['c']);
    expect(v.outbound.map((r) => r.id)).toEqual(['e']);
    expect([v.inboundTotal, v.outboundTotal]).toEqual([2, 2]);
  });

  it('walks suppliers and buyers two steps out, once each, marking local and outside firms', () => {
    const n = neighbourhood(index, { regionId: 'r1', enterpriseId: 'c1' });
    expect(n.suppliers.map((r) => [r.key, r.step, r.local])).toEqual([
      ['r1/m1', 1, true],
      ['r2/o1', 2, false],
    ]);
    expect(n.buyers.map((r) => [r.key, r.step, r.local, r.via])).toEqual([
      ['r1/x1', 1, true, 'r1/c1'],
      ['r3/p1', 2, false, 'r1/x1'],
    ]);
    expect(neighbourhood(index, { regionId: 'r1', enterpriseId: 'c1' }, 1).suppliers).toHaveLength(1);
  });

  it('names relation rows by firm, with an unknown firm shown by its id', () => {
    const rows = relationRows(index, [rel('z', ['r2', 'gone'], ['r1', 'm1'], 'ore'), regions[2]!.relations![0]!], 'en');
    expect(rows.map((r) => [r.supplier, r.buyer, r.local])).toEqual([
      ['gone', 'm1 Co.', false],
      ['x1 Co.', 'p1 Co.', false],
    ]);
  });

  it('keeps capacities in another unit behind those in the common unit', () => {
    const firms = [firm('a', ['l'], 5), firm('b', ['l'], 900, 'kt/a'), firm('c', ['l'], 7)].map((f) => ({
      key: firmKey({ regionId: 'r', enterpriseId: f.id }),
      ref: { regionId: 'r', enterpriseId: f.id },
      firm: f,
      region: regions[0]!,
    }));
    expect(rankByCapacity(firms, 'l').map((f) => f.firm.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('firmSample', () => {
  it('is the same every time, with valid credit codes and relations that name its firms', () => {
    const a = firmSample('jinchang', 'wuwei', 200, 's');
    expect(firmSample('jinchang', 'wuwei', 200, 's')).toEqual(a);
    const all = [...a.firms, ...a.outside];
    for (const f of all) expect(creditCodeProblem(f.creditCode!), f.creditCode).toBeUndefined();
    expect(new Set(all.map((f) => f.creditCode)).size).toBe(all.length);
    expect(new Set(a.firms.map((f) => f.name.zh)).size).toBe(a.firms.length);
    const ids = new Set(all.map((f) => f.id));
    for (const r of a.relations) expect(ids.has(r.supplier.enterpriseId) && ids.has(r.buyer.enterpriseId)).toBe(true);
    expect(creditCodeProblem(sampleCreditCode(12345))).toBeUndefined();
  });
});

describe('summariseFirms', () => {
  it('counts the firms, adds the capacities in the common unit, and keeps the largest few', () => {
    const firms = [firm('a', ['l'], 5), firm('b', ['l'], 900, 'GWh/a'), firm('c', ['l'], 7), firm('d', ['l'])];
    const s = summariseFirms(firms, 'l', 2);
    expect(s.count).toBe(4);
    expect(s.withCapacity).toBe(3);
    expect(s.total).toEqual({ capacity: { value: 12, unit: 't/a' }, firms: 2 });
    expect(s.top.map((f) => f.id)).toEqual(['c', 'a']);
    expect(summariseFirms([], 'l', 3)).toEqual({ count: 0, withCapacity: 0, top: [] });
  });
});
