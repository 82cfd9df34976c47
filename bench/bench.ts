/**
 * Benchmarks that run in a real browser page (driven by bench/run.mjs): the panorama layout, drawing
 * the chain with ChainAtlas's adapter against plain Cytoscape.js on the same graph and positions, the
 * gap analysis of a 50,000-link chain, and search. Each figure is the median of several runs.
 */
import cytoscape from 'cytoscape';
import ELK from 'elkjs/lib/elk.bundled.js';
import { pinyin } from 'pinyin-pro';
import { ChainGraph } from '../src/graph/chainGraph';
import { buildChainElements, type ChainElements } from '../src/graph/elements';
import { layoutPanorama, toLayoutInput, type Positions } from '../src/graph/layout';
import { analyseRegion } from '../src/model/analysis';
import { validateDataset } from '../src/model/validate';
import { indexChain } from '../src/model/graph';
import { buildSearchIndex, searchLinks } from '../src/model/search';
import type { Dataset } from '../src/model/types';
import { loadShippedDataset } from '../src/store/seed';
import { setLinkState } from '../src/model/edits';
import Dexie from 'dexie';
import { AtlasState } from '../src/state/atlas.svelte';
import { ChainAtlasDB } from '../src/store/db';
import { readDataset, replaceDataset } from '../src/store/datasetRepository';
import { syntheticDataset } from './synthetic';
import { expandFigures, firmFigures } from './firmBench';
import { nationWorkload } from './workloads';
import { PLAIN_STYLE, plainElements } from './plain/plainChain';

export interface Figure {
  readonly name: string;
  readonly size: number;
  readonly medianMs: number;
  readonly runs: number;
  readonly note?: string;
}

const stage = document.getElementById('stage')!;
const elk = new ELK();

async function median(runs: number, task: () => Promise<void> | void): Promise<{ medianMs: number; runs: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10, runs };
}

/** Resolves when Cytoscape has drawn a frame. */
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

async function layoutOf(dataset: Dataset): Promise<{ positions: Positions; ms: number }> {
  const index = indexChain(dataset.chains[0]!);
  const elements = buildChainElements(index, dataset.regions[0], 'zh');
  const input = toLayoutInput(elements, dataset.chains[0]!.subChains);
  const t0 = performance.now();
  const positions = await layoutPanorama(input, (g) => elk.layout(g));
  return { positions, ms: performance.now() - t0 };
}

async function drawFigures(label: string, dataset: Dataset, positions: Positions): Promise<Figure[]> {
  const index = indexChain(dataset.chains[0]!);
  const elements = buildChainElements(index, dataset.regions[0], 'zh');
  const size = elements.links.length;
  const drawOurs = () => drawOne('ours', elements, positions);
  const drawPlain = () => drawOne('plain', elements, positions);
  // Taken in turns, so a busy moment of a shared machine falls on both alike. A small chain draws in
  // about a tenth of a second, where one busy moment moves the median of five: it takes more turns.
  const rounds = size < 1000 ? 15 : 5;
  const ourTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ourTimes.push((await median(1, drawOurs)).medianMs);
    plainTimes.push((await median(1, drawPlain)).medianMs);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ours = { medianMs: mid(ourTimes), runs: rounds };
  const plain = { medianMs: mid(plainTimes), runs: rounds };
  return [
    {
      name: `draw ${label}: ChainAtlas (styles, icons, groups)`,
      size,
      ...ours,
      note: `${(ours.medianMs / plain.medianMs).toFixed(2)}× plain; budget ≤ 1.2×`,
    },
    {
      name: `draw ${label}: plain Cytoscape.js (same elements, sizes, labels and positions; default look)`,
      size,
      ...plain,
    },
  ];
}

/**
 * The level of detail of labels at Fit (issue 15): choosing which labels to draw and restyling them,
 * up to the next drawn frame, on a chain already drawn. Runs after every zoom or pan comes to rest.
 */
async function labelFigure(label: string, dataset: Dataset, positions: Positions): Promise<Figure> {
  const index = indexChain(dataset.chains[0]!);
  const elements = buildChainElements(index, dataset.regions[0], 'zh');
  const times: number[] = [];
  let shown = 0;
  for (let i = 0; i < 5; i++) {
    const host = stage.appendChild(document.createElement('div'));
    const graph = new ChainGraph(host, {}, { webgl: false });
    graph.render(elements, positions);
    graph.fit();
    await frame();
    const t0 = performance.now();
    shown = graph.labelsNow();
    await frame();
    times.push(performance.now() - t0);
    graph.destroy();
    host.remove();
  }
  times.sort((a, b) => a - b);
  return {
    name: `labels at Fit, ${label}: choose which to draw, restyle, next frame`,
    size: elements.links.length,
    medianMs: Math.round(times[2]! * 10) / 10,
    runs: 5,
    note: `${shown} of ${elements.links.length} labels drawn`,
  };
}

/** Resolves once `done()` holds, checking every millisecond; rejects after a minute. */
function when(done: () => boolean): Promise<void> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (done()) resolve();
      else if (performance.now() - t0 > 60_000) reject(new Error('bench: timed out'));
      else setTimeout(check, 1);
    };
    check();
  });
}

/**
 * Edits at 50,000 links as the app makes them: built from the form's values (checking the records it
 * changes), shown in the working copy, stored behind (rows and history step in one transaction), and
 * taken up by a second copy on the same database, as a second tab does, from its message. Undo and
 * redo the same. Counts the whole-store reads the edits caused (the budget is none).
 */
async function workingCopyFigures(big: Dataset): Promise<Figure[]> {
  const name = 'chainatlas-bench-working-copy';
  await Dexie.delete(name);
  const size = big.chains[0]!.links.length;
  const regionId = big.regions[0]!.id;
  const target = big.chains[0]!.links[7]!.id;
  const tab = new AtlasState(async () => big);
  await tab.start(name);
  await when(() => tab.busy === 0);
  const other = new AtlasState(async () => big);
  await other.start(name);
  await when(() => other.busy === 0);
  const statusIn = (copy: AtlasState) => copy.dataset?.regions[0]?.linkStates.find((s) => s.linkId === target)?.status;
  const reads = tab.wholeReads + other.wholeReads;
  const visible: number[] = [];
  const storedMs: number[] = [];
  const otherTab: number[] = [];
  const undoMs: number[] = [];
  const redoMs: number[] = [];
  const runs = 5;
  for (let i = 0; i < runs; i++) {
    const status = i % 2 ? 'present' : 'building';
    const t0 = performance.now();
    const edit = setLinkState(tab.dataset!, regionId, target, {
      status,
      asOf: '2026',
      sources: [{ sourceId: 'synthetic', locator: `bench ${i}` }],
    });
    if (!edit.ok) throw new Error(`bench edit refused: ${edit.issues[0]?.message}`);
    const writing = tab.apply(edit.edit);
    if (statusIn(tab) !== status) throw new Error('bench: the edit is not shown');
    visible.push(performance.now() - t0);
    await Promise.all([
      writing.then(() => storedMs.push(performance.now() - t0)),
      when(() => statusIn(other) === status).then(() => otherTab.push(performance.now() - t0)),
    ]);
    const t1 = performance.now();
    await tab.undo();
    undoMs.push(performance.now() - t1);
    const t2 = performance.now();
    await tab.redo();
    redoMs.push(performance.now() - t2);
    await when(() => other.busy === 0 && statusIn(other) === status);
  }
  const wholeReads = tab.wholeReads + other.wholeReads - reads;
  tab.stop();
  other.stop();
  await Dexie.delete(name);
  const mid = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
  };
  const reads0 = `whole-store reads during the ${runs} edits, undos and redos: ${wholeReads} (budget 0)`;
  return [
    {
      name: 'edit visible: built from the form, checked, in the working copy, 50,000 links',
      size,
      medianMs: mid(visible),
      runs,
      note: 'budget ≤ 50 ms',
    },
    {
      name: 'edit stored: rows and undo step in one transaction, 50,000 links',
      size,
      medianMs: mid(storedMs),
      runs,
      note: 'budget ≤ 300 ms',
    },
    {
      name: 'edit shown in a second tab (message, no re-read), 50,000 links',
      size,
      medianMs: mid(otherTab),
      runs,
      note: `budget ≤ 500 ms; ${reads0}`,
    },
    {
      name: 'undo one edit, stored and shown, 50,000 links',
      size,
      medianMs: mid(undoMs),
      runs,
      note: 'budget ≤ 300 ms',
    },
    {
      name: 'redo one edit, stored and shown, 50,000 links',
      size,
      medianMs: mid(redoMs),
      runs,
      note: 'budget ≤ 300 ms',
    },
  ];
}

export async function runBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const shipped = await loadShippedDataset();
  const template = shipped.chains[0]!;

  // Layout and drawing, the shipped chain and a 5,000-link chain.
  const small = await layoutOf(shipped);
  figures.push({
    name: 'panorama layout (ELK + folding), shipped chain',
    size: template.links.length,
    medianMs: Math.round(small.ms),
    runs: 1,
  });
  figures.push(...(await drawFigures('shipped chain', shipped, small.positions)));
  const mid = syntheticDataset(shipped, 5000);
  const midLayout = await layoutOf(mid);
  figures.push({
    name: 'panorama layout (ELK + folding), 5,000 links',
    size: mid.chains[0]!.links.length,
    medianMs: Math.round(midLayout.ms),
    runs: 1,
  });
  figures.push(...(await drawFigures('5,000 links', mid, midLayout.positions)));
  figures.push(await labelFigure('5,000 links', mid, midLayout.positions));

  // Gap analysis of a 50,000-link chain (target: under 100 ms): with 10 focus products, as a region has,
  // and with two focus products in every one of the 650 copies (1,300), a stress case.
  const big = syntheticDataset(shipped, 50000, { focusCopies: 5 });
  const bigIndex = indexChain(big.chains[0]!);
  const analysis = await median(5, () => {
    analyseRegion(bigIndex, big.regions[0]);
  });
  figures.push({
    name: 'gap analysis (classify, rank, completeness, supply), 50,000 links, 10 focus products',
    size: big.chains[0]!.links.length,
    ...analysis,
    note: 'target < 100 ms',
  });
  const stress = syntheticDataset(shipped, 50000);
  const stressAnalysis = await median(5, () => {
    analyseRegion(bigIndex, stress.regions[0]);
  });
  figures.push({
    name: 'gap analysis, 50,000 links, 1,300 focus products (stress)',
    size: big.chains[0]!.links.length,
    ...stressAnalysis,
  });
  const indexing = await median(3, () => {
    indexChain(big.chains[0]!);
  });
  figures.push({ name: 'chain index (adjacency), 50,000 links', size: big.chains[0]!.links.length, ...indexing });

  // Reading the whole store and validating a whole dataset: what start-up, imports and restores cost
  // at this size (an edit does neither).
  const size = big.chains[0]!.links.length;
  const db = new ChainAtlasDB('chainatlas-bench');
  await db.open();
  await replaceDataset(db, big);
  let stored = big;
  const reading = await median(3, async () => {
    stored = (await readDataset(db))!;
  });
  figures.push({ name: 'read the whole stored dataset from IndexedDB, 50,000 links', size, ...reading });
  const validating = await median(3, () => {
    validateDataset(stored);
  });
  figures.push({ name: 'validate a whole dataset, 50,000 links', size, ...validating });
  db.close();
  await db.delete();
  figures.push(...(await workingCopyFigures(big)));
  // Search.
  const searchIndex = buildSearchIndex(big.chains[0]!.links, (t) => pinyin(t, { toneType: 'none', type: 'array' }));
  const search = await median(20, () => {
    searchLinks(searchIndex, 'gm');
  });
  figures.push({ name: 'search "gm" (pinyin initials), 50,000 links', size: big.chains[0]!.links.length, ...search });
  // Firms: the province and nation workloads.
  figures.push(...(await firmFigures()));
  return figures;
}

/**
 * Stores the nation workload in the app's own database (same origin when both are served together, as
 * bench/browser.mjs does), marked as seeded, so the next app page opens it as a user's stored data.
 */
async function seedNation(): Promise<{ firms: number; relations: number; linkId: string; regionId: string }> {
  const data = nationWorkload();
  // The link with the most firms, and the region with the most of them: what the budgets expand.
  const perLink = new Map<string, number>();
  for (const r of data.regions)
    for (const e of r.enterprises) for (const l of e.linkIds) perLink.set(l, (perLink.get(l) ?? 0) + 1);
  const linkId = [...perLink.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const on = (r: Dataset['regions'][number]) => r.enterprises.filter((e) => e.linkIds.includes(linkId)).length;
  const regionId = [...data.regions].sort((a, b) => on(b) - on(a))[0]!.id;
  const db = new ChainAtlasDB();
  await db.open();
  await replaceDataset(db, data, { seed: { seededAt: new Date().toISOString(), shippedDigest: 'nation-workload' } });
  db.close();
  return {
    linkId,
    regionId,
    firms: data.regions.reduce((n, r) => n + r.enterprises.length, 0),
    relations: data.regions.reduce((n, r) => n + (r.relations?.length ?? 0), 0),
  };
}

interface DrawLayouts {
  readonly shipped: Dataset;
  readonly mid: Dataset;
  readonly small: Positions;
  readonly big: Positions;
}
let drawLayouts: Promise<DrawLayouts> | undefined;
/** The shipped chain and a 5,000-link chain with their layouts, computed once per page. */
function layoutsForDrawing(): Promise<DrawLayouts> {
  drawLayouts ??= (async () => {
    const shipped = await loadShippedDataset();
    const mid = syntheticDataset(shipped, 5000);
    return { shipped, mid, small: (await layoutOf(shipped)).positions, big: (await layoutOf(mid)).positions };
  })();
  return drawLayouts;
}

/**
 * Only drawing (`node bench/draw.mjs`): the shipped chain and 5,000 links, ChainAtlas against plain
 * Cytoscape, and the label pass at Fit.
 */
async function drawBench(): Promise<Figure[]> {
  const { shipped, mid, small, big } = await layoutsForDrawing();
  return [
    ...(await drawFigures('shipped chain', shipped, small)),
    ...(await drawFigures('5,000 links', mid, big)),
    await labelFigure('5,000 links', mid, big),
  ];
}

/**
 * One draw of `elements` at `positions` by ChainAtlas (its adapter: styles, icons, groups) or plain
 * Cytoscape (default look), to a fitted first frame, in a fresh container removed afterwards.
 */
async function drawOne(which: 'ours' | 'plain', elements: ChainElements, positions: Positions): Promise<void> {
  const host = stage.appendChild(document.createElement('div'));
  if (which === 'ours') {
    const graph = new ChainGraph(host, {}, { webgl: false });
    graph.render(elements, positions);
    graph.fit();
    await frame();
    graph.destroy();
  } else {
    const cy = cytoscape({
      container: host,
      elements: plainElements(elements, positions),
      style: PLAIN_STYLE,
      layout: { name: 'preset' },
    });
    cy.fit(undefined, 24);
    await frame();
    cy.destroy();
  }
  host.remove();
}

/** One draw of the 5,000-link chain by ChainAtlas or plain Cytoscape, in ms: to profile one alone. */
async function drawOnce(which: 'ours' | 'plain'): Promise<number> {
  const { mid, big } = await layoutsForDrawing();
  const elements = buildChainElements(indexChain(mid.chains[0]!), mid.regions[0], 'zh');
  const t0 = performance.now();
  await drawOne(which, elements, big);
  return performance.now() - t0;
}

Object.assign(window, {
  runBench,
  drawBench,
  drawOnce,
  seedNation,
  expandBench: () => expandFigures(nationWorkload()),
  /** Only the firm-level figures (`npm run bench -- --firms`). */
  runFirmBench: firmFigures,
});
document.getElementById('log')!.textContent = 'ready';
