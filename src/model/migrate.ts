/**
 * Brings a parsed document of any supported format version up to the current one. Each step takes
 * version n to n+1; add one to `STEPS` whenever FORMAT_VERSION goes up, and keep the old ones so that
 * files and databases written by earlier versions keep opening.
 */
import type { IssueCode } from './issues';
import { FORMAT_VERSION } from './types';
import type { Json } from './validation/reader';
import { isObject, valueText } from './validation/reader';

/** `STEPS[n]` migrates a document from format n to n + 1. */
const STEPS: Readonly<Record<number, (doc: Json) => Json>> = {
  // Format 2 added saved views and briefings; a format 1 file has none.
  1: (doc) => ({ ...doc, views: [], briefings: [] }),
  // Format 3 marks targets (`target: true`) and series (`series`) on indicators. Format 2 kept a target
  // as an indicator dated by its target year whose English note begins "A target, not a result": such
  // an indicator becomes a target. Everything else stays as it was.
  2: (doc) => (Array.isArray(doc.regions) ? { ...doc, regions: doc.regions.map(markTargets) } : doc),
  // Format 4 added capacities per link on enterprises and firm-to-firm supply relations on regions,
  // both optional: a format 3 document is a format 4 document without them.
  3: (doc) => doc,
};

function markTargets(region: unknown): unknown {
  if (!isObject(region) || !Array.isArray(region.indicators)) return region;
  return {
    ...region,
    indicators: region.indicators.map((i: unknown) => {
      if (!isObject(i) || i.target !== undefined || !isObject(i.note)) return i;
      const en = i.note.en;
      return typeof en === 'string' && en.startsWith('A target, not a result') ? { ...i, target: true } : i;
    }),
  };
}

export type MigrationResult =
  | { readonly ok: true; readonly value: Json; readonly from: number }
  | {
      readonly ok: false;
      readonly code: IssueCode;
      readonly message: string;
      readonly params: Record<string, string | number>;
    };

/** Checks the `format` field and applies every migration step from that version to the current one. */
export function migrateDataset(input: unknown): MigrationResult {
  if (!isObject(input)) {
    return {
      ok: false,
      code: 'not-object',
      message: 'the file is not a ChainAtlas dataset (expected a JSON object)',
      params: {},
    };
  }
  const format = input.format;
  if (format === undefined) {
    return {
      ok: false,
      code: 'format-missing',
      message: 'has no "format" version, so it is not a ChainAtlas dataset',
      params: {},
    };
  }
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) {
    return {
      ok: false,
      code: 'format-unsupported',
      message: `format ${typeof format === 'string' ? `"${valueText(format)}"` : valueText(format)} is not a format version`,
      params: { value: valueText(format), current: FORMAT_VERSION },
    };
  }
  if (format > FORMAT_VERSION) {
    return {
      ok: false,
      code: 'format-unsupported',
      message: `format ${format} was written by a newer ChainAtlas; this version reads up to ${FORMAT_VERSION}`,
      params: { value: format, current: FORMAT_VERSION },
    };
  }
  let doc: Json = input;
  for (let v = format; v < FORMAT_VERSION; v++) {
    const step = STEPS[v];
    if (!step) {
      return {
        ok: false,
        code: 'format-unsupported',
        message: `no migration from format ${v}`,
        params: { value: v, current: FORMAT_VERSION },
      };
    }
    doc = { ...step(doc), format: v + 1 };
  }
  return { ok: true, value: doc, from: format };
}
