/**
 * The gap engine on the shipped Jinchang data: what an investment officer would check first.
 */
import { describe, expect, it } from 'vitest';
import { analyseRegion, compareAnalyses } from '../model/analysis';
import { indexChain } from '../model/graph';
import { applyScenario } from '../model/scenario';
import { loadShippedDataset } from './seed';

const shipped = await loadShippedDataset();
const jinchang = shipped.regions.find((r) => r.id === 'jinchang')!;
const index = indexChain(shipped.chains.find((c) => c.id === jinchang.chainId)!);
const analysis = analyseRegion(index, jinchang);
const kind = (id: string) => analysis.gaps.assessments.get(id)?.kind;

describe('Jinchang gaps', () => {
  it('finds separators and carbonate solvents as gaps being attracted', () => {
    for (const id of ['separator', 'cyc_carb', 'lin_carb']) {
      expect(analysis.gaps.assessments.get(id), id).toMatchObject({ kind: 'gap', status: 'attracting', needed: true });
    }
    const top = analysis.gaps.ranked.filter((a) => a.kind === 'gap').map((a) => a.linkId);
    expect(top.sort()).toEqual(['cyc_carb', 'lin_carb', 'separator']);
  });

  it('does not make pouch film a gap of the 18650 and prismatic cells: only pouch cells use it', () => {
    // Being attracted, but no focus product needs it and no local link makes or buys what it touches.
    expect(index.outputs.get('pouch_film')).toEqual(['cell_pouch']);
    expect(analysis.gaps.assessments.get('pouch_film')).toMatchObject({
      kind: 'outside',
      status: 'attracting',
      needed: false,
      localBuyers: [],
    });
  });

  it('does not call nickel, cobalt, copper or the ternary precursor gaps', () => {
    for (const id of ['ni_metal', 'co_refined', 'cu', 'niso4', 'coso4', 'ncm_pcam'])
      expect(kind(id), id).not.toBe('gap');
    // Present at 250,000 t/yr: at scale by capacity, though no source names an anchor firm.
    expect(kind('ni_metal')).toBe('strong');
    expect(analysis.gaps.assessments.get('ni_metal')?.status).toBe('present');
    expect(kind('ncm_pcam')).toBe('weak');
  });

  it('ranks separators above the solvents: the cells that use them are already made locally', () => {
    const order = analysis.gaps.ranked.map((a) => a.linkId);
    expect(analysis.gaps.assessments.get('separator')?.localBuyers).toEqual(['cell_ncm', 'cell_lfp']);
    expect(analysis.gaps.assessments.get('lin_carb')?.localBuyers).toEqual([]);
    expect(order.indexOf('separator')).toBeLessThan(order.indexOf('lin_carb'));
    expect(order.indexOf('separator')).toBeLessThan(order.indexOf('cyc_carb'));
  });

  it('measures local supply of NCM and LFP cells from the template, apart from the reported 77%', () => {
    const ncm = analysis.supply.find((s) => s.productId === 'cell_ncm')!;
    const lfp = analysis.supply.find((s) => s.productId === 'cell_lfp')!;
    expect(ncm.chemistry).toBe('NMC811');
    expect(lfp.chemistry).toBe('LFP');
    expect(ncm.byCount.low).toBeGreaterThan(0);
    expect(ncm.byCount.high).toBeLessThanOrEqual(1);
    expect(lfp.byMass?.inputs).toBeGreaterThan(2);
    // The formats Jinchang's cells come in are focus products too: their cans and caps are needed.
    expect(analysis.supply.map((s) => s.productId)).toEqual([
      'cell_ncm',
      'cell_lfp',
      'cell_cyl',
      'cell_prism',
      'ess',
      'ev',
      'consumer',
    ]);
    expect(analysis.gaps.needed.has('case_cap')).toBe(true);
    expect(analysis.gaps.needed.has('pouch_film')).toBe(false);
  });

  it('finishing the 18 GWh LFP project raises LFP cell capacity to 20 GWh/yr and clears its low-capacity flag', () => {
    const before = analysis.gaps.assessments.get('cell_lfp')!;
    expect(before.reasons).toContain('low-capacity');
    const what = applyScenario(jinchang, [{ kind: 'project', projectId: 'jinche-lfp-18gwh', action: 'complete' }]);
    expect(what.linkStates.find((s) => s.linkId === 'cell_lfp')?.capacity).toEqual({ value: 20, unit: 'GWh/a' });
    const after = analyseRegion(index, what);
    expect(after.gaps.assessments.get('cell_lfp')?.reasons).not.toContain('low-capacity');
    // Two firms are named on it (金车储能 by the article, 金拓锂电 by the reference notes), so at 20 GWh/yr
    // nothing keeps it weak.
    expect(before.reasons).toEqual(['low-capacity']);
    expect(after.gaps.assessments.get('cell_lfp')).toMatchObject({ kind: 'strong', reasons: ['local'] });
    expect(compareAnalyses(analysis, after).completeness.after).toBe(
      compareAnalyses(analysis, after).completeness.before,
    );
    expect(jinchang.linkStates.find((s) => s.linkId === 'cell_lfp')?.capacity).toEqual({ value: 2, unit: 'GWh/a' });
  });

  it('finishing the 70,000 t precursor project adds its capacity; the precursor stays weak, Jinchuan alone makes it', () => {
    const what = applyScenario(jinchang, [{ kind: 'project', projectId: 'jinchuan-pcam-70kt', action: 'complete' }]);
    const after = analyseRegion(index, what);
    const diff = compareAnalyses(analysis, after);
    // Already made locally (the reference notes), so completing the project changes capacity, not completeness.
    expect(analysis.gaps.assessments.get('ncm_pcam')?.reasons).toEqual(['single-enterprise']);
    expect(what.linkStates.find((s) => s.linkId === 'ncm_pcam')?.capacity).toEqual({ value: 70000, unit: 't/a' });
    expect(after.gaps.assessments.get('ncm_pcam')?.reasons).toEqual(['single-enterprise']);
    expect(diff.completeness.after).toBe(diff.completeness.before);
  });

  it('finishing the copper-foil project makes the foil local and raises completeness and NCM cell supply', () => {
    const after = analyseRegion(
      index,
      applyScenario(jinchang, [{ kind: 'project', projectId: 'jinchuan-cu-foil-30kt', action: 'complete' }]),
    );
    const diff = compareAnalyses(analysis, after);
    expect(analysis.gaps.assessments.get('cu_foil')).toMatchObject({ kind: 'weak', reasons: ['building'] });
    // Local now, and Jinchuan alone makes it.
    expect(after.gaps.assessments.get('cu_foil')?.reasons).toEqual(['single-enterprise']);
    expect(diff.completeness.after).toBeGreaterThan(diff.completeness.before);
    expect(diff.supply.find((s) => s.productId === 'cell_ncm')!.after).toBeGreaterThan(
      diff.supply.find((s) => s.productId === 'cell_ncm')!.before,
    );
  });
});
