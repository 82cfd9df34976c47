/**
 * A minimal PDF writer: one page holding one JPEG image, sized in points. Enough for a poster built
 * offline in the browser (the poster is drawn to a canvas first, with the system's CJK fonts, so the
 * PDF needs no embedded font). Follows PDF 1.4: catalog, pages, page, image XObject, content stream,
 * document information, and a cross-reference table with exact byte offsets.
 */

/** A3 landscape in points (420 × 297 mm; 1 pt = 1/72 in). */
export const A3_LANDSCAPE = { width: 1190.55, height: 841.89 } as const;

export interface ImagePage {
  /** Page size in points. */
  readonly width: number;
  readonly height: number;
  /** Baseline JPEG bytes (what `canvas.toBlob(…, 'image/jpeg')` gives). */
  readonly jpeg: Uint8Array;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly title?: string;
  /** When the document was made (for the information dictionary). */
  readonly created?: Date;
}

/** A PDF text string: UTF-16BE with a byte-order mark, as hex, so any script survives. */
function pdfText(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfDate(d: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

/** A one-page PDF showing `page.jpeg` over the whole page. */
export function imagePdf(page: ImagePage): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes);
    length += bytes.length;
  };
  const text = (s: string) => push(enc.encode(s));
  const w = page.width.toFixed(2);
  const h = page.height.toFixed(2);
  const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q\n`;

  text('%PDF-1.4\n');
  const object = (id: number, body: () => void) => {
    offsets[id] = length;
    text(`${id} 0 obj\n`);
    body();
    text('\nendobj\n');
  };
  object(1, () => text('<< /Type /Catalog /Pages 2 0 R >>'));
  object(2, () => text('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
  object(3, () =>
    text(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`,
    ),
  );
  object(4, () => {
    text(
      `<< /Type /XObject /Subtype /Image /Width ${page.imageWidth} /Height ${page.imageHeight} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n`,
    );
    push(page.jpeg);
    text('\nendstream');
  });
  object(5, () => text(`<< /Length ${enc.encode(content).length} >>\nstream\n${content}endstream`));
  object(6, () =>
    text(
      `<< /Producer ${pdfText('ChainAtlas')}${page.title ? ` /Title ${pdfText(page.title)}` : ''} /CreationDate ${pdfDate(page.created ?? new Date())} >>`,
    ),
  );
  const xref = length;
  text(`xref\n0 7\n0000000000 65535 f \n`);
  for (let id = 1; id <= 6; id++) text(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  text(`trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** What a reader needs to check a PDF: its pages' sizes and whether its cross-references hold. */
export function inspectPdf(bytes: Uint8Array): { pages: { width: number; height: number }[]; xrefValid: boolean } {
  const text = new TextDecoder('latin1').decode(bytes);
  const pages = [...text.matchAll(/\/Type \/Page\b[^s][^>]*?\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  const start = Number(/startxref\n(\d+)/.exec(text)?.[1]);
  const table = text.slice(start);
  const entries = [...table.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  const xrefValid =
    table.startsWith('xref') && entries.length > 0 && entries.every((off, i) => text.startsWith(`${i + 1} 0 obj`, off));
  return { pages, xrefValid };
}
