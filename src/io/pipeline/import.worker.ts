/// <reference lib="webworker" />
/**
 * Runs `importBytes` off the main thread: receives the file's bytes (transferred, not copied) and the
 * import context, posts progress now and then, and answers with the result. One worker per import,
 * so cancelling is terminating it.
 */
import { importBytes } from './importFile';
import type { ImportContext, ImportResult } from '../types';

/** What the client sends: the bytes and everything of the context that can cross to a worker. */
export interface ImportRequest {
  readonly bytes: ArrayBuffer;
  readonly ctx: Omit<ImportContext, 'onProgress' | 'signal'>;
}

export type ImportResponse =
  { readonly type: 'progress'; readonly fraction: number } | { readonly type: 'result'; readonly result: ImportResult };

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const { bytes, ctx } = event.data;
  // importBytes never throws: every failure is in the result.
  const result = await importBytes(new Uint8Array(bytes), {
    ...ctx,
    onProgress: (fraction) => postMessage({ type: 'progress', fraction } satisfies ImportResponse),
  });
  postMessage({ type: 'result', result } satisfies ImportResponse);
};
