/**
 * Large chains for the benchmark: the shipped battery template copied as many times as needed, each
 * copy's refined copper, aluminium and sulphuric acid also feeding the next copy (so the graph is one
 * connected whole, not islands), with statuses drawn from a seeded generator.
 */
import type { ChainTemplate, Citation, Dataset, LinkStatus, Region } from '../src/model/types';
import { FORMAT_VERSION } from '../src/model/types';

/** A small, fast, seeded generator (mulberry32), so every run measures the same graph. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUS_WEIGHTS: readonly [LinkStatus, number][] = [
  ['strong', 0.08],
  ['present', 0.22],
  ['building', 0.06],
  ['attracting', 0.06],
  ['missing', 0.18],
  ['unknown', 0.4],
];

/**
 * A valid dataset whose chain has at least `links` links, built from the first chain of `shipped` (whose
 * sources it keeps, since the copied edges cite them), and one region on it.
 */
export function syntheticDataset(
  shipped: Dataset,
  links: number,
  options: { readonly seed?: number; readonly focusCopies?: number } = {},
): Dataset {
  const template = shipped.chains[0]!;
  const seed = options.seed ?? 7;
  const copies = Math.ceil(links / template.links.length);
  const cite: Citation = { sourceId: 'synthetic', locator: 'generated' };
  const id = (base: string, copy: number) => `${base}.${copy}`;
  const chain: ChainTemplate = {
    ...template,
    id: 'synthetic',
    links: Array.from({ length: copies }, (_, c) =>
      template.links.map((l) => ({ ...l, id: id(l.id, c), sources: [cite] })),
    ).flat(),
    edges: Array.from({ length: copies }, (_, c) => [
      ...template.edges.map((e) => ({ ...e, from: id(e.from, c), to: id(e.to, c), sources: [cite] })),
      ...(c + 1 < copies
        ? [
            { from: id('cu', c), to: id('cu_foil', c + 1), sources: [cite] },
            { from: id('al', c), to: id('al_foil', c + 1), sources: [cite] },
            { from: id('h2so4', c), to: id('niso4', c + 1), sources: [cite] },
          ]
        : []),
    ]).flat(),
  };
  const next = random(seed);
  const pick = (): LinkStatus => {
    let r = next();
    for (const [s, w] of STATUS_WEIGHTS) if ((r -= w) < 0) return s;
    return 'unknown';
  };
  const region: Region = {
    id: 'synthetic-region',
    name: { zh: '合成区域', en: 'Synthetic region' },
    chainId: chain.id,
    asOf: '2024',
    focus: {
      products: Array.from({ length: Math.min(copies, options.focusCopies ?? copies) }, (_, c) => [
        id('cell_ncm', c),
        id('cell_lfp', c),
      ]).flat(),
      applications: [],
      subChains: [],
      supporting: [],
      sources: [cite],
    },
    linkStates: chain.links
      .map((l) => ({ linkId: l.id, status: pick(), asOf: '2024', sources: [cite] }))
      .filter((s) => s.status !== 'unknown'),
    enterprises: [],
    projects: [],
    indicators: [],
  };
  return {
    format: FORMAT_VERSION,
    sources: [
      ...shipped.sources,
      { id: 'synthetic', title: 'Synthetic benchmark data', publisher: 'ChainAtlas bench', date: '2026' },
    ],
    chains: [chain],
    regions: [region],
  };
}
