/**
 * The native JSON format: broken files give precise issues (code, file, line and column, field);
 * valid ones give the validated dataset, markup in labels kept as plain text.
 */
import { describe, expect, it } from 'vitest';
import { tinyDataset } from '../model/testing';
import { FORMAT_VERSION } from '../model/types';
import { exportNativeJson } from './nativeJson';
import { datasetOf, errorsOf, fixture, importFixture, importText, warningsOf } from './testkit';

describe('native JSON import', () => {
  it('reads a valid file into the same dataset', async () => {
    // The fixture is written in format 1; it reads as the current format, with nothing else changed.
    const expected = JSON.parse(new TextDecoder().decode(fixture('valid-tiny.json')));
    const result = await importFixture('valid-tiny.json');
    expect(expected.format).toBe(1);
    expect(datasetOf(result)).toEqual({ ...expected, format: FORMAT_VERSION });
    expect(result.format).toBe('native-json');
    expect(result.encoding).toBe('utf-8');
  });

  it('reports a truncated file as a syntax error at the end, with line and column', async () => {
    const result = await importFixture('truncated.json');
    expect(result.ok).toBe(false);
    const text = new TextDecoder().decode(fixture('truncated.json'));
    const lines = text.split('\n');
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'json-syntax',
        file: 'truncated.json',
        line: lines.length,
        column: lines.at(-1)!.length + 1,
      }),
    ]);
  });

  it('reports wrong types at their path, line and column', async () => {
    const result = await importFixture('wrong-types.json');
    expect(result.ok).toBe(false);
    const errors = errorsOf(result);
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'type',
        file: 'wrong-types.json',
        field: 'chains[0].subChains[0].order',
        line: 25,
        column: 11,
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'type',
        field: 'chains[0].links[1].stage',
        params: expect.objectContaining({ recordKind: 'link', recordId: 'b' }),
      }),
    );
  });

  it('reports a duplicate id with the record, path and line', async () => {
    const result = await importFixture('duplicate-ids.json');
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'duplicate-id',
        file: 'duplicate-ids.json',
        field: 'chains[0].links[1].id',
        line: 49,
        column: 11,
        params: expect.objectContaining({ value: 'a', record: 'link "a"' }),
      }),
    ]);
  });

  it('reports an edge to an unknown link', async () => {
    const result = await importFixture('edge-to-unknown-link.json');
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'unknown-ref',
        file: 'edge-to-unknown-link.json',
        field: 'chains[0].edges[1].to',
        line: 112,
        column: 11,
        params: expect.objectContaining({ value: 'zz', target: 'link' }),
      }),
    ]);
  });

  it('refuses an empty file and binary garbage before parsing', async () => {
    expect(errorsOf(await importFixture('empty.json'))).toEqual([
      expect.objectContaining({ code: 'empty-file', file: 'empty.json' }),
    ]);
    expect(errorsOf(await importFixture('garbage.bin', undefined, { format: 'native-json' }))).toEqual([
      expect.objectContaining({ code: 'binary', file: 'garbage.bin' }),
    ]);
  });

  it('keeps markup in labels as plain text', async () => {
    const ds = datasetOf(await importFixture('xss-labels.json'));
    expect(ds.chains[0]!.links[0]!.name).toEqual({
      zh: '<script>alert(1)</script>',
      en: '<img src=x onerror=alert(1)>',
    });
    expect(ds.chains[0]!.links[1]!.name.zh).toBe('<img src=x onerror=alert(1)>');
  });

  it('exports stable pretty JSON whatever the key order of the input', () => {
    const ds = JSON.parse(new TextDecoder().decode(fixture('valid-tiny.json')));
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reordered = reverseKeys(ds) as typeof ds;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(ds));
    const text = new TextDecoder().decode(exportNativeJson(ds));
    expect(text.startsWith(`{\n  "format": ${FORMAT_VERSION},\n  "sources": [\n`)).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(new TextDecoder().decode(exportNativeJson(reordered))).toBe(text);
  });

  it('reads back a backup holding a note of nine million characters, with its warnings placed', async () => {
    const ds = tinyDataset();
    const note = '注'.repeat(9_000_000);
    // An uncited source: a warning, so the reader locates it in the text, past the long note.
    const backup = { ...ds, sources: [...ds.sources, { id: 'long', title: 'Long', publisher: 'Me', note }] };
    const text = new TextDecoder().decode(exportNativeJson(backup));
    const result = await importText(text, 'backup.json');
    expect(errorsOf(result)).toEqual([]);
    expect(datasetOf(result).sources.find((s) => s.id === 'long')?.note).toBe(note);
    // Placed at the record: the line of its opening brace, the one before its id.
    const line = text.split('\n').findIndex((l) => l.includes('"id": "long"'));
    expect(warningsOf(result)).toContainEqual(
      expect.objectContaining({ code: 'uncited-source', field: 'sources[1]', line }),
    );
  });

  it('refuses a file nested 100,000 levels deep, saying where', async () => {
    const deep = `{"format": 2, "sources": [], "chains": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "regions": []}`;
    expect(errorsOf(await importText(deep, 'deep.json'))).toEqual([
      expect.objectContaining({ code: 'too-deep', file: 'deep.json', line: 1, column: 39 + 100, params: { max: 100 } }),
    ]);
  });

  it('places an id list that holds lists instead of ids, however deep, at the list', async () => {
    const ds = tinyDataset();
    const firm = ds.regions[0]!.enterprises[0]!;
    const nested = (depth: number) => JSON.parse(`${'['.repeat(depth)}"a"${']'.repeat(depth)}`) as unknown;
    for (const depth of [1, 90]) {
      const region = { ...ds.regions[0]!, enterprises: [{ ...firm, linkIds: [nested(depth)] }] };
      const text = JSON.stringify({ ...ds, regions: [region] }, null, 1);
      expect(errorsOf(await importText(text, 'ids.json'))).toEqual([
        expect.objectContaining({
          code: 'id-pattern',
          field: 'regions[0].enterprises[0].linkIds[0]',
          line: expect.any(Number),
          params: expect.objectContaining({ value: 'a list' }),
        }),
      ]);
    }
  });
});
