/**
 * Excel workbooks (.xlsx): one sheet per table, named in English or Chinese, with the columns of
 * `tables.ts`. A workbook with the Chains and Regions sheets (as exported) is a whole dataset; one with
 * only some tables (the template, a user's own sheets) is a patch for the current chain and region.
 */
import type { Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import type { CellValue } from '../syntax/cells';
import { fromValidation, hasErrors, importError, importWarning } from '../issues';
import type { Parsed } from '../parsed';
import type { Progress } from '../progress';
import { assembleDataset, assemblePatch, type Drafts } from './tableAssemble';
import { datasetWithFirmTables, withFirmTables } from './firmTables';
import { bindTable, recognizeTable } from './tableRead';
import { readDrafts } from './tableRecords';
import type { TableKey, TableSpec } from './tables';
import { TABLES, normalizeName, tableSpec } from './tables';
import { datasetRows, headerRow, rowArrays } from './tableWrite';
import { readWorkbook } from '../syntax/xlsxRead';
import type { SheetData } from '../syntax/xlsxWrite';
import { writeWorkbook } from '../syntax/xlsxWrite';
import type { ExportOptions, ImportContext, ImportIssue } from '../types';

const README = { en: 'Read me', zh: '说明' };
/** The tables of the fill-in template: everything a user adds to an existing chain and region. */
const TEMPLATE_TABLES: readonly TableKey[] = [
  'sources',
  'subChains',
  'links',
  'edges',
  'intensities',
  'statuses',
  'enterprises',
  'projects',
  'indicators',
];

/** The table a sheet holds: by its name (English or Chinese), else by its header row. */
function sheetTable(name: string, header: readonly CellValue[]): TableSpec | 'readme' | undefined {
  const n = normalizeName(name);
  if ([README.en, README.zh, 'readme'].some((r) => normalizeName(r) === n)) return 'readme';
  return (
    TABLES.find((t) => [t.sheet.en, t.sheet.zh, t.key].some((s) => normalizeName(s) === n)) ??
    (header.length > 0 ? recognizeTable(header, name) : undefined)
  );
}

/** Reads a workbook as a dataset (all tables) or a patch (some tables). */
export async function importXlsx(bytes: Uint8Array, ctx: ImportContext, progress: Progress): Promise<Parsed> {
  const file = ctx.fileName;
  const sheets = await readWorkbook(bytes, file, progress.part(0, 0.6));
  const issues: ImportIssue[] = [];
  const drafts: Drafts = {};
  const read = progress.part(0.6, 0.9);
  for (const [i, sheet] of sheets.entries()) {
    const spec = sheetTable(sheet.sheet, sheet.header);
    if (spec === 'readme') continue;
    if (!spec) {
      if (sheet.rows.length > 0 || sheet.header.length > 0) {
        issues.push(
          importWarning(
            'unknown-sheet',
            file,
            { sheet: sheet.sheet },
            `sheet "${sheet.sheet}" is not a ChainAtlas table and is ignored`,
            { value: sheet.sheet },
          ),
        );
      }
      continue;
    }
    if (drafts[spec.key]) {
      issues.push(
        importWarning('unknown-sheet', file, { sheet: sheet.sheet }, `a second ${spec.sheet.en} sheet is ignored`, {
          value: sheet.sheet,
        }),
      );
      continue;
    }
    if (sheet.header.length === 0) {
      (drafts as Record<string, unknown>)[spec.key] = [];
      continue;
    }
    const bound = bindTable(spec, sheet, file, issues);
    if (!bound) continue;
    const tick = (n: number) => read.tick((i + n / Math.max(1, sheet.rows.length)) / sheets.length);
    (drafts as Record<string, unknown>)[spec.key] = await readDrafts(bound, file, issues, tick);
  }
  const details = {
    format: 'xlsx' as const,
    tables: Object.keys(drafts),
    rows: Object.values(drafts).reduce((n, list) => n + ((list as readonly unknown[] | undefined)?.length ?? 0), 0),
  };
  if (hasErrors(issues)) return { ok: false, issues, ...details };
  if (Object.keys(drafts).length === 0) {
    issues.push(
      importError(
        'no-rows',
        file,
        {},
        `the workbook has no ChainAtlas sheet (such as ${TABLES.map((t) => t.sheet.en).join(', ')})`,
      ),
    );
    return { ok: false, issues, ...details };
  }
  if (drafts.chains && drafts.regions) {
    const assembled = assembleDataset(drafts, ctx, issues);
    const origins = assembled.origins;
    const dataset = datasetWithFirmTables(assembled.dataset, drafts, ctx, issues);
    if (hasErrors(issues)) return { ok: false, issues, ...details };
    const checked = validateDataset(dataset);
    issues.push(...checked.issues.map((v) => fromValidation(file, v, origins.locate(v, dataset) ?? {})));
    if (!checked.ok || hasErrors(issues)) return { ok: false, issues, ...details };
    return { ok: true, kind: 'dataset', dataset: checked.dataset, issues, ...details };
  }
  const assembled = assemblePatch(drafts, ctx, issues);
  const origins = assembled.origins;
  const patch = withFirmTables(assembled.patch, drafts, ctx, issues);
  await progress.tick(1);
  if (hasErrors(issues)) return { ok: false, issues, ...details };
  return { ok: true, kind: 'patch', patch, issues, origins, ...details };
}

function widths(spec: TableSpec): number[] {
  return spec.columns.map((c) => (c.kind === 'text' ? (/quote|note|description|title/.test(c.key) ? 40 : 22) : 14));
}

/** The read-me sheet: what each sheet and column holds, in Chinese and English. */
function readmeSheet(tables: readonly TableSpec[], lang: 'en' | 'zh'): SheetData {
  const rows: CellValue[][] = [
    ['ChainAtlas 链图 — 数据表说明 / How to fill in these sheets'],
    [
      '每个工作表是一张表；第 1 行是列名（中文或英文均可）。多个编号或别名写在一个单元格里，用 ; 分隔。一条记录有多个出处时，在下面另起一行，只填它的编号（或上游、下游环节）和出处三列。未填来源编号的行，引用导入的文件本身。含“产业链”和“地区”两个工作表的文件是完整数据集；否则，各行加入当前的产业链和地区。',
    ],
    [
      'Each sheet is one table; row 1 holds the column names (Chinese or English). Several ids or aliases go in one cell, separated by ;. A record with several sources takes one more row per source below it, filling only its id (or from and to) and the three citation columns. Rows without a source id cite the imported file itself. A workbook with both the Chains and Regions sheets is a complete dataset; otherwise its rows are added to the current chain and region.',
    ],
    [],
    ['工作表 Sheet', '列 Column', '中文列名', '必填 Required', '说明', 'Description', '示例 Example'],
  ];
  for (const t of tables) {
    rows.push([`${t.sheet.zh} ${t.sheet.en}`, '', '', '', t.help.zh, t.help.en, '']);
    for (const c of t.columns) {
      rows.push([
        t.sheet[lang],
        c.en,
        c.zh,
        c.required ? '是 yes' : '',
        c.help.zh,
        c.help.en,
        c.example === '' ? undefined : c.example,
      ]);
    }
  }
  return { name: README[lang], rows, widths: [16, 18, 16, 12, 50, 50, 20], wrap: true };
}

function tableSheet(spec: TableSpec, lang: 'en' | 'zh', body: CellValue[][]): SheetData {
  return { name: spec.sheet[lang], rows: [headerRow(spec, lang), ...body], widths: widths(spec), header: true };
}

/** The whole dataset as a workbook: every table, plus the read-me sheet. */
export function exportXlsx(dataset: Dataset, options: ExportOptions = {}): Uint8Array {
  const lang = options.headers ?? 'en';
  const rows = datasetRows(dataset);
  const tables = TABLES.filter((t) => !t.importOnly);
  const sheets = tables.map((spec) => tableSheet(spec, lang, rowArrays(spec, rows.get(spec.key) ?? [])));
  return writeWorkbook([readmeSheet(tables, lang), ...sheets]);
}

/**
 * The fill-in template: every table a user adds to a chain and region, each with only its header row,
 * and a read-me sheet explaining each column in Chinese and English with an example value. It is blank:
 * imported as it is, it adds nothing. `examples` fills one row per sheet from those examples (the tests
 * use it to check that the read-me's examples are valid data).
 */
export function templateWorkbook(headers: 'en' | 'zh' = 'en', { examples = false } = {}): Uint8Array {
  const tables = TEMPLATE_TABLES.map(tableSpec);
  const sheets = tables.map((spec) =>
    tableSheet(
      spec,
      headers,
      examples
        ? [
            spec.columns.map((c) =>
              c.key === 'chain_id' || c.key === 'region_id' || c.example === '' ? undefined : c.example,
            ),
          ]
        : [],
    ),
  );
  return writeWorkbook([readmeSheet(tables, headers), ...sheets]);
}
