/**
 * Round trips: what ChainAtlas writes, it reads back the same, shipped data included.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../model/patch';
import type { Dataset } from '../../model/types';
import { validateDataset } from '../../model/validate';
import { loadShippedDataset } from '../../store/seed';
import { exportDataset, importBytes } from './importFile';
import type { DatasetPatch, ImportContext, ImportResult } from '../types';

const shipped: Dataset = await loadShippedDataset();
/**
 * The chain and Jinchang alone: a CSV export of one region names its files by table alone
 * (`chainatlas-links.csv`), so each file's record count can be checked against its table.
 */
const oneRegion: Dataset = { ...shipped, regions: [shipped.regions[0]!] };
const ctx = (fileName: string, current?: Dataset): ImportContext => ({
  fileName,
  importedAt: '2026-11-26',
  ...(current ? { current } : {}),
});
const errors = (r: ImportResult) => r.issues.filter((i) => i.severity === 'error').map((i) => i.message);

const chain = shipped.chains[0]!;
const region = shipped.regions[0]!;
/** How many records of each table the shipped data has, and how many a patch holds. */
const shippedCount: Record<string, number> = {
  sources: shipped.sources.length,
  chains: 1,
  subchains: chain.subChains.length,
  links: chain.links.length,
  edges: chain.edges.length,
  intensities: chain.edges.flatMap((e) => e.intensities ?? []).length,
  regions: 1,
  focus: region.focus!.sources.length,
  statuses: region.linkStates.length,
  enterprises: region.enterprises.length,
  projects: region.projects.length,
  indicators: region.indicators.length,
};
function readCount(table: string, p: DatasetPatch): number | undefined {
  const counts: Record<string, number | undefined> = {
    sources: p.sources?.length,
    chains: p.chain?.name ? 1 : 0,
    subchains: p.chain?.subChains?.length,
    links: p.chain?.links?.length,
    edges: p.chain?.edges?.length,
    intensities: p.chain?.edges?.flatMap((e) => e.intensities ?? []).length,
    regions: p.region?.name ? 1 : 0,
    focus: p.region?.focus?.sources.length,
    statuses: p.region?.linkStates?.length,
    enterprises: p.region?.enterprises?.length,
    projects: p.region?.projects?.length,
    indicators: p.region?.indicators?.length,
  };
  return counts[table];
}

describe('round trips of the shipped data', () => {
  it('native JSON: export then import gives the same dataset', async () => {
    const [file] = exportDataset(shipped, 'native-json');
    const result = await importBytes(file!.bytes, ctx(file!.fileName));
    expect(errors(result)).toEqual([]);
    expect(result.ok && result.kind === 'dataset' && result.dataset).toEqual(shipped);
  });

  it('XLSX: export then import gives the same dataset, all seven regions', async () => {
    expect(shipped.regions.length).toBe(7);
    const [file] = exportDataset(shipped, 'xlsx');
    const result = await importBytes(file!.bytes, ctx(file!.fileName));
    expect(errors(result)).toEqual([]);
    expect(result.ok && result.kind === 'dataset' && result.dataset).toEqual(shipped);
  });

  it('XLSX with Chinese sheet names and headers reads back the same', async () => {
    const [file] = exportDataset(shipped, 'xlsx', { headers: 'zh' });
    const result = await importBytes(file!.bytes, ctx(file!.fileName));
    expect(errors(result)).toEqual([]);
    expect(result.ok && result.kind === 'dataset' && result.dataset).toEqual(shipped);
  });

  it('CSV of several regions: one file per table and region, each giving its part back', async () => {
    const files = exportDataset(shipped, 'csv');
    const names = files.map((f) => f.fileName);
    expect(names).toContain('chainatlas-links.csv');
    for (const region of shipped.regions) expect(names).toContain(`chainatlas-${region.id}-statuses.csv`);
    for (const file of files) {
      const result = await importBytes(file.bytes, ctx(file.fileName, shipped));
      expect(errors(result), file.fileName).toEqual([]);
      if (!result.ok || result.kind !== 'patch') throw new Error(`${file.fileName}: expected a patch`);
      expect(applyPatch(shipped, result.patch, 'replace'), file.fileName).toEqual(shipped);
    }
  });

  it('CSV: each table, replacing that table of the stored data, gives the data back (the chain and Jinchang)', async () => {
    const files = exportDataset(oneRegion, 'csv');
    expect(files.map((f) => f.fileName)).toContain('chainatlas-links.csv');
    for (const file of files) {
      const result = await importBytes(file.bytes, ctx(file.fileName, oneRegion));
      expect(errors(result), file.fileName).toEqual([]);
      expect(result.ok && result.kind, file.fileName).toBe('patch');
      if (!result.ok || result.kind !== 'patch') continue;
      // Replacing each table the file holds with what it read gives the data back.
      expect(applyPatch(oneRegion, result.patch, 'replace'), file.fileName).toEqual(oneRegion);
      const table = file.fileName.replace(/^chainatlas-|\.csv$/g, '');
      expect(readCount(table, result.patch), file.fileName).toBe(shippedCount[table]);
    }
  });

  it('GraphML keeps links, edges, names, sub-chains, stages and statuses', async () => {
    const [file] = exportDataset(shipped, 'graphml');
    const result = await importBytes(file!.bytes, ctx(file!.fileName));
    expect(errors(result)).toEqual([]);
    if (!result.ok || result.kind !== 'patch') throw new Error('expected a patch');
    const ds = applyPatch(undefined, result.patch, 'merge', '2026-11-26');
    expect(validateDataset(ds).ok).toBe(true);
    const chain = shipped.chains[0]!;
    const back = ds.chains[0]!;
    expect(back.id).toBe(chain.id);
    expect(back.links.map((l) => [l.id, l.name, l.subChain, l.stage, l.aliases])).toEqual(
      chain.links.map((l) => [l.id, l.name, l.subChain, l.stage, l.aliases]),
    );
    expect(back.edges.map((e) => [e.from, e.to, e.note])).toEqual(chain.edges.map((e) => [e.from, e.to, e.note]));
    expect(back.subChains.map((s) => [s.id, s.name, s.order])).toEqual(
      chain.subChains.map((s) => [s.id, s.name, s.order]),
    );
    const region = shipped.regions[0]!;
    expect(ds.regions[0]!.id).toBe(region.id);
    const pairs = (states: typeof region.linkStates) => states.map((s) => `${s.linkId}=${s.status}`).sort();
    expect(pairs(ds.regions[0]!.linkStates)).toEqual(pairs(region.linkStates));
  });

  it('GraphML merged back into the data it came from changes nothing, and a renamed node only its name', async () => {
    const [file] = exportDataset(shipped, 'graphml');
    const result = await importBytes(file!.bytes, ctx(file!.fileName, shipped));
    expect(errors(result)).toEqual([]);
    if (!result.ok || result.kind !== 'patch') throw new Error('expected a patch');
    // Descriptions, intensities, notes, capacities and their sources survive the trip.
    const merged = applyPatch(shipped, result.patch, 'merge');
    expect({ ...merged, sources: shipped.sources }).toEqual(shipped);

    // A drawing tool renames one node: that link gets the new name and cites the file besides its sources.
    const text = new TextDecoder().decode(file!.bytes).replace('>Separator<', '>Battery separator<');
    expect(text).toContain('>Battery separator<');
    const renamed = await importBytes(new TextEncoder().encode(text), ctx(file!.fileName, shipped));
    if (!renamed.ok || renamed.kind !== 'patch') throw new Error('expected a patch');
    const after = applyPatch(shipped, renamed.patch, 'merge').chains[0]!;
    const before = shipped.chains[0]!;
    const sep = after.links.find((l) => l.id === 'separator')!;
    const was = before.links.find((l) => l.id === 'separator')!;
    expect(sep.name).toEqual({ ...was.name, en: 'Battery separator' });
    expect(sep.sources.slice(0, was.sources.length)).toEqual(was.sources);
    expect(sep.sources.at(-1)?.sourceId).toBe(renamed.patch.sources![0]!.id);
    expect(after.links.filter((l) => l.id !== 'separator')).toEqual(before.links.filter((l) => l.id !== 'separator'));
  });
});
