import { describe, expect, it } from 'vitest';
import { firmSample } from '../../model/firmSample';
import { indexFirms } from '../../model/firms';
import type { Region } from '../../model/types';
import { layoutLinkFirms, relationsOfLinkFirms } from './linkFirmsLayout';

const region = (
  id: string,
  enterprises: Region['enterprises'],
  relations: Region['relations'] = [],
  parent?: string,
): Region => ({
  id,
  name: { zh: id, en: id },
  ...(parent ? { parent: { zh: parent, en: parent } } : {}),
  chainId: 'c',
  asOf: '2024',
  linkStates: [],
  enterprises,
  projects: [],
  indicators: [],
  relations,
});

describe('layoutLinkFirms', () => {
  const sample = firmSample('home', 'away', 2000, 's');
  const home = region('home', sample.firms, sample.relations);
  const index = indexFirms({ regions: [home, region('away', sample.outside)] });

  it('draws at most 16 of 2,000 firms, the largest, and counts the rest', () => {
    const layout = layoutLinkFirms(index, 'ncm_cam', home, 'region');
    const [left, centre, right] = layout.columns;
    expect(layout.firmCount).toBe(2000);
    expect(centre).toHaveLength(16);
    expect(layout.more[1]).toBe(1984);
    const caps = centre.map((f) => f.record!.firm.capacities?.[0]?.capacity.value ?? -1);
    expect(caps).toEqual([...caps].sort((a, b) => b - a));
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThanOrEqual(12);
    expect(right.length).toBeGreaterThan(0);
    // Every drawn relation joins two drawn firms.
    const drawn = new Set([...left, ...centre, ...right].map((f) => f.key));
    for (const r of layout.relations) expect(drawn.has(r.from) && drawn.has(r.to)).toBe(true);
    expect(layout.inboundTotal).toBe(3000);
    expect(layout.outboundTotal).toBe(2000);
    expect(relationsOfLinkFirms(index, layout.ranked, 'ncm_cam')).toHaveLength(5000);
  });

  it('marks suppliers in another region as outside', () => {
    const [left] = layoutLinkFirms(index, 'ncm_pcam', home, 'region').columns;
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((f) => !f.local && f.record?.region.id === 'away')).toBe(true);
  });

  it('nationwide, marks local only the firms of the region shown or of regions inside it', () => {
    // A third region inside "home" (its parent), holding a copy of some of the away firms.
    const inner = region('inner', sample.outside.slice(0, 50), [], 'home');
    const nation = indexFirms({ regions: [home, region('away', sample.outside), inner] });
    const layout = layoutLinkFirms(nation, 'ncm_pcam', home, 'nation', 2000);
    const drawn = layout.columns.flat();
    const byRegion = (id: string) => drawn.filter((f) => f.record?.region.id === id);
    expect(byRegion('away').length).toBeGreaterThan(0);
    expect(byRegion('inner').length).toBeGreaterThan(0);
    expect(byRegion('away').every((f) => !f.local)).toBe(true);
    expect(byRegion('inner').every((f) => f.local)).toBe(true);
    expect(byRegion('home').every((f) => f.local)).toBe(true);
    // A relation is local only when both its firms are.
    const local = new Map(drawn.map((f) => [f.key, f.local]));
    for (const r of layout.relations) expect(r.local).toBe(local.get(r.from)! && local.get(r.to)!);
    expect(layout.firmCount).toBe(450);
  });
});

describe('counting the suppliers and buyers of a link’s firms', () => {
  // Three firms of link "m" in "home": f1 buys from s1 and s2, f2 from s2 and s3, f3 from s4; f1 sells on
  // link "m" to b1, f3 to b2 and b3 (and on another link to b4, which is not counted).
  const firm = (id: string, linkIds: string[], capacity = 0): Region['enterprises'][number] => ({
    id,
    name: { zh: id, en: id },
    linkIds,
    ...(capacity ? { capacities: [{ linkId: 'm', capacity: { value: capacity, unit: 't/a' }, sources: [] }] } : {}),
    sources: [],
  });
  const rel = (id: string, supplier: string, buyer: string, linkId: string) => ({
    id,
    supplier: { regionId: 'home', enterpriseId: supplier },
    buyer: { regionId: 'home', enterpriseId: buyer },
    linkId,
    sources: [],
  });
  const home = region(
    'home',
    [
      firm('f1', ['m'], 300),
      firm('f2', ['m'], 200),
      firm('f3', ['m'], 100),
      ...['s1', 's2', 's3', 's4'].map((id) => firm(id, ['u'])),
      ...['b1', 'b2', 'b3', 'b4'].map((id) => firm(id, ['d'])),
    ],
    [
      rel('r1', 's1', 'f1', 'u'),
      rel('r2', 's2', 'f1', 'u'),
      rel('r3', 's2', 'f2', 'u'),
      rel('r4', 's3', 'f2', 'u'),
      rel('r5', 's4', 'f3', 'u'),
      rel('r6', 'f1', 'b1', 'm'),
      rel('r7', 'f3', 'b2', 'm'),
      rel('r8', 'f3', 'b3', 'm'),
      rel('r9', 'f3', 'b4', 'x'),
    ],
  );
  const index = indexFirms({ regions: [home] });

  it('counts them for all the link’s firms, not only the ones drawn', () => {
    // Only the largest firm (f1) drawn: its suppliers s1, s2 and its buyer b1 are drawn.
    const layout = layoutLinkFirms(index, 'm', home, 'region', 1);
    expect(layout.columns.map((c) => c.map((f) => f.id))).toEqual([['s1', 's2'], ['f1'], ['b1']]);
    expect([layout.supplierCount, layout.buyerCount]).toEqual([4, 3]);
    // "N more": s3 and s4 supply f2 and f3, which are not drawn; b2 and b3 buy from f3.
    expect(layout.more).toEqual([2, 2, 2]);
  });

  it('says nothing more when every counterpart is drawn', () => {
    const layout = layoutLinkFirms(index, 'm', home, 'region');
    expect(layout.more).toEqual([0, 0, 0]);
    expect([layout.supplierCount, layout.buyerCount]).toEqual([4, 3]);
  });

  it('draws each firm once when a firm of the link also supplies or buys from the others', () => {
    const cite = [{ sourceId: 'src', locator: '1' }];
    const firm = (id: string, linkIds: string[]) => ({ id, name: { zh: id, en: id }, linkIds, sources: cite });
    const rel = (id: string, supplier: string, buyer: string, linkId: string) => ({
      id,
      supplier: { regionId: 'r', enterpriseId: supplier },
      buyer: { regionId: 'r', enterpriseId: buyer },
      linkId,
      sources: cite,
    });
    // a and b make the link; a supplies b (a trader among makers); c supplies a and buys from b;
    // d supplies a.
    const r = region(
      'r',
      [firm('a', ['cam']), firm('b', ['cam']), firm('c', ['pcam', 'cell']), firm('d', ['pcam'])],
      [rel('1', 'a', 'b', 'cam'), rel('2', 'c', 'a', 'pcam'), rel('3', 'b', 'c', 'cam'), rel('4', 'd', 'a', 'pcam')],
    );
    const layout = layoutLinkFirms(indexFirms({ regions: [r] }), 'cam', r, 'region');
    const keys = layout.columns.flat().map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    const column = (id: string) => layout.columns.findIndex((c) => c.some((f) => f.record?.firm.id === id));
    expect([column('a'), column('b'), column('c'), column('d')]).toEqual([1, 1, 0, 0]);
    // Every supplier and buyer is drawn, so none is counted as more.
    expect(layout.more).toEqual([0, 0, 0]);
    expect(layout.relations).toHaveLength(4);
  });
});
