/**
 * Lays out the shipped chain at build time, in both languages (see src/graph/shippedLayout.ts), for
 * the `virtual:shipped-layouts` module that vite.config.ts serves. Loaded through Vite's module runner
 * when the app is built, so the config itself imports none of the app's code. Refuses when the shipped
 * data does not validate: the app trusts it on a first visit rather than checking it then.
 */
import { readFileSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildChainElements } from '../src/graph/elements';
import { layoutPanorama, toLayoutInput } from '../src/graph/layout';
import { describeLayout, reserveRoom, reservingMeasurer, type ShippedLayout } from '../src/graph/shippedLayout';
import { mergeDatasets } from '../src/model/dataset';
import { indexChain } from '../src/model/graph';
import type { Dataset } from '../src/model/types';
import { validateDataset } from '../src/model/validate';

/** The layouts of the first region's chain, Chinese then English, from the seed files in merge order. */
export async function shippedLayoutsOf(seedFiles: readonly string[]): Promise<ShippedLayout[]> {
  const parts = seedFiles.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Dataset);
  const checked = validateDataset(mergeDatasets(...parts));
  if (!checked.ok) {
    const errors = checked.issues.filter((i) => i.severity === 'error').map((i) => i.message);
    throw new Error(`the shipped data does not validate:\n${errors.join('\n')}`);
  }
  const elk = new ELK();
  const out: ShippedLayout[] = [];
  for (const region of checked.dataset.regions.slice(0, 1)) {
    const chain = checked.dataset.chains.find((c) => c.id === region.chainId)!;
    const index = indexChain(chain);
    for (const lang of ['zh', 'en'] as const) {
      const measured = toLayoutInput(buildChainElements(index, region, lang, reservingMeasurer), chain.subChains);
      const input = reserveRoom(measured, lang);
      out.push(describeLayout(input, await layoutPanorama(input, (g) => elk.layout(g))));
    }
  }
  return out;
}
