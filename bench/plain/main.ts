/**
 * The baseline for start-up: plain Cytoscape.js drawing the shipped chain (the same boxes, links,
 * labels, sizes, edges and positions as the app's first view) with a minimal style, nothing else
 * (plainChain.ts). It marks
 * `chain-drawn` once the first frame with the chain is drawn, as the app does.
 *
 * It is also the baseline of the pan-and-zoom frames (bench/browser.mjs): `?box=x,y,w,h` gives its canvas
 * the place and size of the app's chain canvas, and the canvas carries a probe like the app's
 * (`ChainProbe` in src/graph/chainGraph.ts) to set a zoom level.
 */
import cytoscape from 'cytoscape';
import { load as loadLayouts } from 'virtual:shipped-layouts';
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
const layouts = await loadLayouts();
const positions =
  fittingLayout(toLayoutInput(elements, chain.subChains), layouts) ?? layouts[lang === 'zh' ? 0 : 1]!.positions;

const container = document.getElementById('cy')!;
const box = new URLSearchParams(location.search).get('box')?.split(',').map(Number);
if (box?.length === 4) {
  const [x, y, w, h] = box as [number, number, number, number];
  Object.assign(container.style, { inset: 'auto', left: `${x}px`, top: `${y}px`, width: `${w}px`, height: `${h}px` });
}
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
container.dataset.testid = 'chain-canvas';
Object.assign(container, {
  chainProbe: {
    zoomTo: (level: number) => {
      cy.stop(true);
      cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      return cy.zoom();
    },
    lockNodes: () => cy.autoungrabify(true),
  },
});
