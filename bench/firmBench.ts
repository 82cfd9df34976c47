/**
 * Benchmarks at firm level, on the province and nation workloads (bench/workloads.ts): whole
 * validation, the gap analysis of a region and of every region, firm search over all firms, import of
 * a firm register and a supplier list from one XLSX workbook (with its progress reports), storing and
 * reading the dataset in IndexedDB, and the JS heap with the dataset loaded.
 */
import { pinyin } from 'pinyin-pro';
import { importBytes } from '../src/io/pipeline/importFile';
import { writeWorkbook } from '../src/io/syntax/xlsxWrite';
import { analyseRegion } from '../src/model/analysis';
import { indexChain } from '../src/model/graph';
import { buildFirmSearchIndex, searchFirms } from '../src/model/search';
import type { Dataset } from '../src/model/types';
import { validateDataset } from '../src/model/validate';
import { readDataset, replaceDataset } from '../src/store/datasetRepository';
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

export async function firmFigures(): Promise<Figure[]> {
  const before = heapMb();
  const province = provinceWorkload();
  const figures = await workloadFigures('province', province);
  const nation = nationWorkload();
  figures.push(...(await workloadFigures('nation', nation)));
  const after = heapMb();
  if (after !== undefined)
    figures.push({
      name: 'JS heap with the nation and province workloads loaded (used, after the runs above)',
      size: nation.regions.reduce((n, r) => n + r.enterprises.length, 0),
      medianMs: 0,
      runs: 1,
      note: `${after} MB used (${before} MB before building them); budget ≤ 300 MB`,
    });
  return figures;
}
