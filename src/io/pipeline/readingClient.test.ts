import { describe, expect, it } from 'vitest';
import { readInWorker } from './readingClient';
import type { ReadingRequest } from './reading.worker';

/** A stand-in worker: answers each message with `answer`, or fails, or stays silent. */
function fakeWorker(behaviour: 'answer' | 'fail' | 'silent') {
  const log = { terminated: 0, posted: [] as unknown[] };
  const factory = () => {
    const w = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      postMessage(msg: unknown) {
        log.posted.push(msg);
        queueMicrotask(() => {
          if (behaviour === 'answer')
            w.onmessage?.({
              data: { ok: false, error: { code: 'empty', message: 'empty', params: {} } },
            } as MessageEvent);
          if (behaviour === 'fail') w.onerror?.({ message: 'boom' } as ErrorEvent);
        });
      },
      terminate() {
        log.terminated++;
      },
    };
    return w as unknown as Worker;
  };
  return { factory, log };
}

const request = {
  input: { chain: { id: 'c', name: { zh: '', en: '' }, links: [], edges: [], subChains: [] } },
  text: '',
} as unknown as ReadingRequest;

describe('reading in a worker', () => {
  it('hands over the worker’s answer and ends the worker', async () => {
    const { factory, log } = fakeWorker('answer');
    const job = readInWorker(request, factory);
    expect(await job.result).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(log.posted).toEqual([request]);
    expect(log.terminated).toBe(1);
  });

  it('turns a worker failure into an error with its detail', async () => {
    const { factory } = fakeWorker('fail');
    expect(await readInWorker(request, factory).result).toEqual({
      ok: false,
      error: { code: 'internal', params: { detail: 'boom' } },
    });
  });

  it('stops on cancel, ending the worker', async () => {
    const { factory, log } = fakeWorker('silent');
    const job = readInWorker(request, factory);
    job.cancel();
    expect(await job.result).toEqual({ ok: false, error: { code: 'internal', params: { detail: 'cancelled' } } });
    expect(log.terminated).toBe(1);
  });
});
