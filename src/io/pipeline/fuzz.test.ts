/**
 * Property-based fuzzing of every reader: arbitrary bytes, and valid files truncated, with bytes
 * flipped, or with quotes, brackets and separators inserted. Whatever comes in, the import never
 * throws and never lets bad data through: it fails with at least one error, or gives a dataset or
 * patch that validates (merged into the stored data, for a patch).
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../model/patch';
import { tinyDataset } from '../../model/testing';
import { validateDataset } from '../../model/validate';
import { exportCsv } from '../tables/csv';
import { importBytes } from './importFile';
import { fixture } from '../testkit';
import type { ImportFormat } from '../types';

const current = tinyDataset();
// A fixed seed and run count in `npm test`; FUZZ_RUNS=5000 npx vitest run src/io/pipeline/fuzz.test.ts runs longer.
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

async function check(bytes: Uint8Array, format: ImportFormat, fileName: string): Promise<void> {
  const result = await importBytes(bytes, { fileName, importedAt: '2026-11-26', current, format });
  // A reader that throws is caught and reported as `internal`: that is a bug, not a bad file.
  expect(result.issues.filter((i) => i.code === 'internal')).toEqual([]);
  if (!result.ok) {
    expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
    return;
  }
  const dataset = result.kind === 'dataset' ? result.dataset : applyPatch(current, result.patch, 'merge', '2026-11-26');
  expect(validateDataset(dataset).issues.filter((i) => i.severity === 'error')).toEqual([]);
}

type Mutation = { kind: 'truncate' | 'flip' | 'insert'; at: number; value: number };
const INSERTS = [...'"<>,;\n\r&{}[]\'\\:'].map((c) => c.charCodeAt(0));
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('truncate', 'flip', 'insert'),
  at: fc.nat(),
  value: fc.nat({ max: 255 }),
});

function mutate(base: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = base;
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const at = m.at % bytes.length;
    if (m.kind === 'truncate') bytes = bytes.slice(0, at);
    else if (m.kind === 'flip') {
      bytes = bytes.slice();
      bytes[at] = bytes[at]! ^ (m.value || 1);
    } else {
      const out = new Uint8Array(bytes.length + 1);
      out.set(bytes.subarray(0, at));
      out[at] = INSERTS[m.value % INSERTS.length]!;
      out.set(bytes.subarray(at), at + 1);
      bytes = out;
    }
  }
  return bytes;
}

const tinyCsv = (table: string) => exportCsv(current).find((f) => f.fileName === `chainatlas-${table}.csv`)!.bytes;

const BASES: readonly [ImportFormat, string, Uint8Array][] = [
  ['native-json', 'valid-tiny.json', fixture('valid-tiny.json')],
  ['csv', 'links.csv', tinyCsv('links')],
  ['csv', 'statuses.csv', tinyCsv('statuses')],
  ['csv', 'statuses-gbk.csv', fixture('statuses-gbk.csv')],
  ['xlsx', 'workbook.xlsx', fixture('workbook.xlsx')],
  ['graphml', 'yed.graphml', fixture('yed.graphml')],
  ['gexf', 'gephi.gexf', fixture('gephi.gexf')],
  ['cytoscape-json', 'cytoscape.json', fixture('cytoscape.json')],
];

describe('fuzzing the readers', () => {
  for (const format of ['native-json', 'csv', 'xlsx', 'graphml', 'gexf', 'cytoscape-json'] as const) {
    it(`${format}: arbitrary bytes never throw and never pass bad data`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) =>
          check(bytes, format, `fuzz.${format}`),
        ),
        { numRuns: RUNS },
      );
    });
  }

  for (const [format, name, base] of BASES) {
    it(`${name}: truncated, flipped and inserted bytes never throw and never pass bad data`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) =>
          check(mutate(base, ms), format, name),
        ),
        { numRuns: RUNS },
      );
    });
  }

  it('workbook.xlsx: mutated sheet XML inside a valid archive never throws and never passes bad data', async () => {
    const parts = unzipSync(fixture('workbook.xlsx'));
    const names = Object.keys(parts).filter((n) => n.endsWith('.xml'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.array(mutation, { minLength: 1, maxLength: 3 }), (name, ms) => {
        const files = { ...parts, [name]: mutate(parts[name]!, ms) };
        return check(zipSync(files), 'xlsx', 'workbook.xlsx');
      }),
      { numRuns: RUNS },
    );
  });

  it('text cells survive the CSV and XLSX writers and readers whatever they hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), async (text) => {
        fc.pre(text.trim() !== '' && !/[\uFFFE\uFFFF]/.test(text));
        const ds = structuredClone(current) as any;
        ds.chains[0].links[0].name = { zh: text, en: `x${text}` };
        for (const format of ['csv', 'xlsx'] as const) {
          const bytes =
            format === 'csv'
              ? exportCsv(ds).find((f) => f.fileName === 'chainatlas-links.csv')!.bytes
              : (await import('../tables/xlsx')).exportXlsx(ds);
          const result = await importBytes(bytes, {
            fileName: `t.${format}`,
            importedAt: '2026-11-26',
            current,
            format,
          });
          const name =
            result.ok && result.kind === 'patch'
              ? result.patch.chain?.links?.[0]?.name
              : result.ok
                ? result.dataset.chains[0]!.links[0]!.name
                : undefined;
          expect(name, format).toEqual({ zh: text, en: `x${text}` });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the mutation helper really changes files', () => {
    expect(mutate(strToU8('abc'), [{ kind: 'truncate', at: 1, value: 0 }])).toEqual(strToU8('a'));
    expect(mutate(strToU8('abc'), [{ kind: 'insert', at: 1, value: 0 }])).toEqual(strToU8('a"bc'));
  });
});
