/** The gap list's CSV opens safely in Excel: names from imported data never run as formulas. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../io/syntax/csvSyntax';
import { analyseRegion } from '../../model/analysis';
import { DEFAULT_RULES } from '../../model/gaps';
import { indexChain } from '../../model/graph';
import { loadShippedDataset } from '../../store/seed';
import { gapListFile } from './exportGaps';
import { gapRows } from '../../state/gapRows';

const shipped = await loadShippedDataset();
const region = shipped.regions[0]!;
const index = indexChain(shipped.chains[0]!);

describe('gap list CSV', () => {
  it('puts a quote before text that would run as a formula, and leaves the numbers alone', async () => {
    const rows = gapRows(analyseRegion(index, region), index, region, shipped, 'en');
    const hostile = rows.map((r, i) => (i === 0 ? { ...r, name: '=1+2', otherName: '@SUM(A1)' } : r));
    const file = gapListFile(hostile, 'csv', 'en', region, DEFAULT_RULES);
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = (await parseCsv(new TextDecoder().decode(file.bytes))).rows.map((r) => r.cells);
    const at = table.findIndex((r) => r[0] === 'Rank');
    const [header, first] = [table[at]!, table[at + 1]!];
    expect(first[header.indexOf('Link')]).toBe("'=1+2");
    expect(first[header.indexOf('Name (Chinese)')]).toBe("'@SUM(A1)");
    expect(first[0]).toBe('1');
    expect(Number(first[header.indexOf('Score')])).toBe(hostile[0]!.score);
  });
});

describe('gap list file', () => {
  it('says above the table what it is, for which region and date, by which rules, and why each link is listed', async () => {
    const rows = gapRows(analyseRegion(index, region), index, region, shipped, 'zh');
    const file = gapListFile(rows, 'csv', 'zh', region, { ...DEFAULT_RULES, assumeUnknownMissing: false }, 2);
    const table = (await parseCsv(new TextDecoder().decode(file.bytes))).rows.map((r) => r.cells);
    expect(table[0]![0]).toContain('缺链清单');
    expect(table[1]).toEqual(['地区', '金昌市']);
    expect(table[2]![0]).toBe('数据截至');
    expect(table[3]![0]).toBe('导出日期');
    expect(table[4]![0]).toBe('规则');
    expect(table[4]![1]).toContain('10,000 t/a');
    expect(table[4]![1]).toContain('未知环节按缺失处理：否');
    expect(table[5]![0]).toContain('假设情景');
    const at = table.findIndex((r) => r[0] === '排名');
    const header = table[at]!;
    const ncm = table.find((r) => r[1] === 'ncm_cam')!;
    expect(ncm[header.indexOf('类型')]).toBe('待核实');
    expect(ncm[header.indexOf('列入原因')]).toContain('重点产品需要它');
    expect(ncm[header.indexOf('核实办法')]).toContain('三元锂电池电芯');
    const separator = table.find((r) => r[1] === 'separator')!;
    expect(separator[header.indexOf('核实办法')]).toBe('');
  });
});
