/**
 * Applying an imported patch (the records a CSV table, a partial workbook or a graph file holds) to
 * the stored dataset. Pure: returns a new dataset and never changes its inputs. Validate the result
 * before storing it; a patch may refer to records the dataset does not have.
 */
import type { DatasetPatch } from '../io/types';
import { matchEnterprise } from './enterprise';
import type { ChainTemplate, Dataset, Enterprise, Region } from './types';
import { FORMAT_VERSION } from './types';
import { edgeKey } from './order';

/**
 * How a patch meets the stored data. `merge`: records with the same key (id; `from`+`to` for edges;
 * `linkId` for states) are replaced in place, new ones appended. `replace`: each table the patch
 * holds replaces that table of its chain or region wholesale. Sources always merge by id, since other
 * chains and regions may cite them.
 */
export type PatchMode = 'merge' | 'replace';

/** Merges `patch` into `current` by `key`: same key replaced in place, new keys appended in patch order. */
function mergeBy<T>(current: readonly T[], patch: readonly T[], key: (item: T) => string): T[] {
  // The last record with a key wins, at the place of the first.
  const incoming = new Map(patch.map((item) => [key(item), item] as const));
  const out = current.map((item) => incoming.get(key(item)) ?? item);
  const placed = new Set(current.map(key));
  for (const item of patch) {
    const k = key(item);
    if (placed.has(k)) continue;
    placed.add(k);
    out.push(incoming.get(k)!);
  }
  return out;
}

function table<T>(
  current: readonly T[],
  patch: readonly T[] | undefined,
  mode: PatchMode,
  key: (item: T) => string,
): readonly T[] {
  if (patch === undefined) return current;
  return mode === 'replace' ? [...patch] : mergeBy(current, patch, key);
}

const byId = (item: { readonly id: string }) => item.id;

function applyChain(base: ChainTemplate, p: NonNullable<DatasetPatch['chain']>, mode: PatchMode): ChainTemplate {
  return {
    ...base,
    name: p.name ?? base.name,
    subChains: table(base.subChains, p.subChains, mode, byId),
    links: table(base.links, p.links, mode, byId),
    edges: table(base.edges, p.edges, mode, (e) => edgeKey(e.from, e.to)),
    sources: p.sources ? [...p.sources] : base.sources,
  };
}

/**
 * Incoming enterprises matched to stored ones by id, credit code or name (`matchEnterprise`): a match
 * keeps the stored id, and takes the names it had before as aliases, so importing the same firms again
 * under other ids, or under their full legal names, adds no second record. Projects of the patch that
 * name an incoming id follow it to the stored one.
 */
function matchedEnterprises(
  stored: readonly Enterprise[],
  p: NonNullable<DatasetPatch['region']>,
): Pick<NonNullable<DatasetPatch['region']>, 'enterprises' | 'projects'> {
  if (!p.enterprises) return p;
  const renamed = new Map<string, string>();
  const enterprises = p.enterprises.map((e) => {
    const match = matchEnterprise(stored, e);
    if (!match || match.id === e.id) return e;
    renamed.set(e.id, match.id);
    const names = new Set([e.name.zh, e.name.en]);
    const aliases = [...new Set([...(e.aliases ?? []), ...(match.aliases ?? []), match.name.zh, match.name.en])].filter(
      (a) => !names.has(a),
    );
    const creditCode = e.creditCode ?? match.creditCode;
    return { ...e, id: match.id, ...(creditCode ? { creditCode } : {}), ...(aliases.length ? { aliases } : {}) };
  });
  const projects = p.projects?.map((pr) =>
    pr.enterpriseIds.some((id) => renamed.has(id))
      ? { ...pr, enterpriseIds: pr.enterpriseIds.map((id) => renamed.get(id) ?? id) }
      : pr,
  );
  return { enterprises, ...(projects ? { projects } : {}) };
}

function applyRegion(base: Region, patch: NonNullable<DatasetPatch['region']>, mode: PatchMode): Region {
  const p = mode === 'merge' ? { ...patch, ...matchedEnterprises(base.enterprises, patch) } : patch;
  const region: Region = {
    ...base,
    name: p.name ?? base.name,
    chainId: p.chainId ?? base.chainId,
    asOf: p.asOf ?? base.asOf,
    linkStates: table(base.linkStates, p.linkStates, mode, (s) => s.linkId),
    enterprises: table(base.enterprises, p.enterprises, mode, byId),
    projects: table(base.projects, p.projects, mode, byId),
    indicators: table(base.indicators, p.indicators, mode, byId),
  };
  const parent = p.parent ?? base.parent;
  const focus = p.focus ?? base.focus;
  return { ...region, ...(parent ? { parent } : {}), ...(focus ? { focus } : {}) };
}

/**
 * The dataset with `patch` applied (see `PatchMode`). A chain or region the patch names that does not
 * exist yet is created: named by its id unless the patch names it; a new region is drawn on the
 * patch's chain and holds for `patch.region.asOf`, else for `today` (an ISO date).
 */
export function applyPatch(
  current: Dataset | undefined,
  patch: DatasetPatch,
  mode: PatchMode,
  today: string = new Date().toISOString().slice(0, 10),
): Dataset {
  const base: Dataset = current ?? { format: FORMAT_VERSION, sources: [], chains: [], regions: [] };
  const sources = patch.sources ? mergeBy(base.sources, patch.sources, byId) : base.sources;

  let chains = base.chains;
  const pc = patch.chain;
  if (pc) {
    const index = chains.findIndex((c) => c.id === pc.id);
    const existing: ChainTemplate = chains[index] ?? {
      id: pc.id,
      name: { zh: pc.id, en: pc.id },
      subChains: [],
      links: [],
      edges: [],
      sources: [],
    };
    const updated = applyChain(existing, pc, mode);
    chains = index === -1 ? [...chains, updated] : chains.map((c, i) => (i === index ? updated : c));
  }

  let regions = base.regions;
  const pr = patch.region;
  if (pr) {
    const index = regions.findIndex((r) => r.id === pr.id);
    const existing: Region = regions[index] ?? {
      id: pr.id,
      name: { zh: pr.id, en: pr.id },
      chainId: pr.chainId ?? pc?.id ?? chains[0]?.id ?? '',
      asOf: pr.asOf ?? today,
      linkStates: [],
      enterprises: [],
      projects: [],
      indicators: [],
    };
    const updated = applyRegion(existing, pr, mode);
    regions = index === -1 ? [...regions, updated] : regions.map((r, i) => (i === index ? updated : r));
  }

  // Firm lists name their records' final ids (matched on reading): they merge by id in either mode.
  for (const pf of patch.firms ?? []) {
    regions = regions.map((r) => {
      if (r.id !== pf.id) return r;
      const relations = pf.relations ? mergeBy(r.relations ?? [], pf.relations, byId) : r.relations;
      return {
        ...r,
        enterprises: pf.enterprises ? mergeBy(r.enterprises, pf.enterprises, byId) : r.enterprises,
        ...(relations?.length ? { relations } : {}),
      };
    });
  }

  // Saved views and briefings are not in imported tables; they stay as they were.
  return { ...base, format: base.format, sources, chains, regions };
}
