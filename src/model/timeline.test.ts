import { describe, expect, it } from 'vitest';
import { loadShippedDataset } from '../store/seed';
import { deepFreeze, tinyDataset } from './testing';
import { changesBetween, countsAt, datasetAt, isAskedDate, regionAt } from './timeline';
import type { Dataset, Region } from './types';

const jinchangAt = (ds: Dataset, at: string): Region => datasetAt(ds, at).regions.find((r) => r.id === 'jinchang')!;

/** A region with one link whose state changed, a project with dates and figures at several dates. */
function dated(): Dataset {
  const base = tinyDataset();
  const cite = (sourceId: string) => ({ sourceId, locator: '¶1' });
  const region: Region = {
    ...base.regions[0]!,
    asOf: '2024',
    linkStates: [
      { linkId: 'a', status: 'present', asOf: '2021-05', sources: [cite('old')] },
      { linkId: 'b', status: 'building', asOf: '2023', sources: [cite('src')] },
    ],
    projects: [
      {
        id: 'p1',
        name: { zh: '项目', en: 'Project' },
        status: 'operating',
        linkIds: ['b'],
        enterpriseIds: [],
        dates: { signed: '2022-03', started: '2022-08-03', operating: '2024-02' },
        sources: [cite('src')],
      },
      {
        id: 'p2',
        name: { zh: '二', en: 'Two' },
        status: 'building',
        linkIds: ['c'],
        enterpriseIds: [],
        sources: [cite('src')],
      },
    ],
    indicators: [
      {
        id: 'i22',
        name: { zh: '率', en: 'Share' },
        value: { value: 65, unit: 'percent' },
        period: '2022-06',
        linkIds: [],
        sources: [cite('old')],
      },
      {
        id: 'i23',
        name: { zh: '率', en: 'Share' },
        value: { value: 75, unit: 'percent' },
        period: '2023',
        linkIds: [],
        sources: [cite('src')],
      },
      {
        id: 't30',
        name: { zh: '目标', en: 'Target' },
        value: { value: 90, unit: 'percent' },
        period: '2030',
        linkIds: [],
        sources: [cite('old')],
        target: true,
      },
    ],
  };
  return deepFreeze({
    ...base,
    sources: [...base.sources, { id: 'old', title: 'Old', publisher: 'P', date: '2021-04' }],
    regions: [region],
  });
}

describe('dates a planner asks for', () => {
  it('takes a year, a month or a real day, nothing else', () => {
    for (const ok of ['2022', '2022-06', '2024-02-29']) expect(isAskedDate(ok)).toBe(true);
    for (const bad of ['22', '2022-13', '2023-02-29', '2022-6', '2022-H1', 'soon', ''])
      expect(isAskedDate(bad)).toBe(false);
  });

  it('counts a record from its start up to the end of the date asked', () => {
    expect(countsAt('2022-08-03', '2022-08')).toBe(true);
    expect(countsAt('2022-08-03', '2022-07')).toBe(false);
    expect(countsAt('2024', '2024-01-01')).toBe(true);
    expect(countsAt('2024-H2', '2024-06')).toBe(false);
    expect(countsAt('2024-Q1', '2024-01-15')).toBe(true);
  });
});

describe('datasetAt', () => {
  it('keeps the state at or before the date and leaves later ones unknown', () => {
    const ds = dated();
    expect(datasetAt(ds, '2022').regions[0]!.linkStates.map((s) => s.linkId)).toEqual(['a']);
    expect(datasetAt(ds, '2023').regions[0]!.linkStates.map((s) => s.linkId)).toEqual(['a', 'b']);
    expect(datasetAt(ds, '2021-04').regions[0]!.linkStates).toEqual([]);
  });

  it('gives a project the status of its latest dated step, and says which had not started', () => {
    const ds = dated();
    const status = (at: string) => datasetAt(ds, at).regions[0]!.projects.find((p) => p.id === 'p1')?.status;
    expect(status('2022-02')).toBeUndefined();
    expect(status('2022-03')).toBe('signed');
    expect(status('2022-08-02')).toBe('signed');
    expect(status('2022-08-03')).toBe('building');
    expect(status('2024')).toBe('operating');
    const { later } = regionAt(ds.regions[0]!, '2022-02', new Map(ds.sources.map((s) => [s.id, s])));
    expect(later).toContainEqual({ kind: 'project', id: 'p1', reason: 'not-started', from: '2022-03', step: 'signed' });
  });

  it('shows an undated project from the first date a source reports it', () => {
    const ds = dated();
    const ids = (at: string) => datasetAt(ds, at).regions[0]!.projects.map((p) => p.id);
    expect(ids('2023-12')).not.toContain('p2');
    expect(ids('2024')).toContain('p2');
  });

  it('shows a figure once reported, and a target from its source whatever year it aims at', () => {
    const ds = dated();
    const ids = (at: string) => datasetAt(ds, at).regions[0]!.indicators.map((i) => i.id);
    expect(ids('2021-06')).toEqual(['t30']);
    expect(ids('2022-06')).toEqual(['i22', 't30']);
    expect(ids('2022-12')).toEqual(['i22', 't30']);
    expect(ids('2024')).toEqual(['i22', 'i23', 't30']);
  });

  it('leaves its input alone and the region dated no later than asked', () => {
    const ds = dated();
    expect(datasetAt(ds, '2022-06').regions[0]!.asOf).toBe('2022-06');
    expect(datasetAt(ds, '2030').regions[0]!.asOf).toBe('2024');
  });

  it("on the shipped data: 金车's 18 GWh project is building in 2022-09, not started in 2022-06, the 2023 output not yet reported", async () => {
    const ds = await loadShippedDataset();
    const project = (at: string) => jinchangAt(ds, at).projects.find((p) => p.id === 'jinche-lfp-18gwh');
    expect(project('2022-09')?.status).toBe('building');
    expect(project('2022-06')).toBeUndefined();
    const indicators = (at: string) => jinchangAt(ds, at).indicators.map((i) => i.id);
    expect(indicators('2022-06')).not.toContain('battery-output-2023');
    expect(indicators('2022-06')).toContain('local-supply-share-2022');
    expect(indicators('2024-12')).toContain('battery-output-2023');
  });
});

describe('changesBetween', () => {
  it('lists statuses, projects and figures that changed, each with its sources', () => {
    const ds = dated();
    const changes = changesBetween(ds, 'r1', '2022', '2024');
    expect(changes.map((c) => c.kind)).toEqual(['status', 'project', 'project', 'indicator']);
    expect(changes[0]).toMatchObject({ kind: 'status', linkId: 'b', before: 'unknown', after: 'building' });
    expect(changes[1]).toMatchObject({ kind: 'project', projectId: 'p1', before: 'building', after: 'operating' });
    expect(changes[2]).toMatchObject({ kind: 'project', projectId: 'p2', before: undefined, after: 'building' });
    expect(changes[3]).toMatchObject({ kind: 'indicator', indicatorId: 'i23', reported: '2024' });
    for (const c of changes) expect(c.sources.length).toBeGreaterThan(0);
  });

  it('finds nothing between a date and itself, or for a region it does not know', () => {
    expect(changesBetween(dated(), 'r1', '2023', '2023')).toEqual([]);
    expect(changesBetween(dated(), 'nowhere', '2022', '2024')).toEqual([]);
  });
});
