/**
 * Files as Excel, WPS, yEd and Gephi really write them: the parts and quirks those programs produce
 * (merged cells, month-only date formats, `sep=;`, ANSI code pages, nested GEXF nodes, yEd's HTML
 * labels), each built byte for byte as the program writes it.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../model/types';
import { loadShippedDataset } from '../../store/seed';
import { issuePlace, issueWhat } from '../../ui/import/issueText';
import { Progress } from '../progress';
import { dateShown, readWorkbook } from '../syntax/xlsxRead';
import { importBytes } from './importFile';
import {
  context,
  encodeLegacy,
  errorsOf,
  excelWorkbook,
  importFixture,
  mergedSubChainWorkbook,
  patchOf,
  sharedRow,
} from '../testkit';

const shipped: Dataset = await loadShippedDataset();

describe('Excel and WPS workbooks', () => {
  it('fills a sub-chain merged down its links (mergeCells), so every row has it', async () => {
    const book = mergedSubChainWorkbook();
    const result = await importBytes(book, context('企业环节.xlsx', shipped));
    expect(errorsOf(result)).toEqual([]);
    const links = patchOf(result).chain!.links!;
    expect(links.map((l) => [l.id, l.subChain])).toEqual([
      ['x_a', 'anode'],
      ['x_b', 'anode'],
      ['x_c', 'anode'],
    ]);
  });

  it('keeps a month-only date (2024年6月, Jun-24) as 2024-06, and a full date as the day', async () => {
    const strings = ['环节编号', '状态', '数据日期', 'ni_metal', '优势', 'li2co3', '在建', 'cell_lfp', '已有', 'niso4'];
    // 45444 is 2024-06-01: what Excel stores when 2024年6月 is typed into a cell.
    const dateRow = (r: number, link: number, status: number, style: number, serial: number) =>
      `<row r="${r}"><c r="A${r}" t="s"><v>${link}</v></c><c r="B${r}" t="s"><v>${status}</v></c><c r="C${r}" s="${style}"><v>${serial}</v></c></row>`;
    const rows = [
      sharedRow(1, [0, 1, 2]),
      dateRow(2, 3, 4, 1, 45444), // custom yyyy"年"m"月"
      dateRow(3, 5, 6, 2, 45444), // built-in 57, Chinese Excel's 年月
      dateRow(4, 7, 8, 3, 45444), // built-in 17, mmm-yy
      dateRow(5, 9, 8, 4, 45473), // built-in 14, a full date
    ].join('');
    const book = excelWorkbook('环节状态', rows, {
      strings,
      numFmts: '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;;@"/></numFmts>',
      xfs: [176, 57, 17, 14].map(
        (id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      ),
    });
    const result = await importBytes(book, context('状态.xlsx', shipped));
    expect(errorsOf(result)).toEqual([]);
    const states = patchOf(result).region!.linkStates!;
    expect(states.map((s) => [s.linkId, s.asOf])).toEqual([
      ['ni_metal', '2024-06'],
      ['li2co3', '2024-06'],
      ['cell_lfp', '2024-06'],
      ['niso4', '2024-06-30'],
    ]);
  });
});

describe('a table under a group header (two header rows, merged across columns)', () => {
  // 基本信息 over 地区 and 环节, 产能情况 over 产能 and 产能单位, each merged across its two columns;
  // 企业名称 written in the upper row, merged down over both (as Excel users do), or left in it alone.
  const strings = ['企业名称', '基本信息', '产能情况', '地区', '环节', '产能', '产能单位', '金昌示例新材料有限公司'];
  strings.push('金昌市', '镍矿', 't/a');
  const rows = [
    sharedRow(1, [0, 1, null, 2, null]),
    sharedRow(2, [null, 3, 4, 5, 6]),
    `<row r="3" spans="1:5"><c r="A3" t="s"><v>7</v></c><c r="B3" t="s"><v>8</v></c><c r="C3" t="s"><v>9</v></c><c r="D3"><v>50000</v></c><c r="E3" t="s"><v>10</v></c></row>`,
  ].join('');
  const groups = '<mergeCell ref="B1:C1"/><mergeCell ref="D1:E1"/>';

  for (const [how, merges] of [
    ['merged down', `<mergeCells count="3"><mergeCell ref="A1:A2"/>${groups}</mergeCells>`],
    ['in the upper row alone', `<mergeCells count="2">${groups}</mergeCells>`],
  ] as const) {
    it(`reads the columns from the lower row, a column named ${how} from the upper`, async () => {
      const book = excelWorkbook('企业名录', rows, { strings, after: merges });
      const result = await importBytes(book, context('企业名录.xlsx', shipped));
      expect(errorsOf(result)).toEqual([]);
      const firms = patchOf(result).firms!.find((r) => r.id === 'jinchang')!.enterprises!;
      expect(firms.map((e) => [e.name.zh, e.linkIds, e.capacities?.map((c) => c.capacity)])).toEqual([
        ['金昌示例新材料有限公司', ['ni_ore'], [{ value: 50000, unit: 't/a' }]],
      ]);
    });
  }
});

describe('CSV files as Excel and WPS save them', () => {
  it('reads the delimiter from Excel’s sep=; first line, and numbers rows as Excel does', async () => {
    const text = 'sep=;\r\nlink_id;status;note_zh\r\nni_metal;present;镍, 铜\r\nli2co3;building;碳酸锂\r\n';
    const result = await importBytes(new TextEncoder().encode(text), context('statuses.csv', shipped));
    expect(errorsOf(result)).toEqual([]);
    const states = patchOf(result).region!.linkStates!;
    expect(states.map((s) => [s.linkId, s.status, s.note?.zh])).toEqual([
      ['ni_metal', 'present', '镍, 铜'],
      ['li2co3', 'building', '碳酸锂'],
    ]);
    // The sep line is not a row: the first data row is row 2, on line 3.
    expect(states[1]!.sources[0]!.locator).toBe('row 3');
  });

  it('reads a GBK file whose Chinese happens to be valid UTF-8 (石墨) as GBK, not as mojibake', async () => {
    const bytes = encodeLegacy('link_id,status,note_zh\r\nnat_graphite,present,石墨\r\n', 'gbk');
    // The bytes are valid UTF-8 too: CA AF C4 AB reads as "ʯī".
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toContain('ʯī');
    const result = await importBytes(bytes, context('石墨.csv', shipped));
    expect(errorsOf(result)).toEqual([]);
    expect(result.encoding).toBe('gb18030');
    expect(patchOf(result).region!.linkStates![0]!.note?.zh).toBe('石墨');
    // The other readings are offered, each with the line as it reads then; no question is asked.
    expect(result.encodingChoice).toEqual({
      uncertain: false,
      readings: [
        { encoding: 'gb18030', sample: 'nat_graphite,present,石墨' },
        { encoding: 'utf-8', sample: 'nat_graphite,present,ʯī' },
        { encoding: 'big5', sample: expect.not.stringContaining('石墨') },
      ],
    });
  });

  it('reads a Chinese GBK file (Excel on mainland Windows) as GBK, without asking', async () => {
    const text =
      '环节编号,状态,中文备注\r\nni_metal,优势,镍铜钴资源，电解镍产能居全国前列\r\nli2co3,在建,电池级碳酸锂项目\r\n';
    const result = await importBytes(encodeLegacy(text, 'gbk'), context('状态.csv', shipped));
    expect(errorsOf(result)).toEqual([]);
    expect(result.encoding).toBe('gb18030');
    expect(result.encodingChoice?.uncertain ?? false).toBe(false);
    expect(patchOf(result).region!.linkStates!.map((s) => s.note?.zh)).toEqual([
      '镍铜钴资源，电解镍产能居全国前列',
      '电池级碳酸锂项目',
    ]);
  });

  it('reads a Big5 file (Excel in Taiwan or Hong Kong) as Big5, not as wrong GBK characters', async () => {
    const text =
      'link_id,status,note_zh\r\nni_metal,strong,鎳銅鈷資源，電解鎳產能居全國前列\r\nli2co3,building,電池級碳酸鋰項目\r\n';
    const result = await importBytes(encodeLegacy(text, 'big5'), context('status-big5.csv', shipped));
    expect(errorsOf(result)).toEqual([]);
    expect(result.encoding).toBe('big5');
    expect(patchOf(result).region!.linkStates!.map((s) => s.note?.zh)).toEqual([
      '鎳銅鈷資源，電解鎳產能居全國前列',
      '電池級碳酸鋰項目',
    ]);
  });

  it('asks when the text is plausible in two encodings, and reads the one the user chooses', async () => {
    // UTF-8 "±5%" is also valid GBK ("卤5%"): nothing in the file tells which was meant.
    const bytes = new TextEncoder().encode('link_id,status,note_en\r\nni_metal,present,±5%\r\n');
    const asked = await importBytes(bytes, context('m.csv', shipped));
    expect(asked.encodingChoice).toEqual({
      uncertain: true,
      readings: [
        { encoding: 'utf-8', sample: 'ni_metal,present,±5%' },
        { encoding: 'gb18030', sample: 'ni_metal,present,卤5%' },
        expect.objectContaining({ encoding: 'big5' }),
      ],
    });
    const chosen = await importBytes(bytes, context('m.csv', shipped, { encoding: 'utf-8' }));
    expect(chosen.encodingChoice?.uncertain).toBe(false);
    expect(patchOf(chosen).region!.linkStates![0]!.note).toMatchObject({ en: '±5%' });
    const gbk = await importBytes(bytes, context('m.csv', shipped, { encoding: 'gb18030' }));
    expect(gbk.encoding).toBe('gb18030');
    expect(patchOf(gbk).region!.linkStates![0]!.note).toMatchObject({ en: '卤5%' });
  });

  it('refuses an encoding the bytes are not valid in, with the reason', async () => {
    const bytes = encodeLegacy('link_id,status,note_zh\r\nni_metal,present,镍\r\n', 'gbk');
    const result = await importBytes(bytes, context('n.csv', shipped, { encoding: 'utf-8' }));
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ code: 'wrong-encoding', params: { encoding: 'utf-8' } }),
    ]);
    expect(issueWhat(errorsOf(result)[0]!, 'zh')).toBe('文件不是有效的 utf-8 文本，请选择其他编码。');
  });
});

describe('graph files as yEd and Gephi write them', () => {
  it('reads yEd HTML labels (escaped or in CDATA) as the text they show', async () => {
    const result = await importFixture('yed-html-labels.graphml');
    expect(errorsOf(result)).toEqual([]);
    const chain = patchOf(result).chain!;
    expect(chain.links!.map((l) => [l.id, l.name.zh, l.name.en])).toEqual([
      ['n0', '电芯', '电芯'],
      ['n1', '动力电池 Pack & module', '动力电池 Pack & module'],
    ]);
    expect(chain.edges!.map((e) => `${e.from}->${e.to}`)).toEqual(['n0->n1']);
  });

  it('reads a GEXF hierarchy (nested nodes and pid): parents become the sub-chains of their nodes', async () => {
    const result = await importFixture('gephi-hierarchy.gexf');
    expect(errorsOf(result)).toEqual([]);
    const chain = patchOf(result).chain!;
    expect(chain.links!.map((l) => [l.id, l.name.zh, l.stage])).toEqual([
      ['pcam', '三元前驱体', 'intermediate'],
      ['ncm', '三元正极材料', 'intermediate'],
      ['lfp_cell', '磷酸铁锂电芯', 'component'],
      ['ncm_cell', '三元电芯', 'intermediate'],
    ]);
    const subChainName = (id: string) =>
      chain.subChains!.find((s) => s.id === chain.links!.find((l) => l.id === id)!.subChain)?.name.zh;
    expect(['pcam', 'ncm', 'lfp_cell', 'ncm_cell'].map(subChainName)).toEqual([
      '正极材料',
      '正极材料',
      '电池电芯',
      '电池电芯',
    ]);
    expect(chain.edges!.map((e) => `${e.from}->${e.to}`)).toEqual(['pcam->ncm', 'ncm->ncm_cell']);
  });

  it('reads GEXF list values, [a, b] as Gephi writes them and a|b as GEXF 1.2 does', async () => {
    const chain = patchOf(await importFixture('gephi-hierarchy.gexf')).chain!;
    expect(chain.links!.find((l) => l.id === 'pcam')!.aliases).toEqual(['NCM前驱体', 'pCAM']);
    expect(chain.links!.find((l) => l.id === 'ncm')!.aliases).toEqual(['NCM', '三元材料']);
  });
});

/** An Excel 97–2003 workbook: an OLE compound file (CFB v3) holding a BIFF8 `Workbook` stream. */
function compoundFile(): Uint8Array {
  const sector = 512;
  const out = new Uint8Array(sector * 4);
  const v = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(24, 0x3e, true); // minor version
  v.setUint16(26, 3, true); // major version 3: 512-byte sectors
  v.setUint16(28, 0xfffe, true); // byte order
  v.setUint16(30, 9, true); // sector shift
  v.setUint16(32, 6, true); // mini sector shift
  v.setUint32(44, 1, true); // FAT sectors
  v.setUint32(48, 1, true); // first directory sector
  v.setUint32(56, 0x1000, true); // mini stream cutoff
  v.setUint32(60, 0xfffffffe, true); // no mini FAT
  v.setUint32(68, 0xfffffffe, true); // no DIFAT sectors
  for (let i = 76; i < sector; i += 4) v.setUint32(i, 0xffffffff, true);
  v.setUint32(76, 0, true); // the FAT is sector 0
  // FAT (sector 0): itself, the directory, the workbook stream.
  const fat = sector;
  for (let i = 0; i < 128; i++) v.setUint32(fat + i * 4, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true);
  v.setUint32(fat + 4, 0xfffffffe, true);
  v.setUint32(fat + 8, 0xfffffffe, true);
  // Directory (sector 1): Root Entry and Workbook.
  const entry = (at: number, name: string, type: number, start: number, size: number) => {
    for (let i = 0; i < name.length; i++) v.setUint16(at + i * 2, name.charCodeAt(i), true);
    v.setUint16(at + 64, (name.length + 1) * 2, true);
    out[at + 66] = type;
    out[at + 67] = 1;
    v.setUint32(at + 68, 0xffffffff, true);
    v.setUint32(at + 72, 0xffffffff, true);
    v.setUint32(at + 76, type === 5 ? 1 : 0xffffffff, true);
    v.setUint32(at + 116, start, true);
    v.setUint32(at + 120, size, true);
  };
  entry(sector * 2, 'Root Entry', 5, 0xfffffffe, 0);
  entry(sector * 2 + 128, 'Workbook', 2, 2, sector);
  // Workbook stream (sector 2): a BIFF8 BOF record.
  out.set([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07], sector * 3);
  return out;
}

describe('spreadsheets ChainAtlas does not read', () => {
  it('asks to save an .xls, .et or .ods file as .xlsx, in both languages, and stores nothing', async () => {
    const xls = await importBytes(compoundFile(), context('企业名录.xls', shipped));
    expect(xls.ok).toBe(false);
    expect(errorsOf(xls)).toEqual([expect.objectContaining({ code: 'save-as-xlsx', params: { kind: 'xls' } })]);
    const et = await importBytes(compoundFile(), context('企业名录.et', shipped));
    expect(errorsOf(et)).toEqual([expect.objectContaining({ code: 'save-as-xlsx', params: { kind: 'et' } })]);
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'META-INF/manifest.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
      ),
      'content.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Links"><table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>',
      ),
    });
    // Renamed to .xlsx, it is still recognised by its content.
    const odsResult = await importBytes(ods, context('links.xlsx', shipped));
    expect(errorsOf(odsResult)).toEqual([expect.objectContaining({ code: 'save-as-xlsx', params: { kind: 'ods' } })]);
    for (const lang of ['en', 'zh'] as const) {
      const text = issueWhat(errorsOf(xls)[0]!, lang);
      expect(text).toContain(lang === 'zh' ? 'Excel 97–2003 工作簿（.xls）' : 'an Excel 97–2003 workbook (.xls)');
      expect(text).toContain(lang === 'zh' ? '另存为 Excel 工作簿（.xlsx）' : 'save it as an Excel workbook (.xlsx)');
    }
  });
});

describe('the same problem on many rows', () => {
  it('is one message with its count and first rows, in both languages, not one per row', async () => {
    // A list of 2,000 rows whose source column names a source that is not stored.
    const rows = ['id,name_zh,name_en,sub_chain,stage,source_id,locator'];
    for (let i = 0; i < 2000; i++) rows.push(`x${i},环节${i},Link ${i},负极材料,中间品,yearbook-2024,p. ${i}`);
    const result = await importBytes(new TextEncoder().encode(rows.join('\r\n')), context('名录.csv', shipped));
    expect(result.ok).toBe(false);
    const errors = errorsOf(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'unknown-ref',
      field: 'source_id',
      params: { value: 'yearbook-2024' },
      repeated: { count: 2000, rows: [2, 3, 4, 5, 6] },
    });
    expect(errors[0]!.message).toContain('on 2000 rows (2, 3, 4, 5, 6, …)');
    expect(issuePlace(errors[0]!, 'en')).toBe('名录.csv, on 2,000 rows (2, 3, 4, 5, 6, …), “source_id”');
    expect(issuePlace(errors[0]!, 'zh')).toBe('名录.csv，共 2,000 行（第 2、3、4、5、6…… 行），“source_id”');
  });

  it('keeps problems apart when they differ in value or column, and a few alike as they are', async () => {
    const text = 'link_id,status\r\nni_metal,solid\r\nli2co3,solid\r\nlioh,liquid\r\n';
    const result = await importBytes(new TextEncoder().encode(text), context('s.csv', shipped));
    const errors = errorsOf(result);
    expect(errors.map((e) => [e.code, e.row, e.repeated])).toEqual([
      ['enum', 2, undefined],
      ['enum', 3, undefined],
      ['enum', 4, undefined],
    ]);
  });
});

describe('a title above the table', () => {
  it('is skipped: the header is the row below it, and rows keep the numbers Excel shows', async () => {
    // Row 1: 2024年金昌市环节状态 merged across A1:C1; row 2 the header; rows 3–4 the data.
    const strings = [
      '2024年金昌市环节状态',
      '环节编号',
      '状态',
      '中文备注',
      'ni_metal',
      '优势',
      '镍',
      'li2co3',
      '在建',
    ];
    const rows = [sharedRow(1, [0]), sharedRow(2, [1, 2, 3]), sharedRow(3, [4, 5, 6]), sharedRow(4, [7, 8, null])].join(
      '',
    );
    const book = excelWorkbook('Sheet1', rows, {
      strings,
      after: '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
    });
    const result = await importBytes(book, context('名录.xlsx', shipped));
    expect(errorsOf(result)).toEqual([]);
    const states = patchOf(result).region!.linkStates!;
    expect(states.map((s) => [s.linkId, s.status])).toEqual([
      ['ni_metal', 'strong'],
      ['li2co3', 'building'],
    ]);
    expect(states[1]!.sources[0]!.locator).toBe('sheet Sheet1, row 4');
  });
});

describe('number formats', () => {
  it('tell how much of a date a cell shows, and leave number formats alone', () => {
    expect(dateShown('yyyy"年"m"月"')).toBe('month');
    expect(dateShown('[$-804]yyyy"年"m"月";@')).toBe('month');
    expect(dateShown('mmm-yy')).toBe('month');
    expect(dateShown('yyyy/m')).toBe('month');
    expect(dateShown('yyyy"年"')).toBe('year');
    expect(dateShown('yyyy"年"m"月"d"日"')).toBe('day');
    expect(dateShown('m/d')).toBe('day');
    expect(dateShown('yyyy-mm-dd hh:mm')).toBe('day');
    for (const numeric of ['General', '0.00E+00', '#,##0"元"', '0.0%', '@', 'h:mm', '[h]:mm:ss']) {
      expect(dateShown(numeric)).toBe('none');
    }
  });
});

describe('the same problem on many lines of a graph file', () => {
  it('is one warning with its count and first lines', async () => {
    const nodes = Array.from({ length: 30 }, (_, i) => `    <node id="n${i}" label="环节${i}"/>`).join('\n');
    const gexf = `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n  <graph defaultedgetype="directed">\n  <nodes>\n${nodes}\n  </nodes>\n  </graph>\n</gexf>\n`;
    const result = await importBytes(new TextEncoder().encode(gexf), context('g.gexf'));
    const stages = result.issues.filter((i) => i.code === 'default-stage');
    expect(stages.length).toBeLessThanOrEqual(1);
    const orphans = result.issues.filter((i) => i.code === 'orphan-link');
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.repeated).toMatchObject({ count: 30, lines: [5, 6, 7, 8, 9] });
    expect(issuePlace(orphans[0]!, 'en')).toBe('g.gexf, on 30 lines (5, 6, 7, 8, 9, …)');
  });
});

describe('merged ranges', () => {
  it('fill only the rows the sheet has, across the range’s width, whatever the range claims', async () => {
    const strings = ['a', 'b', 'c', 'x', 'y', '1', '2'];
    const rows = [sharedRow(1, [0, 1, 2]), sharedRow(2, [3, null, 5]), sharedRow(5, [null, null, 6])].join('');
    const book = excelWorkbook('S', rows, {
      strings,
      after: '<mergeCells count="2"><mergeCell ref="A2:B1048576"/><mergeCell ref="A1:XFD1"/></mergeCells>',
    });
    const [sheet] = await readWorkbook(book, 'm.xlsx', new Progress({ fileName: 'm.xlsx' }));
    expect(sheet!.header).toEqual(['a', 'b', 'c']);
    expect(sheet!.rows).toEqual([
      { row: 2, cells: ['x', 'x', '1'] },
      { row: 5, cells: ['x', 'x', '2'] },
    ]);
  });
});
