/**
 * A PDF's text through pdf.js, as Node loads it (the app loads the browser build, with its worker, only
 * when a PDF is opened). The fixture was printed to PDF by Chromium from a constructed text; the
 * text-less PDF is one the app itself writes (a poster is one image).
 */
import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { imagePdf } from './pdf';
import { pageText, textOfPdfWith, type CMapReaderClass, type PdfJs } from './pdfLines';

const lib = pdfjs as unknown as PdfJs;

/** pdf.js's character maps as the app carries them, read from the package. */
class PackageCMaps {
  constructor(_options: unknown) {}
  async fetch({ name }: { name: string }) {
    const path = new URL(`../../../node_modules/pdfjs-dist/cmaps/${name}.bcmap`, import.meta.url);
    return { cMapData: new Uint8Array(readFileSync(path)), isCompressed: true };
  }
}

/**
 * A PDF whose text is in a font it names but does not embed, STSong-Light in UniGB-UCS2-H, as many
 * Chinese government PDFs are: its codes are UCS-2, read through the GB character maps.
 */
function cidFontPdf(text: string): Uint8Array {
  let hex = '';
  for (const c of text) hex += c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
  const content = `BT /F1 14 Tf 72 700 Td <${hex}> Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe('the text of a PDF', () => {
  it('reads a printed article into paragraphs separated by blank lines', async () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../../tests/fixtures/reading/signed-zh.pdf', import.meta.url)),
    );
    const out = await textOfPdfWith(lib, bytes);
    if (!out.ok) throw new Error(out.error.code);
    expect(out.text.split('\n\n')).toEqual([
      '（测试用构造文本，并非真实文件。Constructed for tests, not a real document.）',
      '2024年3月12日，金昌市新能源电池产业链重点项目集中签约，江苏锦程新能源科技有限公司年产10GWh磷酸铁锂储能电池项目总投资50亿元。',
      '北辰隔膜一期项目开工建设，隔膜、电解液等环节仍是空白。',
    ]);
  });

  it('reads text in a Chinese font the PDF does not embed, through the GB character maps', async () => {
    const out = await textOfPdfWith(lib, cidFontPdf('金昌市新能源电池产业'), PackageCMaps satisfies CMapReaderClass);
    expect(out).toEqual({ ok: true, text: '金昌市新能源电池产业' });
    // Without the maps its codes mean nothing: the page would read as holding no text.
    expect(await textOfPdfWith(lib, cidFontPdf('金昌'))).toMatchObject({ ok: false, error: { code: 'pdf-no-text' } });
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
