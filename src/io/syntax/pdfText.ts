/**
 * A PDF's text, through pdf.js (`pdfjs-dist`). This module is imported only when a PDF is opened
 * (a dynamic import), so pdf.js is not loaded otherwise; its worker and the character maps of Chinese
 * fonts are files of this build, served from the app's own origin. Lines are rebuilt from the text
 * items' positions, and a gap between lines larger than the usual line spacing, or a new page, starts a
 * paragraph (a blank line), as the data format counts paragraphs. A PDF whose pages hold no text
 * (scanned pages) is refused with a reason.
 */
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { textOfPdfWith, type CMapReaderClass, type PdfJs } from './pdfLines';
import type { SourceTextOutcome } from './sourceText';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** The simplified-Chinese character maps (GB, GBK, UniGB, Adobe-GB1), each loaded when a PDF needs it. */
const CMAPS = import.meta.glob<string>('/node_modules/pdfjs-dist/cmaps/*GB*.bcmap', {
  query: '?url',
  import: 'default',
});

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

class BundledCMaps {
  constructor(_options: unknown) {}
  async fetch({ name }: { name: string }) {
    const load = CMAPS[`/node_modules/pdfjs-dist/cmaps/${name}.bcmap`];
    if (!load) throw new Error(`the PDF needs the character map ${name}, which this app does not carry`);
    const url = await load();
    // A small map is built into the code as a data: URL, which the page's CSP does not let fetch read.
    if (url.startsWith('data:')) return { cMapData: fromBase64(url.slice(url.indexOf(',') + 1)), isCompressed: true };
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the character map ${name} could not be loaded`);
    return { cMapData: new Uint8Array(await response.arrayBuffer()), isCompressed: true };
  }
}

/** The text of a PDF's bytes, or why there is none. */
export const textOfPdf = (bytes: Uint8Array): Promise<SourceTextOutcome> =>
  textOfPdfWith(pdfjs as unknown as PdfJs, bytes, BundledCMaps satisfies CMapReaderClass);
