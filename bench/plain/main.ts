/**
 * The baseline for start-up: plain Cytoscape.js drawing the shipped chain (the same boxes, links,
 * labels, sizes, edges and positions as the app's first view) with a minimal style, nothing else
 * (plainChain.ts). It marks
 * `chain-drawn` once the first frame with the chain is drawn, as the app does.
 */
import cytoscape from 'cytoscape';
import layouts from 'virtual:shipped-layouts';
import chainSeed from '../../seeds/battery-chain.json';
import regionSeed from '../../seeds/jinchang.json';
import { buildChainElements } from '../../src/graph/elements';
import { toLayoutInput } from '../../src/graph/layout';
import { fittingLayout } from '../../src/graph/shippedLayout';
import { mergeDatasets } from '../../src/model/dataset';
import { indexChain } from '../../src/model/graph';
import type { Dataset } from '../../src/model/types';
import { PLAIN_STYLE, plainElements } from './plainChain';

const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
const dataset = mergeDatasets(chainSeed as unknown as Dataset, regionSeed as unknown as Dataset);
const region = dataset.regions[0]!;
const chain = dataset.chains.find((c) => c.id === region.chainId)!;
const elements = buildChainElements(indexChain(chain), region, lang);
const positions =
  fittingLayout(toLayoutInput(elements, chain.subChains), layouts) ?? layouts[lang === 'zh' ? 0 : 1]!.positions;

const container = document.getElementById('cy')!;
const cy = cytoscape({
  container,
  elements: plainElements(elements, positions),
  style: PLAIN_STYLE,
  layout: { name: 'preset' },
});
cy.fit(undefined, 24);
cy.one('render', () => {
  performance.mark('chain-drawn');
  container.dataset.ready = 'true';
});
