/**
 * Small hand-made datasets for tests. Not used by the app.
 */
import type { DatasetEdit, EditResult } from './edits';
import type { ChainTemplate, Dataset, Region, SupplyEdge } from './types';
import { FORMAT_VERSION } from './types';
import { mergeDatasets } from './dataset';
import { validateDataset } from './validate';
import batteryChain from '../../seeds/battery-chain.json';
import jinchang from '../../seeds/jinchang.json';

const cite = { sourceId: 'src', locator: '¶1' };

/** A chain whose links are named by `ids`, all in sub-chain `main` at stage `intermediate`. */
export function tinyChain(ids: readonly string[], edges: readonly (readonly [string, string])[]): ChainTemplate {
  return {
    id: 'chain',
    name: { zh: '链', en: 'Chain' },
    subChains: [{ id: 'main', name: { zh: '主', en: 'Main' }, order: 1 }],
    links: ids.map((id) => ({
      id,
      name: { zh: id, en: id },
      subChain: 'main',
      stage: 'intermediate' as const,
      sources: [cite],
    })),
    edges: edges.map(([from, to]): SupplyEdge => ({ from, to, sources: [cite] })),
    sources: [],
  };
}

/** A valid dataset: chain a -> b -> c with a region that has `a` present. Tests break it on purpose. */
export function tinyDataset(): Dataset {
  const region: Region = {
    id: 'r1',
    name: { zh: '区', en: 'Region' },
    chainId: 'chain',
    asOf: '2024',
    linkStates: [{ linkId: 'a', status: 'present', asOf: '2024', sources: [cite] }],
    enterprises: [{ id: 'e1', name: { zh: '企', en: 'Firm' }, linkIds: ['a'], sources: [cite] }],
    projects: [
      {
        id: 'p1',
        name: { zh: '项目', en: 'Project' },
        status: 'building',
        linkIds: ['b'],
        enterpriseIds: ['e1'],
        capacity: { value: 10, unit: 't/a' },
        sources: [cite],
      },
    ],
    indicators: [
      {
        id: 'i1',
        name: { zh: '指标', en: 'Indicator' },
        value: { value: 50, unit: 'percent' },
        period: '2024',
        linkIds: [],
        sources: [cite],
      },
    ],
  };
  return {
    format: FORMAT_VERSION,
    sources: [{ id: 'src', title: 'Source', publisher: 'Publisher', date: '2024' }],
    chains: [
      tinyChain(
        ['a', 'b', 'c'],
        [
          ['a', 'b'],
          ['b', 'c'],
        ],
      ),
    ],
    regions: [region],
  };
}

/** tinyDataset with a second region whose firm supplies r1's firm with link a, and capacities. */
export function tinyFirmsDataset(): Dataset {
  const d = mutable(tinyDataset());
  const cite = { sourceId: 'src', locator: 'row 2' };
  d.regions[0].enterprises[0].linkIds = ['a', 'b'];
  d.regions[0].enterprises[0].capacities = [{ linkId: 'b', capacity: { value: 5, unit: 't/a' }, sources: [cite] }];
  d.regions.push({
    id: 'r2',
    name: { zh: '乙地', en: 'Region 2' },
    chainId: 'chain',
    asOf: '2024',
    linkStates: [],
    enterprises: [
      { id: 'e2', name: { zh: '乙企业有限公司', en: 'Firm 2' }, linkIds: ['a'], sources: [cite] },
      { id: 'e3', name: { zh: '丙企业有限公司', en: 'Firm 3' }, linkIds: ['a'], sources: [cite] },
    ],
    projects: [],
    indicators: [],
  });
  d.regions[0].relations = [
    {
      id: 'rel1',
      supplier: { regionId: 'r2', enterpriseId: 'e2' },
      buyer: { regionId: 'r1', enterpriseId: 'e1' },
      linkId: 'a',
      volume: { value: 300, unit: 't' },
      period: '2024',
      sources: [cite],
    },
  ];
  const checked = validateDataset(d);
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
  return checked.dataset;
}

/** A deep copy that tests can mutate freely. */
export function mutable(dataset: Dataset): any {
  return JSON.parse(JSON.stringify(dataset));
}

/** `v` frozen all the way down, so a test fails loudly if code under test writes to its input. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

/** The edit and dataset of a result that must have succeeded. */
export function ok(result: EditResult): { edit: DatasetEdit; dataset: Dataset } {
  if (!result.ok) throw new Error(`refused: ${result.issues.map((i) => i.message).join('; ')}`);
  return result;
}

/** The issues of a result that must have been refused, as `code@path`. */
export function refusal(result: EditResult): string[] {
  if (result.ok) throw new Error('accepted an invalid edit');
  return result.issues.map((i) => `${i.code}@${i.path}`);
}

/** The shipped chain and the Jinchang region, merged and validated as seeding does (a fresh copy). */
export function shippedDataset(): Dataset {
  const parts = [batteryChain, jinchang].map((p) => structuredClone(p) as unknown as Dataset);
  const result = validateDataset(mergeDatasets(...parts));
  if (!result.ok) throw new Error('the shipped data does not validate');
  return result.dataset;
}
