/**
 * Turning pdf.js text items into a text with paragraphs (kept apart from `pdfText.ts`, which loads
 * pdf.js for the browser, so tests can hand in pdf.js as Node loads it).
 */
import type { SourceTextOutcome } from './sourceText';

/** The little of pdf.js this needs. */
export interface PdfJs {
  getDocument(src: {
    data: Uint8Array;
    isEvalSupported?: boolean;
    disableFontFace?: boolean;
    CMapReaderFactory?: CMapReaderClass;
  }): {
    promise: Promise<PdfDocument>;
  };
}
/**
 * Where pdf.js gets the character maps of fonts a PDF names but does not embed (STSong-Light with
 * UniGB-UCS2-H: common in Chinese government PDFs). Without them such text cannot be read.
 */
export type CMapReaderClass = new (options: unknown) => {
  fetch(args: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }>;
};

interface PdfDocument {
  readonly numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: readonly unknown[] }> }>;
  destroy(): Promise<void>;
}
interface TextItem {
  readonly str: string;
  readonly transform: readonly number[];
  readonly height: number;
  readonly hasEOL?: boolean;
}
const isTextItem = (x: unknown): x is TextItem =>
  typeof x === 'object' && x !== null && typeof (x as TextItem).str === 'string';

const isCjk = (c: string | undefined) => c !== undefined && /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/.test(c);

/**
 * Kangxi radicals and CJK radical supplements (⽉, ⾦) as the ideographs they stand for (月, 金): fonts
 * often map a glyph to the radical's code point, so the extracted text would not match the words.
 */
function unifyRadicals(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    out += code >= 0x2e80 && code <= 0x2fdf ? c.normalize('NFKC') : c;
  }
  return out;
}

/** Joins two pieces of one paragraph: Chinese runs on without a space, Latin words with one. */
function joinPieces(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  if (a.endsWith('-') && /[a-z]/i.test(b[0]!)) return a.slice(0, -1) + b;
  return isCjk(a.at(-1)) || isCjk(b[0]) || a.endsWith(' ') || b.startsWith(' ') ? a + b : `${a} ${b}`;
}

/** One page's text: lines by baseline, paragraphs by gaps. */
export function pageText(items: readonly unknown[]): string {
  const lines: { y: number; h: number; text: string }[] = [];
  for (const raw of items.filter(isTextItem)) {
    const item = { ...raw, str: unifyRadicals(raw.str) };
    const y = item.transform[5] ?? 0;
    const h = Math.abs(item.height || item.transform[3] || 0);
    const last = lines.at(-1);
    if (last && Math.abs(last.y - y) <= Math.max(2, h * 0.4)) last.text = joinPieces(last.text, item.str);
    else if (item.str.trim() || last) lines.push({ y, h, text: item.str });
  }
  const kept = lines.filter((l) => l.text.trim());
  const paragraphs: string[] = [];
  let current = '';
  kept.forEach((line, i) => {
    const prev = kept[i - 1];
    const gap = prev ? prev.y - line.y : 0;
    const size = Math.max(prev?.h ?? 0, line.h, 1);
    if (prev && (gap > size * 1.9 || gap < -size)) {
      paragraphs.push(current);
      current = '';
    }
    current = joinPieces(current, line.text.trim());
  });
  if (current) paragraphs.push(current);
  return paragraphs.join('\n\n');
}

/** The text of a PDF through the given pdf.js, or why there is none. Never throws. */
export async function textOfPdfWith(
  pdfjs: PdfJs,
  bytes: Uint8Array,
  cMaps?: CMapReaderClass,
): Promise<SourceTextOutcome> {
  let doc: PdfDocument;
  try {
    // isEvalSupported: false keeps pdf.js from compiling code out of a font; a hostile PDF runs nothing.
    doc = await pdfjs.getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      ...(cMaps && { CMapReaderFactory: cMaps }),
    }).promise;
  } catch (e) {
    return {
      ok: false,
      error: { code: 'pdf-unreadable', params: { detail: e instanceof Error ? e.message : String(e) } },
    };
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const text = pageText((await page.getTextContent()).items);
      if (text) pages.push(text);
    }
    const text = pages.join('\n\n');
    if (!text.trim()) return { ok: false, error: { code: 'pdf-no-text', params: { pages: doc.numPages } } };
    return { ok: true, text };
  } catch (e) {
    return {
      ok: false,
      error: { code: 'pdf-unreadable', params: { detail: e instanceof Error ? e.message : String(e) } },
    };
  } finally {
    void doc.destroy();
  }
}
