/**
 * importBytes: refusals before reading, cancellation, progress, and big files (50,000 links as CSV
 * and as JSON) read in slices.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../model/patch';
import type { ChainLink, Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import { tinyDataset } from '../../model/testing';
import { writeCsv } from '../syntax/csvSyntax';
import { exportDataset, importBytes } from './importFile';
import { encodeUtf8 } from '../syntax/text';
import { context, datasetOf, errorsOf, importFixture, patchOf } from '../testkit';
import { MAX_IMPORT_BYTES } from '../types';

// Big enough for many progress reports and slices; the 50,000-link import is timed in `npm run bench`.
const N = 20_000;
const cite = [{ sourceId: 'src', locator: '¶1' }];

/** A dataset whose chain has `n` links in a line, each feeding the next. */
function bigDataset(n: number): Dataset {
  const base = tinyDataset();
  const links: ChainLink[] = Array.from({ length: n }, (_, i) => ({
    id: `l${i}`,
    name: { zh: `环节${i}`, en: `Link ${i}` },
    subChain: 'main',
    stage: 'intermediate',
    sources: cite,
  }));
  const edges = links.slice(1).map((l, i) => ({ from: `l${i}`, to: l.id, sources: cite }));
  return {
    ...base,
    chains: [{ ...base.chains[0]!, links, edges }],
    regions: [{ ...base.regions[0]!, linkStates: [], enterprises: [], projects: [], indicators: [] }],
  };
}

/** Successive progress fractions and the largest step between them. */
function recorder() {
  const seen: number[] = [];
  return {
    seen,
    onProgress: (f: number) => seen.push(f),
    maxStep: () => Math.max(...seen.map((f, i) => f - (seen[i - 1] ?? 0))),
  };
}

describe('importBytes', () => {
  it('refuses a file over the limit and an empty file before reading them', async () => {
    const big = await importBytes(new Uint8Array(MAX_IMPORT_BYTES + 1), context('huge.json'));
    expect(errorsOf(big)).toEqual([
      expect.objectContaining({
        code: 'too-large',
        file: 'huge.json',
        params: { sizeMb: '100.1', limitMb: '100.0' },
        message: 'huge.json: the file is 100.1 MB; the largest file ChainAtlas imports is 100.0 MB',
      }),
    ]);
    expect(errorsOf(await importBytes(new Uint8Array(0), context('empty.csv')))).toEqual([
      expect.objectContaining({ code: 'empty-file' }),
    ]);
  });

  it('says when it does not know the format', async () => {
    expect(errorsOf(await importFixture('garbage.bin'))).toEqual([
      expect.objectContaining({ code: 'unknown-format', file: 'garbage.bin' }),
    ]);
  });

  it('stops with an aborted error when cancelled, before or during reading', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(errorsOf(await importFixture('valid-tiny.json', undefined, { signal: controller.signal }))).toEqual([
      expect.objectContaining({ code: 'aborted' }),
    ]);
    const during = new AbortController();
    const csv = encodeUtf8(
      writeCsv([
        ['id', 'name_zh', 'name_en', 'sub_chain', 'stage'],
        ...Array.from({ length: 20_000 }, (_, i) => [`x${i}`, '甲', 'A', 'main', 'raw']),
      ]),
    );
    const result = await importBytes(
      csv,
      context('links.csv', tinyDataset(), { signal: during.signal, onProgress: (f) => f > 0.3 && during.abort() }),
    );
    expect(errorsOf(result)).toEqual([expect.objectContaining({ code: 'aborted', file: 'links.csv' })]);
  });

  it(`imports ${N} links from CSV in slices, with progress`, async () => {
    const current = bigDataset(1);
    const rows = [
      ['id', 'name_zh', 'name_en', 'sub_chain', 'stage', 'aliases'],
      ...Array.from({ length: N }, (_, i) => [
        `n${i}`,
        `环节 ${i}`,
        `Link, "${i}"`,
        'main',
        i % 2 ? '中间品' : 'raw',
        `a${i}; b${i}`,
      ]),
    ];
    const bytes = encodeUtf8(writeCsv(rows), true);
    const progress = recorder();
    const result = await importBytes(bytes, context('big-links.csv', current, { onProgress: progress.onProgress }));
    expect(errorsOf(result)).toEqual([]);
    const links = patchOf(result).chain!.links!;
    expect(links.length).toBe(N);
    expect(links[N - 1]).toEqual({
      id: `n${N - 1}`,
      name: { zh: `环节 ${N - 1}`, en: `Link, "${N - 1}"` },
      subChain: 'main',
      stage: 'intermediate',
      aliases: [`a${N - 1}`, `b${N - 1}`],
      sources: [{ sourceId: 'import-20261126-big-links-csv', locator: `row ${N + 1}` }],
    });
    // Every new link lacks an edge: one warning, on all N rows, listing the first five.
    const orphans = result.issues.filter((i) => i.code === 'orphan-link');
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.repeated).toEqual({ count: N, rows: [2, 3, 4, 5, 6] });
    expect(result.issues.some((i) => i.code === 'more-warnings')).toBe(false);
    expect(progress.seen.at(-1)).toBe(1);
    // Steps of at most a tenth: the bar moves at least ten times on the way.
    expect(progress.seen.length).toBeGreaterThanOrEqual(10);
    expect(progress.maxStep()).toBeLessThanOrEqual(0.1);
  });

  it(`imports ${N} links from native JSON`, async () => {
    const ds = bigDataset(N);
    const [file] = exportDataset(ds, 'native-json');
    const progress = recorder();
    const result = await importBytes(file!.bytes, context('big.json', undefined, { onProgress: progress.onProgress }));
    expect(errorsOf(result)).toEqual([]);
    expect(datasetOf(result).chains[0]!.links.length).toBe(N);
    expect(progress.seen.at(-1)).toBe(1);
  });

  it('checks a patch against the stored data and names the row of what breaks it', async () => {
    const current = tinyDataset();
    const result = await importBytes(encodeUtf8('from,to\na,c\nc,zz\n'), context('edges.csv', current));
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'unknown-ref',
        row: 3,
        field: 'to',
        params: expect.objectContaining({ value: 'zz' }),
      }),
    ]);
    const ok = await importBytes(encodeUtf8('from,to\na,c\n'), context('edges.csv', current));
    expect(validateDataset(applyPatch(current, patchOf(ok), 'merge')).ok).toBe(true);
  });
});
