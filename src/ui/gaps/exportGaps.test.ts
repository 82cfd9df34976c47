/** The gap list's CSV opens safely in Excel: names from imported data never run as formulas. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../io/csvSyntax';
import { analyseRegion } from '../../model/analysis';
import { indexChain } from '../../model/graph';
import { loadShippedDataset } from '../../store/seed';
import { gapListFile } from './exportGaps';
import { gapRows } from './gapRows';

const shipped = await loadShippedDataset();
const region = shipped.regions[0]!;
const index = indexChain(shipped.chains[0]!);

describe('gap list CSV', () => {
  it('puts a quote before text that would run as a formula, and leaves the numbers alone', async () => {
    const rows = gapRows(analyseRegion(index, region), index, region, shipped, 'en');
    const hostile = rows.map((r, i) => (i === 0 ? { ...r, name: '=1+2', otherName: '@SUM(A1)' } : r));
    const file = gapListFile(hostile, 'csv', 'en', region);
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = (await parseCsv(new TextDecoder().decode(file.bytes))).rows.map((r) => r.cells);
    const [header, first] = [table[0]!, table[1]!];
    expect(first[header.indexOf('Link')]).toBe("'=1+2");
    expect(first[header.indexOf('Name (Chinese)')]).toBe("'@SUM(A1)");
    expect(first[0]).toBe('1');
    expect(Number(first[header.indexOf('Score')])).toBe(hostile[0]!.score);
  });
});
