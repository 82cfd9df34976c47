/**
 * The worker client, with a stand-in worker that runs the import in this thread: bytes are
 * transferred, progress is forwarded, cancel terminates, and refusals happen before reading.
 */
import { describe, expect, it } from 'vitest';
import type { ImportRequest, ImportResponse } from './import.worker';
import { importInWorker } from './importClient';
import { importBytes } from './importFile';
import { fixture } from '../testkit';
import { MAX_IMPORT_BYTES } from '../types';

/** A stand-in Worker: answers a request the way import.worker.ts does. */
class FakeWorker {
  onmessage: ((e: MessageEvent<ImportResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  transferred: Transferable[] = [];
  hold = false;

  postMessage(request: ImportRequest, transfer: Transferable[]): void {
    this.transferred = transfer;
    const send = (data: ImportResponse) =>
      !this.terminated && this.onmessage?.({ data } as MessageEvent<ImportResponse>);
    if (this.hold) return;
    void importBytes(new Uint8Array(request.bytes), {
      ...request.ctx,
      onProgress: (fraction) => send({ type: 'progress', fraction }),
    }).then((result) => send({ type: 'result', result }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

const ctx = { fileName: 'valid-tiny.json', importedAt: '2026-11-26' };

describe('importInWorker', () => {
  it('transfers the bytes, forwards progress and resolves with the result', async () => {
    const worker = new FakeWorker();
    const seen: number[] = [];
    const job = importInWorker(
      new Blob([fixture('valid-tiny.json')]),
      ctx,
      (f) => seen.push(f),
      () => worker as unknown as Worker,
    );
    const result = await job.result;
    expect(result.ok && result.kind).toBe('dataset');
    expect(worker.transferred).toHaveLength(1);
    expect(worker.transferred[0]).toBeInstanceOf(ArrayBuffer);
    expect(seen.at(-1)).toBe(1);
    expect(worker.terminated).toBe(true);
  });

  it('cancel() terminates the worker and gives an aborted error', async () => {
    const worker = new FakeWorker();
    worker.hold = true;
    const job = importInWorker(
      new Blob([fixture('valid-tiny.json')]),
      ctx,
      undefined,
      () => worker as unknown as Worker,
    );
    await new Promise((r) => setTimeout(r, 10));
    job.cancel();
    const result = await job.result;
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'aborted', file: 'valid-tiny.json' })]);
    expect(worker.terminated).toBe(true);
  });

  it('refuses a file over the limit or empty without reading it or starting a worker', async () => {
    let started = false;
    const huge = {
      size: MAX_IMPORT_BYTES + 1,
      arrayBuffer: () => Promise.reject(new Error('read')),
    } as unknown as Blob;
    const big = await importInWorker(huge, ctx, undefined, () => {
      started = true;
      return new FakeWorker() as unknown as Worker;
    }).result;
    expect(big.issues).toEqual([expect.objectContaining({ code: 'too-large' })]);
    const empty = await importInWorker(new Blob([]), ctx).result;
    expect(empty.issues).toEqual([expect.objectContaining({ code: 'empty-file' })]);
    expect(started).toBe(false);
  });
});
