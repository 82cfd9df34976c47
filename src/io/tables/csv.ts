/**
 * CSV import and export. One file holds one table, recognised by its header row (English or Chinese
 * column names, see `tables.ts`); it becomes a patch for the current chain and region. Export writes
 * one file per table in UTF-8 with a byte-order mark, which Excel needs to read UTF-8.
 */
import type { Dataset } from '../../model/types';
import type { CellValue, RawTable } from '../syntax/cells';
import { parseCsv, protectCell, writeCsv } from '../syntax/csvSyntax';
import { formatById } from '../formats';
import { importError, importWarning } from '../issues';
import type { Progress } from '../progress';
import { assemblePatch, type Drafts } from './tableAssemble';
import { withFirmTables } from './firmTables';
import { bindTable, recognizeTable } from './tableRead';
import { readDrafts } from './tableRecords';
import { TABLES, type TableSpec } from './tables';
import { datasetRows, headerRow, rowArrays } from './tableWrite';
import { decodeText, encodeUtf8 } from '../syntax/text';
import type { ExportedFile, ExportOptions, ImportContext, ImportIssue } from '../types';
import type { Parsed } from '../parsed';

/** Import takes off the `'` that export puts before a formula-like text cell (see `protectCell`). */
const PROTECTED = /^''*[=+\-@\t\r]/;

const unprotectCell = (text: string) => (PROTECTED.test(text) ? text.slice(1) : text);

const isTextColumn = (spec: TableSpec, index: number) => {
  const kind = spec.columns[index]?.kind;
  return kind === 'text' || kind === 'list';
};

/** Reads a CSV file as a patch of one table. */
export async function importCsv(bytes: Uint8Array, ctx: ImportContext, progress: Progress): Promise<Parsed> {
  const file = ctx.fileName;
  const decoded = await decodeText(bytes, file, progress.part(0, 0.2), {
    ...(ctx.encoding ? { encoding: ctx.encoding } : {}),
  });
  const { text } = decoded;
  const encoding = decoded.encoding;
  const details = { format: 'csv' as const, encoding, ...(decoded.choice ? { encodingChoice: decoded.choice } : {}) };
  const delimiter = /\.tsv$/i.test(file) ? '\t' : undefined;
  const { rows, problems } = await parseCsv(text, progress.part(0.2, 0.5), delimiter);
  const issues: ImportIssue[] = problems.map((p) =>
    p.fatal ? importError(p.code, file, p.where, p.message) : importWarning(p.code, file, p.where, p.message),
  );
  if (problems.some((p) => p.fatal)) return { ok: false, issues, ...details };
  const header = rows[0];
  if (!header || header.cells.every((c) => c.trim() === '')) {
    return { ok: false, issues: [importError('no-rows', file, { row: 1 }, 'the file has no header row')], ...details };
  }
  const spec = recognizeTable(header.cells, file);
  if (!spec) {
    const expected = TABLES.filter((t) => ['links', 'edges', 'statuses'].includes(t.key))
      .map(
        (t) =>
          `${t.sheet.en}: ${t.columns
            .filter((c) => c.required)
            .map((c) => c.en)
            .join(',')}`,
      )
      .join('; ');
    const unknown = importError(
      'unknown-table',
      file,
      { row: 1 },
      `the header row matches no ChainAtlas table (expected e.g. ${expected})`,
      { expected },
    );
    return { ok: false, issues: [...issues, unknown], ...details };
  }
  const width = header.cells.length;
  const raw: RawTable = { header: header.cells, headerRow: 1, rows: rows.slice(1) };
  const known = { ...details, tables: [spec.key], rows: raw.rows.length };
  const bound = bindTable(spec, raw, file, issues);
  if (!bound) return { ok: false, issues, ...known };
  const textAt = new Set<number>();
  for (const [key, at] of bound.index)
    if (
      isTextColumn(
        spec,
        spec.columns.findIndex((c) => c.key === key),
      )
    )
      textAt.add(at);
  const dataRows = raw.rows.map(({ row, cells }) => {
    if (cells.length < width && cells.some((c) => c !== '')) {
      issues.push(
        importWarning(
          'ragged-row',
          file,
          { row },
          `row ${row} has ${cells.length} cells but the header has ${width}; the missing cells are read as empty`,
          { cells: cells.length, columns: width },
        ),
      );
    }
    return {
      row,
      cells: cells.map((c, i): CellValue => (textAt.has(i) && typeof c === 'string' ? unprotectCell(c) : c)),
    };
  });
  const table = { ...bound, raw: { ...raw, rows: dataRows } };
  const part = progress.part(0.5, 0.97);
  const drafts: Drafts = {};
  (drafts as Record<string, unknown>)[spec.key] = await readDrafts(table, file, issues, (n) =>
    part.tick(n / Math.max(1, dataRows.length)),
  );
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues, ...known };
  const assembled = assemblePatch(drafts, ctx, issues);
  const origins = assembled.origins;
  const patch = withFirmTables(assembled.patch, drafts, ctx, issues);
  await progress.tick(1);
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues, ...known };
  return { ok: true, kind: 'patch', patch, issues, origins, ...known };
}

/**
 * One CSV file per table, UTF-8 with a byte-order mark; headers in English unless asked for Chinese.
 * With several regions, each region's tables go in files of their own (`…-<region id>-statuses.csv`),
 * since a CSV file imports into one region; a region's empty table is left out, as a file with no rows
 * cannot say which region it is for.
 */
export function exportCsv(dataset: Dataset, options: ExportOptions = {}): ExportedFile[] {
  const lang = options.headers ?? 'en';
  const base = options.baseName ?? 'chainatlas';
  const tables = TABLES.filter((t) => !t.importOnly);
  if (dataset.regions.length <= 1) return tableFiles(dataset, tables, base, lang);
  const regionTable = (spec: TableSpec) =>
    spec.key === 'regions' || spec.scopeColumn === 'region_id' || spec.key === 'relations' || spec.key === 'capacities';
  return [
    ...tableFiles(
      dataset,
      tables.filter((t) => !regionTable(t)),
      base,
      lang,
    ),
    ...dataset.regions.flatMap((region) =>
      tableFiles({ ...dataset, regions: [region] }, tables.filter(regionTable), `${base}-${region.id}`, lang, true),
    ),
  ];
}

function tableFiles(
  dataset: Dataset,
  specs: readonly TableSpec[],
  base: string,
  lang: 'zh' | 'en',
  skipEmpty = false,
): ExportedFile[] {
  const rows = datasetRows(dataset);
  const kept = skipEmpty ? specs.filter((spec) => (rows.get(spec.key) ?? []).length > 0) : specs;
  return kept.map((spec) => {
    const body = rowArrays(spec, rows.get(spec.key) ?? []).map((r) =>
      r.map((cell, i) => {
        const text = cell === undefined ? '' : String(cell);
        return isTextColumn(spec, i) ? protectCell(text) : text;
      }),
    );
    const csv = writeCsv([headerRow(spec, lang), ...body]);
    return {
      fileName: `${base}-${spec.key.toLowerCase()}.csv`,
      mimeType: `${formatById('csv').mimeTypes[0]};charset=utf-8`,
      bytes: encodeUtf8(csv, true),
    };
  });
}
