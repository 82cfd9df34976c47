/// <reference lib="webworker" />
/**
 * Runs ELK layered off the main thread. Receives an ELK graph, answers with node positions or an
 * error message. One request at a time per message id.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { positionsFromElk } from './layout';

const elk = new ELK();

export interface LayoutRequest {
  readonly id: number;
  readonly graph: ElkNode;
}
export type LayoutResponse =
  | { readonly id: number; readonly positions: Record<string, { x: number; y: number }> }
  | { readonly id: number; readonly error: string };

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, graph } = event.data;
  try {
    const result = await elk.layout(graph);
    postMessage({ id, positions: positionsFromElk(result) } satisfies LayoutResponse);
  } catch (e) {
    postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies LayoutResponse);
  }
};
