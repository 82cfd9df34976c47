/**
 * The records an edit changes: naming a record, reading it from a dataset, applying and inverting
 * changes. The operations a planner performs are in `edits.ts`, which re-exports all of this. Pure:
 * nothing here mutates its arguments.
 */
import type { ValidationIssue } from './issues';
import type {
  ChainLink,
  ChainTemplate,
  Dataset,
  Enterprise,
  Indicator,
  LinkState,
  Localized,
  Project,
  Region,
  Source,
  SupplyEdge,
  SupplyRelation,
} from './types';

/** A chain without its links and edges (those are records of their own). */
export type ChainHead = Omit<ChainTemplate, 'links' | 'edges'>;
/** A region without its states, enterprises, projects, indicators and relations. */
export type RegionHead = Omit<Region, 'linkStates' | 'enterprises' | 'projects' | 'indicators' | 'relations'>;

/** How each kind of record is named: its owner (chain or region) and key. */
export interface Keys {
  source: { readonly id: string };
  chain: { readonly id: string };
  region: { readonly id: string };
  link: { readonly chainId: string; readonly id: string };
  edge: { readonly chainId: string; readonly from: string; readonly to: string };
  linkState: { readonly regionId: string; readonly linkId: string };
  enterprise: { readonly regionId: string; readonly id: string };
  project: { readonly regionId: string; readonly id: string };
  indicator: { readonly regionId: string; readonly id: string };
  relation: { readonly regionId: string; readonly id: string };
}
/** The value each kind of record holds. */
export interface RecordValues {
  source: Source;
  chain: ChainHead;
  region: RegionHead;
  link: ChainLink;
  edge: SupplyEdge;
  linkState: LinkState;
  enterprise: Enterprise;
  project: Project;
  indicator: Indicator;
  relation: SupplyRelation;
}
export type EditKind = keyof Keys;

/** Names one record. */
export type RecordRef = { [K in EditKind]: { readonly kind: K } & Keys[K] }[EditKind];

/**
 * One record's change. `before`/`after` undefined means the record is absent. `index` is where a
 * removed record stood in its list at the moment it was removed, so undoing puts it back there.
 */
export type RecordChange = {
  [K in EditKind]: { readonly kind: K } & Keys[K] & {
      readonly before?: RecordValues[K];
      readonly after?: RecordValues[K];
      readonly index?: number;
    };
}[EditKind];

/** An edit: what the user did (for the undo menu) and the records it changes, in order. */
export interface DatasetEdit {
  readonly label: Localized;
  readonly changes: readonly RecordChange[];
}

/** An operation's outcome: the edit and the dataset after it, or the errors that refuse it. */
export type EditResult =
  | { readonly ok: true; readonly edit: DatasetEdit; readonly dataset: Dataset }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Deep equality of plain JSON values, where a key holding `undefined` counts as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue(ra[k], rb[k]));
}

/** `enterprise "e1" in region "r1"`: a record named for messages. */
export function describeRef(ref: RecordRef): string {
  switch (ref.kind) {
    case 'edge':
      return `edge ${ref.from} → ${ref.to} in chain "${ref.chainId}"`;
    case 'link':
      return `link "${ref.id}" in chain "${ref.chainId}"`;
    case 'linkState':
      return `the state of link "${ref.linkId}" in region "${ref.regionId}"`;
    case 'enterprise':
    case 'project':
    case 'indicator':
    case 'relation':
      return `${ref.kind} "${ref.id}" in region "${ref.regionId}"`;
    default:
      return `${ref.kind} "${ref.id}"`;
  }
}

/** Just the naming fields of a change. */
export function refOf(change: RecordChange | RecordRef): RecordRef {
  const { before: _b, after: _a, index: _i, ...ref } = change as RecordChange;
  return ref as RecordRef;
}

type Item = object;
const headOf = (kind: EditKind, item: Item): unknown => {
  if (kind === 'chain') {
    const { links: _l, edges: _e, ...head } = item as ChainTemplate;
    return head;
  }
  if (kind === 'region') {
    const { linkStates: _s, enterprises: _e, projects: _p, indicators: _i, relations: _r, ...head } = item as Region;
    return head;
  }
  return item;
};

export function matcher(ref: RecordRef): (item: Item) => boolean {
  switch (ref.kind) {
    case 'edge':
      return (e) => (e as SupplyEdge).from === ref.from && (e as SupplyEdge).to === ref.to;
    case 'linkState':
      return (s) => (s as LinkState).linkId === ref.linkId;
    default:
      return (x) => (x as { id: string }).id === ref.id;
  }
}

/** The list a record lives in, or undefined when its chain or region is missing. */
export function listOf(ds: Dataset, ref: RecordRef): readonly Item[] | undefined {
  switch (ref.kind) {
    case 'source':
      return ds.sources;
    case 'chain':
      return ds.chains;
    case 'region':
      return ds.regions;
    case 'link':
    case 'edge': {
      const chain = ds.chains.find((c) => c.id === ref.chainId);
      return ref.kind === 'link' ? chain?.links : chain?.edges;
    }
    case 'relation':
      return (
        ds.regions.find((r) => r.id === ref.regionId)?.relations ??
        (ds.regions.some((r) => r.id === ref.regionId) ? [] : undefined)
      );
    default: {
      const region = ds.regions.find((r) => r.id === ref.regionId);
      const field = (
        { linkState: 'linkStates', enterprise: 'enterprises', project: 'projects', indicator: 'indicators' } as const
      )[ref.kind];
      return region?.[field];
    }
  }
}

/** A record's value in a dataset (a chain or region without its lists), or undefined. */
export function getRecord<K extends EditKind>(ds: Dataset, ref: RecordRef & { kind: K }): RecordValues[K] | undefined {
  const item = listOf(ds, ref)?.find(matcher(ref));
  return item === undefined ? undefined : (headOf(ref.kind, item) as RecordValues[K]);
}

/** Every record of a dataset with its name, in dataset order. */
export function* datasetRecords(ds: Dataset): Generator<{ ref: RecordRef; value: unknown }> {
  for (const s of ds.sources) yield { ref: { kind: 'source', id: s.id }, value: s };
  for (const c of ds.chains) {
    yield { ref: { kind: 'chain', id: c.id }, value: headOf('chain', c) };
    for (const l of c.links) yield { ref: { kind: 'link', chainId: c.id, id: l.id }, value: l };
    for (const e of c.edges) yield { ref: { kind: 'edge', chainId: c.id, from: e.from, to: e.to }, value: e };
  }
  for (const r of ds.regions) {
    yield { ref: { kind: 'region', id: r.id }, value: headOf('region', r) };
    for (const s of r.linkStates) yield { ref: { kind: 'linkState', regionId: r.id, linkId: s.linkId }, value: s };
    for (const e of r.enterprises) yield { ref: { kind: 'enterprise', regionId: r.id, id: e.id }, value: e };
    for (const p of r.projects) yield { ref: { kind: 'project', regionId: r.id, id: p.id }, value: p };
    for (const i of r.indicators) yield { ref: { kind: 'indicator', regionId: r.id, id: i.id }, value: i };
    for (const x of r.relations ?? []) yield { ref: { kind: 'relation', regionId: r.id, id: x.id }, value: x };
  }
}

/**
 * The records that differ between two datasets, as an edit: each added, changed or removed record
 * with its value before and after. What a whole replacement (an import) changed, record by record,
 * for those that pass changes on record by record (team sync).
 */
export function diffDatasets(before: Dataset, after: Dataset, label: Localized): DatasetEdit {
  const old = new Map<string, { ref: RecordRef; value: unknown }>();
  for (const r of datasetRecords(before)) old.set(JSON.stringify(r.ref), r);
  const changes: RecordChange[] = [];
  for (const r of datasetRecords(after)) {
    const key = JSON.stringify(r.ref);
    const was = old.get(key);
    old.delete(key);
    if (was && sameValue(was.value, r.value)) continue;
    changes.push({ ...r.ref, ...(was ? { before: was.value } : {}), after: r.value } as RecordChange);
  }
  for (const { ref, value } of old.values()) changes.push({ ...ref, before: value } as RecordChange);
  return { label, changes };
}

/** `list` with the record `match` finds replaced, removed, or (when absent) inserted at `index`. */
function put<T extends Item>(list: readonly T[], match: (t: T) => boolean, after: T | undefined, index?: number): T[] {
  const at = list.findIndex(match);
  if (at >= 0)
    return after === undefined ? list.filter((_, i) => i !== at) : list.map((t, i) => (i === at ? after : t));
  if (after === undefined) return [...list];
  const out = [...list];
  out.splice(Math.min(index ?? out.length, out.length), 0, after);
  return out;
}

/** Applies one change without checking `before` (callers do). */
export function applyChange(ds: Dataset, c: RecordChange): Dataset {
  const onChain = (f: (chain: ChainTemplate) => ChainTemplate) => {
    const id = (c as { chainId: string }).chainId;
    if (!ds.chains.some((x) => x.id === id)) throw new Error(`${describeRef(c)}: the chain does not exist`);
    return { ...ds, chains: ds.chains.map((x) => (x.id === id ? f(x) : x)) };
  };
  const onRegion = (f: (region: Region) => Region) => {
    const id = (c as { regionId: string }).regionId;
    if (!ds.regions.some((x) => x.id === id)) throw new Error(`${describeRef(c)}: the region does not exist`);
    return { ...ds, regions: ds.regions.map((x) => (x.id === id ? f(x) : x)) };
  };
  const match = matcher(c);
  switch (c.kind) {
    case 'source':
      return { ...ds, sources: put(ds.sources, match, c.after, c.index) };
    case 'chain': {
      const old = ds.chains.find(match);
      const after = c.after && { ...c.after, links: old?.links ?? [], edges: old?.edges ?? [] };
      return { ...ds, chains: put(ds.chains, match, after, c.index) };
    }
    case 'region': {
      const old = ds.regions.find(match);
      const lists = { linkStates: [], enterprises: [], projects: [], indicators: [], ...(old && headless(old)) };
      return { ...ds, regions: put(ds.regions, match, c.after && { ...c.after, ...lists }, c.index) };
    }
    case 'link':
      return onChain((x) => ({ ...x, links: put(x.links, match, c.after, c.index) }));
    case 'edge':
      return onChain((x) => ({ ...x, edges: put(x.edges, match, c.after, c.index) }));
    case 'linkState':
      return onRegion((x) => ({ ...x, linkStates: put(x.linkStates, match, c.after, c.index) }));
    case 'enterprise':
      return onRegion((x) => ({ ...x, enterprises: put(x.enterprises, match, c.after, c.index) }));
    case 'project':
      return onRegion((x) => ({ ...x, projects: put(x.projects, match, c.after, c.index) }));
    case 'indicator':
      return onRegion((x) => ({ ...x, indicators: put(x.indicators, match, c.after, c.index) }));
    case 'relation':
      return onRegion((x) => {
        // Absent means none (as validation leaves it), so the last relation removed leaves no empty list.
        const { relations: _r, ...rest } = x;
        const relations = put(x.relations ?? [], match, c.after, c.index);
        return relations.length ? { ...rest, relations } : rest;
      });
  }
}

const headless = (r: Region) => ({
  linkStates: r.linkStates,
  enterprises: r.enterprises,
  projects: r.projects,
  indicators: r.indicators,
  ...(r.relations && { relations: r.relations }),
});

/**
 * The dataset with `edit` applied. Throws when the dataset does not hold a change's `before` value
 * (the edit was made on other data); the store turns that case into a ConflictError first.
 */
export function applyEdit(dataset: Dataset, edit: DatasetEdit): Dataset {
  let ds = dataset;
  for (const change of edit.changes) {
    if (!sameValue(getRecord(ds, change), change.before)) {
      throw new Error(`${describeRef(change)} is not as the edit "${edit.label.en}" expects`);
    }
    ds = applyChange(ds, change);
  }
  return ds;
}

/**
 * One edit made of two steps: `first`, then `next` on the dataset `first` gives. Stored as one undo
 * step under `next`'s label (adding a new source and citing it is one action), or refused as a whole.
 */
export function thenEdit(first: EditResult, next: (dataset: Dataset) => EditResult): EditResult {
  if (!first.ok) return first;
  const second = next(first.dataset);
  if (!second.ok) return second;
  return {
    ok: true,
    edit: { label: second.edit.label, changes: [...first.edit.changes, ...second.edit.changes] },
    dataset: second.dataset,
  };
}

/** The edit that undoes `edit`: its changes in reverse order, each with before and after swapped. */
export function invertEdit(edit: DatasetEdit): DatasetEdit {
  const changes = [...edit.changes].reverse().map((c) => {
    const { before, after, ...rest } = c;
    return { ...rest, ...(after !== undefined && { before: after }), ...(before !== undefined && { after: before }) };
  });
  return { label: edit.label, changes: changes as RecordChange[] };
}
