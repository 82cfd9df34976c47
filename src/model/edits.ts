/**
 * Edits as data: the operations a planner performs on a dataset. Each returns the edit (the records it
 * changes, with their values before and after) and the dataset after it, or the validation errors that
 * refuse it; the store keeps the edit for undo and checks that nothing changed meanwhile. Pure.
 */
import type { EditResult, RecordRef, RecordValues } from './editRecords';
import { describeRef, getRecord, listOf } from './editRecords';
import { buildEdit, type Draft } from './editBuild';
import type { RecordKind, ValidationIssue } from './issues';
import type {
  ChainLink,
  Citation,
  Dataset,
  Enterprise,
  Indicator,
  LinkState,
  Localized,
  MaterialIntensity,
  Project,
  RegionFocus,
  Source,
  Stage,
  SupplyEdge,
  SupplyRelation,
} from './types';

export * from './editRecords';
export * from './editBuild';

/** A link state as the user sets it (the link is named separately). */
export type LinkStateFields = Omit<LinkState, 'linkId'>;

/** What renaming a link may change; the id stays. Empty `aliases` or `description: null` removes them. */
export interface LinkFields {
  readonly name?: Localized;
  readonly aliases?: readonly string[];
  readonly description?: Localized | null;
  readonly subChain?: string;
  readonly stage?: Stage;
}

/** What updating an edge may change. Empty `intensities` or `note: null` removes them. */
export interface EdgeFields {
  readonly note?: Localized | null;
  readonly intensities?: readonly MaterialIntensity[];
  /** Replaces the edge's citations (an edge added in two places at once: the user kept theirs). */
  readonly sources?: readonly Citation[];
}

/** A record a link's deletion touches: `removed` with it, or `unlinked` (the link dropped from its lists). */
export type LinkDependent = RecordRef & { readonly effect: 'removed' | 'unlinked' };

/** Each kind as validation names it, and the list it lives in. */
const KINDS: Readonly<Record<RecordRef['kind'], readonly [RecordKind, string]>> = {
  source: ['source', 'sources'],
  chain: ['chain', 'chains'],
  region: ['region', 'regions'],
  link: ['link', 'links'],
  edge: ['edge', 'edges'],
  linkState: ['link-state', 'linkStates'],
  enterprise: ['enterprise', 'enterprises'],
  project: ['project', 'projects'],
  indicator: ['indicator', 'indicators'],
  relation: ['relation', 'relations'],
};

function refused(ref: RecordRef, path: string, code: 'unknown-ref' | 'duplicate-id' | 'duplicate-edge'): EditResult {
  const id = ref.kind === 'edge' ? `${ref.from} → ${ref.to}` : ref.kind === 'linkState' ? ref.linkId : ref.id;
  const what = describeRef(ref);
  const issue: ValidationIssue = {
    severity: 'error',
    code,
    path,
    record: { kind: KINDS[ref.kind][0], id },
    field: code === 'duplicate-id' ? 'id' : '',
    params: { value: id, target: KINDS[ref.kind][0] },
    message: `${what} (${path}) ${code === 'unknown-ref' ? 'does not exist' : 'exists already'}`,
  };
  return { ok: false, issues: [issue] };
}

/**
 * Refuses an edit whose chain or region is missing, or whose record is missing (`existing`) or already
 * there (`new`: adding would otherwise overwrite it). The path is the one validation would give.
 */
function missing(ds: Dataset, ref: RecordRef, want: 'new' | 'existing' | 'any'): EditResult | undefined {
  let owner = '';
  if ('chainId' in ref) {
    const ci = ds.chains.findIndex((c) => c.id === ref.chainId);
    if (ci < 0) return refused({ kind: 'chain', id: ref.chainId }, 'chains', 'unknown-ref');
    owner = `chains[${ci}].`;
  } else if ('regionId' in ref) {
    const ri = ds.regions.findIndex((r) => r.id === ref.regionId);
    if (ri < 0) return refused({ kind: 'region', id: ref.regionId }, 'regions', 'unknown-ref');
    owner = `regions[${ri}].`;
  }
  const list = `${owner}${KINDS[ref.kind][1]}`;
  const exists = getRecord(ds, ref) !== undefined;
  if (want === 'existing' && !exists) return refused(ref, list, 'unknown-ref');
  if (want === 'new' && exists) {
    // Where validation would report the duplicate: the record appended after the others.
    const at = `${list}[${listOf(ds, ref)?.length ?? 0}]`;
    return ref.kind === 'edge' ? refused(ref, at, 'duplicate-edge') : refused(ref, `${at}.id`, 'duplicate-id');
  }
  return undefined;
}

const label = (zh: string, en: string, name: Localized): Localized => ({
  zh: `${zh}：${name.zh}`,
  en: `${en}: ${name.en}`,
});

/** A link's name on a chain (its id when it has none, e.g. when it is being added). */
function linkName(ds: Dataset, chainId: string | undefined, linkId: string): Localized {
  const link = ds.chains.find((c) => c.id === chainId)?.links.find((l) => l.id === linkId);
  return link?.name ?? { zh: linkId, en: linkId };
}

/** A link's name on the chain a region is drawn on. */
const regionLinkName = (ds: Dataset, regionId: string, linkId: string): Localized =>
  linkName(ds, ds.regions.find((r) => r.id === regionId)?.chainId, linkId);

const edgeName = (ds: Dataset, chainId: string, from: string, to: string): Localized => {
  const [a, b] = [linkName(ds, chainId, from), linkName(ds, chainId, to)];
  return { zh: `${a.zh} → ${b.zh}`, en: `${a.en} → ${b.en}` };
};

/** Sets a link's state in a region; `undefined` removes the state, so the link reads as unknown. */
export function setLinkState(
  ds: Dataset,
  regionId: string,
  linkId: string,
  state: LinkStateFields | undefined,
): EditResult {
  const ref = { kind: 'linkState', regionId, linkId } as const;
  const miss = missing(ds, ref, 'any');
  if (miss) return miss;
  const name = regionLinkName(ds, regionId, linkId);
  const text = state ? label('设置环节状态', 'Set link state', name) : label('清除环节状态', 'Clear link state', name);
  return buildEdit(ds, text, [{ ...ref, after: state && { ...state, linkId } }]);
}

type RegionKind = 'enterprise' | 'project' | 'indicator';
const WORD: Readonly<Record<RegionKind, Localized>> = {
  enterprise: { zh: '企业', en: 'enterprise' },
  project: { zh: '项目', en: 'project' },
  indicator: { zh: '指标', en: 'indicator' },
};

function putRegionRecord<K extends RegionKind>(
  ds: Dataset,
  kind: K,
  regionId: string,
  record: RecordValues[K],
  adding: boolean,
  text?: Localized,
): EditResult {
  const ref = { kind, regionId, id: record.id } as RecordRef;
  const miss = missing(ds, ref, adding ? 'new' : 'existing');
  if (miss) return miss;
  const [zh, en] = adding ? ['添加', 'Add'] : ['修改', 'Edit'];
  return buildEdit(ds, text ?? label(`${zh}${WORD[kind].zh}`, `${en} ${WORD[kind].en}`, record.name), [
    { ...ref, after: record } as Draft,
  ]);
}

function removeRegionRecord(ds: Dataset, kind: RegionKind, regionId: string, id: string): EditResult {
  const ref = { kind, regionId, id } as RecordRef;
  const miss = missing(ds, ref, 'existing');
  if (miss) return miss;
  const drafts: Draft[] = [];
  if (kind === 'enterprise') {
    // Projects name their enterprises: drop the id from them rather than leave a dangling reference.
    for (const p of ds.regions.find((r) => r.id === regionId)?.projects ?? []) {
      if (p.enterpriseIds.includes(id)) {
        const after = { ...p, enterpriseIds: p.enterpriseIds.filter((e) => e !== id) };
        drafts.push({ kind: 'project', regionId, id: p.id, after });
      }
    }
    // A relation without its supplier or buyer says nothing: it goes with the firm (undo brings both back).
    for (const rel of relationsOf(ds, regionId, id))
      drafts.push({ kind: 'relation', regionId: rel.regionId, id: rel.id });
  }
  const name = (getRecord(ds, ref) as { name: Localized }).name;
  return buildEdit(ds, label(`删除${WORD[kind].zh}`, `Remove ${WORD[kind].en}`, name), [...drafts, ref]);
}

/** The relations, in any region, that name a firm as supplier or buyer. */
export function relationsOf(ds: Dataset, regionId: string, enterpriseId: string): { regionId: string; id: string }[] {
  const out: { regionId: string; id: string }[] = [];
  for (const r of ds.regions)
    for (const rel of r.relations ?? [])
      if (
        (rel.supplier.regionId === regionId && rel.supplier.enterpriseId === enterpriseId) ||
        (rel.buyer.regionId === regionId && rel.buyer.enterpriseId === enterpriseId)
      )
        out.push({ regionId: r.id, id: rel.id });
  return out;
}

/** A firm taken off a link: the link leaves its list, and its capacity for the link goes with it. */
function withoutLink(e: Enterprise, linkId: string): Enterprise {
  const { capacities, ...rest } = e;
  const kept = capacities?.filter((c) => c.linkId !== linkId);
  return { ...rest, linkIds: e.linkIds.filter((l) => l !== linkId), ...(kept?.length ? { capacities: kept } : {}) };
}

/** Adds a supply relation, kept with its buyer's region. */
export function addRelation(ds: Dataset, relation: SupplyRelation): EditResult {
  return putRelation(ds, relation, true);
}
/** Replaces a supply relation (found by its buyer's region and its id). */
export function updateRelation(ds: Dataset, relation: SupplyRelation): EditResult {
  return putRelation(ds, relation, false);
}
/** Removes a supply relation. */
export function removeRelation(ds: Dataset, regionId: string, id: string): EditResult {
  const ref = { kind: 'relation', regionId, id } as const;
  const miss = missing(ds, ref, 'existing');
  if (miss) return miss;
  return buildEdit(ds, relationLabel(ds, getRecord(ds, ref)!, '删除供应关系', 'Remove supply relation'), [ref]);
}

function putRelation(ds: Dataset, relation: SupplyRelation, adding: boolean): EditResult {
  const ref = { kind: 'relation', regionId: relation.buyer.regionId, id: relation.id } as const;
  const miss = missing(ds, ref, adding ? 'new' : 'existing');
  if (miss) return miss;
  const text = adding
    ? relationLabel(ds, relation, '添加供应关系', 'Add supply relation')
    : relationLabel(ds, relation, '修改供应关系', 'Edit supply relation');
  return buildEdit(ds, text, [{ ...ref, after: relation }]);
}

/** `Add supply relation: A → B` with the firms' names (their ids when they are not found). */
function relationLabel(ds: Dataset, rel: SupplyRelation, zh: string, en: string): Localized {
  const firm = (ref: SupplyRelation['buyer']) =>
    ds.regions.find((r) => r.id === ref.regionId)?.enterprises.find((e) => e.id === ref.enterpriseId)?.name ?? {
      zh: ref.enterpriseId,
      en: ref.enterpriseId,
    };
  const [a, b] = [firm(rel.supplier), firm(rel.buyer)];
  return label(zh, en, { zh: `${a.zh} → ${b.zh}`, en: `${a.en} → ${b.en}` });
}

/** Adds an enterprise to a region. */
export const addEnterprise = (ds: Dataset, regionId: string, enterprise: Enterprise): EditResult =>
  putRegionRecord(ds, 'enterprise', regionId, enterprise, true);
/** Replaces an enterprise (found by its id). */
export const updateEnterprise = (ds: Dataset, regionId: string, enterprise: Enterprise): EditResult =>
  putRegionRecord(ds, 'enterprise', regionId, enterprise, false);
/** Removes an enterprise, and its id from the projects that name it. */
export const removeEnterprise = (ds: Dataset, regionId: string, id: string): EditResult =>
  removeRegionRecord(ds, 'enterprise', regionId, id);
/** Adds a project to a region. */
export const addProject = (ds: Dataset, regionId: string, project: Project): EditResult =>
  putRegionRecord(ds, 'project', regionId, project, true);
/** Replaces a project (found by its id). */
export const updateProject = (ds: Dataset, regionId: string, project: Project): EditResult =>
  putRegionRecord(ds, 'project', regionId, project, false);
/** Removes a project. */
export const removeProject = (ds: Dataset, regionId: string, id: string): EditResult =>
  removeRegionRecord(ds, 'project', regionId, id);
/**
 * Takes an enterprise or project that serves several links off one of them; it stays on the others.
 * (Removing it from the region is `removeEnterprise` / `removeProject`.)
 */
export function detachFromLink(
  ds: Dataset,
  kind: 'enterprise' | 'project',
  regionId: string,
  id: string,
  linkId: string,
): EditResult {
  const ref = { kind, regionId, id } as RecordRef;
  const record = getRecord(ds, ref) as Enterprise | Project | undefined;
  if (!record) return missing(ds, ref, 'existing')!;
  const after =
    kind === 'enterprise'
      ? withoutLink(record as Enterprise, linkId)
      : { ...record, linkIds: record.linkIds.filter((l) => l !== linkId) };
  const link = regionLinkName(ds, regionId, linkId);
  return putRegionRecord(ds, kind, regionId, after, false, {
    zh: `从${link.zh}移除${WORD[kind].zh}：${record.name.zh}`,
    en: `Take ${WORD[kind].en} off ${link.en}: ${record.name.en}`,
  });
}

/** Adds an indicator to a region. */
export const addIndicator = (ds: Dataset, regionId: string, indicator: Indicator): EditResult =>
  putRegionRecord(ds, 'indicator', regionId, indicator, true);
/** Replaces an indicator (found by its id). */
export const updateIndicator = (ds: Dataset, regionId: string, indicator: Indicator): EditResult =>
  putRegionRecord(ds, 'indicator', regionId, indicator, false);
/** Removes an indicator. */
export const removeIndicator = (ds: Dataset, regionId: string, id: string): EditResult =>
  removeRegionRecord(ds, 'indicator', regionId, id);

/** Adds a source to the dataset. */
export function addSource(ds: Dataset, source: Source): EditResult {
  const ref = { kind: 'source', id: source.id } as const;
  const name = { zh: source.title, en: source.title };
  return missing(ds, ref, 'new') ?? buildEdit(ds, label('添加来源', 'Add source', name), [{ ...ref, after: source }]);
}

/** What a planner gives for a new region: its names, the larger area, the chain and the date its data holds for. */
export interface RegionFields {
  readonly id: string;
  readonly name: Localized;
  readonly parent?: Localized;
  readonly chainId: string;
  readonly asOf: string;
}

/** Adds a region with no records yet: every link of its chain reads as unknown until a source says otherwise. */
export function addRegion(ds: Dataset, fields: RegionFields): EditResult {
  const ref = { kind: 'region', id: fields.id } as const;
  const head = {
    id: fields.id,
    name: fields.name,
    ...(fields.parent ? { parent: fields.parent } : {}),
    chainId: fields.chainId,
    asOf: fields.asOf,
  };
  return (
    missing(ds, ref, 'new') ?? buildEdit(ds, label('添加地区', 'Add region', fields.name), [{ ...ref, after: head }])
  );
}

/** What editing a region may change: its names, the larger area, its date and its focus. Its id and chain stay. */
export interface RegionEditFields {
  readonly name: Localized;
  /** `null` removes it. */
  readonly parent?: Localized | null;
  readonly asOf: string;
  /** The products and uses it builds its chain around, with the source that says so; `null` removes it. */
  readonly focus?: RegionFocus | null;
}

/**
 * Changes a region's own fields; its records (link states, enterprises, projects, figures) stay. A
 * region's focus drives its gap analysis, so a new region becomes useful once its focus is set.
 */
export function editRegion(ds: Dataset, regionId: string, fields: RegionEditFields): EditResult {
  const ref = { kind: 'region', id: regionId } as const;
  const old = getRecord(ds, ref);
  if (!old) return missing(ds, ref, 'existing')!;
  const next: Record<string, unknown> = { ...old, name: fields.name, asOf: fields.asOf };
  if (fields.parent !== undefined) next.parent = fields.parent ?? undefined;
  if (fields.focus !== undefined) next.focus = fields.focus ?? undefined;
  const after = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as typeof old;
  return buildEdit(ds, label('修改地区', 'Edit region', fields.name), [{ ...ref, after }]);
}

/** Adds a link to a chain. */
export function addLink(ds: Dataset, chainId: string, link: ChainLink): EditResult {
  const ref = { kind: 'link', chainId, id: link.id } as const;
  return missing(ds, ref, 'new') ?? buildEdit(ds, label('添加环节', 'Add link', link.name), [{ ...ref, after: link }]);
}

/** Changes a link's names, aliases, description, sub-chain or stage; its id stays. */
export function renameLink(ds: Dataset, chainId: string, linkId: string, fields: LinkFields): EditResult {
  const ref = { kind: 'link', chainId, id: linkId } as const;
  const old = getRecord(ds, ref);
  if (!old) return missing(ds, ref, 'existing')!;
  const { aliases, description, ...rest } = fields;
  const next: Record<string, unknown> = { ...old };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) next[key] = value;
  if (aliases !== undefined) next.aliases = aliases.length > 0 ? aliases : undefined;
  if (description !== undefined) next.description = description ?? undefined;
  const after = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as unknown as ChainLink;
  // Named as it is now: "Edit link: Battery separator" after a rename, not the name it had.
  return buildEdit(ds, label('修改环节', 'Edit link', after.name), [{ ...ref, after }]);
}

/**
 * What deleting a link also changes: its edges, states and supply relations go; enterprises (with
 * their capacity for it), projects, indicators and focus lists lose it.
 */
export function linkDependents(ds: Dataset, chainId: string, linkId: string): LinkDependent[] {
  const chain = ds.chains.find((c) => c.id === chainId);
  if (!chain) return [];
  const out: LinkDependent[] = chain.edges
    .filter((e) => e.from === linkId || e.to === linkId)
    .map((e) => ({ kind: 'edge', chainId, from: e.from, to: e.to, effect: 'removed' }));
  for (const r of ds.regions.filter((x) => x.chainId === chainId)) {
    const regionId = r.id;
    if (r.linkStates.some((s) => s.linkId === linkId))
      out.push({ kind: 'linkState', regionId, linkId, effect: 'removed' });
    const unlinked = (kind: RegionKind, list: readonly { id: string; linkIds: readonly string[] }[]) =>
      list
        .filter((x) => x.linkIds.includes(linkId))
        .forEach((x) => out.push({ kind, regionId, id: x.id, effect: 'unlinked' }));
    unlinked('enterprise', r.enterprises);
    unlinked('project', r.projects);
    unlinked('indicator', r.indicators);
    for (const rel of r.relations ?? [])
      if (rel.linkId === linkId) out.push({ kind: 'relation', regionId, id: rel.id, effect: 'removed' });
    const f = r.focus;
    if (f && [f.products, f.applications, f.supporting].some((l) => l.includes(linkId))) {
      out.push({ kind: 'region', id: regionId, effect: 'unlinked' });
    }
  }
  return out;
}

/** Deletes a link with everything `linkDependents` lists (returned too, so the UI can say what went). */
export function deleteLink(
  ds: Dataset,
  chainId: string,
  linkId: string,
): EditResult & { readonly dependents: readonly LinkDependent[] } {
  const ref = { kind: 'link', chainId, id: linkId } as const;
  const dependents = linkDependents(ds, chainId, linkId);
  const old = getRecord(ds, ref);
  if (!old) return { ...missing(ds, ref, 'existing')!, dependents };
  const without = (ids: readonly string[]) => ids.filter((id) => id !== linkId);
  const unlink = <T extends { readonly linkIds: readonly string[] }>(v: T): T => ({
    ...v,
    linkIds: without(v.linkIds),
  });
  const drafts = dependents.map(({ effect, ...dep }): Draft => {
    if (effect === 'removed') return dep;
    switch (dep.kind) {
      case 'enterprise':
        return { ...dep, after: withoutLink(getRecord(ds, dep)!, linkId) };
      case 'project':
        return { ...dep, after: unlink(getRecord(ds, dep)!) };
      case 'indicator':
        return { ...dep, after: unlink(getRecord(ds, dep)!) };
      case 'region': {
        const head = getRecord(ds, dep)!;
        const f = head.focus!;
        const lists = { products: without(f.products), applications: without(f.applications) };
        return { ...dep, after: { ...head, focus: { ...f, ...lists, supporting: without(f.supporting) } } };
      }
      default:
        return dep;
    }
  });
  return { ...buildEdit(ds, label('删除环节', 'Delete link', old.name), [...drafts, ref]), dependents };
}

/** Adds a supply edge to a chain. */
export function addEdge(ds: Dataset, chainId: string, edge: SupplyEdge): EditResult {
  const ref = { kind: 'edge', chainId, from: edge.from, to: edge.to } as const;
  const text = label('添加供应关系', 'Add supply edge', edgeName(ds, chainId, edge.from, edge.to));
  return missing(ds, ref, 'new') ?? buildEdit(ds, text, [{ ...ref, after: edge }]);
}

/** Changes an edge's note or material intensities. */
export function updateEdge(ds: Dataset, chainId: string, from: string, to: string, fields: EdgeFields): EditResult {
  const ref = { kind: 'edge', chainId, from, to } as const;
  const old = getRecord(ds, ref);
  if (!old) return missing(ds, ref, 'existing')!;
  const { note: _n, intensities: _i, ...rest } = old;
  const note = fields.note === undefined ? old.note : (fields.note ?? undefined);
  const intensities = fields.intensities ?? old.intensities;
  const after: SupplyEdge = {
    ...rest,
    ...(fields.sources && { sources: fields.sources }),
    ...(intensities && intensities.length > 0 && { intensities }),
    ...(note && { note }),
  };
  return buildEdit(ds, label('修改供应关系', 'Edit supply edge', edgeName(ds, chainId, from, to)), [{ ...ref, after }]);
}

/** Deletes a supply edge. */
export function deleteEdge(ds: Dataset, chainId: string, from: string, to: string): EditResult {
  const ref = { kind: 'edge', chainId, from, to } as const;
  const text = label('删除供应关系', 'Delete supply edge', edgeName(ds, chainId, from, to));
  return missing(ds, ref, 'existing') ?? buildEdit(ds, text, [ref]);
}
