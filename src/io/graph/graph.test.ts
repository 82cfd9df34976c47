/**
 * Graph files: yEd GraphML, Gephi GEXF and Cytoscape.js JSON become chain patches; defaults and
 * slugged ids are reported; syntax errors name line and column.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../model/patch';
import type { Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import { loadShippedDataset } from '../../store/seed';
import { errorsOf, importFixture, importText, patchOf, warningsOf } from '../testkit';

const shipped: Dataset = await loadShippedDataset();

describe('GraphML (yEd)', () => {
  it('reads nodes, yEd labels, groups as sub-chains, key defaults, statuses and edges', async () => {
    const result = await importFixture('yed.graphml');
    expect(errorsOf(result)).toEqual([]);
    const patch = patchOf(result);
    const chain = patch.chain!;
    expect(chain.id).toBe('imported');
    expect(chain.links!.map((l) => [l.id, l.name.zh, l.subChain, l.stage])).toEqual([
      ['n1', '硫酸镍', 'imported', 'raw'],
      ['n2', 'Battery cells', 'imported', 'intermediate'],
      ['n0::n0', '三元前驱体 & more', 'Cathode_materials', 'intermediate'],
      ['n0::n1', '三元正极材料', 'Cathode_materials', 'intermediate'],
    ]);
    expect(chain.subChains!.map((s) => [s.id, s.name.en])).toEqual([
      ['imported', 'Imported'],
      ['Cathode_materials', 'Cathode materials'],
    ]);
    expect(chain.edges!.map((e) => `${e.from}->${e.to}`)).toEqual(['n1->n0::n0', 'n0::n0->n0::n1', 'n0::n1->n2']);
    expect(chain.links![0]!.sources).toEqual([{ sourceId: 'import-20261126-yed-graphml', locator: 'node n1' }]);
    expect(chain.edges![0]!.sources).toEqual([{ sourceId: 'import-20261126-yed-graphml', locator: 'edge n1->n0::n0' }]);
    expect(patch.region!.linkStates!.map((s) => [s.linkId, s.status])).toEqual([
      ['n1', 'strong'],
      ['n0::n0', 'building'],
    ]);
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'default-sub-chain',
        file: 'yed.graphml',
        line: 54,
        column: 5,
        params: { count: 2, ids: 'n1, n2' },
      }),
    );
    expect(validateDataset(applyPatch(undefined, patch, 'merge', '2026-11-26')).ok).toBe(true);
  });

  it('reports XML syntax errors with line and column', async () => {
    const result = await importText(
      '<?xml version="1.0"?>\n<graphml>\n  <graph>\n    <node id="a">\n  </graph>\n</graphml>\n',
      'broken.graphml',
    );
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ code: 'xml-syntax', file: 'broken.graphml', line: 5, column: 3 }),
    ]);
  });

  it('refuses entity expansion (billion laughs) with a clear error', async () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<graphml><graph><node id="x"><data key="d0">&b;</data></node></graph></graphml>';
    expect(errorsOf(await importText(laughs, 'laughs.graphml'))).toEqual([
      expect.objectContaining({ code: 'xml-syntax', line: 3 }),
    ]);
  });

  it('reports an edge to a node that is not in the file at the edge', async () => {
    const text = '<graphml>\n<graph>\n<node id="a"/>\n<edge source="a" target="b"/>\n</graph>\n</graphml>';
    expect(errorsOf(await importText(text, 'g.graphml'))).toEqual([
      expect.objectContaining({ code: 'unknown-ref', line: 4, column: 1, params: { value: 'b', target: 'link' } }),
    ]);
  });
});

describe('GEXF (Gephi)', () => {
  it('reads labels and attvalues, matches sub-chains by name, slugs invalid ids keeping them as aliases', async () => {
    const result = await importFixture('gephi.gexf', shipped);
    expect(errorsOf(result)).toEqual([]);
    const patch = patchOf(result);
    expect(patch.chain!.id).toBe('li-ion-battery');
    expect(patch.chain!.subChains).toEqual([]);
    const [li2co3, lfp] = patch.chain!.links!;
    expect(li2co3).toEqual({
      id: 'Li2CO3_battery_grade',
      name: { zh: '电池级碳酸锂', en: 'Battery-grade lithium carbonate' },
      subChain: 'raw',
      stage: 'intermediate',
      aliases: ['Li2CO3 (battery grade)'],
      sources: [{ sourceId: 'import-20261126-gephi-gexf', locator: 'node Li2CO3 (battery grade)' }],
    });
    expect(lfp!.subChain).toBe('cathode');
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'slugged-id',
        line: 16,
        params: { value: 'Li2CO3 (battery grade)', id: 'Li2CO3_battery_grade' },
      }),
    );
    expect(patch.region!.linkStates!.map((s) => [s.linkId, s.status])).toEqual([
      ['Li2CO3_battery_grade', 'present'],
      ['lfp_cam', 'building'],
    ]);
    expect(patch.chain!.edges).toEqual([expect.objectContaining({ from: 'Li2CO3_battery_grade', to: 'lfp_cam' })]);
    expect(validateDataset(applyPatch(shipped, patch, 'merge')).ok).toBe(true);
  });
});

describe('Cytoscape.js JSON', () => {
  it('reads {elements: {nodes, edges}} with names, lists and notes', async () => {
    const result = await importFixture('cytoscape.json');
    expect(errorsOf(result)).toEqual([]);
    const chain = patchOf(result).chain!;
    expect(chain.links!.map((l) => [l.id, l.name, l.stage, l.aliases])).toEqual([
      ['ore', { zh: '镍矿', en: 'Nickel ore' }, 'raw', undefined],
      ['matte', { zh: '高冰镍', en: '高冰镍' }, 'intermediate', ['matte', 'MHP']],
      ['refined', { zh: 'Refined nickel', en: 'Refined nickel' }, 'intermediate', undefined],
    ]);
    expect(chain.edges![0]).toEqual(
      expect.objectContaining({ from: 'ore', to: 'matte', note: { zh: 'smelting', en: 'smelting' } }),
    );
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'default-stage',
        line: 9,
        column: 7,
        field: 'elements.nodes[2]',
        params: { count: 1, ids: 'refined' },
      }),
    );
  });

  it('reads a bare list and {elements: [...]} alike', async () => {
    const list =
      '[{"data": {"id": "a", "sub_chain": "s", "stage": "raw"}}, {"data": {"id": "b", "sub_chain": "s", "stage": "raw"}}, {"data": {"source": "a", "target": "b"}}]';
    const bare = patchOf(await importText(list, 'g.cyjs'));
    const wrapped = patchOf(await importText(`{"elements": ${list}}`, 'g.cyjs'));
    expect(bare.chain!.edges!.map((e) => e.from + e.to)).toEqual(['ab']);
    expect(wrapped.chain).toEqual(bare.chain);
  });

  it('keeps ids and sub-chains apart when their names slug alike', async () => {
    const node = (id: string, sub: string) => ({ data: { id, sub_chain: sub, stage: 'raw' } });
    const nodes = [
      node('LFP正极', 'LFP正极'),
      node('LFP负极', 'LFP负极'),
      node('LFP', 'LFP正极'),
      node('LFP电池', 'LFP正极'),
    ];
    const chain = patchOf(await importText(JSON.stringify(nodes), 'lfp.cyjs')).chain!;
    expect(chain.links!.map((l) => [l.id, l.aliases, l.subChain])).toEqual([
      ['LFP-2', ['LFP正极'], 'LFP'],
      ['LFP-3', ['LFP负极'], 'LFP-2'],
      ['LFP', undefined, 'LFP'],
      ['LFP-4', ['LFP电池'], 'LFP'],
    ]);
    expect(chain.subChains!.map((s) => [s.id, s.name.zh])).toEqual([
      ['LFP', 'LFP正极'],
      ['LFP-2', 'LFP负极'],
    ]);
  });

  it('names the line of a node without an id, and of a JSON syntax error', async () => {
    const result = await importText('{"elements": {"nodes": [\n  {"data": {"label": "x"}}\n]}}', 'g.json');
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ code: 'required', line: 2, column: 3, field: 'elements.nodes[0].data.id' }),
    ]);
    const syntax = await importText('{"elements": [\n  {"data": {"id": "a"}\n]}', 'g.json');
    expect(errorsOf(syntax)).toEqual([expect.objectContaining({ code: 'json-syntax', line: 3, column: 1 })]);
  });
});
