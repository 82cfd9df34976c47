/// <reference lib="webworker" />
/**
 * Runs the panorama layout (ELK layered, one box per sub-chain) off the main thread. Receives a
 * layout input, answers with link positions or an error message, matched by request id.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutPanorama, type LayoutInput, type Point } from './layout';

const elk = new ELK();

export interface LayoutRequest {
  readonly id: number;
  readonly input: LayoutInput;
}
export type LayoutResponse =
  { readonly id: number; readonly positions: Record<string, Point> } | { readonly id: number; readonly error: string };

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, input } = event.data;
  try {
    const positions = await layoutPanorama(input, (graph) => elk.layout(graph));
    postMessage({ id, positions } satisfies LayoutResponse);
  } catch (e) {
    postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies LayoutResponse);
  }
};
