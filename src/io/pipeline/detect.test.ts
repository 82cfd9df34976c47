/**
 * Format detection: by content first, extension second.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IMPORT_ACCEPT } from '../formats';
import { detectFormat, otherSpreadsheet } from './detect';
import { encodeUtf8 } from '../syntax/text';
import { fixture } from '../testkit';

const detect = (name: string, text: string) => detectFormat(name, encodeUtf8(text));

describe('detectFormat', () => {
  it('recognises every fixture', () => {
    expect(detectFormat('x', fixture('workbook.xlsx'))).toBe('xlsx');
    expect(detectFormat('x', fixture('yed.graphml'))).toBe('graphml');
    expect(detectFormat('x', fixture('gephi.gexf'))).toBe('gexf');
    expect(detectFormat('x', fixture('cytoscape.json'))).toBe('cytoscape-json');
    expect(detectFormat('x', fixture('valid-tiny.json'))).toBe('native-json');
    expect(detectFormat('a.csv', fixture('statuses-gbk.csv'))).toBe('csv');
  });

  it('sniffs content whatever the extension says', () => {
    expect(detect('chain.txt', '<?xml version="1.0"?>\n<graphml xmlns="x">')).toBe('graphml');
    expect(detect('data.json', '\uFEFF  [ {"data": {"id": "a"}} ]')).toBe('cytoscape-json');
    expect(detect('data', '{"elements": []}')).toBe('cytoscape-json');
    expect(detect('data', '{"sources": [], "format": 1}')).toBe('native-json');
  });

  it('falls back to the extension, and gives up on unknown files', () => {
    expect(detect('links.CSV', 'id,name_zh')).toBe('csv');
    expect(detect('broken.json', '{ "nothing": ')).toBe('native-json');
    expect(detect('photo.png', '\u0089PNG')).toBeUndefined();
  });

  it('offers in the file picker every extension it reads', () => {
    const offered = IMPORT_ACCEPT.split(',');
    for (const name of [
      'a.json',
      'a.csv',
      'a.tsv',
      'a.txt',
      'a.xlsx',
      'a.xlsm',
      'a.graphml',
      'a.gexf',
      'a.cyjs',
      'a.xml',
    ])
      expect(offered, name).toContain(name.slice(1));
  });

  it('tells the spreadsheets it does not read from workbooks, and offers them so it can say so', () => {
    const zip = (files: Record<string, string>) =>
      zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
    expect(
      otherSpreadsheet('a.xlsx', zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' })),
    ).toBe(undefined);
    expect(otherSpreadsheet('b.xlsb', zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'x' }))).toBe('xlsb');
    expect(otherSpreadsheet('renamed.xlsx', zip({ 'xl/workbook.bin': 'x' }))).toBe('xlsb');
    expect(otherSpreadsheet('a.csv', strToU8('id,name'))).toBe(undefined);
    const offered = IMPORT_ACCEPT.split(',');
    for (const ext of ['.xls', '.et', '.ods', '.xlsb']) expect(offered).toContain(ext);
  });
});
