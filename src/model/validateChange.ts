/**
 * Validating a dataset made from a valid one by merging records into it (an import's merge) by what
 * changed, not by reading every record again. Whole validation reads every record: at national scale
 * (20,000 firms, 50,000 relations) about half a second, on the main thread, for an import that may add
 * a handful. Here the records that differ are found, each one written is read by the same field readers
 * as whole validation (keeping known fields only), and only the references those changes can break are
 * followed (`validation/editCheck.ts`, as an edit is checked).
 *
 * On a valid `before`, the result agrees with `validateDataset(after)`: it refuses what whole validation
 * refuses and keeps what it keeps (tested against it in `validateChange.test.ts`). Where that cannot be
 * had record by record — a chain or region head changed (their sub-chains and chain reach everything
 * below them), saved work changed, a record key repeated — it validates the whole; so too when most
 * records changed (a first import of a national firm register), where one whole pass costs less. Data that comes in
 * from outside as a whole (a replace, a restore, seeding) is validated whole by its callers.
 */
import { diffDatasets, sameValue, type RecordChange, type RecordRef } from './editRecords';
import type { ValidationIssue } from './issues';
import type { Dataset, LinkState, Region, SupplyEdge } from './types';
import { validateDataset } from './validate';
import { checkEditReferences, readEditedRecord } from './validation/editCheck';

export type ChangeValidation =
  | {
      readonly ok: true;
      /** `after` as whole validation would give it back: each written record with known fields only. */
      readonly dataset: Dataset;
      /** The records that differ from `before` (before and after), as `diffDatasets` gives them. */
      readonly changes: readonly RecordChange[];
      /** Whether the whole dataset had to be read (a head or saved work changed). */
      readonly whole: boolean;
    }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const WORK = ['views', 'briefings', 'scenarios', 'layouts'] as const;
/** The share of the records changed above which the whole dataset is read (see `validateChange`). */
const WHOLE_ABOVE = 0.25;

/** Thrown inside `diff` when the change cannot be checked record by record. */
const WHOLE = Symbol('whole');

/**
 * The records of one list that differ. A list the merge did not touch is the same array and is
 * skipped; a record it did not touch is the same object. Throws WHOLE when a key repeats in `after`.
 */
function diffList<T extends object>(
  before: readonly T[],
  after: readonly T[],
  key: (x: T) => string,
  ref: (x: T) => RecordRef,
  out: RecordChange[],
): void {
  if (before === after) return;
  const old = new Map<string, T>();
  for (const x of before) if (!old.has(key(x))) old.set(key(x), x);
  const seen = new Set<string>();
  for (const x of after) {
    const k = key(x);
    if (seen.has(k)) throw WHOLE;
    seen.add(k);
    const was = old.get(k);
    old.delete(k);
    if (was === x || (was && sameValue(was, x))) continue;
    out.push({ ...ref(x), ...(was ? { before: was } : {}), after: x } as RecordChange);
  }
  for (const x of old.values()) out.push({ ...ref(x), before: x } as RecordChange);
}

const CHAIN_LISTS = new Set(['links', 'edges']);
const REGION_LISTS = new Set(['linkStates', 'enterprises', 'projects', 'indicators', 'relations']);
/** Whether two chains or regions differ in their own fields (not in their lists of records). */
function headsDiffer(a: object, b: object, lists: ReadonlySet<string>): boolean {
  const own = (x: object) => Object.fromEntries(Object.entries(x).filter(([k]) => !lists.has(k)));
  return !sameValue(own(a), own(b));
}

/**
 * The records that differ between `before` and `after`, as `diffDatasets` gives them; undefined when
 * a chain or region was added, removed, moved or changed in its own fields, or a key repeats.
 */
function diff(before: Dataset, after: Dataset): RecordChange[] | undefined {
  const out: RecordChange[] = [];
  const id = (x: { id: string }) => x.id;
  try {
    diffList(before.sources, after.sources, id, (x) => ({ kind: 'source', id: x.id }), out);
    if (before.chains.length !== after.chains.length || before.regions.length !== after.regions.length)
      return undefined;
    for (const [i, chain] of after.chains.entries()) {
      const was = before.chains[i]!;
      if (was === chain) continue;
      if (was.id !== chain.id || headsDiffer(was, chain, CHAIN_LISTS)) return undefined;
      const chainId = chain.id;
      diffList(was.links, chain.links, id, (x) => ({ kind: 'link', chainId, id: x.id }), out);
      const edge = (x: SupplyEdge) => `${x.from}\u0000${x.to}`;
      diffList(was.edges, chain.edges, edge, (x) => ({ kind: 'edge', chainId, from: x.from, to: x.to }), out);
    }
    for (const [i, region] of after.regions.entries()) {
      const was = before.regions[i]!;
      if (was === region) continue;
      if (was.id !== region.id || headsDiffer(was, region, REGION_LISTS)) return undefined;
      const regionId = region.id;
      const state = (x: LinkState) => x.linkId;
      diffList(
        was.linkStates,
        region.linkStates,
        state,
        (x) => ({ kind: 'linkState', regionId, linkId: x.linkId }),
        out,
      );
      diffList(was.enterprises, region.enterprises, id, (x) => ({ kind: 'enterprise', regionId, id: x.id }), out);
      diffList(was.projects, region.projects, id, (x) => ({ kind: 'project', regionId, id: x.id }), out);
      diffList(was.indicators, region.indicators, id, (x) => ({ kind: 'indicator', regionId, id: x.id }), out);
      const relations = (r: Region) => r.relations ?? NONE;
      diffList(relations(was), relations(region), id, (x) => ({ kind: 'relation', regionId, id: x.id }), out);
    }
  } catch (e) {
    if (e === WHOLE) return undefined;
    throw e;
  }
  return out;
}
const NONE: readonly never[] = [];

/**
 * Whole validation, with the changes it implies: `changes` (found on `after` as merged) with each
 * record as validation gives it back, found by its place (validation keeps every list's order).
 */
function wholly(before: Dataset, after: Dataset, changes?: readonly RecordChange[]): ChangeValidation {
  const checked = validateDataset(after);
  if (!checked.ok) return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error') };
  const dataset = checked.dataset;
  if (!changes)
    return { ok: true, dataset, changes: diffDatasets(before, dataset, { zh: '', en: '' }).changes, whole: true };
  const read = new Map<unknown, unknown>();
  const zip = (raw: readonly unknown[] | undefined, kept: readonly unknown[] | undefined, was: unknown) => {
    if (raw && kept && raw !== was) raw.forEach((x, i) => read.set(x, kept[i]));
  };
  zip(after.sources, dataset.sources, before.sources);
  after.chains.forEach((c, i) => {
    zip(c.links, dataset.chains[i]?.links, before.chains[i]?.links);
    zip(c.edges, dataset.chains[i]?.edges, before.chains[i]?.edges);
  });
  after.regions.forEach((r, i) => {
    const k = dataset.regions[i];
    const b = before.regions[i];
    zip(r.linkStates, k?.linkStates, b?.linkStates);
    zip(r.enterprises, k?.enterprises, b?.enterprises);
    zip(r.projects, k?.projects, b?.projects);
    zip(r.indicators, k?.indicators, b?.indicators);
    zip(r.relations, k?.relations, b?.relations);
  });
  const kept = changes
    .map((c) => (c.after === undefined ? c : ({ ...c, after: read.get(c.after) ?? c.after } as RecordChange)))
    .filter((c) => !sameValue(c.before, c.after));
  return { ok: true, dataset, changes: kept, whole: true };
}

/** How many records a dataset holds (saved work aside), as `datasetRecords` lists them, without listing them. */
export function recordCount(ds: Dataset): number {
  let n = ds.sources.length;
  for (const c of ds.chains) n += 1 + c.links.length + c.edges.length;
  for (const r of ds.regions)
    n += 1 + r.linkStates.length + r.enterprises.length + r.projects.length + r.indicators.length;
  for (const r of ds.regions) n += r.relations?.length ?? 0;
  return n;
}

/** A record's key in its list: what `diff` keys it by. */
function keyOf(c: RecordRef): string {
  if (c.kind === 'edge') return `${c.from}\u0000${c.to}`;
  if (c.kind === 'linkState') return c.linkId;
  return c.id;
}

/**
 * `ds` with the records read put in place of those there (same keys, same places): `read` maps a
 * list (`kind` and owner) to its records by key. Only the lists named are copied.
 */
function withRecords(ds: Dataset, read: ReadonlyMap<string, ReadonlyMap<string, unknown>>): Dataset {
  if (read.size === 0) return ds;
  const swap = <T extends object>(
    list: readonly T[],
    kind: RecordRef['kind'],
    owner: string,
    ref: (x: T) => RecordRef,
  ) => {
    const records = read.get(`${kind}\u0000${owner}`);
    return records ? list.map((x) => (records.get(keyOf(ref(x))) as T | undefined) ?? x) : list;
  };
  return {
    ...ds,
    sources: swap(ds.sources, 'source', '', (x) => ({ kind: 'source', id: x.id })),
    chains: ds.chains.map((c) => ({
      ...c,
      links: swap(c.links, 'link', c.id, (x) => ({ kind: 'link', chainId: c.id, id: x.id })),
      edges: swap(c.edges, 'edge', c.id, (x) => ({ kind: 'edge', chainId: c.id, from: x.from, to: x.to })),
    })),
    regions: ds.regions.map((r) => ({
      ...r,
      linkStates: swap(r.linkStates, 'linkState', r.id, (x) => ({
        kind: 'linkState',
        regionId: r.id,
        linkId: x.linkId,
      })),
      enterprises: swap(r.enterprises, 'enterprise', r.id, (x) => ({ kind: 'enterprise', regionId: r.id, id: x.id })),
      projects: swap(r.projects, 'project', r.id, (x) => ({ kind: 'project', regionId: r.id, id: x.id })),
      indicators: swap(r.indicators, 'indicator', r.id, (x) => ({ kind: 'indicator', regionId: r.id, id: x.id })),
      ...(r.relations && {
        relations: swap(r.relations, 'relation', r.id, (x) => ({ kind: 'relation', regionId: r.id, id: x.id })),
      }),
    })),
  };
}

/**
 * Validates `after`, made from the valid dataset `before` (the stored data), by what differs between
 * them. Errors only, as an import preview shows them.
 */
export function validateChange(
  before: Dataset,
  after: Dataset,
  options: { readonly wholeAbove?: number } = {},
): ChangeValidation {
  if (WORK.some((k) => !sameValue(before[k] ?? [], after[k] ?? [])) || after.format !== before.format)
    return wholly(before, after);
  const changes = diff(before, after);
  if (!changes) return wholly(before, after);
  // Reading a record by itself costs a little more than reading it in the whole: when most of the
  // records changed (a first import of a firm register), one whole pass is the cheaper way.
  if (changes.length > (options.wholeAbove ?? WHOLE_ABOVE) * recordCount(after)) return wholly(before, after, changes);
  if (!changes.length) return { ok: true, dataset: after, changes, whole: false };
  const issues: ValidationIssue[] = [];
  const read = new Map<string, Map<string, unknown>>();
  const kept: RecordChange[] = [];
  for (const c of changes) {
    if (c.after === undefined) {
      kept.push(c);
      continue;
    }
    const result = readEditedRecord(after, c, c.after);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    if (!sameValue(result.value, c.after)) {
      const list = `${c.kind}\u0000${'chainId' in c ? c.chainId : 'regionId' in c ? c.regionId : ''}`;
      read.set(list, (read.get(list) ?? new Map<string, unknown>()).set(keyOf(c), result.value));
    }
    kept.push({ ...c, after: result.value } as RecordChange);
  }
  if (issues.length) return { ok: false, issues };
  const dataset = withRecords(after, read);
  const broken = checkEditReferences(dataset, kept);
  if (broken.length) return { ok: false, issues: broken };
  // A record whose unknown fields were all that changed is no change once read.
  const real = kept.filter((c) => !sameValue(c.before, c.after));
  return { ok: true, dataset, changes: real, whole: false };
}
