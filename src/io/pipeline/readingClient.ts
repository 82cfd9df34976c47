/**
 * Reads a source in a Web Worker, so a long text never freezes the page. Each reading gets its own
 * worker; `cancel()` terminates it.
 */
import type { ReadingRequest, ReadingResponse } from './reading.worker';

export interface ReadingJob {
  /** Never rejected: failures are `ok: false` with a code. */
  readonly result: Promise<ReadingResponse>;
  cancel(): void;
}

export type ReadingWorkerFactory = () => Worker;
const defaultFactory: ReadingWorkerFactory = () =>
  new Worker(new URL('./reading.worker.ts', import.meta.url), { type: 'module', name: 'reading' });

const internal = (detail: string): ReadingResponse => ({ ok: false, error: { code: 'internal', params: { detail } } });

/** Runs a reading request in a worker. */
export function readInWorker(request: ReadingRequest, createWorker: ReadingWorkerFactory = defaultFactory): ReadingJob {
  let done = false;
  let worker: Worker | undefined;
  let settle: (r: ReadingResponse) => void = () => {};
  const result = new Promise<ReadingResponse>((resolve) => (settle = resolve));
  const finish = (r: ReadingResponse) => {
    if (done) return;
    done = true;
    worker?.terminate();
    settle(r);
  };
  try {
    worker = createWorker();
    worker.onmessage = (event: MessageEvent<ReadingResponse>) => finish(event.data);
    worker.onerror = (event) => finish(internal(event.message || 'worker error'));
    worker.postMessage(request);
  } catch (e) {
    finish(internal(e instanceof Error ? e.message : String(e)));
  }
  return { result, cancel: () => finish(internal('cancelled')) };
}
