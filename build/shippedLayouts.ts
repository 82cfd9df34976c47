/**
 * Lays out the shipped chain at build time, in both languages (see src/graph/shippedLayout.ts), for
 * the `virtual:shipped-layouts` module that vite.config.ts serves. Loaded through Vite's module runner
 * when the app is built, so the config itself imports none of the app's code.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildChainElements } from '../src/graph/elements';
import { layoutPanorama, toLayoutInput } from '../src/graph/layout';
import { describeLayout, reserveRoom, reservingMeasurer, type ShippedLayout } from '../src/graph/shippedLayout';
import { indexChain } from '../src/model/graph';
import { shippedDatasetOf } from './shippedData';

/** The layouts of the first region's chain, Chinese then English, from the seed files in merge order. */
export async function shippedLayoutsOf(seedFiles: readonly string[]): Promise<ShippedLayout[]> {
  const dataset = shippedDatasetOf(seedFiles);
  const elk = new ELK();
  const out: ShippedLayout[] = [];
  for (const region of dataset.regions.slice(0, 1)) {
    const chain = dataset.chains.find((c) => c.id === region.chainId)!;
    const index = indexChain(chain);
    for (const lang of ['zh', 'en'] as const) {
      const measured = toLayoutInput(buildChainElements(index, region, lang, reservingMeasurer), chain.subChains);
      const input = reserveRoom(measured, lang);
      out.push(describeLayout(input, await layoutPanorama(input, (g) => elk.layout(g))));
    }
  }
  return out;
}
