/**
 * The native format (docs/data-format.md): one JSON document, validated as a whole. Syntax errors
 * and validation problems come with the line and column where they stand.
 */
import type { Dataset } from '../model/types';
import { validateDataset } from '../model/validate';
import { fromValidation, importError, ImportStop } from './issues';
import {
  findDeepNesting,
  findJsonSyntaxError,
  lineColumn,
  lineLocator,
  locateJsonPaths,
  offsetFromEngineMessage,
} from './syntax/jsonText';
import type { Progress } from './progress';
import { decodeText, encodeUtf8 } from './syntax/text';
import type { ImportContext, ImportResult } from './types';
import { MAX_JSON_DEPTH } from './types';

/** Issues beyond this many are not given positions: locating costs a pass over the text. */
const LOCATE_LIMIT = 2000;

/**
 * Parses JSON text, turning a syntax error into an issue with line and column. Text nested deeper than
 * MAX_JSON_DEPTH is refused at the bracket that goes too deep, before it is parsed.
 */
export function parseJsonText(text: string, fileName: string): unknown {
  const deep = findDeepNesting(text, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    throw new ImportStop(
      importError(
        'too-deep',
        fileName,
        lineColumn(text, deep),
        `lists and objects are nested more than ${MAX_JSON_DEPTH} levels deep here; ChainAtlas data never nests so deep`,
        { max: MAX_JSON_DEPTH },
      ),
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const engineMessage = e instanceof Error ? e.message : String(e);
    const scanned = findJsonSyntaxError(text);
    const offset = offsetFromEngineMessage(engineMessage, text) ?? scanned?.offset ?? 0;
    const description = scanned?.message ?? engineMessage.slice(0, 200);
    const { line, column } = lineColumn(text, offset);
    throw new ImportStop(
      importError('json-syntax', fileName, { line, column }, `JSON syntax error: ${description}`, {
        detail: description,
      }),
    );
  }
}

/** Reads a native dataset file: decode, parse, validate. */
export async function importNativeJson(
  bytes: Uint8Array,
  ctx: ImportContext,
  progress: Progress,
): Promise<ImportResult> {
  const { text, encoding } = await decodeText(bytes, ctx.fileName, progress.part(0, 0.3));
  await progress.tick(0.3);
  const doc = parseJsonText(text, ctx.fileName);
  await progress.tick(0.6);
  const result = validateDataset(doc);
  await progress.tick(0.9);
  const located = result.issues.slice(0, LOCATE_LIMIT);
  const positions =
    located.length > 0
      ? locateJsonPaths(
          text,
          located.map((i) => i.path),
        )
      : new Map<string, number>();
  const locate = positions.size > 0 ? lineLocator(text) : undefined;
  const issues = result.issues.map((v) => {
    const offset = positions.get(v.path);
    return fromValidation(ctx.fileName, v, offset === undefined || !locate ? {} : locate(offset));
  });
  await progress.tick(1);
  const details = { format: 'native-json' as const, encoding };
  return result.ok
    ? { ok: true, kind: 'dataset', dataset: result.dataset, issues, ...details }
    : { ok: false, issues, ...details };
}

/** The dataset as pretty JSON in a stable key order (the order validation builds records in). */
export function exportNativeJson(dataset: Dataset): Uint8Array {
  const checked = validateDataset(dataset);
  return encodeUtf8(`${JSON.stringify(checked.ok ? checked.dataset : dataset, null, 2)}\n`);
}
