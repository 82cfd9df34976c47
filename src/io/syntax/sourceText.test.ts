import { describe, expect, it } from 'vitest';
import { isPdf, MAX_SOURCE_FILE_BYTES, sourceKindOf, textOfFile } from './sourceText';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('the text of an opened source file', () => {
  it('decodes UTF-8 and GB18030 text', async () => {
    expect(await textOfFile(utf8('金昌市，2024年。'), 'a.txt', 'text')).toEqual({ ok: true, text: '金昌市，2024年。' });
    // 金昌 in GB18030.
    const gb = new Uint8Array([0xbd, 0xf0, 0xb2, 0xfd]);
    expect(await textOfFile(gb, 'a.txt', 'text')).toEqual({ ok: true, text: '金昌' });
  });

  it('strips an HTML page to its words, also when it is named .txt', async () => {
    expect(await textOfFile(utf8('<p>一</p><script>alert(1)</script><p>二</p>'), 'a.html', 'html')).toEqual({
      ok: true,
      text: '一\n\n二',
    });
    expect(await textOfFile(utf8('<!doctype html><p>一</p>'), 'a.txt', 'text')).toEqual({ ok: true, text: '一' });
  });

  it('refuses binary data, an empty file and one over the limit, saying which', async () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    expect(await textOfFile(binary, 'a.txt', 'text')).toMatchObject({ ok: false, error: { code: 'binary' } });
    expect(await textOfFile(new Uint8Array(0), 'a.txt', 'text')).toMatchObject({
      ok: false,
      error: { code: 'file-empty' },
    });
    const big = new Uint8Array(MAX_SOURCE_FILE_BYTES + 1);
    expect(await textOfFile(big, 'a.txt', 'text')).toMatchObject({ ok: false, error: { code: 'file-too-large' } });
  });

  it('knows a file’s kind by its name, type or first bytes', () => {
    expect(sourceKindOf('report.PDF')).toBe('pdf');
    expect(sourceKindOf('page.htm')).toBe('html');
    expect(sourceKindOf('notes.md')).toBe('text');
    expect(sourceKindOf('data.xlsx')).toBeUndefined();
    expect(isPdf(utf8('%PDF-1.7'))).toBe(true);
  });
});
