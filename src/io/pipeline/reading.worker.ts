/// <reference lib="webworker" />
/**
 * Reads a source off the main thread: runs the reader (`model/reading`) on the text and answers with
 * its proposals. One worker per reading, so cancelling is terminating it.
 */
import { readSource, type ReadingError, type ReadingInput, type ReadingOutcome } from '../../model/reading/index';

export interface ReadingRequest {
  readonly input: Omit<ReadingInput, 'text'>;
  readonly text: string;
}

export type ReadingResponse =
  | { readonly ok: true; readonly text: string; readonly outcome: Extract<ReadingOutcome, { ok: true }> }
  | {
      readonly ok: false;
      readonly error: ReadingError | { readonly code: 'internal'; readonly params: { readonly detail: string } };
    };

self.onmessage = (event: MessageEvent<ReadingRequest>) => {
  const { input, text } = event.data;
  try {
    const outcome = readSource({ ...input, text });
    postMessage(
      (outcome.ok ? { ok: true, text, outcome } : { ok: false, error: outcome.error }) satisfies ReadingResponse,
    );
  } catch (e) {
    postMessage({
      ok: false,
      error: { code: 'internal', params: { detail: e instanceof Error ? e.message : String(e) } },
    } satisfies ReadingResponse);
  }
};
