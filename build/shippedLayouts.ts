/**
 * A Vite plugin that lays out the shipped chain at build time, in both languages, and serves the
 * result as `virtual:shipped-layouts` (see src/graph/shippedLayout.ts). It also refuses to build when
 * the shipped data does not validate: the app trusts it on a first visit rather than checking it then.
 */
import { readFileSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Plugin } from 'vite';
import { buildChainElements } from '../src/graph/elements';
import { layoutPanorama, toLayoutInput } from '../src/graph/layout';
import { describeLayout, reserveRoom, reservingMeasurer, type ShippedLayout } from '../src/graph/shippedLayout';
import { mergeDatasets } from '../src/model/dataset';
import { indexChain } from '../src/model/graph';
import type { Dataset } from '../src/model/types';
import { validateDataset } from '../src/model/validate';

const ID = 'virtual:shipped-layouts';
const RESOLVED = `\0${ID}`;

/** The seed files the app ships, in the order `loadShippedDataset` merges them. */
export function shippedLayouts(seedFiles: readonly string[]): Plugin {
  let code: Promise<string> | undefined;
  return {
    name: 'chainatlas:shipped-layouts',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const file of seedFiles) this.addWatchFile(file);
      code ??= layouts(seedFiles).then((list) => `export default ${JSON.stringify(list)};`);
      return code;
    },
    handleHotUpdate({ file }) {
      if (seedFiles.some((f) => file.endsWith(f))) code = undefined;
    },
  };
}

async function layouts(seedFiles: readonly string[]): Promise<ShippedLayout[]> {
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
