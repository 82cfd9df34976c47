/**
 * Edits as data on the tiny dataset: each operation's changes and resulting dataset against hand-built
 * expectations, and refusal of invalid edits with the path of the fault. (Deleting links, the shipped
 * data, applying and inverting: editRecords.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  addEdge,
  addEnterprise,
  addIndicator,
  addLink,
  addProject,
  addRegion,
  applyEdit,
  invertEdit,
  editRegion,
  addSource,
  deleteEdge,
  removeEnterprise,
  removeIndicator,
  removeProject,
  detachFromLink,
  renameLink,
  setLinkState,
  updateEdge,
  updateEnterprise,
  updateIndicator,
  updateProject,
} from './edits';
import { deepFreeze, ok, refusal, tinyDataset } from './testing';
import type { Dataset, Enterprise, Indicator, Project } from './types';

const cite = [{ sourceId: 'src', locator: '¶2' }];
const tiny: Dataset = deepFreeze(tinyDataset());

const region = (ds: Dataset) => ds.regions[0]!;
const chain = (ds: Dataset) => ds.chains[0]!;

describe('regions', () => {
  const fields = { id: 'r2', name: { zh: '新区', en: 'New Area' }, chainId: 'chain', asOf: '2026' };

  it('adds a region with every link unknown, and its undo takes it away', () => {
    const { edit, dataset } = ok(addRegion(tiny, fields));
    expect(dataset.regions.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(dataset.regions[1]).toEqual({ ...fields, linkStates: [], enterprises: [], projects: [], indicators: [] });
    expect(edit.label.en).toBe('Add region: New Area');
  });

  it('refuses a taken id, an unknown chain and a bad date, leaving the data as it was', () => {
    expect(refusal(addRegion(tiny, { ...fields, id: 'r1' }))).toEqual(['duplicate-id@regions[1].id']);
    expect(refusal(addRegion(tiny, { ...fields, chainId: 'nope' })).length).toBeGreaterThan(0);
    expect(refusal(addRegion(tiny, { ...fields, asOf: 'soon' })).length).toBeGreaterThan(0);
    expect(tiny.regions).toHaveLength(1);
  });
});

describe('editing a region', () => {
  const focus = { products: ['c'], applications: [], subChains: [], supporting: [], sources: cite };

  it('changes names, date and focus and keeps its records; undo restores it as it was', () => {
    const name = { zh: '金昌市', en: 'Jinchang City' };
    const { edit, dataset } = ok(editRegion(tiny, 'r1', { name, asOf: '2025-06', focus }));
    expect(region(dataset)).toEqual({ ...region(tiny), name, asOf: '2025-06', focus });
    expect(edit.label.en).toBe('Edit region: Jinchang City');
    const back = applyEdit(dataset, invertEdit(edit));
    expect(back).toEqual(tiny);
  });

  it('removes the larger area and the focus when asked, and refuses a focus on a link the chain lacks', () => {
    const withFocus = ok(
      editRegion(tiny, 'r1', { name: region(tiny).name, asOf: '2025', focus, parent: { zh: '甘肃', en: 'Gansu' } }),
    ).dataset;
    const cleared = ok(
      editRegion(withFocus, 'r1', { name: region(tiny).name, asOf: '2025', focus: null, parent: null }),
    ).dataset;
    expect(region(cleared).focus).toBeUndefined();
    expect(region(cleared).parent).toBeUndefined();
    expect(
      refusal(
        editRegion(tiny, 'r1', { name: region(tiny).name, asOf: '2025', focus: { ...focus, products: ['nope'] } }),
      ).length,
    ).toBeGreaterThan(0);
    expect(refusal(editRegion(tiny, 'nope', { name: region(tiny).name, asOf: '2025' })).length).toBeGreaterThan(0);
  });
});

describe('link states', () => {
  it('adds a state after the others', () => {
    const state = { linkId: 'c', status: 'building' as const, asOf: '2025', sources: cite };
    const { edit, dataset } = ok(setLinkState(tiny, 'r1', 'c', { status: 'building', asOf: '2025', sources: cite }));
    expect(edit).toEqual({
      label: { zh: '设置环节状态：c', en: 'Set link state: c' },
      changes: [{ kind: 'linkState', regionId: 'r1', linkId: 'c', after: state }],
    });
    expect(region(dataset).linkStates).toEqual([region(tiny).linkStates[0], state]);
  });

  it('changes a state in place, with capacity and note', () => {
    const fields = {
      status: 'strong' as const,
      capacity: { value: 5000, unit: 't/a' },
      note: { zh: '注', en: 'note' },
      asOf: '2025-06',
      sources: cite,
    };
    const { edit, dataset } = ok(setLinkState(tiny, 'r1', 'a', fields));
    expect(edit.changes).toEqual([
      {
        kind: 'linkState',
        regionId: 'r1',
        linkId: 'a',
        before: region(tiny).linkStates[0],
        after: { linkId: 'a', ...fields },
      },
    ]);
    expect(region(dataset).linkStates).toEqual([{ linkId: 'a', ...fields }]);
  });

  it('removing a state leaves the link unknown; removing none changes nothing', () => {
    const { edit, dataset } = ok(setLinkState(tiny, 'r1', 'a', undefined));
    expect(edit.changes).toEqual([
      { kind: 'linkState', regionId: 'r1', linkId: 'a', before: region(tiny).linkStates[0], index: 0 },
    ]);
    expect(region(dataset).linkStates).toEqual([]);
    expect(ok(setLinkState(tiny, 'r1', 'b', undefined)).edit.changes).toEqual([]);
  });

  it('refuses a status other than unknown without a source, and a negative capacity', () => {
    expect(refusal(setLinkState(tiny, 'r1', 'b', { status: 'present', asOf: '2025', sources: [] }))).toEqual([
      'no-citation@regions[0].linkStates[1].sources',
    ]);
    const negative = { status: 'present' as const, capacity: { value: -1, unit: 't/a' }, asOf: '2025', sources: cite };
    expect(refusal(setLinkState(tiny, 'r1', 'a', negative))).toEqual([
      'negative@regions[0].linkStates[0].capacity.value',
    ]);
    // `unknown` needs no source.
    expect(
      ok(setLinkState(tiny, 'r1', 'b', { status: 'unknown', asOf: '2025', sources: [] })).edit.changes,
    ).toHaveLength(1);
  });

  it('refuses a state for a link or region that does not exist', () => {
    const fields = { status: 'present' as const, asOf: '2025', sources: cite };
    expect(refusal(setLinkState(tiny, 'r1', 'zz', fields))).toEqual(['unknown-ref@regions[0].linkStates[1].linkId']);
    expect(refusal(setLinkState(tiny, 'nowhere', 'a', fields))).toEqual(['unknown-ref@regions']);
  });
});

describe('enterprises, projects and indicators', () => {
  const e2: Enterprise = { id: 'e2', name: { zh: '乙企', en: 'Firm B' }, linkIds: ['b', 'c'], sources: cite };
  const p2: Project = {
    id: 'p2',
    name: { zh: '二期', en: 'Phase 2' },
    status: 'signed',
    linkIds: ['c'],
    enterpriseIds: ['e1'],
    investment: { value: 1e9, unit: 'CNY' },
    dates: { signed: '2024-03' },
    sources: cite,
  };
  const i2: Indicator = {
    id: 'i2',
    name: { zh: '产值', en: 'Output' },
    value: { value: 3e10, unit: 'CNY' },
    period: '2023',
    changePercent: 12.5,
    linkIds: ['c'],
    sources: cite,
  };

  it('adds, updates and removes an enterprise; removing drops it from projects', () => {
    const added = ok(addEnterprise(tiny, 'r1', e2));
    expect(added.edit.changes).toEqual([{ kind: 'enterprise', regionId: 'r1', id: 'e2', after: e2 }]);
    expect(region(added.dataset).enterprises.map((e) => e.id)).toEqual(['e1', 'e2']);

    const e1 = region(tiny).enterprises[0]!;
    const changed = { ...e1, note: { zh: '龙头', en: 'anchor' } };
    expect(ok(updateEnterprise(tiny, 'r1', changed)).edit.changes).toEqual([
      { kind: 'enterprise', regionId: 'r1', id: 'e1', before: e1, after: changed },
    ]);

    const removed = ok(removeEnterprise(tiny, 'r1', 'e1'));
    const p1 = region(tiny).projects[0]!;
    expect(removed.edit.label).toEqual({ zh: '删除企业：企', en: 'Remove enterprise: Firm' });
    expect(removed.edit.changes).toEqual([
      { kind: 'project', regionId: 'r1', id: 'p1', before: p1, after: { ...p1, enterpriseIds: [] } },
      { kind: 'enterprise', regionId: 'r1', id: 'e1', before: e1, index: 0 },
    ]);
    expect(region(removed.dataset).enterprises).toEqual([]);
  });

  it('takes a record that serves several links off one of them, leaving it on the others', () => {
    const withB = ok(addEnterprise(tiny, 'r1', e2)).dataset;
    const detached = ok(detachFromLink(withB, 'enterprise', 'r1', 'e2', 'b'));
    expect(detached.edit.changes).toEqual([
      { kind: 'enterprise', regionId: 'r1', id: 'e2', before: e2, after: { ...e2, linkIds: ['c'] } },
    ]);
    expect(detached.edit.label.en).toMatch(/^Take enterprise off .+: Firm B$/);
    expect(region(detached.dataset).enterprises.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(refusal(detachFromLink(withB, 'project', 'r1', 'p9', 'b'))).toEqual(['unknown-ref@regions[0].projects']);
  });

  it('refuses a duplicate id, an unknown link, and an update of a missing record', () => {
    expect(refusal(addEnterprise(tiny, 'r1', { ...e2, id: 'e1' }))).toEqual([
      'duplicate-id@regions[0].enterprises[1].id',
    ]);
    expect(refusal(addEnterprise(tiny, 'r1', { ...e2, linkIds: ['zz'] }))).toEqual([
      'unknown-ref@regions[0].enterprises[1].linkIds[0]',
    ]);
    expect(refusal(updateEnterprise(tiny, 'r1', e2))).toEqual(['unknown-ref@regions[0].enterprises']);
    expect(refusal(removeProject(tiny, 'r1', 'p9'))).toEqual(['unknown-ref@regions[0].projects']);
  });

  it('adds, updates and removes a project', () => {
    expect(region(ok(addProject(tiny, 'r1', p2)).dataset).projects.map((p) => p.id)).toEqual(['p1', 'p2']);
    const p1 = region(tiny).projects[0]!;
    const running = { ...p1, status: 'operating' as const, dates: { operating: '2025-01' } };
    const updated = ok(updateProject(tiny, 'r1', running));
    expect(updated.edit.changes).toEqual([{ kind: 'project', regionId: 'r1', id: 'p1', before: p1, after: running }]);
    expect(region(ok(removeProject(tiny, 'r1', 'p1')).dataset).projects).toEqual([]);
    expect(refusal(addProject(tiny, 'r1', { ...p2, investment: { value: -5, unit: 'CNY' } }))).toEqual([
      'negative@regions[0].projects[1].investment.value',
    ]);
    expect(refusal(addProject(tiny, 'r1', { ...p2, enterpriseIds: ['e9'] }))).toEqual([
      'unknown-ref@regions[0].projects[1].enterpriseIds[0]',
    ]);
  });

  it('adds, updates and removes an indicator', () => {
    expect(ok(addIndicator(tiny, 'r1', i2)).edit.changes).toEqual([
      { kind: 'indicator', regionId: 'r1', id: 'i2', after: i2 },
    ]);
    const i1 = region(tiny).indicators[0]!;
    const share = { ...i1, value: { value: 62, unit: 'percent' } };
    expect(region(ok(updateIndicator(tiny, 'r1', share)).dataset).indicators).toEqual([share]);
    expect(region(ok(removeIndicator(tiny, 'r1', 'i1')).dataset).indicators).toEqual([]);
    const tooMuch = { ...i1, value: { value: 150, unit: 'percent' } };
    expect(refusal(updateIndicator(tiny, 'r1', tooMuch))).toEqual([
      'out-of-range@regions[0].indicators[0].value.value',
    ]);
  });
});

describe('sources, links and edges', () => {
  it('adds a source, refusing a second with the same id', () => {
    const source = { id: 'yearbook', title: 'Yearbook', publisher: 'Bureau', date: '2024' };
    const { edit, dataset } = ok(addSource(tiny, source));
    expect(edit.changes).toEqual([{ kind: 'source', id: 'yearbook', after: source }]);
    expect(dataset.sources.map((s) => s.id)).toEqual(['src', 'yearbook']);
    expect(refusal(addSource(tiny, { ...source, id: 'src' }))).toEqual(['duplicate-id@sources[1].id']);
  });

  it('adds a link, refusing one in a sub-chain that does not exist', () => {
    const link = { id: 'd', name: { zh: '丁', en: 'D' }, subChain: 'main', stage: 'product' as const, sources: cite };
    expect(chain(ok(addLink(tiny, 'chain', link)).dataset).links.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(refusal(addLink(tiny, 'chain', { ...link, subChain: 'nope' }))).toEqual([
      'unknown-ref@chains[0].links[3].subChain',
    ]);
    expect(refusal(addLink(tiny, 'no-chain', link))).toEqual(['unknown-ref@chains']);
  });

  it('renames a link, keeping its id, and removes aliases and description', () => {
    const renamed = ok(
      renameLink(tiny, 'chain', 'b', {
        name: { zh: '乙', en: 'B' },
        aliases: ['bee'],
        description: { zh: '说明', en: 'about' },
        stage: 'component',
      }),
    );
    const b = chain(renamed.dataset).links[1]!;
    expect(b).toEqual({
      id: 'b',
      name: { zh: '乙', en: 'B' },
      subChain: 'main',
      stage: 'component',
      aliases: ['bee'],
      description: { zh: '说明', en: 'about' },
      sources: [{ sourceId: 'src', locator: '¶1' }],
    });
    const cleared = ok(renameLink(renamed.dataset, 'chain', 'b', { aliases: [], description: null }));
    expect(chain(cleared.dataset).links[1]).toEqual({ ...chain(tiny).links[1], stage: 'component', name: b.name });
    expect(refusal(renameLink(tiny, 'chain', 'b', { stage: 'moon' as never }))).toEqual([
      'enum@chains[0].links[1].stage',
    ]);
    expect(refusal(renameLink(tiny, 'chain', 'zz', { name: { zh: 'x', en: 'x' } }))).toEqual([
      'unknown-ref@chains[0].links',
    ]);
  });

  it('adds, updates and deletes an edge', () => {
    const added = ok(addEdge(tiny, 'chain', { from: 'a', to: 'c', sources: cite }));
    expect(added.edit.label).toEqual({ zh: '添加供应关系：a → c', en: 'Add supply edge: a → c' });
    expect(chain(added.dataset).edges.map((e) => `${e.from}${e.to}`)).toEqual(['ab', 'bc', 'ac']);

    const intensity = { value: 0.66, unit: 'kg/kWh', measure: 'Ni', source: cite[0]! };
    const updated = ok(updateEdge(tiny, 'chain', 'a', 'b', { note: { zh: '注', en: 'n' }, intensities: [intensity] }));
    const ab = chain(tiny).edges[0]!;
    expect(updated.edit.changes).toEqual([
      {
        kind: 'edge',
        chainId: 'chain',
        from: 'a',
        to: 'b',
        before: ab,
        after: { ...ab, note: { zh: '注', en: 'n' }, intensities: [intensity] },
      },
    ]);
    const plain = ok(updateEdge(updated.dataset, 'chain', 'a', 'b', { note: null, intensities: [] }));
    expect(chain(plain.dataset).edges[0]).toEqual(ab);
    // An edge added in two tabs at once, the user keeping theirs: their citation replaces the other.
    const mine = [{ sourceId: cite[0]!.sourceId, locator: 'mine' }];
    const kept = ok(updateEdge(updated.dataset, 'chain', 'a', 'b', { sources: mine }));
    expect(chain(kept.dataset).edges[0]).toEqual({ ...chain(updated.dataset).edges[0], sources: mine });

    const deleted = ok(deleteEdge(tiny, 'chain', 'b', 'c'));
    expect(deleted.edit.changes).toEqual([
      { kind: 'edge', chainId: 'chain', from: 'b', to: 'c', before: chain(tiny).edges[1], index: 1 },
    ]);
    expect(refusal(deleteEdge(tiny, 'chain', 'c', 'a'))).toEqual(['unknown-ref@chains[0].edges']);
  });

  it('refuses an edge to a missing link, a loop and a duplicate', () => {
    expect(refusal(addEdge(tiny, 'chain', { from: 'a', to: 'zz', sources: cite }))).toEqual([
      'unknown-ref@chains[0].edges[2].to',
    ]);
    expect(refusal(addEdge(tiny, 'chain', { from: 'a', to: 'a', sources: cite }))).toEqual([
      'self-loop@chains[0].edges[2].to',
    ]);
    expect(refusal(addEdge(tiny, 'chain', { from: 'a', to: 'b', sources: cite }))).toEqual([
      'duplicate-edge@chains[0].edges[2]',
    ]);
    const negative = { value: -1, unit: 'kg/kWh', source: cite[0]! };
    expect(refusal(updateEdge(tiny, 'chain', 'a', 'b', { intensities: [negative] }))).toEqual([
      'negative@chains[0].edges[0].intensities[0].value',
    ]);
  });
});
