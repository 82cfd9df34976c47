/**
 * RFC 4180 reading and writing.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter, writeCsv } from './csvSyntax';

const cells = async (text: string) => (await parseCsv(text)).rows.map((r) => r.cells);

describe('CSV syntax', () => {
  it('reads quotes, doubled quotes, embedded line breaks, CRLF and LF', async () => {
    expect(await cells('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
  });

  it('numbers rows as Excel does, one per record, and ignores a final line break', async () => {
    const { rows } = await parseCsv('h1,h2\n"a\nb",c\nd,e');
    expect(rows.map((r) => [r.row, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  it('keeps empty cells, including a trailing one', async () => {
    expect(await cells('a,,c,\n,\n')).toEqual([
      ['a', '', 'c', ''],
      ['', ''],
    ]);
  });

  it('reports a quote that is never closed, at the row and line where it opened', async () => {
    const { problems } = await parseCsv('a,b\nc,"open\nstill open\n');
    expect(problems).toEqual([
      expect.objectContaining({ code: 'csv-syntax', fatal: true, where: { row: 2, line: 2 } }),
    ]);
  });

  it('keeps text after a closing quote with a warning, as Excel does', async () => {
    const { rows, problems } = await parseCsv('"ab"c,d\n');
    expect(rows[0]!.cells).toEqual(['abc', 'd']);
    expect(problems).toEqual([expect.objectContaining({ fatal: false })]);
  });

  it('recognises semicolon and tab delimiters', async () => {
    expect(sniffDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(sniffDelimiter('a\tb\n')).toBe('\t');
    expect(sniffDelimiter('a,b;c\n')).toBe(',');
  });

  it('writes what it reads', async () => {
    const rows = [
      ['id', 'text'],
      ['a', 'comma, "quote"'],
      ['b', 'line\r\nbreak'],
      ['c', ' padded '],
      ['', ''],
    ];
    const text = writeCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(await cells(text)).toEqual(rows);
  });
});
