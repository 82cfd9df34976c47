/**
 * Asks the layout worker for positions. One worker for the app's lifetime; requests are matched to
 * answers by id, so a slow layout never lands on a newer graph.
 */
import type { LayoutInput, Positions } from './layout';
import type { LayoutRequest, LayoutResponse } from './layout.worker';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (p: Positions) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'elk-layout' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const answer = event.data;
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(answer.positions);
    };
    worker.onerror = (event) => {
      for (const w of pending.values()) w.reject(new Error(event.message || 'layout worker failed'));
      pending.clear();
    };
  }
  return worker;
}

/** Lays out the panorama in the worker and returns link centre positions. */
export function layoutInWorker(input: LayoutInput): Promise<Positions> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, input } satisfies LayoutRequest);
  });
}
