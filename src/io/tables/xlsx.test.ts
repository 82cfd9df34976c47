/**
 * Workbooks: exact round trips, sheets named in either language, Excel dates, problems at their
 * sheet, row and column, the fill-in template, and archives that are not workbooks or unpack too big.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../model/patch';
import type { Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import { loadShippedDataset } from '../../store/seed';
import { importBytes } from '../pipeline/importFile';
import { Progress } from '../progress';
import { context, datasetOf, errorsOf, fixture, importFixture, patchOf, warningsOf } from '../testkit';
import { exportXlsx, templateWorkbook } from './xlsx';
import { readWorkbook } from '../syntax/xlsxRead';
import type { SheetData } from '../syntax/xlsxWrite';
import { writeWorkbook } from '../syntax/xlsxWrite';

const shipped: Dataset = await loadShippedDataset();
import { FORMAT_VERSION } from '../../model/types';
const tiny: Dataset = JSON.parse(new TextDecoder().decode(fixture('valid-tiny.json')));
const importWorkbook = (bytes: Uint8Array, current?: Dataset) => importBytes(bytes, context('book.xlsx', current));

/**
 * A ZIP rewritten as Java's ZipOutputStream writes it (Apache POI and EasyExcel, behind many Chinese
 * systems' exports): flag bit 3, zero sizes and CRC in the local headers, a data descriptor after
 * each part's data.
 */
function withDescriptors(zip: Uint8Array): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const parts: Uint8Array[] = [];
  let at = 0;
  const offsets: number[] = [];
  let outLen = 0;
  const cdStart = (() => {
    for (let i = zip.length - 22; i >= 0; i--)
      if (v.getUint32(i, true) === 0x06054b50) return v.getUint32(i + 16, true);
    return -1;
  })();
  while (at < cdStart && v.getUint32(at, true) === 0x04034b50) {
    const nameLen = v.getUint16(at + 26, true),
      extraLen = v.getUint16(at + 28, true);
    const csize = v.getUint32(at + 18, true),
      usize = v.getUint32(at + 22, true),
      crc = v.getUint32(at + 14, true);
    const header = zip.slice(at, at + 30 + nameLen + extraLen);
    const hv = new DataView(header.buffer);
    hv.setUint16(6, hv.getUint16(6, true) | 8, true);
    hv.setUint32(14, 0, true);
    hv.setUint32(18, 0, true);
    hv.setUint32(22, 0, true);
    const data = zip.slice(at + header.length, at + header.length + csize);
    const dd = new Uint8Array(16);
    const dv = new DataView(dd.buffer);
    dv.setUint32(0, 0x08074b50, true);
    dv.setUint32(4, crc, true);
    dv.setUint32(8, csize, true);
    dv.setUint32(12, usize, true);
    offsets.push(outLen);
    parts.push(header, data, dd);
    outLen += header.length + data.length + 16;
    at += header.length + csize;
  }
  // central directory: set flag bit 3 and fix offsets
  const cd = zip.slice(cdStart);
  const cv = new DataView(cd.buffer);
  let p = 0,
    k = 0;
  while (cv.getUint32(p, true) === 0x02014b50) {
    cv.setUint16(p + 8, cv.getUint16(p + 8, true) | 8, true);
    cv.setUint32(p + 42, offsets[k++]!, true);
    p += 46 + cv.getUint16(p + 28, true) + cv.getUint16(p + 30, true) + cv.getUint16(p + 32, true);
  }
  cv.setUint32(p + 16, outLen, true);
  parts.push(cd);
  const out = new Uint8Array(outLen + cd.length);
  let o = 0;
  for (const q of parts) {
    out.set(q, o);
    o += q.length;
  }
  return out;
}

describe('XLSX import', () => {
  it('reads the committed workbook (written by the exporter) into the dataset it was written from', async () => {
    const result = await importFixture('workbook.xlsx');
    expect(errorsOf(result)).toEqual([]);
    expect(datasetOf(result)).toEqual({ ...tiny, format: FORMAT_VERSION });
  });

  it('writes the same bytes every time', () => {
    expect(exportXlsx(tiny)).toEqual(exportXlsx(tiny));
  });

  it('reads a workbook another program wrote: Chinese sheet and headers, date cells, numbers as text', async () => {
    const result = await importFixture('openpyxl-statuses.xlsx', shipped);
    expect(errorsOf(result)).toEqual([]);
    const states = patchOf(result).region!.linkStates!;
    expect(states.map((s) => [s.linkId, s.status, s.asOf, s.capacity])).toEqual([
      ['ni_metal', 'strong', '2024-06-30', { value: 200000, unit: 't/a' }],
      ['li2co3', 'building', '2024', undefined],
      ['cell_lfp', 'present', '2024-H1', { value: 1500, unit: 'GWh/a' }],
    ]);
    expect(states[1]!.sources).toEqual([
      { sourceId: 'import-20261126-openpyxl-statuses-xlsx', locator: 'sheet 环节状态, row 3' },
    ]);
    expect(warningsOf(result)).toContainEqual(expect.objectContaining({ code: 'unknown-sheet', sheet: 'Notes' }));
  });

  it('reads Excel serial numbers in date columns as ISO dates', async () => {
    const book = writeWorkbook([
      {
        name: 'Statuses',
        rows: [
          ['link_id', 'status', 'as_of'],
          ['ni_metal', 'present', 45473],
          ['cell_lfp', 'present', 2023],
        ],
      },
    ]);
    const states = patchOf(await importWorkbook(book, shipped)).region!.linkStates!;
    expect(states.map((s) => s.asOf)).toEqual(['2024-06-30', '2023']);
  });

  it('places problems at sheet, row and column', async () => {
    const book = writeWorkbook([
      {
        name: 'Links',
        rows: [
          ['id', 'name_zh', 'name_en', 'sub_chain', 'stage'],
          ['x1', '甲', 'A', 'raw', 'raw'],
          ['x2', '乙', 'B', 'raw', 'solid'],
        ],
      },
      {
        name: '供应关系',
        rows: [
          ['上游环节', '下游环节'],
          ['x1', 'nowhere'],
        ],
      },
    ]);
    const bad = await importWorkbook(book, shipped);
    expect(errorsOf(bad)).toEqual([
      expect.objectContaining({ code: 'enum', file: 'book.xlsx', sheet: 'Links', row: 3, field: 'stage' }),
    ]);
    const refs = writeWorkbook([
      {
        name: '供应关系',
        rows: [
          ['上游环节', '下游环节'],
          ['ni_ore', 'ni_int'],
          ['ni_ore', 'nowhere'],
        ],
      },
    ]);
    expect(errorsOf(await importWorkbook(refs, shipped))).toEqual([
      expect.objectContaining({
        code: 'unknown-ref',
        sheet: '供应关系',
        row: 3,
        field: '下游环节',
        params: expect.objectContaining({ value: 'nowhere' }),
      }),
    ]);
  });

  it('maps validation problems of a whole-dataset workbook to their rows', async () => {
    const broken = structuredClone(tiny) as any;
    broken.chains[0].edges[1].to = 'zz';
    const result = await importWorkbook(exportXlsx(broken));
    expect(errorsOf(result).map((i) => [i.code, i.sheet, i.row, i.field])).toEqual([['unknown-ref', 'Edges', 3, 'to']]);
    const share = structuredClone(tiny) as any;
    share.regions[0].indicators[0].value.value = 140;
    const result2 = await importWorkbook(exportXlsx(share));
    expect(errorsOf(result2).map((i) => [i.code, i.sheet, i.row, i.field])).toEqual([
      ['out-of-range', 'Indicators', 2, 'value'],
    ]);
  });

  it('gives a blank template: every table with its header, a read-me in both languages with valid examples', async () => {
    const blank = await readWorkbook(templateWorkbook(), 't.xlsx', new Progress({ fileName: 't.xlsx' }));
    for (const s of blank.slice(1)) expect(s.rows.length, s.sheet).toBe(0);
    const book = templateWorkbook('en', { examples: true });
    const sheets = await readWorkbook(book, 't.xlsx', new Progress({ fileName: 't.xlsx' }));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Read me',
      'Sources',
      'SubChains',
      'Links',
      'Edges',
      'Intensities',
      'Statuses',
      'Enterprises',
      'Projects',
      'Indicators',
    ]);
    for (const s of sheets.slice(1)) expect(s.rows.length, s.sheet).toBe(1);
    const readme = sheets[0]!.rows.map((r) => r.cells.join('|')).join('\n');
    expect(readme).toContain('link_id|环节编号');
    expect(readme).toContain('优势/已有/在建/招引中/缺失/未知');
    // Filled in with the read-me's examples, the template adds those records to the shipped data, validly.
    const result = await importWorkbook(book, shipped);
    expect(errorsOf(result)).toEqual([]);
    const merged = applyPatch(shipped, patchOf(result), 'merge');
    expect(validateDataset(merged).ok).toBe(true);
    expect(merged.chains[0]!.links.some((l) => l.id === 'example_link')).toBe(true);
    expect(
      (await readWorkbook(templateWorkbook('zh'), 't.xlsx', new Progress({ fileName: 't.xlsx' })))[3]!.header.slice(
        0,
        3,
      ),
    ).toEqual(['产业链编号', '编号', '中文名称']);
  });

  it('reads a whole chain and region from an empty store', async () => {
    // One region: several do not read back yet (the Focus sheet's region_id; see roundtrip.test.ts).
    const jinchang: Dataset = { ...shipped, regions: [shipped.regions[0]!] };
    const result = await importWorkbook(exportXlsx(jinchang, { headers: 'zh' }));
    expect(datasetOf(result)).toEqual(jinchang);
  });

  it('refuses archives that are not workbooks, broken ones, and ones that unpack too big', async () => {
    expect(errorsOf(await importWorkbook(zipSync({ 'a.txt': strToU8('hello') })))).toEqual([
      expect.objectContaining({ code: 'not-workbook' }),
    ]);
    expect(errorsOf(await importWorkbook(exportXlsx(tiny).slice(0, 3000)))).toEqual([
      expect.objectContaining({ code: 'not-workbook' }),
    ]);
    // A local header that claims 300 MB for one part: refused before anything is inflated.
    const bomb = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    new DataView(bomb.buffer).setUint32(22, 300 * 1048576, true);
    expect(errorsOf(await importWorkbook(bomb))).toEqual([expect.objectContaining({ code: 'too-large-unpacked' })]);
  });

  it('stops a workbook that lies about its unpacked size once the inflated bytes pass the limit', async () => {
    // 64 MB of one character deflate to ~64 KB; both headers then claim the part is 1 KB.
    const big = new Uint8Array(64 * 1048576).fill(0x20);
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': big }, { level: 9 });
    const view = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.length - 4; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 1024, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 1024, true);
    }
    expect(bomb.length).toBeLessThan(300 * 1024);
    const result = await importWorkbook(bomb);
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ code: 'too-large-unpacked', params: { limitMb: expect.any(Number) } }),
    ]);
    // Only up to the limit was inflated (16 MB + 100 × the file's size), not the 64 MB.
    expect((errorsOf(result)[0]!.params.limitMb as number) * 1048576).toBeLessThan(big.length);
  });

  it('reads a workbook whose sizes come after the data (data descriptors), as Java writes it', async () => {
    const result = await importWorkbook(withDescriptors(exportXlsx(tiny)));
    expect(errorsOf(result)).toEqual([]);
    expect(datasetOf(result)).toEqual({ ...tiny, format: FORMAT_VERSION });
  });

  it('reports XML errors inside a part with line and column', async () => {
    const files = unzipSync(exportXlsx(tiny));
    files['xl/worksheets/sheet5.xml'] = strToU8(
      '<?xml version="1.0"?>\n<worksheet>\n  <sheetData><row></sheetData>\n</worksheet>',
    );
    expect(errorsOf(await importWorkbook(zipSync(files)))).toEqual([
      expect.objectContaining({
        code: 'xml-syntax',
        line: 3,
        column: 19,
        params: { part: 'xl/worksheets/sheet5.xml' },
      }),
    ]);
  });

  it('reads a workbook whose number format is a million characters long, as numbers', async () => {
    const files = unzipSync(exportXlsx(tiny));
    const styles = new TextDecoder().decode(files['xl/styles.xml']!);
    const hostile = `<numFmts count="1"><numFmt numFmtId="164" formatCode="[${'m'.repeat(1_000_000)}"/></numFmts>`;
    files['xl/styles.xml'] = strToU8(
      styles.replace('<fonts', `${hostile}<fonts`).replaceAll('<xf numFmtId="0"', '<xf numFmtId="164"'),
    );
    const result = await importWorkbook(zipSync(files));
    expect(errorsOf(result)).toEqual([]);
    expect(datasetOf(result)).toEqual({ ...tiny, format: FORMAT_VERSION });
  });

  it('writes sheets Excel can hold: escapes, numbers, and text that looks like numbers', async () => {
    const sheets: SheetData[] = [
      {
        name: 'Sources',
        rows: [
          ['id', 'title', 'publisher', 'date'],
          ['s1', 'a\u0001b _x0041_ <&> \r\n', '  pad ', '2024'],
        ],
      },
    ];
    const [sheet] = await readWorkbook(writeWorkbook(sheets), 'x.xlsx', new Progress({ fileName: 'x.xlsx' }));
    expect(sheet!.rows[0]!.cells).toEqual(['s1', 'a\u0001b _x0041_ <&> \r\n', '  pad ', '2024']);
  });
});
