/**
 * The format registry is the one list: detection, the file picker, export and the catalogues agree
 * with it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../i18n/testing';
import { loadShippedDataset } from '../store/seed';
import { EXPORT_FORMATS, FORMATS, IMPORT_ACCEPT, REFUSED_SPREADSHEETS, type ImportFormat } from './formats';
import { detectFormat } from './pipeline/detect';
import { exportDataset, importBytes } from './pipeline/importFile';
import { context, fixture } from './testkit';

/** One sample file of every registered format (a format added without a sample does not compile). */
const SAMPLES: Record<ImportFormat, string> = {
  'native-json': 'valid-tiny.json',
  xlsx: 'workbook.xlsx',
  csv: 'links-utf8-bom.csv',
  graphml: 'yed.graphml',
  gexf: 'gephi.gexf',
  'cytoscape-json': 'cytoscape.json',
};

describe('the format registry', () => {
  it('detects every registered format by its own sample, and reads the sample as that format', async () => {
    const shipped = await loadShippedDataset();
    for (const f of FORMATS) {
      const name = SAMPLES[f.id];
      const bytes = fixture(name);
      expect(detectFormat(name, bytes), name).toBe(f.id);
      // Content decides when the format has a sniffer: a renamed file still opens.
      if ('sniff' in f) expect(detectFormat('renamed.bin', bytes), name).toBe(f.id);
      else expect(detectFormat(`renamed.${f.extensions[0]}`, bytes), name).toBe(f.id);
      const result = await importBytes(bytes, context(name, shipped));
      expect(result.format, name).toBe(f.id);
      expect(f.reads, name).toContain(result.ok ? result.kind : 'failed');
    }
  });

  it('goes by extension only when the content does not tell', () => {
    const text = new TextEncoder().encode('id,name_zh');
    for (const f of FORMATS)
      for (const ext of f.extensions)
        if (f.id !== 'cytoscape-json' || ext !== 'json')
          expect(detectFormat(`a.${ext.toUpperCase()}`, text), ext).toBe(f.id);
  });

  it('builds the file picker’s accept string from the registry, and nothing else', () => {
    const offered = IMPORT_ACCEPT.split(',');
    const expected = new Set([
      ...FORMATS.flatMap((f): readonly string[] => [...f.extensions, ...('alsoOffered' in f ? f.alsoOffered : [])]),
      ...REFUSED_SPREADSHEETS,
    ]);
    expect(new Set(offered)).toEqual(new Set([...expected].map((e) => `.${e}`)));
    expect(offered.length).toBe(expected.size);
    // The picker in the app is given this string, not a list of its own.
    const header = readFileSync(new URL('../ui/header/ShellHeader.svelte', import.meta.url), 'utf8');
    expect(header).toMatch(/accept=\{IMPORT_ACCEPT\}/);
    expect(header).toMatch(/import \{ IMPORT_ACCEPT \} from '\.\.\/\.\.\/io\/formats'/);
  });

  it('writes each exported format with its registered extension and MIME type', async () => {
    const shipped = await loadShippedDataset();
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual(['native-json', 'xlsx', 'csv', 'graphml']);
    for (const f of EXPORT_FORMATS) {
      const files = exportDataset(shipped, f.id, { baseName: 'x' });
      expect(files.length, f.id).toBeGreaterThan(0);
      for (const file of files) {
        expect(file.fileName.endsWith(`.${f.extensions[0]}`), file.fileName).toBe(true);
        expect(file.mimeType.split(';')[0], file.fileName).toBe(f.mimeTypes[0]);
      }
    }
  });

  it('names every registered extension when a file is in none of the formats', async () => {
    const shipped = await loadShippedDataset();
    const result = await importBytes(new Uint8Array([0, 1, 2, 3, 0xff]), context('garbage.bin', shipped));
    const unknown = result.issues.find((i) => i.code === 'unknown-format');
    for (const ext of FORMATS.flatMap((f): readonly string[] => f.extensions))
      expect(unknown?.message, ext).toContain(`.${ext}`);
  });

  it('names every format in both catalogues', () => {
    for (const f of FORMATS) {
      const keys: string[] = [f.label, ...('exportLabel' in f ? [f.exportLabel] : [])];
      for (const key of keys) {
        expect(en, key).toHaveProperty([key]);
        expect(zhCN, key).toHaveProperty([key]);
      }
    }
  });
});
