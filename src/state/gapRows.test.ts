import { describe, expect, it } from 'vitest';
import { analyseRegion } from '../model/analysis';
import { indexChain } from '../model/graph';
import { loadShippedDataset } from '../store/seed';
import { gapRows, gapTable } from './gapRows';
import { zhCN } from '../i18n/testing';

const shipped = await loadShippedDataset();
const region = shipped.regions[0]!;
const index = indexChain(shipped.chains[0]!);
const analysis = analyseRegion(index, region);

describe('gap rows', () => {
  it('lists the ranked links with names in the chosen language and the status source', () => {
    const rows = gapRows(analysis, index, region, shipped, 'en');
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
    const separator = rows.find((r) => r.linkId === 'separator')!;
    expect(separator).toMatchObject({
      name: 'Separator',
      otherName: '隔膜',
      kind: 'gap',
      status: 'attracting',
      subChain: 'Electrolyte and auxiliaries',
    });
    expect(separator.localBuyers).toEqual(['NCM (ternary) cells', 'LFP cells']);
    expect(separator.source).toBe('甘肃日报 Gansu Daily, “取舍之间的发展智慧”, 2024 · ¶12');
  });

  it('lists the LFP and NCM cathodes to verify, with who could settle it and the reason in words', () => {
    const rows = gapRows(analysis, index, region, shipped, 'en');
    const ncm = rows.find((r) => r.linkId === 'ncm_cam')!;
    const lfp = rows.find((r) => r.linkId === 'lfp_cam')!;
    for (const r of [ncm, lfp]) expect(r).toMatchObject({ kind: 'verify', status: 'unknown' });
    expect(ncm.settle).toBe(
      'Settled by a source naming a local maker of NCM cathode material with its capacity, or by NCM (ternary) cells saying where they buy it.',
    );
    expect(ncm.settleShort).toBe('To verify with its local buyers: NCM (ternary) cells');
    expect(ncm.why).toContain('the focus products need it: NCM (ternary) cells');
    const plain = rows.find((r) => r.kind === 'verify' && !r.localBuyers.length && !r.localInputs.length)!;
    expect(plain.settle).toContain('or saying that it is not made in the region');
    expect(rows.find((r) => r.linkId === 'separator')!.settle).toBe('');
  });

  it('exports a table headed in the language, one row per link', () => {
    const rows = gapRows(analysis, index, region, shipped, 'zh');
    const table = gapTable(rows, 'zh');
    expect(table[0]).toEqual(
      (
        [
          'gaps.col.rank',
          'gaps.col.id',
          'gaps.col.link',
          'gaps.col.otherName',
          'gaps.col.subChain',
          'gaps.col.kind',
          'gaps.col.score',
          'gaps.col.dependents',
          'gaps.col.massShare',
          'gaps.col.localInputs',
          'gaps.col.localBuyers',
          'gaps.col.status',
          'gaps.col.source',
          'gaps.col.why',
          'gaps.col.settle',
          'corridor.column',
        ] as const
      ).map((k) => zhCN[k]),
    );
    expect(table[0]).toContain('依赖此环节的本地环节');
    expect(table).toHaveLength(rows.length + 1);
    const sep = table.find((r) => r[1] === 'separator')!;
    expect(sep.slice(2, 7)).toEqual([
      '隔膜',
      'Separator',
      '电解液及其他辅料',
      '缺链',
      String(rows.find((r) => r.linkId === 'separator')!.score),
    ]);
    expect(sep[10]).toBe('三元锂电池电芯; 磷酸铁锂电芯');
    // No region of the Hexi corridor makes separators: the stronger case to invest.
    expect(sep[15]).toBe('走廊内均无');
  });
});
