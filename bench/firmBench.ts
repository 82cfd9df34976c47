/**
 * Benchmarks at firm level, on the province and nation workloads (bench/workloads.ts): whole
 * validation, the gap analysis of a region and of every region, firm search over all firms, import of
 * a firm register and a supplier list from one XLSX workbook (with its progress reports), storing and
 * reading the dataset in IndexedDB, and the JS heap with the dataset loaded.
 */
import { pinyin } from 'pinyin-pro';
import { ChainGraph } from '../src/graph/chainGraph';
import { buildChainElements } from '../src/graph/elements';
import type { LinkFirmsSpec } from '../src/graph/firmElements';
import { indexFirms } from '../src/model/firms';
import { layoutLinkFirms } from '../src/ui/firms/linkFirmsLayout';
import { importBytes } from '../src/io/pipeline/importFile';
import { writeWorkbook } from '../src/io/syntax/xlsxWrite';
import { analyseRegion } from '../src/model/analysis';
import { indexChain } from '../src/model/graph';
import { buildFirmSearchIndex, searchFirms } from '../src/model/search';
import type { Dataset } from '../src/model/types';
import { validateDataset } from '../src/model/validate';
import { readDataset, replaceDataset } from '../src/store/datasetRepository';
import { previewImport } from '../src/store/importRepository';
import { ChainAtlasDB } from '../src/store/db';
import type { Figure } from './bench';
import { firmListRows, nationWorkload, provinceWorkload, relationListRows } from './workloads';

async function median(
  runs: number,
  task: () => Promise<unknown> | unknown,
): Promise<{ medianMs: number; runs: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10, runs };
}

const heapMb = () => {
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? Math.round(memory.usedJSHeapSize / 2 ** 20) : undefined;
};

async function workloadFigures(label: string, data: Dataset): Promise<Figure[]> {
  const firms = data.regions.reduce((n, r) => n + r.enterprises.length, 0);
  const relations = data.regions.reduce((n, r) => n + (r.relations?.length ?? 0), 0);
  const what = `${label}: ${data.regions.length} regions, ${firms} firms, ${relations} relations`;
  const size = data.chains[0]!.links.length;
  const out: Figure[] = [];
  out.push({ name: `validate the whole dataset, ${what}`, size, ...(await median(3, () => validateDataset(data))) });

  const index = indexChain(data.chains[0]!);
  const largest = [...data.regions].sort((a, b) => b.enterprises.length - a.enterprises.length)[0]!;
  out.push({
    name: `gap analysis of one region (${largest.enterprises.length} firms, ${largest.relations?.length ?? 0} relations), ${label}`,
    size,
    ...(await median(9, () => analyseRegion(index, largest))),
    note: 'budget ≤ 100 ms',
  });
  out.push({
    name: `gap analysis of all ${data.regions.length} regions, ${label}`,
    size,
    ...(await median(3, () => data.regions.forEach((r) => analyseRegion(index, r)))),
  });

  const t0 = performance.now();
  const searchIndex = buildFirmSearchIndex(
    data.regions.flatMap((r) => r.enterprises.map((e) => ({ ...e, key: `${r.id}/${e.id}` }))),
    (t) => pinyin(t, { toneType: 'none', type: 'array' }),
  );
  out.push({
    name: `firm search index (names, pinyin, credit codes), ${what}`,
    size: firms,
    medianMs: Math.round(performance.now() - t0),
    runs: 1,
  });
  const someFirm = data.regions[0]!.enterprises[0]!;
  for (const [q, kind] of [
    [someFirm.name.zh.slice(0, 4), 'Chinese name'],
    ['jcrd', 'pinyin initials'],
    [someFirm.creditCode!.slice(0, 12), 'credit code'],
  ] as const) {
    out.push({
      name: `firm search by ${kind} ("${q}"), ${firms} firms`,
      size: firms,
      ...(await median(21, () => searchFirms(searchIndex, q))),
      note: 'budget ≤ 16 ms',
    });
  }

  // Import: a firm register and a supplier list in one workbook, into the regions without firms.
  const bare: Dataset = {
    ...data,
    regions: data.regions.map((r) => {
      const { relations: _r, ...rest } = r;
      return { ...rest, enterprises: [], projects: [] };
    }),
  };
  const workbook = writeWorkbook([
    { name: '企业名录', rows: firmListRows(data, { source: 'wl-register' }), header: true },
    { name: '供应商名单', rows: relationListRows(data, { source: 'wl-suppliers' }), header: true },
  ]);
  let reports = 0;
  const importing = await median(1, async () => {
    const result = await importBytes(workbook, {
      fileName: 'firms.xlsx',
      importedAt: '2026-12-06',
      current: bare,
      onProgress: () => reports++,
    });
    if (!result.ok) throw new Error(`bench import failed: ${result.issues[0]?.message}`);
  });
  out.push({
    name: `import a firm register and a supplier list from XLSX (${(workbook.length / 2 ** 20).toFixed(1)} MB), ${what}`,
    size: firms + relations,
    ...importing,
    note: `budget ≤ 5,000 ms; ${reports} progress reports (on the main thread here; the app reads in a worker)`,
  });

  // What the import dialog does on the main thread once the worker has read the file: merge the
  // result into the stored data and check it by what it changed (`previewImport`, `validateChange`).
  const read = await importBytes(workbook, { fileName: 'firms.xlsx', importedAt: '2026-12-06', current: bare });
  out.push({
    name: `import preview on the main thread (merge, check, count), the register and supplier list above, ${what}`,
    size: firms + relations,
    ...(await median(3, () => previewImport(bare, read, 'merge'))),
    note: 'most records new: one whole validation pass',
  });
  const few = await importBytes(
    writeWorkbook([
      { name: '企业名录', rows: firmListRows(data, { source: 'wl-register' }).slice(0, 21), header: true },
    ]),
    { fileName: 'few.xlsx', importedAt: '2026-12-06', current: data },
  );
  out.push({
    name: `import preview on the main thread, a 20-firm register into the whole ${label} data`,
    size: 20,
    ...(await median(5, () => previewImport(data, few, 'merge'))),
    note: 'checked by what it changes; before this change the whole dataset was validated again',
  });

  const db = new ChainAtlasDB(`chainatlas-bench-${label}`);
  await db.open();
  out.push({
    name: `store the whole dataset in IndexedDB, ${what}`,
    size,
    ...(await median(1, () => replaceDataset(db, data))),
  });
  out.push({ name: `read the whole stored dataset, ${what}`, size, ...(await median(1, () => readDataset(db))) });
  db.close();
  await db.delete();
  return out;
}

/** Resolves when the browser has drawn a frame. */
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/**
 * Expanding the link with the most firms nationwide, as the app does: rank its firms and gather the
 * relations that reach them (`layoutLinkFirms`), place the drawn ones (`placeLinkFirms`, inside
 * `ChainGraph.showFirms`), add them to the drawn chain and draw a frame. The firm index is built once
 * before (the app builds it at the first firm read, not per expansion), and reported apart.
 */
export async function expandFigures(data: Dataset): Promise<Figure[]> {
  const t0 = performance.now();
  const index = indexFirms(data);
  const indexMs = Math.round(performance.now() - t0);
  const [linkId, firms] = [...index.byLink.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  const home = data.regions.find((r) => r.enterprises.some((e) => e.linkIds.includes(linkId)))!;
  const chain = indexChain(data.chains[0]!);
  const elements = buildChainElements(chain, home, 'zh');
  // Positions do not matter to the cost measured: a grid.
  const positions = Object.fromEntries(
    elements.links.map((l, i) => [l.id, { x: (i % 10) * 220, y: Math.floor(i / 10) * 120 }]),
  );
  const host = document.getElementById('stage')!.appendChild(document.createElement('div'));
  const graph = new ChainGraph(host, {}, { webgl: false });
  graph.render(elements, positions);
  graph.fit();
  await frame();
  const none = { onFirm: () => undefined, onMore: () => undefined };
  let drawn = 0;
  const layoutMs: number[] = [];
  const expanding = await median(5, async () => {
    const t1 = performance.now();
    const layout = layoutLinkFirms(index, linkId, home, 'nation');
    layoutMs.push(performance.now() - t1);
    const nodes = (c: 0 | 1 | 2) =>
      layout.columns[c].map((f) => ({
        key: f.key,
        name: f.record?.firm.name.zh ?? f.id,
        title: f.record?.firm.name.zh ?? f.id,
        detail: f.local ? '' : (f.record?.region.name.zh ?? ''),
        local: f.local,
      }));
    const spec: LinkFirmsSpec = {
      key: `${linkId} ${performance.now()}`,
      linkId,
      titles: ['供应方', '按产能排序', '采购方'],
      columns: [nodes(0), nodes(1), nodes(2)],
      more: layout.more,
      moreLabels: layout.more.map((m) => `另有 ${m} 家…`) as unknown as [string, string, string],
      relations: layout.relations,
    };
    graph.showFirms(spec, none);
    drawn = graph.firmCount();
    await frame();
    graph.showFirms(null);
  });
  graph.destroy();
  host.remove();
  return [
    {
      name: `firm index of the nation workload (${index.firms.size} firms, ${index.relationCount} relations), built once at the first firm read`,
      size: index.firms.size,
      medianMs: indexMs,
      runs: 1,
    },
    {
      name: `expand a link to its ${firms.length} firms nationwide on the canvas (rank, relations, place, draw ${drawn} firms and a frame), nation`,
      size: firms.length,
      ...expanding,
      note: `budget ≤ 300 ms; of which ranking the firms and gathering their relations (layoutLinkFirms): ${Math.round(
        [...layoutMs].sort((a, b) => a - b)[Math.floor(layoutMs.length / 2)]!,
      )} ms, the rest placing, adding to the canvas and two frames`,
    },
  ];
}

export async function firmFigures(): Promise<Figure[]> {
  const before = heapMb();
  const province = provinceWorkload();
  const figures = await workloadFigures('province', province);
  const nation = nationWorkload();
  figures.push(...(await workloadFigures('nation', nation)));
  figures.push(...(await expandFigures(nation)));
  const after = heapMb();
  if (after !== undefined)
    figures.push({
      name: 'JS heap of the bench page with the nation and province workloads loaded, after the runs above (the app page alone: see the browser figures)',
      size: nation.regions.reduce((n, r) => n + r.enterprises.length, 0),
      medianMs: 0,
      runs: 1,
      note: `${after} MB used (${before} MB before building them); the page also holds the 50,000-link data, so the budget (≤ 300 MB) is measured in a fresh app page: see "JS heap, fresh app page"`,
    });
  return figures;
}
