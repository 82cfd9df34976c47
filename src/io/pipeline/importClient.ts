/**
 * Imports a file in a Web Worker, so that reading a big file never freezes the page. Each import gets
 * its own worker; `cancel()` terminates it and the result becomes an `aborted` error.
 */
import { importError, tooLarge } from '../issues';
import type { ImportRequest, ImportResponse } from './import.worker';
import type { ImportContext, ImportResult } from '../types';
import { MAX_IMPORT_BYTES } from '../types';

/** A running import: its result (never rejected; failures are error issues) and a way to stop it. */
export interface ImportJob {
  readonly result: Promise<ImportResult>;
  cancel(): void;
}

/** What the worker needs of the context; progress goes to `onProgress`. */
export type WorkerImportContext = Omit<ImportContext, 'onProgress' | 'signal'>;

const failed = (issue: ReturnType<typeof importError>): ImportResult => ({ ok: false, issues: [issue] });

/** Creates the import worker; tests replace it. */
export type WorkerFactory = () => Worker;
const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' });

/**
 * Reads `file` in a worker. A file over MAX_IMPORT_BYTES or an empty one is refused before its bytes
 * are read; the bytes are transferred to the worker rather than copied.
 */
export function importInWorker(
  file: Blob,
  ctx: WorkerImportContext,
  onProgress?: (fraction: number) => void,
  createWorker: WorkerFactory = defaultFactory,
): ImportJob {
  let worker: Worker | undefined;
  let settle: ((r: ImportResult) => void) | undefined;
  let done = false;
  const finish = (r: ImportResult) => {
    if (done) return;
    done = true;
    worker?.terminate();
    settle?.(r);
  };
  const result = new Promise<ImportResult>((resolve) => {
    settle = resolve;
  });
  const start = async () => {
    if (file.size > MAX_IMPORT_BYTES) {
      return finish(failed(tooLarge(ctx.fileName, file.size, MAX_IMPORT_BYTES)));
    }
    if (file.size === 0) return finish(failed(importError('empty-file', ctx.fileName, {}, 'the file is empty')));
    const bytes = await file.arrayBuffer();
    if (done) return;
    worker = createWorker();
    worker.onmessage = (event: MessageEvent<ImportResponse>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress?.(message.fraction);
      else finish(message.result);
    };
    worker.onerror = (event) => {
      const detail = event.message || 'worker error';
      finish(failed(importError('internal', ctx.fileName, {}, `the import failed (${detail})`, { detail })));
    };
    worker.postMessage({ bytes, ctx } satisfies ImportRequest, [bytes]);
  };
  start().catch((e: unknown) => {
    const detail = e instanceof Error ? e.message : String(e);
    finish(failed(importError('internal', ctx.fileName, {}, `the file could not be read (${detail})`, { detail })));
  });
  return {
    result,
    cancel: () => finish(failed(importError('aborted', ctx.fileName, {}, 'the import was cancelled'))),
  };
}
