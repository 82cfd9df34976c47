import { describe, expect, it } from 'vitest';
import { firmSample } from '../../model/firmSample';
import { indexFirms } from '../../model/firms';
import type { Region } from '../../model/types';
import { layoutLinkFirms, relationsOfLinkFirms } from './linkFirmsLayout';

const region = (id: string, enterprises: Region['enterprises'], relations: Region['relations'] = []): Region => ({
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

describe('layoutLinkFirms', () => {
  const sample = firmSample('home', 'away', 2000, 's');
  const index = indexFirms({
    regions: [region('home', sample.firms, sample.relations), region('away', sample.outside)],
  });

  it('draws at most 16 of 2,000 firms, the largest, and counts the rest', () => {
    const layout = layoutLinkFirms(index, 'ncm_cam', 'home');
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

  it('marks suppliers in another region as outside, and nationwide none', () => {
    const [left] = layoutLinkFirms(index, 'ncm_pcam', 'home').columns;
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((f) => !f.local && f.record?.region.id === 'away')).toBe(true);
    const layout = layoutLinkFirms(index, 'ncm_pcam', undefined);
    expect(layout.columns.flat().every((f) => f.local)).toBe(true);
    expect(layout.firmCount).toBe(400);
  });
});
