/** Re-read data keeps the objects that did not change, so what is derived from them is not rebuilt. */
import { describe, expect, it } from 'vitest';
import { regionSources, reuseUnchanged } from './dataset';
import { mutable, tinyDataset } from './testing';

describe('reuseUnchanged', () => {
  it('keeps equal chains, regions and source lists, and takes changed ones', () => {
    const prev = tinyDataset();
    const reread = tinyDataset();
    const same = reuseUnchanged(prev, reread);
    expect(same.chains[0]).toBe(prev.chains[0]);
    expect(same.regions[0]).toBe(prev.regions[0]);
    expect(same.sources).toBe(prev.sources);

    const edited = mutable(tinyDataset());
    edited.regions[0].linkStates[0].status = 'strong';
    const next = reuseUnchanged(prev, edited);
    expect(next.chains[0]).toBe(prev.chains[0]);
    expect(next.regions[0]).toBe(edited.regions[0]);
    expect(next.regions[0]!.linkStates[0]!.status).toBe('strong');
    expect(next).toEqual(edited);
  });

  it('takes everything new when there was nothing before', () => {
    const data = tinyDataset();
    expect(reuseUnchanged(undefined, data)).toBe(data);
  });
});

describe('regionSources', () => {
  it('puts first the source the statuses cite, however many records an imported directory adds', () => {
    const data = mutable(tinyDataset());
    data.sources.push({ id: 'directory', title: 'Firm directory', publisher: 'Bureau', date: '2025' });
    const region = data.regions[0];
    for (let i = 0; i < 5; i++)
      region.enterprises.push({
        id: `d${i}`,
        name: { zh: `企${i}`, en: `Firm ${i}` },
        linkIds: ['a'],
        sources: [{ sourceId: 'directory', locator: `row ${i + 2}` }],
      });
    const ranked = regionSources(data.sources, region);
    expect(ranked.map((r) => r.source.id)).toEqual(['src', 'directory']);
    expect(ranked.find((r) => r.source.id === 'directory')?.citations).toBe(5);
  });
});
