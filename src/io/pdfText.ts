/**
 * A PDF's text, through pdf.js (`pdfjs-dist`). This module is imported only when a PDF is opened
 * (a dynamic import), so pdf.js is not loaded otherwise; its worker is a file of this build, served
 * from the app's own origin. Lines are rebuilt from the text items' positions, and a gap between lines
 * larger than the usual line spacing, or a new page, starts a paragraph (a blank line), as the data
 * format counts paragraphs. A PDF whose pages hold no text (scanned pages) is refused with a reason.
 */
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { textOfPdfWith, type PdfJs } from './pdfLines';
import type { SourceTextOutcome } from './sourceText';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** The text of a PDF's bytes, or why there is none. */
export const textOfPdf = (bytes: Uint8Array): Promise<SourceTextOutcome> =>
  textOfPdfWith(pdfjs as unknown as PdfJs, bytes);
