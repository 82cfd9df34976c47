/**
 * Turning the drafts of several tables into a dataset (a workbook holding every table) or a patch for
 * one chain and region (a CSV file, a partial workbook). Rows that name no source cite the imported
 * file itself, so every record still says where it came from.
 */
import type { Dataset, Source } from '../../model/types';
import { FORMAT_VERSION } from '../../model/types';
import type { Where } from '../issues';
import { importError } from '../issues';
import { Origins } from '../origins';
import type { Drafts, MutableChain, MutableRegion } from './tableFill';
import { Finisher, fillChain, fillRegion } from './tableFill';
import type { Draft } from './tableRecords';
import type { TableKey } from './tables';
import type { DatasetPatch, ImportContext, ImportIssue } from '../types';

export type { Drafts } from './tableFill';
export { importSourceFor } from './tableFill';
const CHAIN_TABLES = ['subChains', 'links', 'edges', 'intensities'] as const;
const REGION_TABLES = ['focus', 'statuses', 'enterprises', 'projects', 'indicators'] as const;

/** Checks each row's `chain_id` / `region_id` names a known container; reports the ones that do not. */
function scopeFilter(
  tables: readonly TableKey[],
  drafts: Drafts,
  known: ReadonlySet<string>,
  fallback: string | undefined,
  scopeKey: 'chain_id' | 'region_id',
  file: string,
  issues: ImportIssue[],
): (d: Draft<TableKey>) => string | undefined {
  const resolved = new Map<Draft<TableKey>, string | undefined>();
  for (const t of tables) {
    for (const d of (drafts[t] ?? []) as Draft<TableKey>[]) {
      const id = d.scope ?? fallback;
      const where = { ...d.where, field: d.column(scopeKey === 'chain_id' ? 'chainId' : 'regionId') ?? scopeKey };
      if (id === undefined)
        issues.push(
          importError(
            'required',
            file,
            where,
            `"${scopeKey}" is required: the workbook holds more than one ${scopeKey === 'chain_id' ? 'chain' : 'region'}`,
          ),
        );
      else if (!known.has(id))
        issues.push(
          importError(
            'unknown-ref',
            file,
            where,
            `"${id}" is not in the ${scopeKey === 'chain_id' ? 'Chains' : 'Regions'} sheet`,
            { value: id, target: scopeKey === 'chain_id' ? 'chain' : 'region' },
          ),
        );
      resolved.set(d, id !== undefined && known.has(id) ? id : undefined);
    }
  }
  return (d) => resolved.get(d);
}

/** A whole dataset from a workbook that holds every table (as exported). */
export function assembleDataset(
  drafts: Drafts,
  ctx: ImportContext,
  issues: ImportIssue[],
): { dataset: Dataset; origins: Origins } {
  const f = new Finisher(ctx, new Origins());
  const file = ctx.fileName;
  const sources: Source[] = [];
  for (const d of drafts.sources ?? []) {
    sources.push(d.record);
    f.register('dataset', 'source', d.record.id, d);
  }
  const chains: MutableChain[] = (drafts.chains ?? []).map((d) => {
    f.register(`chain:${d.record.id}`, 'chain', d.record.id, d);
    return { ...d.record, subChains: [], links: [], edges: [], sources: d.sources };
  });
  const chainOf = scopeFilter(
    CHAIN_TABLES,
    drafts,
    new Set(chains.map((c) => c.id)),
    chains.length === 1 ? chains[0]!.id : undefined,
    'chain_id',
    file,
    issues,
  );
  for (const chain of chains) fillChain(chain, drafts, (d) => chainOf(d) === chain.id, f, issues, file, [], []);

  const regions: MutableRegion[] = (drafts.regions ?? []).map((d) => {
    f.register(`region:${d.record.id}`, 'region', d.record.id, d);
    return { ...d.record, linkStates: [], enterprises: [], projects: [], indicators: [] };
  });
  const regionOf = scopeFilter(
    REGION_TABLES,
    drafts,
    new Set(regions.map((r) => r.id)),
    regions.length === 1 ? regions[0]!.id : undefined,
    'region_id',
    file,
    issues,
  );
  for (const region of regions) fillRegion(region, drafts, (d) => regionOf(d) === region.id, f);

  if (f.used) sources.push(f.source);
  return { dataset: { format: FORMAT_VERSION, sources, chains, regions }, origins: f.origins };
}

/** The one value of a set of scope ids, reporting rows that name a second one. */
function singleTarget(
  candidates: readonly { id: string | undefined; where: Where; field: string }[],
  what: 'chain' | 'region',
  file: string,
  issues: ImportIssue[],
): string | undefined {
  let first: string | undefined;
  for (const c of candidates) {
    if (c.id === undefined) continue;
    if (first === undefined) first = c.id;
    else if (c.id !== first) {
      issues.push(
        importError(
          'mixed-targets',
          file,
          { ...c.where, field: c.field },
          `names ${what} "${c.id}", but earlier rows name "${first}"; import one ${what} at a time`,
          { value: c.id, first },
        ),
      );
      return first;
    }
  }
  return first;
}

/** A patch for one chain and one region from tables that do not make a whole dataset. */
export function assemblePatch(
  drafts: Drafts,
  ctx: ImportContext,
  issues: ImportIssue[],
): { patch: DatasetPatch; origins: Origins } {
  const f = new Finisher(ctx, new Origins());
  const file = ctx.fileName;
  const current = ctx.current;
  const currentRegion = current?.regions.find((r) => r.id === (ctx.regionId ?? current.regions[0]?.id));
  const scoped = (tables: readonly TableKey[], key: 'chain_id' | 'region_id') =>
    tables.flatMap((t) =>
      ((drafts[t] ?? []) as Draft<TableKey>[]).map((d) => ({
        id: d.scope,
        where: d.where,
        field: d.column(key === 'chain_id' ? 'chainId' : 'regionId') ?? key,
      })),
    );
  const regionRow = drafts.regions?.[0];
  const chainRow = drafts.chains?.[0];
  const chainId =
    singleTarget(
      [
        ...(drafts.chains ?? []).map((d) => ({ id: d.record.id, where: d.where, field: d.column('id') ?? 'id' })),
        ...scoped(CHAIN_TABLES, 'chain_id'),
      ],
      'chain',
      file,
      issues,
    ) ??
    regionRow?.record.chainId ??
    currentRegion?.chainId ??
    current?.chains[0]?.id ??
    'imported';
  const regionId =
    singleTarget(
      [
        ...(drafts.regions ?? []).map((d) => ({ id: d.record.id, where: d.where, field: d.column('id') ?? 'id' })),
        ...scoped(REGION_TABLES, 'region_id'),
      ],
      'region',
      file,
      issues,
    ) ??
    currentRegion?.id ??
    'imported';
  const baseChain = current?.chains.find((c) => c.id === chainId);
  const baseRegion = current?.regions.find((r) => r.id === regionId);

  const patch: { -readonly [K in keyof DatasetPatch]: DatasetPatch[K] } = {};
  const sources = (drafts.sources ?? []).map((d) => {
    f.register('dataset', 'source', d.record.id, d);
    return d.record;
  });

  if (chainRow || CHAIN_TABLES.some((t) => drafts[t])) {
    const chain: MutableChain = {
      id: chainId,
      name: chainRow?.record.name ?? { zh: chainId, en: chainId },
      subChains: [],
      links: [],
      edges: [],
      sources: [],
    };
    if (chainRow) f.register(`chain:${chainId}`, 'chain', chainId, chainRow);
    fillChain(chain, drafts, () => true, f, issues, file, baseChain?.subChains ?? [], baseChain?.edges ?? []);
    patch.chain = {
      id: chainId,
      ...(chainRow
        ? { name: chainRow.record.name, sources: chainRow.sources }
        : baseChain
          ? {}
          : { name: chainId === 'imported' ? { zh: '导入的产业链', en: 'Imported chain' } : chain.name }),
      ...(drafts.subChains ? { subChains: chain.subChains } : {}),
      ...(drafts.links ? { links: chain.links } : {}),
      ...(drafts.edges || drafts.intensities ? { edges: chain.edges } : {}),
    };
  }

  if (regionRow || REGION_TABLES.some((t) => drafts[t])) {
    const asOf = regionRow?.record.asOf ?? baseRegion?.asOf ?? ctx.importedAt.slice(0, 10);
    const region: MutableRegion = {
      id: regionId,
      name: { zh: regionId, en: regionId },
      chainId,
      asOf,
      linkStates: [],
      enterprises: [],
      projects: [],
      indicators: [],
    };
    if (regionRow) f.register(`region:${regionId}`, 'region', regionId, regionRow);
    fillRegion(region, drafts, () => true, f);
    patch.region = {
      id: regionId,
      ...(regionRow
        ? {
            name: regionRow.record.name,
            chainId: regionRow.record.chainId,
            asOf,
            ...(regionRow.record.parent ? { parent: regionRow.record.parent } : {}),
          }
        : {}),
      ...(!baseRegion && !regionRow
        ? { chainId, asOf, ...(regionId === 'imported' ? { name: { zh: '导入的地区', en: 'Imported region' } } : {}) }
        : {}),
      ...(region.focus ? { focus: region.focus } : {}),
      ...(drafts.statuses ? { linkStates: region.linkStates } : {}),
      ...(drafts.enterprises ? { enterprises: region.enterprises } : {}),
      ...(drafts.projects ? { projects: region.projects } : {}),
      ...(drafts.indicators ? { indicators: region.indicators } : {}),
    };
  }
  if (f.used) sources.push(f.source);
  if (sources.length > 0 || drafts.sources) patch.sources = sources;
  return { patch, origins: f.origins };
}
