/**
 * Checking an edit without validating the whole dataset. Whole validation reads every record, which
 * takes longer than a frame from a few thousand links on; an edit changes a handful. So each record an
 * edit writes is read by the same field readers as whole validation (keeping known fields only), and
 * only the references that the edit can break are followed: those from the records it writes, and
 * those to the records it removes. On a dataset that was valid, the result is valid exactly when whole
 * validation would say so (tested against it in `editCheck.test.ts`).
 *
 * Chain and region heads are the exception: a chain's sub-chains and a region's chain reach everything
 * below them, so `buildEdit` checks an edit of one whole. Such edits are rare (a link deleted from a
 * region's focus list); record edits are what a planner makes all day.
 */
import type { RecordChange, RecordRef, RecordValues } from '../editRecords';
import type { ValidationIssue } from '../issues';
import type { ChainTemplate, Citation, Dataset, Enterprise, Region, SupplyEdge } from '../types';
import { recordReaders } from '../validate';
import type { Json, Place } from './reader';
import { Reader, isObject } from './reader';
import { checkRelation } from './references';

type RecordKind = RecordRef['kind'];
/** The record kinds an edit checks one by one (heads are checked whole). */
type LeafKind = Exclude<RecordKind, 'chain' | 'region'>;

const ISSUE_KIND = {
  source: 'source',
  link: 'link',
  edge: 'edge',
  linkState: 'link-state',
  enterprise: 'enterprise',
  project: 'project',
  indicator: 'indicator',
  relation: 'relation',
} as const;

/**
 * Positions by key, built once per list (lists are never mutated: a changed dataset has new lists), so
 * that checking thousands of records an import writes does not search the lists once per record. The
 * first record with a key wins, as `findIndex` finds it.
 */
const positions = new WeakMap<readonly object[], ReadonlyMap<string, number>>();
function positionIn(list: readonly object[], key: string, keyOf: (x: object) => string): number {
  let at = positions.get(list);
  if (!at) {
    const map = new Map<string, number>();
    list.forEach((x, i) => {
      const k = keyOf(x);
      if (!map.has(k)) map.set(k, i);
    });
    positions.set(list, map);
    at = map;
  }
  return at.get(key) ?? -1;
}
const byId = (x: object) => (x as { id: string }).id;
const chainIndex = (ds: Dataset, id: string) => positionIn(ds.chains, id, byId);
const regionIndex = (ds: Dataset, id: string) => positionIn(ds.regions, id, byId);

/** Where a record stands in the dataset, as whole validation names it (`regions[0].projects[3]`). */
function placeOf(ds: Dataset, ref: RecordRef, index: number): Place {
  const kind = ref.kind as LeafKind;
  const id = ref.kind === 'edge' ? `${ref.from} → ${ref.to}` : ref.kind === 'linkState' ? ref.linkId : ref.id;
  const record = { kind: ISSUE_KIND[kind], id };
  if (ref.kind === 'source') return { path: `sources[${index}]`, record };
  if (ref.kind === 'link' || ref.kind === 'edge') {
    const ci = chainIndex(ds, ref.chainId);
    return { path: `chains[${ci}].${ref.kind === 'link' ? 'links' : 'edges'}[${index}]`, record };
  }
  const ri = regionIndex(ds, (ref as { regionId: string }).regionId);
  const list = {
    linkState: 'linkStates',
    enterprise: 'enterprises',
    project: 'projects',
    indicator: 'indicators',
    relation: 'relations',
  }[kind as 'linkState' | 'enterprise' | 'project' | 'indicator' | 'relation'];
  return { path: `regions[${ri}].${list}[${index}]`, record };
}

/** Reads one record as whole validation would, reporting into `r`; undefined when it has errors. */
function readRecord(r: Reader, kind: LeafKind, value: unknown, place: Place): unknown {
  if (!isObject(value)) {
    r.error('not-object', place, '', 'must be an object');
    return undefined;
  }
  const read = recordReaders[kind] as (r: Reader, o: Json, place: Place) => unknown;
  const record = read(r, value, place);
  if (kind === 'edge' && record) {
    const edge = record as SupplyEdge;
    if (edge.from === edge.to) {
      r.error('self-loop', place, 'to', `an edge cannot lead from "${edge.from}" to itself`, { value: edge.from });
      return undefined;
    }
  }
  return record;
}

/** The ids of the links of a chain, built once per check. */
class Lookups {
  readonly #links = new Map<string, ReadonlySet<string>>();
  #sources: ReadonlySet<string> | undefined;
  constructor(private readonly ds: Dataset) {}
  chain(id: string): ChainTemplate | undefined {
    return this.ds.chains[chainIndex(this.ds, id)];
  }
  region(id: string): Region | undefined {
    return this.ds.regions[regionIndex(this.ds, id)];
  }
  links(chainId: string): ReadonlySet<string> {
    let ids = this.#links.get(chainId);
    if (!ids) {
      ids = new Set(this.chain(chainId)?.links.map((l) => l.id) ?? []);
      this.#links.set(chainId, ids);
    }
    return ids;
  }
  sources(): ReadonlySet<string> {
    return (this.#sources ??= new Set(this.ds.sources.map((s) => s.id)));
  }
  #firms: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /** The firm ids of each region, for relations (built once, only when a relation is checked). */
  firms(): ReadonlyMap<string, ReadonlySet<string>> {
    return (this.#firms ??= new Map(this.ds.regions.map((r) => [r.id, new Set(r.enterprises.map((e) => e.id))])));
  }
}

/** Reports citations of sources the dataset lacks, with the field names whole validation uses. */
function checkCitations(r: Reader, at: Lookups, citations: readonly Citation[], place: Place, field = 'sources') {
  citations.forEach((c, i) => {
    if (at.sources().has(c.sourceId)) return;
    const f =
      field === 'sources'
        ? `sources[${i}].sourceId`
        : field.endsWith('.sources')
          ? `${field}[${i}].sourceId`
          : `${field}.sourceId`;
    r.error('unknown-ref', place, f, `cites source "${c.sourceId}", which is not in the dataset`, {
      value: c.sourceId,
      target: 'source',
    });
  });
}

function checkLinkIds(r: Reader, ids: readonly string[], links: ReadonlySet<string>, chainId: string, place: Place) {
  ids.forEach((id, i) => {
    if (!links.has(id)) {
      r.error('unknown-ref', place, `linkIds[${i}]`, `link "${id}" is not in chain "${chainId}"`, {
        value: id,
        target: 'link',
      });
    }
  });
}

/** The references from a written record to others. */
function checkWritten(r: Reader, at: Lookups, ref: RecordRef, value: RecordValues[LeafKind], place: Place): void {
  switch (ref.kind) {
    case 'source':
      return;
    case 'link': {
      const link = value as RecordValues['link'];
      if (!at.chain(ref.chainId)?.subChains.some((s) => s.id === link.subChain)) {
        r.error('unknown-ref', place, 'subChain', `sub-chain "${link.subChain}" is not defined in the chain`, {
          value: link.subChain,
          target: 'sub-chain',
        });
      }
      return checkCitations(r, at, link.sources, place);
    }
    case 'edge': {
      const edge = value as RecordValues['edge'];
      const links = at.links(ref.chainId);
      for (const end of ['from', 'to'] as const) {
        if (!links.has(edge[end])) {
          r.error('unknown-ref', place, end, `link "${edge[end]}" is not in the chain`, {
            value: edge[end],
            target: 'link',
          });
        }
      }
      checkCitations(r, at, edge.sources, place);
      edge.intensities?.forEach((mi, i) => checkCitations(r, at, [mi.source], place, `intensities[${i}].source`));
      return;
    }
    case 'relation': {
      const region = at.region(ref.regionId)!;
      const rel = value as RecordValues['relation'];
      checkRelation(r, rel, region.id, region.chainId, at.links(region.chainId), at.firms(), place);
      return checkCitations(r, at, rel.sources, place);
    }
    case 'linkState':
    case 'enterprise':
    case 'project':
    case 'indicator': {
      const region = at.region(ref.regionId)!;
      const links = at.links(region.chainId);
      if (ref.kind === 'linkState') {
        const state = value as RecordValues['linkState'];
        if (!links.has(state.linkId)) {
          r.error('unknown-ref', place, 'linkId', `link "${state.linkId}" is not in chain "${region.chainId}"`, {
            value: state.linkId,
            target: 'link',
          });
        }
        return checkCitations(r, at, state.sources, place);
      }
      const record = value as RecordValues['enterprise' | 'project' | 'indicator'];
      checkLinkIds(r, record.linkIds, links, region.chainId, place);
      if (ref.kind === 'project') {
        const enterprises = new Set(region.enterprises.map((e) => e.id));
        (record as RecordValues['project']).enterpriseIds.forEach((id, j) => {
          if (!enterprises.has(id)) {
            r.error('unknown-ref', place, `enterpriseIds[${j}]`, `enterprise "${id}" is not in region "${region.id}"`, {
              value: id,
              target: 'enterprise',
            });
          }
        });
      }
      if (ref.kind === 'enterprise')
        (record as RecordValues['enterprise']).capacities?.forEach((c, j) =>
          checkCitations(r, at, c.sources, place, `capacities[${j}].sources`),
        );
      return checkCitations(r, at, record.sources, place);
    }
    default:
      return;
  }
}

/** Every citation in the dataset, with the place whole validation reports it at. */
function* citationsOf(ds: Dataset): Generator<{ citations: readonly Citation[]; place: Place; field?: string }> {
  for (const [ci, c] of ds.chains.entries()) {
    yield { citations: c.sources, place: { path: `chains[${ci}]`, record: { kind: 'chain', id: c.id } } };
    for (const [li, l] of c.links.entries())
      yield { citations: l.sources, place: { path: `chains[${ci}].links[${li}]`, record: { kind: 'link', id: l.id } } };
    for (const [ei, e] of c.edges.entries()) {
      const place: Place = { path: `chains[${ci}].edges[${ei}]`, record: { kind: 'edge', id: `${e.from} → ${e.to}` } };
      yield { citations: e.sources, place };
      for (const [ii, mi] of (e.intensities ?? []).entries())
        yield { citations: [mi.source], place, field: `intensities[${ii}].source` };
    }
  }
  for (const [ri, r] of ds.regions.entries()) {
    const lists = [
      ['linkStates', 'link-state', r.linkStates.map((s) => ({ id: s.linkId, sources: s.sources }))],
      ['enterprises', 'enterprise', r.enterprises],
      ['projects', 'project', r.projects],
      ['indicators', 'indicator', r.indicators],
    ] as const;
    for (const [list, kind, items] of lists)
      for (const [i, x] of items.entries()) {
        const place: Place = { path: `regions[${ri}].${list}[${i}]`, record: { kind, id: x.id } };
        yield { citations: x.sources, place };
        if (kind === 'enterprise')
          for (const [j, c] of ((x as Enterprise).capacities ?? []).entries())
            yield { citations: c.sources, place, field: `capacities[${j}].sources` };
      }
    for (const [i, x] of (r.relations ?? []).entries())
      yield {
        citations: x.sources,
        place: { path: `regions[${ri}].relations[${i}]`, record: { kind: 'relation', id: x.id } },
      };
    if (r.focus)
      yield {
        citations: r.focus.sources,
        place: { path: `regions[${ri}].focus`, record: { kind: 'focus', id: r.id } },
      };
  }
}

/** The references to a removed record from the records that remain. */
function checkRemoved(r: Reader, at: Lookups, ds: Dataset, ref: RecordRef): void {
  switch (ref.kind) {
    case 'source':
      for (const { citations, place, field } of citationsOf(ds)) checkCitations(r, at, citations, place, field);
      return;
    case 'link': {
      const ci = chainIndex(ds, ref.chainId);
      const chain = ds.chains[ci]!;
      chain.edges.forEach((e, ei) => {
        for (const end of ['from', 'to'] as const) {
          if (e[end] !== ref.id) continue;
          const place: Place = {
            path: `chains[${ci}].edges[${ei}]`,
            record: { kind: 'edge', id: `${e.from} → ${e.to}` },
          };
          r.error('unknown-ref', place, end, `link "${ref.id}" is not in the chain`, { value: ref.id, target: 'link' });
        }
      });
      const links = at.links(ref.chainId);
      ds.regions.forEach((region, ri) => {
        if (region.chainId !== ref.chainId) return;
        region.linkStates.forEach((s, i) => {
          if (s.linkId !== ref.id) return;
          const place: Place = {
            path: `regions[${ri}].linkStates[${i}]`,
            record: { kind: 'link-state', id: s.linkId },
          };
          r.error('unknown-ref', place, 'linkId', `link "${s.linkId}" is not in chain "${region.chainId}"`, {
            value: s.linkId,
            target: 'link',
          });
        });
        const lists = [
          ['enterprises', 'enterprise', region.enterprises],
          ['projects', 'project', region.projects],
          ['indicators', 'indicator', region.indicators],
        ] as const;
        for (const [list, kind, items] of lists)
          items.forEach((x, i) => {
            if (x.linkIds.includes(ref.id))
              checkLinkIds(r, x.linkIds, links, region.chainId, {
                path: `regions[${ri}].${list}[${i}]`,
                record: { kind, id: x.id },
              });
          });
        region.relations?.forEach((rel, i) => {
          if (rel.linkId !== ref.id) return;
          const place: Place = { path: `regions[${ri}].relations[${i}]`, record: { kind: 'relation', id: rel.id } };
          r.error('unknown-ref', place, 'linkId', `link "${ref.id}" is not in chain "${region.chainId}"`, {
            value: ref.id,
            target: 'link',
          });
        });
        const f = region.focus;
        if (!f) return;
        const place: Place = { path: `regions[${ri}].focus`, record: { kind: 'focus', id: region.id } };
        for (const field of ['products', 'applications', 'supporting'] as const) {
          const i = f[field].indexOf(ref.id);
          if (i >= 0)
            r.error('unknown-ref', place, `${field}[${i}]`, `link "${ref.id}" is not in chain "${region.chainId}"`, {
              value: ref.id,
              target: 'link',
            });
        }
      });
      return;
    }
    case 'enterprise': {
      const ri = regionIndex(ds, ref.regionId);
      ds.regions[ri]?.projects.forEach((p, i) => {
        const j = p.enterpriseIds.indexOf(ref.id);
        if (j < 0) return;
        const place: Place = { path: `regions[${ri}].projects[${i}]`, record: { kind: 'project', id: p.id } };
        r.error(
          'unknown-ref',
          place,
          `enterpriseIds[${j}]`,
          `enterprise "${ref.id}" is not in region "${ref.regionId}"`,
          {
            value: ref.id,
            target: 'enterprise',
          },
        );
      });
      // Relations name firms of any region as suppliers: a removed firm may be named anywhere.
      ds.regions.forEach((region, xi) =>
        region.relations?.forEach((rel, i) => {
          for (const end of ['supplier', 'buyer'] as const) {
            if (rel[end].regionId !== ref.regionId || rel[end].enterpriseId !== ref.id) continue;
            const place: Place = { path: `regions[${xi}].relations[${i}]`, record: { kind: 'relation', id: rel.id } };
            r.error(
              'unknown-ref',
              place,
              `${end}.enterpriseId`,
              `enterprise "${ref.id}" is not in region "${ref.regionId}"`,
              {
                value: ref.id,
                target: 'enterprise',
              },
            );
          }
        }),
      );
      return;
    }
    default:
      return;
  }
}

function listFor(ds: Dataset, ref: RecordRef): readonly object[] | undefined {
  switch (ref.kind) {
    case 'source':
      return ds.sources;
    case 'link':
      return ds.chains[chainIndex(ds, ref.chainId)]?.links;
    case 'edge':
      return ds.chains[chainIndex(ds, ref.chainId)]?.edges;
    case 'linkState':
      return ds.regions[regionIndex(ds, ref.regionId)]?.linkStates;
    case 'enterprise':
      return ds.regions[regionIndex(ds, ref.regionId)]?.enterprises;
    case 'project':
      return ds.regions[regionIndex(ds, ref.regionId)]?.projects;
    case 'indicator':
      return ds.regions[regionIndex(ds, ref.regionId)]?.indicators;
    case 'relation': {
      const region = ds.regions[regionIndex(ds, ref.regionId)];
      return region && (region.relations ?? NO_RELATIONS);
    }
    default:
      return undefined;
  }
}
const NO_RELATIONS: readonly object[] = [];

/** A record's key within its list, as `matches` compares it. */
function keyIn(ref: RecordRef, x: object): string {
  if (ref.kind === 'edge') return `${(x as SupplyEdge).from}\u0000${(x as SupplyEdge).to}`;
  if (ref.kind === 'linkState') return (x as { linkId: string }).linkId;
  return (x as { id: string }).id;
}
/** Where the record `ref` names stands in `list`, or -1. */
function positionOf(list: readonly object[], ref: RecordRef): number {
  const key =
    ref.kind === 'edge'
      ? `${ref.from}\u0000${ref.to}`
      : ref.kind === 'linkState'
        ? ref.linkId
        : (ref as { id: string }).id;
  return positionIn(list, key, (x) => keyIn(ref, x));
}

/** Where a record stands in its list, or would stand once added (after the others). */
function indexIn(ds: Dataset, ref: RecordRef): number {
  const list = listFor(ds, ref) ?? [];
  const at = positionOf(list, ref);
  return at >= 0 ? at : list.length;
}

/**
 * Reads a record an edit writes, as whole validation reads it: its errors, or the record with known
 * fields only. `ds` is the dataset the record is written into. Not for chain or region heads.
 */
export function readEditedRecord(
  ds: Dataset,
  ref: RecordRef,
  value: unknown,
):
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly ValidationIssue[] } {
  const r = new Reader();
  const record = readRecord(r, ref.kind as LeafKind, value, placeOf(ds, ref, indexIn(ds, ref)));
  const errors = r.issues.filter((i) => i.severity === 'error');
  return record !== undefined && errors.length === 0 ? { ok: true, value: record } : { ok: false, issues: errors };
}

/**
 * The errors in the references an edit can break, in `after` (the dataset with the edit applied, made
 * from a valid one): those from each record it writes, and those to each record it removes. The
 * records themselves were read by `readEditedRecord`. Not for chain or region heads.
 */
export function checkEditReferences(after: Dataset, changes: readonly RecordChange[]): ValidationIssue[] {
  const r = new Reader();
  const at = new Lookups(after);
  // A record changed twice in one edit is checked as it ends up.
  const seen = new Set<string>();
  for (const change of changes) {
    const key = JSON.stringify(refKey(change));
    if (seen.has(key)) continue;
    seen.add(key);
    const index = positionOf(listFor(after, change) ?? NO_RELATIONS, change);
    if (index < 0) checkRemoved(r, at, after, change);
    else {
      const value = listFor(after, change)![index] as RecordValues[LeafKind];
      checkWritten(r, at, change, value, placeOf(after, change, index));
    }
  }
  return r.issues.filter((i) => i.severity === 'error');
}

function refKey(change: RecordChange): unknown[] {
  const { before: _b, after: _a, index: _i, ...ref } = change;
  return Object.entries(ref).sort(([a], [b]) => (a < b ? -1 : 1));
}
