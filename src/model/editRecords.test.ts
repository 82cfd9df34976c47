/**
 * Deleting a link with what depends on it, edits on the shipped data against hand-built expectations,
 * and applying and inverting edits: the inverse of every edit gives back its input exactly, records in
 * their places.
 */
import { describe, expect, it } from 'vitest';
import { loadShippedDataset } from '../store/seed';
import type { EditResult } from './edits';
import {
  applyEdit,
  deleteEdge,
  deleteLink,
  invertEdit,
  linkDependents,
  removeEnterprise,
  removeProject,
  renameLink,
  setLinkState,
  thenEdit,
  addSource,
  diffDatasets,
} from './edits';
import { deepFreeze, mutable, ok, refusal, tinyDataset } from './testing';
import type { Dataset } from './types';

const cite = [{ sourceId: 'src', locator: '¶2' }];
const tiny: Dataset = deepFreeze(tinyDataset());

const region = (ds: Dataset) => ds.regions[0]!;
const chain = (ds: Dataset) => ds.chains[0]!;

describe('deleting a link', () => {
  /** The tiny dataset with `b` used everywhere a link can be named. */
  function everywhere(): Dataset {
    const ds = mutable(tinyDataset());
    const r = ds.regions[0];
    r.linkStates.push({ linkId: 'b', status: 'building', asOf: '2024', sources: cite });
    r.enterprises[0].linkIds = ['a', 'b'];
    r.indicators[0].linkIds = ['b'];
    r.focus = { products: ['b', 'c'], applications: [], subChains: ['main'], supporting: ['b'], sources: cite };
    return deepFreeze(ds);
  }

  it('lists what the deletion touches, then removes the link with its edges and state and unlinks the rest', () => {
    const ds = everywhere();
    const dependents = [
      { kind: 'edge', chainId: 'chain', from: 'a', to: 'b', effect: 'removed' },
      { kind: 'edge', chainId: 'chain', from: 'b', to: 'c', effect: 'removed' },
      { kind: 'linkState', regionId: 'r1', linkId: 'b', effect: 'removed' },
      { kind: 'enterprise', regionId: 'r1', id: 'e1', effect: 'unlinked' },
      { kind: 'project', regionId: 'r1', id: 'p1', effect: 'unlinked' },
      { kind: 'indicator', regionId: 'r1', id: 'i1', effect: 'unlinked' },
      { kind: 'region', id: 'r1', effect: 'unlinked' },
    ];
    expect(linkDependents(ds, 'chain', 'b')).toEqual(dependents);
    const result = deleteLink(ds, 'chain', 'b');
    expect(result.dependents).toEqual(dependents);
    const { edit, dataset } = ok(result);
    expect(edit.changes.map((c) => [c.kind, c.before !== undefined, c.after !== undefined, c.index])).toEqual([
      ['edge', true, false, 0],
      ['edge', true, false, 0],
      ['linkState', true, false, 1],
      ['enterprise', true, true, undefined],
      ['project', true, true, undefined],
      ['indicator', true, true, undefined],
      ['region', true, true, undefined],
      ['link', true, false, 1],
    ]);
    expect(chain(dataset).links.map((l) => l.id)).toEqual(['a', 'c']);
    expect(chain(dataset).edges).toEqual([]);
    const r = region(dataset);
    expect(r.linkStates.map((s) => s.linkId)).toEqual(['a']);
    expect(r.enterprises[0]!.linkIds).toEqual(['a']);
    expect(r.projects[0]!.linkIds).toEqual([]);
    expect(r.indicators[0]!.linkIds).toEqual([]);
    expect(r.focus).toEqual({ products: ['c'], applications: [], subChains: ['main'], supporting: [], sources: cite });
  });

  it('refuses to delete a link that is not there', () => {
    const result = deleteLink(tiny, 'chain', 'zz');
    expect(refusal(result)).toEqual(['unknown-ref@chains[0].links']);
    expect(result.dependents).toEqual([]);
  });
});

describe('on the shipped data', async () => {
  const shipped = deepFreeze(await loadShippedDataset());
  const jinchang = shipped.regions.find((r) => r.id === 'jinchang')!;

  it('deleting LFP cells takes its 13 edges and its state, and unlinks its firms, projects, indicator and focus', () => {
    const result = deleteLink(shipped, 'li-ion-battery', 'cell_lfp');
    const summary = result.dependents.map((d) =>
      d.kind === 'edge' ? `edge ${d.from}>${d.to}` : `${d.kind} ${'id' in d ? d.id : d.linkId} ${d.effect}`,
    );
    const inputs = ['lfp_cam', 'syn_anode', 'nat_anode', 'electrolyte', 'separator', 'cu_foil', 'al_foil', 'pvdf'];
    // Cans, caps and pouch film go into the format links (cylindrical, prismatic, pouch), not the chemistry.
    const more = ['conductive', 'nmp', 'cmc_sbr', 'tabs'];
    expect(summary).toEqual([
      ...[...inputs, ...more].map((from) => `edge ${from}>cell_lfp`),
      'edge cell_lfp>pack',
      'linkState cell_lfp removed',
      'enterprise jintuo unlinked',
      'enterprise jinche unlinked',
      'project jinche-lfp-2gwh unlinked',
      'project jintuo-lfp-2gwh unlinked',
      'project jinche-lfp-18gwh unlinked',
      'indicator target-cells-2025 unlinked',
      'indicator target-cells-2030 unlinked',
      'indicator cells-under-construction unlinked',
      'region jinchang unlinked',
      // The notes on LFP cells in Jiuquan and Zhangye (status unknown) go with the link.
      'linkState cell_lfp removed',
      'linkState cell_lfp removed',
    ]);
    const { dataset } = ok(result);
    const after = dataset.regions.find((r) => r.id === 'jinchang')!;
    expect(after.focus?.products).toEqual(['cell_ncm', 'cell_cyl', 'cell_prism']);
    expect(after.enterprises.find((e) => e.id === 'jinche')?.linkIds).toEqual([]);
    expect(after.enterprises.find((e) => e.id === 'jintuo')?.linkIds).toEqual(['cell_ncm', 'cell_cyl', 'cell_prism']);
    expect(dataset.chains[0]!.edges).toHaveLength(shipped.chains[0]!.edges.length - 13);
  });

  it('sets the state of a link the source says nothing about', () => {
    const fields = {
      status: 'attracting' as const,
      asOf: '2024',
      sources: [{ sourceId: 'gsdaily-2024-jinchang', locator: '¶12' }],
    };
    const { dataset } = ok(setLinkState(shipped, 'jinchang', 'ni_int', fields));
    const states = dataset.regions[0]!.linkStates;
    expect(states).toHaveLength(jinchang.linkStates.length + 1);
    expect(states.at(-1)).toEqual({ linkId: 'ni_int', ...fields });
    expect(
      refusal(
        setLinkState(shipped, 'jinchang', 'ni_int', { ...fields, sources: [{ sourceId: 'nope', locator: '¶1' }] }),
      ),
    ).toEqual([`unknown-ref@regions[0].linkStates[${jinchang.linkStates.length}].sources[0].sourceId`]);
  });

  it('renames a link and removes an enterprise on the real data', () => {
    const renamed = ok(renameLink(shipped, 'li-ion-battery', 'ncm_pcam', { name: { zh: '前驱体', en: 'pCAM' } }));
    expect(renamed.edit.label).toEqual({ zh: '修改环节：前驱体', en: 'Edit link: pCAM' });
    const removed = ok(removeEnterprise(shipped, 'jinchang', 'jinche'));
    expect(removed.edit.changes.map((c) => `${c.kind} ${'id' in c ? c.id : ''}`)).toEqual([
      'project jinche-lfp-2gwh',
      'project jinche-lfp-18gwh',
      'enterprise jinche',
    ]);
  });
});

describe('applyEdit and invertEdit', async () => {
  const shipped = deepFreeze(await loadShippedDataset());
  const cases: [string, Dataset, () => EditResult][] = [
    ['set a state', tiny, () => setLinkState(tiny, 'r1', 'c', { status: 'missing', asOf: '2024', sources: cite })],
    ['clear a state', tiny, () => setLinkState(tiny, 'r1', 'a', undefined)],
    ['remove an enterprise', tiny, () => removeEnterprise(tiny, 'r1', 'e1')],
    ['delete a middle link', tiny, () => deleteLink(tiny, 'chain', 'b')],
    ['delete a shipped link', shipped, () => deleteLink(shipped, 'li-ion-battery', 'cell_lfp')],
    ['delete a shipped edge', shipped, () => deleteEdge(shipped, 'li-ion-battery', 'ni_int', 'niso4')],
    ['remove a shipped project', shipped, () => removeProject(shipped, 'jinchang', 'jinche-lfp-2gwh')],
    [
      'add a source and cite it, as one step',
      tiny,
      () =>
        thenEdit(addSource(tiny, { id: 'notice', title: 'Notice', publisher: 'Firm' }), (ds) =>
          setLinkState(ds, 'r1', 'c', {
            status: 'building',
            asOf: '2025',
            sources: [{ sourceId: 'notice', locator: 'p. 2' }],
          }),
        ),
    ],
  ];

  it.each(cases)('%s: applying gives the result, and the inverse gives back the input exactly', (_name, input, run) => {
    const { edit, dataset } = ok(run());
    expect(applyEdit(input, edit)).toEqual(dataset);
    const undone = applyEdit(dataset, invertEdit(edit));
    expect(undone).toEqual(input);
    // Order matters too: the undo puts records back where they stood.
    expect(JSON.stringify(undone)).toBe(JSON.stringify(input));
    expect(applyEdit(undone, edit)).toEqual(dataset);
  });

  it('takes a two-step edit under its second label, or refuses it whole', () => {
    const source = { id: 'notice', title: 'Notice', publisher: 'Firm' };
    const both = ok(
      thenEdit(addSource(tiny, source), (ds) =>
        setLinkState(ds, 'r1', 'c', {
          status: 'building',
          asOf: '2025',
          sources: [{ sourceId: 'notice', locator: 'p. 2' }],
        }),
      ),
    );
    expect(both.edit.label).toEqual(
      ok(setLinkState(tiny, 'r1', 'c', { status: 'building', asOf: '2025', sources: cite })).edit.label,
    );
    expect(both.edit.changes.map((c) => c.kind)).toEqual(['source', 'linkState']);
    const refused = thenEdit(addSource(tiny, source), (ds) =>
      setLinkState(ds, 'r1', 'nope', { status: 'building', asOf: '2025', sources: cite }),
    );
    expect(refused.ok).toBe(false);
  });

  it('refuses to apply an edit to data that is not what it was made on', () => {
    const { edit } = ok(setLinkState(tiny, 'r1', 'a', undefined));
    const other = ok(setLinkState(tiny, 'r1', 'a', { status: 'strong', asOf: '2025', sources: cite })).dataset;
    expect(() => applyEdit(other, edit)).toThrow(/the state of link "a" in region "r1"/);
  });
});

describe('the difference between two datasets', () => {
  it('lists each added, changed and removed record once, and applying it turns the first into the second', () => {
    const label = { zh: '导入', en: 'Import' };
    const { edit, dataset: next } = ok(
      thenEdit(setLinkState(tiny, 'r1', 'c', { status: 'building', asOf: '2025', sources: cite }), (ds) =>
        removeEnterprise(ds, 'r1', 'e1'),
      ),
    );
    const diff = diffDatasets(tiny, next, label);
    expect(diff.label).toBe(label);
    // The same records the edit changed (removing a firm also unlinks what named it), each once.
    const refs = (changes: readonly object[]) =>
      changes.map((c) => JSON.stringify({ ...c, before: undefined, after: undefined, index: undefined })).sort();
    expect(refs(diff.changes)).toEqual([...new Set(refs(edit.changes))]);
    const added = diff.changes.find((c) => c.kind === 'linkState');
    expect(added?.before).toBeUndefined();
    expect(added?.after).toMatchObject({ status: 'building' });
    const removed = diff.changes.find((c) => c.kind === 'enterprise');
    expect(removed?.before).toMatchObject({ id: 'e1' });
    expect(removed?.after).toBeUndefined();
    expect(diffDatasets(tiny, tiny, label).changes).toEqual([]);
    // Applied to the first dataset, the records come out as in the second.
    const applied = applyEdit(tiny, diff);
    expect(region(applied).linkStates).toEqual(region(next).linkStates);
    expect(region(applied).enterprises).toEqual(region(next).enterprises);
  });
});
