/**
 * CSV tables: recognised by their header (English or Chinese), read into a patch for the current
 * chain and region, every problem at its row and column, every record citing its source.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../model/patch';
import type { Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import { loadShippedDataset } from '../../store/seed';
import { exportCsv } from './csv';
import { errorsOf, importFixture, importText, patchOf, warningsOf } from '../testkit';

const shipped: Dataset = await loadShippedDataset();

describe('CSV import', () => {
  it('fails on missing required columns, listing them, at row 1', async () => {
    const result = await importFixture('missing-columns.csv', shipped);
    expect(result.ok).toBe(false);
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'missing-columns',
        file: 'missing-columns.csv',
        row: 1,
        params: { columns: 'status', columnsZh: '状态', table: 'statuses' },
      }),
    ]);
  });

  it('reports text in a number field at its row and column', async () => {
    const result = await importFixture('text-in-number.csv', shipped);
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'number',
        file: 'text-in-number.csv',
        row: 3,
        field: 'capacity',
        params: { value: 'about 5万吨' },
      }),
    ]);
  });

  it('reads GB18030 with Chinese headers and status words; rows without a source cite the file', async () => {
    const result = await importFixture('statuses-gbk.csv', shipped);
    expect(result.encoding).toBe('gb18030');
    const patch = patchOf(result);
    expect(patch.region?.id).toBe('jinchang');
    const states = new Map(patch.region!.linkStates!.map((s) => [s.linkId, s]));
    expect([...states.values()].map((s) => [s.linkId, s.status])).toEqual([
      ['ni_metal', 'strong'],
      ['separator', 'building'],
      ['syn_anode', 'attracting'],
      ['cell_lfp', 'present'],
      ['mn_ore', 'unknown'],
    ]);
    expect(states.get('ni_metal')).toEqual({
      linkId: 'ni_metal',
      status: 'strong',
      capacity: { value: 200000, unit: 't/a' },
      note: { zh: '镍产能居全国前列', en: 'Leading nickel capacity' },
      asOf: '2024',
      sources: [{ sourceId: 'gsdaily-2024-jinchang', locator: '¶7', quote: '镍铜钴资源' }],
    });
    const fileSource = 'import-20261126-statuses-gbk-csv';
    expect(states.get('separator')!.sources).toEqual([{ sourceId: fileSource, locator: 'row 3' }]);
    expect(states.get('syn_anode')!.asOf).toBe('2024-06-30');
    expect(states.get('cell_lfp')!.asOf).toBe(shipped.regions[0]!.asOf);
    expect(states.get('mn_ore')!.sources).toEqual([]);
    expect(patch.sources).toEqual([
      { id: fileSource, title: 'statuses-gbk.csv', publisher: 'Imported file', date: '2026-11-26' },
    ]);
    expect(validateDataset(applyPatch(shipped, patch, 'merge')).ok).toBe(true);
  });

  it('reads UTF-8 with a mark; sub-chains by name, stages in Chinese, citation rows, quoted line breaks', async () => {
    const result = await importFixture('links-utf8-bom.csv', shipped);
    expect(errorsOf(result)).toEqual([]);
    expect(result.encoding).toBe('utf-8');
    const links = patchOf(result).chain!.links!;
    expect(links).toEqual([
      {
        id: 'ni_mhp_new',
        name: { zh: '氢氧化镍钴', en: 'Mixed hydroxide precipitate, new line' },
        subChain: 'raw',
        stage: 'intermediate',
        aliases: ['MHP', '氢氧化镍钴'],
        sources: [{ sourceId: 'import-20261126-links-utf8-bom-csv', locator: 'row 2' }],
      },
      {
        id: 'lmfp',
        name: { zh: '磷酸锰铁锂', en: 'LMFP cathode' },
        subChain: 'cathode',
        stage: 'intermediate',
        aliases: ['LMFP'],
        sources: [
          { sourceId: 'ref-battery-chain', locator: 'Taxonomy, CA', quote: 'a quote\r\nacross two lines' },
          { sourceId: 'gsdaily-2024-jinchang', locator: '¶12' },
        ],
      },
    ]);
    // New links with no edge yet are fine, with a warning at their row.
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({
        code: 'orphan-link',
        row: 2,
        params: expect.objectContaining({ recordId: 'ni_mhp_new' }),
      }),
    );
  });

  it('keeps markup and formula-like text as plain text', async () => {
    const links = patchOf(await importFixture('xss-labels.csv', shipped)).chain!.links!;
    expect(links.map((l) => l.name)).toEqual([
      { zh: '<script>alert(1)</script>', en: '<img src=x onerror=alert(1)>' },
      { zh: '<img src="x" onerror="alert(1)">', en: '=HYPERLINK("x")' },
    ]);
    expect(links[0]!.aliases).toEqual(['<b>bold</b>', 'a&b']);
  });

  it('names the row and column of an unknown link, stage, status and unit', async () => {
    const statuses =
      'link_id,status,capacity,capacity_unit\nni_metal,present,5,t/a\nno_such_link,present,,\nli2co3,great,,\nlioh,present,5,tons\n';
    const r1 = await importText(statuses, 'statuses.csv', shipped);
    expect(errorsOf(r1).map((i) => [i.code, i.row, i.field])).toEqual([
      ['enum', 4, 'status'],
      ['unit', 5, 'capacity_unit'],
    ]);
    const r2 = await importText('link_id,status\nni_metal,present\nno_such_link,present\n', 'statuses.csv', shipped);
    expect(errorsOf(r2)).toEqual([
      expect.objectContaining({
        code: 'unknown-ref',
        file: 'statuses.csv',
        row: 3,
        field: 'link_id',
        params: expect.objectContaining({ value: 'no_such_link' }),
      }),
    ]);
    const r3 = await importText(
      'id,name_zh,name_en,sub_chain,stage\nx1,甲,A,raw,solid\nx2,乙,B,nowhere,raw\n',
      'links.csv',
      shipped,
    );
    expect(errorsOf(r3).map((i) => [i.code, i.row, i.field])).toEqual([['enum', 2, 'stage']]);
    const r4 = await importText('id,name_zh,name_en,sub_chain,stage\nx2,乙,B,nowhere,raw\n', 'links.csv', shipped);
    expect(errorsOf(r4).map((i) => [i.code, i.row, i.field])).toEqual([['unknown-ref', 2, 'sub_chain']]);
  });

  it('reads a quote’s translation beside it, and refuses a translation without the quote it translates', async () => {
    const header = 'link_id,status,source_id,locator,quote,translation_en';
    const ok = await importText(
      `${header}\nseparator,attracting,gsdaily-2024-jinchang,¶12,积极引进碳酸酯、隔膜、铝塑膜等项目,actively bringing in projects\n`,
      'statuses.csv',
      shipped,
    );
    expect(patchOf(ok).region?.linkStates?.find((s) => s.linkId === 'separator')?.sources[0]).toEqual({
      sourceId: 'gsdaily-2024-jinchang',
      locator: '¶12',
      quote: '积极引进碳酸酯、隔膜、铝塑膜等项目',
      translation: { en: 'actively bringing in projects' },
    });
    const bad = await importText(
      `${header}\nseparator,attracting,gsdaily-2024-jinchang,¶12,,actively bringing in projects\n`,
      'statuses.csv',
      shipped,
    );
    expect(errorsOf(bad)).toEqual([expect.objectContaining({ code: 'required', row: 2, field: 'quote' })]);
  });

  it('reports an edge to an unknown link at its row', async () => {
    const result = await importText('from,to\nni_ore,ni_int\nni_ore,nowhere\n', 'edges.csv', shipped);
    expect(errorsOf(result)).toEqual([expect.objectContaining({ code: 'unknown-ref', row: 3, field: 'to' })]);
  });

  it('reports duplicate rows, ragged rows, unclosed quotes; warns of unknown columns', async () => {
    const dup = await importText(
      'id,name_zh,name_en,sub_chain,stage\nx,甲,A,raw,raw\nx,乙,B,raw,raw\n',
      'links.csv',
      shipped,
    );
    expect(errorsOf(dup)).toEqual([
      expect.objectContaining({ code: 'duplicate-id', row: 3, field: 'id', params: { value: 'x', firstRow: 2 } }),
    ]);
    const ragged = await importText('link_id,status\nni_metal,present,extra\n', 'statuses.csv', shipped);
    expect(errorsOf(ragged)).toEqual([expect.objectContaining({ code: 'ragged-row', row: 2 })]);
    const short = await importText('link_id,status,note_en\nni_metal,present\n', 'statuses.csv', shipped);
    expect(short.ok).toBe(true);
    expect(warningsOf(short)).toContainEqual(expect.objectContaining({ code: 'ragged-row', row: 2 }));
    const unclosed = await importText('link_id,status\nni_metal,"present\n', 'statuses.csv', shipped);
    expect(errorsOf(unclosed)).toEqual([expect.objectContaining({ code: 'csv-syntax', row: 2, line: 2 })]);
    const extra = await importText('link_id,status,colour\nni_metal,present,red\n', 'statuses.csv', shipped);
    expect(extra.ok).toBe(true);
    expect(warningsOf(extra)).toContainEqual(
      expect.objectContaining({ code: 'unknown-column', row: 1, field: 'colour' }),
    );
  });

  it('refuses a header it does not recognise, and a file with only blank cells', async () => {
    expect(errorsOf(await importText('foo,bar\n1,2\n', 'x.csv', shipped))).toEqual([
      expect.objectContaining({ code: 'unknown-table', row: 1 }),
    ]);
    expect(errorsOf(await importText(',,\n', 'x.csv', shipped))).toEqual([
      expect.objectContaining({ code: 'no-rows' }),
    ]);
  });

  it('creates the chain when nothing is stored, and says when it would be empty', async () => {
    const links = await importText('id,name_zh,name_en,sub_chain,stage\nx,甲,A,main,raw\n', 'links.csv');
    expect(errorsOf(links)).toEqual([expect.objectContaining({ code: 'unknown-ref', row: 2, field: 'sub_chain' })]);
    const sub = await importText('id,name_zh,name_en,order\nmain,主,Main,1\n', 'subchains.csv');
    expect(errorsOf(sub)).toEqual([
      expect.objectContaining({ code: 'no-links', params: expect.objectContaining({ recordId: 'imported' }) }),
    ]);
    const states = await importText('link_id,status\nx,present\n', 'statuses.csv');
    // Statuses alone give a region on no chain: there is nothing to draw them on.
    expect(errorsOf(states)).toEqual([expect.objectContaining({ code: 'no-chain' })]);
  });

  it('writes one file per table, UTF-8 with a byte-order mark, headers in English or Chinese', () => {
    const files = exportCsv(shipped);
    const links = files.find((f) => f.fileName === 'chainatlas-links.csv')!;
    expect([...links.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(links.bytes);
    expect(text.split('\r\n')[0]).toBe(
      'chain_id,id,name_zh,name_en,sub_chain,stage,aliases,description_zh,description_en,source_id,locator,quote,translation_en,translation_zh',
    );
    const zh = new TextDecoder().decode(
      exportCsv(shipped, { headers: 'zh' }).find((f) => f.fileName === 'chainatlas-links.csv')!.bytes,
    );
    expect(zh.split('\r\n')[0]).toBe(
      '产业链编号,编号,中文名称,英文名称,子链,环节类型,别名,中文说明,英文说明,来源编号,出处位置,原文摘录,英文译文,中文译文',
    );
  });

  it('guards formula-like text on export and restores it on import', async () => {
    const ds = structuredClone(shipped) as { chains: { links: { name: { zh: string; en: string } }[] }[] } & Dataset;
    ds.chains[0]!.links[0]!.name = { zh: '=1+1', en: "'=2" };
    const file = exportCsv(ds).find((f) => f.fileName === 'chainatlas-links.csv')!;
    const text = new TextDecoder().decode(file.bytes);
    expect(text).toContain(",'=1+1,''=2,");
    const back = patchOf(await importText(text.slice(1), 'chainatlas-links.csv', shipped));
    expect(back.chain!.links![0]!.name).toEqual({ zh: '=1+1', en: "'=2" });
  });
});
