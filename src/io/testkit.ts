/**
 * Helpers for the import tests: the fixture files, and running an import the way the app does.
 * Not used by the app.
 */
import { readFileSync } from 'node:fs';
import type { Dataset } from '../model/types';
import { importBytes } from './importFile';
import type { ImportContext, ImportIssue, ImportResult } from './types';

/** A file of tests/fixtures/import as bytes. */
export function fixture(name: string): Uint8Array<ArrayBuffer> {
  const bytes = readFileSync(new URL(`../../tests/fixtures/import/${name}`, import.meta.url));
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** The import context of a test, on 2026-11-26. */
export function context(fileName: string, current?: Dataset, extra: Partial<ImportContext> = {}): ImportContext {
  return { fileName, importedAt: '2026-11-26', ...(current ? { current } : {}), ...extra };
}

/** Imports a fixture file. */
export function importFixture(name: string, current?: Dataset, extra?: Partial<ImportContext>): Promise<ImportResult> {
  return importBytes(fixture(name), context(name, current, extra));
}

/** Imports text as the file `fileName`. */
export function importText(
  text: string,
  fileName: string,
  current?: Dataset,
  extra?: Partial<ImportContext>,
): Promise<ImportResult> {
  return importBytes(new TextEncoder().encode(text), context(fileName, current, extra));
}

export const errorsOf = (r: ImportResult): ImportIssue[] => r.issues.filter((i) => i.severity === 'error');
export const warningsOf = (r: ImportResult): ImportIssue[] => r.issues.filter((i) => i.severity === 'warning');

/** The result's patch; throws (failing the test) with the issues when there is none. */
export function patchOf(r: ImportResult) {
  if (!r.ok || r.kind !== 'patch') throw new Error(`expected a patch: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.patch;
}

/** The result's dataset; throws (failing the test) with the issues when there is none. */
export function datasetOf(r: ImportResult): Dataset {
  if (!r.ok || r.kind !== 'dataset')
    throw new Error(`expected a dataset: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.dataset;
}

const legacyTables = new Map<string, Map<string, number[]>>();

/**
 * `text` in a legacy double-byte code page (`gbk`, `big5`) as Excel on Chinese Windows writes it. The
 * table is built by decoding every double-byte pair with the platform's decoder and inverting it.
 */
export function encodeLegacy(text: string, encoding: 'gbk' | 'big5'): Uint8Array {
  let table = legacyTables.get(encoding);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(encoding === 'gbk' ? 'gb18030' : 'big5');
    for (let b1 = 0x81; b1 <= 0xfe; b1++) {
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f || (encoding === 'big5' && b2 > 0x7e && b2 < 0xa1)) continue;
        const ch = decoder.decode(new Uint8Array([b1, b2]));
        if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [b1, b2]);
      }
    }
    legacyTables.set(encoding, table);
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`${ch} has no ${encoding} code`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
