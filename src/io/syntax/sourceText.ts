/**
 * The text of a source a planner opens to read: a .txt or .md file decoded (UTF-8, else GB18030), an
 * .html page stripped to its words (`htmlText.ts`); a PDF's text comes from `pdfText.ts`. Refusals
 * say why in words: too large, binary, not decodable, holding no text.
 */
import { textOfHtml, looksLikeHtml } from './htmlText';
import { decodeText } from './text';
import { ImportStop } from '../issues';

/** The largest file a planner may open to read (a long PDF report is a few megabytes). */
export const MAX_SOURCE_FILE_BYTES = 20 * 1024 * 1024;

/** The file types "Read a source" opens. */
export const SOURCE_ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf';

export type SourceTextError =
  | { readonly code: 'file-too-large'; readonly params: { readonly size: number; readonly max: number } }
  | {
      readonly code: 'file-empty' | 'binary' | 'encoding' | 'pdf-no-text' | 'pdf-unreadable' | 'file-type';
      readonly params: Readonly<Record<string, string | number>>;
    };

export type SourceTextOutcome =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: SourceTextError };

export type SourceKind = 'text' | 'html' | 'pdf';

/** What kind of file a name and MIME type say it is, or undefined when it is none "Read a source" opens. */
export function sourceKindOf(fileName: string, type = ''): SourceKind | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf' || type === 'application/pdf') return 'pdf';
  if (ext === 'html' || ext === 'htm' || type === 'text/html') return 'html';
  if (['txt', 'md', 'markdown', 'text'].includes(ext) || type.startsWith('text/')) return 'text';
  return undefined;
}

/** Whether bytes start like a PDF, whatever the file is called. */
export const isPdf = (bytes: Uint8Array) =>
  bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';

/** The text of a text or HTML file's bytes. */
export async function textOfFile(
  bytes: Uint8Array,
  fileName: string,
  kind: Exclude<SourceKind, 'pdf'>,
): Promise<SourceTextOutcome> {
  if (bytes.length === 0) return { ok: false, error: { code: 'file-empty', params: {} } };
  if (bytes.length > MAX_SOURCE_FILE_BYTES)
    return { ok: false, error: { code: 'file-too-large', params: { size: bytes.length, max: MAX_SOURCE_FILE_BYTES } } };
  try {
    const { text } = await decodeText(bytes, fileName);
    return { ok: true, text: kind === 'html' || looksLikeHtml(text) ? textOfHtml(text) : text };
  } catch (e) {
    if (e instanceof ImportStop)
      return { ok: false, error: { code: e.issue.code === 'encoding' ? 'encoding' : 'binary', params: {} } };
    throw e;
  }
}
