/**
 * A PDF's text through pdf.js, as Node loads it (the app loads the browser build, with its worker, only
 * when a PDF is opened). The fixture was printed to PDF by Chromium from a constructed text; the
 * text-less PDF is one the app itself writes (a poster is one image).
 */
import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { imagePdf } from './pdf';
import { pageText, textOfPdfWith, type PdfJs } from './pdfLines';

const lib = pdfjs as unknown as PdfJs;

describe('the text of a PDF', () => {
  it('reads a printed article into paragraphs separated by blank lines', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../tests/fixtures/reading/signed-zh.pdf', import.meta.url)));
    const out = await textOfPdfWith(lib, bytes);
    if (!out.ok) throw new Error(out.error.code);
    expect(out.text.split('\n\n')).toEqual([
      '（测试用构造文本，并非真实文件。Constructed for tests, not a real document.）',
      '2024年3月12日，金昌市新能源电池产业链重点项目集中签约，江苏锦程新能源科技有限公司年产10GWh磷酸铁锂储能电池项目总投资50亿元。',
      '北辰隔膜一期项目开工建设，隔膜、电解液等环节仍是空白。',
    ]);
  });

  it('says a PDF of images holds no text', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    const bytes = imagePdf({ width: 200, height: 100, jpeg, imageWidth: 2, imageHeight: 1, title: 'poster' });
    expect(await textOfPdfWith(lib, bytes)).toEqual({
      ok: false,
      error: { code: 'pdf-no-text', params: { pages: 1 } },
    });
  });

  it('says a damaged PDF cannot be opened', async () => {
    const out = await textOfPdfWith(lib, new TextEncoder().encode('%PDF-1.4 not really'));
    expect(out).toMatchObject({ ok: false, error: { code: 'pdf-unreadable' } });
  });

  it('joins the lines of a paragraph: Chinese without a space, English with one', () => {
    const item = (str: string, y: number) => ({ str, transform: [12, 0, 0, 12, 72, y], height: 12 });
    expect(
      pageText([item('金昌市新能源', 700), item('电池产业', 686), item('New energy', 640), item('batteries', 626)]),
    ).toBe('金昌市新能源电池产业\n\nNew energy batteries');
  });
});
