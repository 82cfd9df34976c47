/**
 * The one entry point for imports and exports. `importBytes` refuses what it must before reading
 * (too big, empty), recognises the format, reads the file, and for a patch checks the result of
 * merging it into the stored data, so an edge to a link that exists nowhere is caught here rather
 * than in the store. Nothing here writes anywhere: the caller stores a result only when `ok`.
 */
import { applyPatch } from '../../model/patch';
import type { Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import { exportCsv, importCsv } from '../tables/csv';
import { importCytoscapeJson } from '../graph/cytoscapeJson';
import { detectFormat, otherSpreadsheet } from './detect';
import { FORMATS, formatById } from '../formats';
import { importGexf } from '../graph/gexf';
import { exportGraphml, importGraphml } from '../graph/graphml';
import { ImportStop, failure, foldRepeated, fromValidation, importError, importWarning, tooLarge } from '../issues';
import { exportNativeJson, importNativeJson } from '../nativeJson';
import type { Parsed } from '../parsed';
import { Progress } from '../progress';
import type {
  ExportFormat,
  ExportOptions,
  ExportedFile,
  ImportContext,
  ImportFormat,
  ImportIssue,
  ImportResult,
} from '../types';
import { MAX_IMPORT_BYTES } from '../types';
import { exportXlsx, importXlsx } from '../tables/xlsx';

/**
 * The reader of each registered format (`formats.ts`). The registry cannot name them itself: it is in
 * the start-up bundle and the readers are not. A format added there without a reader does not compile.
 */
const READERS: Readonly<
  Record<ImportFormat, (bytes: Uint8Array, ctx: ImportContext, progress: Progress) => Promise<Parsed>>
> = {
  'native-json': importNativeJson,
  csv: importCsv,
  xlsx: importXlsx,
  graphml: importGraphml,
  gexf: importGexf,
  'cytoscape-json': importCytoscapeJson,
};

/** The extensions of every registered format, for the "unknown format" message: `.json, .xlsx, …`. */
const READ_EXTENSIONS = [...new Set(FORMATS.flatMap((f): readonly string[] => f.extensions))]
  .map((e) => `.${e}`)
  .join(', ');

/** Validation warnings of one code reported in full; the rest are summed up in one `more-warnings`. */
const WARNINGS_PER_CODE = 200;

/** Keeps the first WARNINGS_PER_CODE warnings of each code and sums up the rest in one `more-warnings`. */
function capWarnings(file: string, issues: readonly ImportIssue[]): readonly ImportIssue[] {
  const counts = new Map<string, number>();
  const kept = issues.filter((i) => {
    if (i.severity !== 'warning' || i.code === 'more-warnings') return true;
    const n = (counts.get(i.code) ?? 0) + 1;
    counts.set(i.code, n);
    return n <= WARNINGS_PER_CODE;
  });
  for (const [code, n] of counts) {
    if (n > WARNINGS_PER_CODE) {
      kept.push(
        importWarning(
          'more-warnings',
          file,
          {},
          `and ${n - WARNINGS_PER_CODE} more "${code}" warnings like those above`,
          { code, count: n - WARNINGS_PER_CODE },
        ),
      );
    }
  }
  return kept;
}

/** Drops the internal record origins from a parser's result. */
function publicResult(parsed: Parsed): ImportResult {
  const { origins: _origins, ...result } = parsed;
  return result as ImportResult;
}

/** Checks a patch against the stored data it will be merged into. */
async function checkPatch(
  parsed: Parsed & { ok: true; kind: 'patch' },
  ctx: ImportContext,
  progress: Progress,
): Promise<ImportResult> {
  const merged = applyPatch(ctx.current, parsed.patch, 'merge', ctx.importedAt.slice(0, 10));
  await progress.tick(0.93);
  const checked = validateDataset(merged);
  const perCode = new Map<string, number>();
  const extra = checked.issues.flatMap((v) => {
    if (v.severity === 'warning') {
      // Past the cap, warnings are only counted (a links table without edges warns on every row).
      const seen = perCode.get(v.code) ?? 0;
      if (seen >= WARNINGS_PER_CODE) {
        perCode.set(v.code, seen + 1);
        return [];
      }
    }
    const where = parsed.origins?.locate(v, merged);
    // Warnings about records the file did not touch are not this import's business.
    if (v.severity === 'warning' && where === undefined) return [];
    if (v.severity === 'warning') perCode.set(v.code, (perCode.get(v.code) ?? 0) + 1);
    return [fromValidation(ctx.fileName, v, where ?? {})];
  });
  for (const [code, count] of perCode) {
    if (count > WARNINGS_PER_CODE) {
      extra.push(
        importWarning(
          'more-warnings',
          ctx.fileName,
          {},
          `and about ${count - WARNINGS_PER_CODE} more "${code}" warnings like those above`,
          {
            code,
            count: count - WARNINGS_PER_CODE,
          },
        ),
      );
    }
  }
  const issues = [...parsed.issues, ...extra];
  const details = {
    format: parsed.format,
    encoding: parsed.encoding,
    ...(parsed.encodingChoice ? { encodingChoice: parsed.encodingChoice } : {}),
    ...(parsed.tables ? { tables: parsed.tables } : {}),
    ...(parsed.rows !== undefined ? { rows: parsed.rows } : {}),
  };
  if (!checked.ok) return { ...failure(ctx.fileName, issues), ...details };
  return { ok: true, kind: 'patch', patch: parsed.patch, issues, ...details };
}

/**
 * Reads an imported file's bytes into a validated dataset or patch, or into precise errors. Never
 * throws: every failure, a cancellation included (`aborted`), is an error issue.
 */
export async function importBytes(bytes: Uint8Array, ctx: ImportContext): Promise<ImportResult> {
  const file = ctx.fileName;
  if (bytes.length > MAX_IMPORT_BYTES) {
    return failure(file, [tooLarge(file, bytes.length, MAX_IMPORT_BYTES)]);
  }
  if (bytes.length === 0) return failure(file, [importError('empty-file', file, {}, 'the file is empty')]);
  const progress = new Progress(ctx);
  try {
    progress.checkAborted();
    const other = otherSpreadsheet(file, bytes);
    if (other) {
      const name = {
        xls: 'an Excel 97–2003 workbook (.xls)',
        et: 'a WPS workbook (.et)',
        ods: 'an OpenDocument spreadsheet (.ods)',
        xlsb: 'an Excel binary workbook (.xlsb)',
      }[other];
      return failure(file, [
        importError(
          'save-as-xlsx',
          file,
          {},
          `this is ${name}, which ChainAtlas does not read; open it in Excel, WPS or LibreOffice and save it as an Excel workbook (.xlsx)`,
          { kind: other },
        ),
      ]);
    }
    const format = ctx.format ?? detectFormat(file, bytes);
    if (!format) {
      return failure(file, [
        importError('unknown-format', file, {}, `the file is not in a format ChainAtlas reads (${READ_EXTENSIONS})`),
      ]);
    }
    const parsed = await READERS[format](bytes, ctx, progress.part(0, 0.9));
    progress.checkAborted();
    const result =
      parsed.ok && parsed.kind === 'patch' ? await checkPatch(parsed, ctx, progress) : publicResult(parsed);
    await progress.tick(1);
    const issues = capWarnings(file, foldRepeated(result.issues));
    return result.ok
      ? { ...result, issues }
      : {
          ...failure(file, issues),
          format: result.format,
          encoding: result.encoding,
          ...(result.encodingChoice ? { encodingChoice: result.encodingChoice } : {}),
          ...(result.tables ? { tables: result.tables } : {}),
          ...(result.rows !== undefined ? { rows: result.rows } : {}),
        };
  } catch (e) {
    if (e instanceof ImportStop) return failure(file, [e.issue]);
    // A reader bug must not take the app down or pass bad data: report it like any unreadable file.
    const message = e instanceof Error ? e.message : String(e);
    return failure(file, [
      importError('internal', file, {}, `the file could not be read (${message})`, { detail: message }),
    ]);
  }
}

/** The name and MIME type an exported file of `format` gets: the registry's first extension and type. */
function exportedFile(base: string, format: Exclude<ExportFormat, 'csv'>, bytes: Uint8Array): ExportedFile {
  const f = formatById(format);
  return { fileName: `${base}.${f.extensions[0]}`, mimeType: f.mimeTypes[0], bytes };
}

/** Writes `dataset` in `format`: one file, or for CSV one file per table. */
export function exportDataset(dataset: Dataset, format: ExportFormat, options: ExportOptions = {}): ExportedFile[] {
  const base = options.baseName ?? 'chainatlas';
  switch (format) {
    case 'native-json':
      return [exportedFile(base, format, exportNativeJson(dataset))];
    case 'csv':
      return exportCsv(dataset, options);
    case 'xlsx':
      return [exportedFile(base, format, exportXlsx(dataset, options))];
    case 'graphml':
      return [exportedFile(base, format, exportGraphml(dataset, options))];
  }
}
