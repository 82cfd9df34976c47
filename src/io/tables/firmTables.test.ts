/**
 * Importing the lists planners keep: firm registers and supplier lists with Chinese or English
 * headers, matched to the stored firms (an update, never a second record), the same list twice
 * changing nothing, one message for a name many rows write, and relations and capacities surviving
 * XLSX and CSV round trips. The lists are generated from the province workload (bench/workloads.ts).
 */
import { describe, expect, it } from 'vitest';
import { firmListRows, provinceWorkload, relationListRows } from '../../../bench/workloads';
import { applyPatch } from '../../model/patch';
import type { Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import { writeCsv } from '../syntax/csvSyntax';
import { exportDataset, importBytes } from '../pipeline/importFile';
import { importSourceFor } from './tableFill';
import { context, datasetOf, errorsOf, patchOf } from '../testkit';
import { encodeUtf8 } from '../syntax/text';
import { writeWorkbook } from '../syntax/xlsxWrite';

const province = provinceWorkload();
/** The province's regions and chain, without firms, projects or relations. */
const bare: Dataset = {
  ...province,
  regions: province.regions.map((r) => {
    const { relations: _r, ...rest } = r;
    return { ...rest, enterprises: [], projects: [] };
  }),
};
const csv = (rows: string[][]) => encodeUtf8(writeCsv(rows), true);
const xlsx = (sheets: Record<string, string[][]>) =>
  writeWorkbook(Object.entries(sheets).map(([name, rows]) => ({ name, rows, header: true })));

/** Imports `bytes` into `current` and returns the merged dataset (validated). */
async function imported(bytes: Uint8Array, file: string, current: Dataset): Promise<Dataset> {
  const patch = patchOf(await importBytes(bytes, context(file, current)));
  const checked = validateDataset(applyPatch(current, patch, 'merge'));
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
  return checked.dataset;
}
const firmCount = (d: Dataset) => d.regions.reduce((n, r) => n + r.enterprises.length, 0);

describe('a firm register', () => {
  it('with Chinese headers adds 2,000 firms with links, capacities and citations; the same list again changes nothing', async () => {
    const list = csv(firmListRows(province, { source: '新能源电池产业链企业名录（基准测试生成）' }));
    const once = await imported(list, '企业名录.csv', bare);
    expect(firmCount(once)).toBe(2000);
    const jinchang = once.regions.find((r) => r.id === 'r-620300')!;
    const stored = province.regions.find((r) => r.id === 'r-620300')!;
    const firm = jinchang.enterprises.find((e) => e.creditCode === stored.enterprises[0]!.creditCode)!;
    expect(firm.name.zh).toBe(stored.enterprises[0]!.name.zh);
    expect(firm.linkIds).toEqual(stored.enterprises[0]!.linkIds);
    expect(firm.capacities?.map((c) => c.capacity)).toEqual(stored.enterprises[0]!.capacities?.map((c) => c.capacity));
    expect(firm.sources[0]).toMatchObject({ sourceId: 'wl-register', locator: expect.stringMatching(/^row \d+$/) });

    const twice = await imported(list, '企业名录.csv', once);
    expect(twice).toEqual(once);
  });

  it('updates stored firms matched by credit code or by name without the legal form, and adds only new ones', async () => {
    const region = province.regions[2]!;
    const a = region.enterprises.find((e) => !e.name.zh.endsWith('股份有限公司'));
    const b = region.enterprises.find((e) => e !== a);
    const rows = [
      ['企业名称', '统一社会信用代码', '地区', '环节'],
      // a under its name with another legal form and no code; b under its code with another name.
      [a!.name.zh.replace(/(股份)?有限公司$/, '股份有限公司'), '', '金昌', '电解铜'],
      ['某某新名称有限公司', b!.creditCode!, '金昌市', ''],
      ['金昌全新材料有限公司', '', '金昌市', '硫酸镍'],
    ];
    const after = await imported(csv(rows), 'list.csv', province);
    const r = after.regions[2]!;
    expect(r.enterprises.length).toBe(region.enterprises.length + 1);
    const a2 = r.enterprises.find((e) => e.id === a!.id)!;
    expect(a2.linkIds).toContain('cu');
    expect(a2.aliases).toContain(rows[1]![0]);
    const b2 = r.enterprises.find((e) => e.id === b!.id)!;
    expect(b2.name).toEqual(b!.name);
    expect(b2.aliases).toContain('某某新名称有限公司');
    expect(r.enterprises.at(-1)).toMatchObject({ name: { zh: '金昌全新材料有限公司' }, linkIds: ['niso4'] });
  });

  it('reads English headers, links and regions by id or English name', async () => {
    const rows = [
      ['name', 'credit_code', 'region', 'link', 'capacity', 'capacity_unit'],
      ['Gansu Test Cathode Co., Ltd.', '', 'r-620100', 'LFP cathode material', '30000', 't/a'],
      ['Gansu Test Foil Co., Ltd.', '', 'Lanzhou', 'cu_foil', '', ''],
    ];
    const after = await imported(csv(rows), 'firms.csv', bare);
    const lanzhou = after.regions.find((r) => r.id === 'r-620100')!;
    expect(lanzhou.enterprises.map((e) => [e.name.en, e.linkIds])).toEqual([
      ['Gansu Test Cathode Co., Ltd.', ['lfp_cam']],
      ['Gansu Test Foil Co., Ltd.', ['cu_foil']],
    ]);
    expect(lanzhou.enterprises[0]!.capacities?.[0]?.capacity).toEqual({ value: 30000, unit: 't/a' });
    // No source named: the rows cite the imported file.
    expect(after.sources.at(-1)).toMatchObject({ title: 'firms.csv', publisher: 'Imported file' });
  });

  it('reports a source, link or region nobody knows once, with the number of rows, not once a row', async () => {
    const list = csv(firmListRows(province, { source: '不存在的名录' }));
    const result = await importBytes(list, context('企业名录.csv', bare));
    const errors = errorsOf(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'unresolved',
      params: { value: '不存在的名录', count: 2000, target: 'source' },
    });
    const bad = await importBytes(
      csv([
        ['企业名称', '环节'],
        ['甲有限公司', '石墨烯'],
        ['乙有限公司', '石墨烯'],
      ]),
      context('x.csv', bare),
    );
    expect(errorsOf(bad).map((i) => [i.code, i.params.value, i.params.count])).toEqual([['unresolved', '石墨烯', 2]]);
  });
});

describe('the source a list cites when it names none', () => {
  it('is its own file, for files whose names the id cannot spell (企业名录.csv, 供应商名单.csv)', () => {
    const day = { importedAt: '2026-12-06' };
    const a = importSourceFor({ fileName: '企业名录.csv', ...day });
    const b = importSourceFor({ fileName: '供应商名单.csv', ...day });
    expect(a.id).not.toBe(b.id);
    expect(importSourceFor({ fileName: '企业名录.csv', ...day })).toEqual(a);
    expect(importSourceFor({ fileName: 'firms.csv', ...day }).id).toBe('import-20261206-firms-csv');
  });
});

describe('the ids an import makes', () => {
  it('stay what they were before ids were made in one place (src/model/ids.ts)', async () => {
    const names = [
      'firms.csv',
      'Firms 2024 (v2).XLSX',
      '  spaced name .csv',
      'données.csv',
      '企业名录.csv',
      'ＡＢＣ名录.csv',
      '\u212a.csv',
    ];
    expect(names.map((fileName) => importSourceFor({ fileName, importedAt: '2026-12-06' }).id)).toEqual([
      'import-20261206-firms-csv',
      'import-20261206-firms-2024-v2-xlsx-9806cd3e',
      'import-20261206-spaced-name-csv',
      'import-20261206-donn-es-csv-aca941d9',
      'import-20261206-csv-883724e2',
      'import-20261206-csv-8f2f7e4b',
      'import-20261206-k-csv-b0798d53',
    ]);

    const register = csv([
      ['企业名称', '统一社会信用代码', '地区', '环节'],
      ['金昌甲材料有限公司', '91620300MA74ABCD1X', '金昌市', '硫酸镍'],
      ['金昌乙材料有限公司', '', '金昌市', '硫酸镍'],
    ]);
    const withFirms = await imported(register, 'register.csv', bare);
    const jinchang = (d: Dataset) => d.regions.find((r) => r.id === 'r-620300')!;
    expect(jinchang(withFirms).enterprises.map((e) => e.id)).toEqual(['f-91620300ma74abcd1x', 'f-2af9c38d']);
    const list = csv([
      ['供应方', '采购方', '环节'],
      ['金昌甲材料有限公司', '金昌乙材料有限公司', '硫酸镍'],
    ]);
    const withRelation = await imported(list, 'suppliers.csv', withFirms);
    expect(jinchang(withRelation).relations?.map((r) => r.id)).toEqual(['rel-d4fedbf4']);
    // The same files again add nothing.
    expect(await imported(list, 'suppliers.csv', await imported(register, 'register.csv', withRelation))).toEqual(
      withRelation,
    );
  });
});

describe('a firm register row with several links', () => {
  const [l1, l2] = province.chains[0]!.links;
  const region = bare.regions[0]!;
  const header = ['企业名称', '地区', '环节', '产能', '产能单位'];
  const capacitiesOf = (d: Dataset, name: string) =>
    d.regions[0]!.enterprises.find((e) => e.name.zh === name)!.capacities?.map((c) => [c.linkId, c.capacity]);

  it('pairs its capacities with its links when both are written with the same separator', async () => {
    const list = csv([
      header,
      ['甲新材料有限公司', region.name.zh, `${l1!.name.zh}；${l2!.name.zh}`, '50000；30000', 't/a'],
      ['乙新能源有限公司', region.name.zh, `${l1!.name.zh};${l2!.name.zh}`, ';2', ';GWh/a'],
    ]);
    const once = await imported(list, '企业名录.csv', bare);
    expect(capacitiesOf(once, '甲新材料有限公司')).toEqual([
      [l1!.id, { value: 50000, unit: 't/a' }],
      [l2!.id, { value: 30000, unit: 't/a' }],
    ]);
    // An empty place: the first link has no capacity.
    expect(capacitiesOf(once, '乙新能源有限公司')).toEqual([[l2!.id, { value: 2, unit: 'GWh/a' }]]);
  });

  it('is refused with how to write it when one capacity stands for several links, or the counts differ', async () => {
    for (const capacity of ['50000', '50000;30000;10000']) {
      const result = await importBytes(
        csv([header, ['甲新材料有限公司', region.name.zh, `${l1!.name.zh}；${l2!.name.zh}`, capacity, 't/a']]),
        context('企业名录.csv', bare),
      );
      expect(errorsOf(result)).toEqual([
        expect.objectContaining({
          code: 'capacity-links',
          row: 2,
          field: '产能',
          message: expect.stringContaining('write one'),
          params: expect.objectContaining({ links: 2, capacities: capacity.split(';').length }),
        }),
      ]);
    }
  });
});

describe('a workbook holding a Sources sheet, a firm register and a supplier list at once', () => {
  it('resolves the register and the list against the sources and firms the same workbook brings', async () => {
    const book = xlsx({
      Sources: [
        ['id', 'title', 'publisher', 'date'],
        ['survey-2025', '2025年重点企业供应商调查', '市工信局', '2025'],
      ],
      企业名录: [
        ['企业名称', '统一社会信用代码', '地区', '环节', '来源'],
        ['金昌测试前驱体有限公司', '', '金昌市', '三元前驱体', '2025年重点企业供应商调查'],
        ['白银测试正极有限公司', '', '白银市', '三元正极材料', '2025年重点企业供应商调查'],
      ],
      供应商名单: [
        ['供应方', '采购方', '环节', '数量', '数量单位', '期间', '来源'],
        ['金昌测试前驱体有限公司', '白银测试正极', '三元前驱体', '1200', 't', '2025', 'survey-2025'],
      ],
    });
    const after = await imported(book, '调查.xlsx', bare);
    expect(after.sources.find((x) => x.id === 'survey-2025')).toBeDefined();
    const baiyin = after.regions.find((r) => r.name.zh === '白银市')!;
    const jinchang = after.regions.find((r) => r.name.zh === '金昌市')!;
    expect(baiyin.relations).toEqual([
      expect.objectContaining({
        supplier: { regionId: jinchang.id, enterpriseId: jinchang.enterprises[0]!.id },
        buyer: { regionId: baiyin.id, enterpriseId: baiyin.enterprises[0]!.id },
        linkId: 'ncm_pcam',
        volume: { value: 1200, unit: 't' },
        period: '2025',
        sources: [{ sourceId: 'survey-2025', locator: expect.stringMatching(/row 2$/) }],
      }),
    ]);
    expect(jinchang.enterprises[0]!.sources[0]!.sourceId).toBe('survey-2025');
  });
});

describe('a supplier list', () => {
  it('adds relations between firms named by name or credit code; the same list again changes nothing', async () => {
    const noRelations: Dataset = {
      ...province,
      regions: province.regions.map((r) => {
        const { relations: _r, ...rest } = r;
        return rest;
      }),
    };
    const list = xlsx({ 供应商名单: relationListRows(province, { source: 'wl-suppliers' }) });
    const once = await imported(list, '供应商.xlsx', noRelations);
    const count = (d: Dataset) => d.regions.reduce((n, r) => n + (r.relations?.length ?? 0), 0);
    expect(count(once)).toBe(5000);
    const pairs = (d: Dataset) =>
      d.regions
        .flatMap((r) => r.relations ?? [])
        .map(
          (x) =>
            `${x.supplier.regionId}/${x.supplier.enterpriseId}>${x.buyer.enterpriseId}:${x.linkId}:${x.volume?.value}`,
        )
        .sort();
    expect(pairs(once)).toEqual(pairs(province));
    expect(await imported(list, '供应商.xlsx', once)).toEqual(once);
  });

  it('names a firm nobody knows once, with its rows', async () => {
    const rows = [
      ['供应方', '采购方', '环节'],
      ['无此企业有限公司', province.regions[0]!.enterprises[0]!.name.zh, '电解铜'],
      ['无此企业有限公司', province.regions[0]!.enterprises[1]!.name.zh, '电解铜'],
    ];
    const result = await importBytes(csv(rows), context('s.csv', province));
    expect(errorsOf(result).map((i) => [i.code, i.params.value, i.params.count, i.row])).toEqual([
      ['unresolved', '无此企业有限公司', 2, 2],
    ]);
  });
});

describe('round trips keep relations and capacities', () => {
  it('native JSON (what backups write)', async () => {
    const [file] = exportDataset(province, 'native-json');
    expect(datasetOf(await importBytes(file!.bytes, context(file!.fileName)))).toEqual(province);
  });

  it('XLSX with Chinese headers', async () => {
    const [file] = exportDataset(province, 'xlsx', { headers: 'zh' });
    const back = datasetOf(await importBytes(file!.bytes, context(file!.fileName)));
    expect(back.regions).toEqual(province.regions);
  });

  it('CSV: a region’s relations and capacities files restore them', async () => {
    const files = exportDataset(province, 'csv');
    const region = province.regions[3]!;
    const { relations: _r, ...rest } = region;
    const without: Dataset = {
      ...province,
      regions: province.regions.map((r) =>
        r.id === region.id ? { ...rest, enterprises: r.enterprises.map(({ capacities: _c, ...e }) => e) } : r,
      ),
    };
    let current = without;
    for (const table of ['relations', 'capacities']) {
      const file = files.find((f) => f.fileName === `chainatlas-${region.id}-${table}.csv`)!;
      current = await imported(file.bytes, file.fileName, current);
    }
    expect(current.regions[3]).toEqual(province.regions[3]);
  });
});
