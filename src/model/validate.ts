/**
 * Validation of a whole dataset: shape, types, units and dates field by field, then the references
 * between records (edges to links, states to links, citations to sources). Every problem is reported,
 * each with its path, record and field, so a user can fix a file in one pass.
 */
import type { ValidationIssue } from './issues';
import { migrateDataset } from './migrate';
import type {
  Briefing,
  ChainLink,
  ChainTemplate,
  Dataset,
  Enterprise,
  EnterpriseCapacity,
  FirmRef,
  Indicator,
  LinkState,
  MaterialIntensity,
  Project,
  Region,
  RegionFocus,
  SavedView,
  Source,
  SubChain,
  SupplyEdge,
  SupplyRelation,
  ViewBox,
} from './types';
import { CREDIT_CODE_PROBLEMS, creditCodeProblem } from './enterprise';
import { FORMAT_VERSION, LINK_STATUSES, MAX_SOURCE_TEXT_LENGTH, PROJECT_STATUSES, STAGES } from './types';
import { checkReferences } from './validation/references';
import { checkScenarioRegions, readChanges, readLayouts, readScenario } from './validation/savedWork';
import type { Json, Place } from './validation/reader';
import { Reader, isObject, nested } from './validation/reader';
import { edgeKey } from './order';

export type ValidationResult =
  | { readonly ok: true; readonly dataset: Dataset; readonly issues: readonly ValidationIssue[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Validates untrusted input (parsed JSON) as a dataset. On success the returned dataset holds only
 * known fields, so nothing unexpected from a file reaches the store.
 *
 * @example
 * const result = validateDataset(JSON.parse(text));
 * if (!result.ok) showErrors(result.issues);
 */
export function validateDataset(input: unknown): ValidationResult {
  const r = new Reader();
  const root: Place = { path: '$', record: { kind: 'dataset', id: '' } };
  const migrated = migrateDataset(input);
  if (!migrated.ok) {
    r.error(migrated.code, root, migrated.code === 'not-object' ? '' : 'format', migrated.message, migrated.params);
    return { ok: false, issues: r.issues };
  }
  const doc = migrated.value;

  const sources = readList(r, doc, 'sources', root, (item, place) => readSource(r, item, place), 'source');
  const chains = readList(r, doc, 'chains', root, (item, place) => readChain(r, item, place), 'chain');
  // Without a chain there is nothing to draw: such a file would only empty the store.
  if (Array.isArray(doc.chains) && doc.chains.length === 0) {
    r.error('no-chain', root, 'chains', 'holds no chain; ChainAtlas data needs at least one chain with its links');
  }
  const regions = readList(r, doc, 'regions', root, (item, place) => readRegion(r, item, place), 'region');
  // Optional in the file (absent means none), always present in what validation returns.
  const views = readList(r, doc, 'views', root, (item, place) => readView(r, item, place), 'view', false);
  const briefings = readList(
    r,
    doc,
    'briefings',
    root,
    (item, place) => readBriefing(r, item, place),
    'briefing',
    false,
  );

  // What a backup carries besides the data (format 2, optional).
  const scenarios = readList(
    r,
    doc,
    'scenarios',
    root,
    (item, place) => readScenario(r, item, place),
    'scenario',
    false,
  );
  const layouts = readLayouts(r, doc, root);

  // Optional lists are left out when there are none, so data without them reads back as it was.
  const dataset: Dataset = {
    format: FORMAT_VERSION,
    sources,
    chains,
    regions,
    ...(views.length ? { views } : {}),
    ...(briefings.length ? { briefings } : {}),
    ...(scenarios.length ? { scenarios } : {}),
    ...(layouts.length ? { layouts } : {}),
  };
  if (r.errorCount === 0) {
    checkReferences(r, dataset);
    checkScenarioRegions(r, scenarios, new Set(regions.map((region) => region.id)));
  }
  return r.errorCount === 0 ? { ok: true, dataset, issues: r.issues } : { ok: false, issues: r.issues };
}

type Kind = Place['record']['kind'];

/** Reads a list of records, reporting duplicate ids; returns the records that read cleanly. */
function readList<T extends { readonly id?: string }>(
  r: Reader,
  obj: Json,
  key: string,
  parent: Place,
  read: (item: Json, place: Place) => T | undefined,
  kind: Kind,
  required = true,
): T[] {
  const list = r.array(obj, key, parent, required) ?? [];
  const seen = new Set<string>();
  const out: T[] = [];
  const base = parent.path === '$' ? key : `${parent.path}.${key}`;
  list.forEach((item, i) => {
    const id = isObject(item) && typeof item.id === 'string' ? item.id : '';
    const place: Place = { path: `${base}[${i}]`, record: { kind, id } };
    if (!isObject(item)) {
      r.error('not-object', place, '', 'must be an object');
      return;
    }
    const record = read(item, place);
    if (!record) return;
    if (record.id !== undefined) {
      if (seen.has(record.id)) {
        r.error('duplicate-id', place, 'id', `id "${record.id}" is used twice`, { value: record.id });
        return;
      }
      seen.add(record.id);
    }
    out.push(record);
  });
  return out;
}

/** Builds a record from fields that may be undefined, dropping optional ones that are. */
function compact<T>(fields: Record<string, unknown>): T {
  // A loop rather than entries → filter → fromEntries: this runs once per record read.
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

function readSource(r: Reader, o: Json, place: Place): Source | undefined {
  const before = r.errorCount;
  const src = compact<Source>({
    id: r.id(o, 'id', place),
    title: r.string(o, 'title', place, true),
    publisher: r.string(o, 'publisher', place, true),
    date: r.date(o, 'date', place),
    url: r.string(o, 'url', place),
    language: r.string(o, 'language', place),
    note: r.string(o, 'note', place),
    text: r.string(o, 'text', place),
  });
  if (src.text !== undefined && src.text.length > MAX_SOURCE_TEXT_LENGTH) {
    const params = { length: src.text.length, max: MAX_SOURCE_TEXT_LENGTH };
    r.error('too-long', place, 'text', `is ${params.length} characters long, over the limit of ${params.max}`, params);
  }
  return r.errorCount === before ? src : undefined;
}

function readChain(r: Reader, o: Json, place: Place): ChainTemplate | undefined {
  const before = r.errorCount;
  const id = r.id(o, 'id', place);
  const name = r.localized(o, 'name', place);
  const subChains = readList(r, o, 'subChains', place, (item, p) => readSubChain(r, item, p), 'sub-chain');
  const links = readList(r, o, 'links', place, (item, p) => readLink(r, item, p), 'link');
  const edges = readEdges(r, o, place);
  const sources = r.citations(o, place, false);
  if (links.length === 0 && r.errorCount === before)
    r.error('no-links', place, 'links', 'a chain needs at least one link');
  if (r.errorCount !== before || id === undefined || name === undefined) return undefined;
  return { id, name, subChains, links, edges, sources };
}

function readSubChain(r: Reader, o: Json, place: Place): SubChain | undefined {
  const before = r.errorCount;
  const sc = compact<SubChain>({
    id: r.id(o, 'id', place),
    name: r.localized(o, 'name', place),
    order: r.number(o, 'order', place, { required: true }),
    column: r.number(o, 'column', place, { min: 0, max: 50 }),
  });
  return r.errorCount === before ? sc : undefined;
}

function readLink(r: Reader, o: Json, place: Place): ChainLink | undefined {
  const before = r.errorCount;
  const link = compact<ChainLink>({
    id: r.id(o, 'id', place),
    name: r.localized(o, 'name', place),
    subChain: r.id(o, 'subChain', place),
    stage: r.oneOf(o, 'stage', place, STAGES),
    aliases: r.stringList(o, 'aliases', place),
    description: r.localized(o, 'description', place, false),
    sources: r.citations(o, place, true),
  });
  return r.errorCount === before ? link : undefined;
}

function readEdges(r: Reader, chain: Json, chainPlace: Place): SupplyEdge[] {
  const list = r.array(chain, 'edges', chainPlace) ?? [];
  const seen = new Set<string>();
  const out: SupplyEdge[] = [];
  list.forEach((item, i) => {
    const from = isObject(item) && typeof item.from === 'string' ? item.from : '?';
    const to = isObject(item) && typeof item.to === 'string' ? item.to : '?';
    const place: Place = { path: `${chainPlace.path}.edges[${i}]`, record: { kind: 'edge', id: `${from} → ${to}` } };
    if (!isObject(item)) {
      r.error('not-object', place, '', 'must be an object');
      return;
    }
    const edge = readEdge(r, item, place);
    if (!edge) return;
    const key = edgeKey(edge.from, edge.to);
    if (edge.from === edge.to) {
      r.error('self-loop', place, 'to', `an edge cannot lead from "${edge.from}" to itself`, { value: edge.from });
    } else if (seen.has(key)) {
      r.error('duplicate-edge', place, '', `the edge ${edge.from} → ${edge.to} is listed twice`, {
        from: edge.from,
        to: edge.to,
      });
    } else {
      seen.add(key);
      out.push(edge);
    }
  });
  return out;
}

function readEdge(r: Reader, o: Json, place: Place): SupplyEdge | undefined {
  const before = r.errorCount;
  const intensities: MaterialIntensity[] = [];
  (r.array(o, 'intensities', place, false) ?? []).forEach((item, i) => {
    const p = nested(place, `intensities[${i}]`);
    if (!isObject(item)) {
      r.error('not-object', p, '', 'must be an object');
      return;
    }
    const mi = readIntensity(r, item, p);
    if (mi) intensities.push(mi);
  });
  const edge = compact<SupplyEdge>({
    from: r.id(o, 'from', place),
    to: r.id(o, 'to', place),
    intensities: intensities.length ? intensities : undefined,
    note: r.localized(o, 'note', place, false),
    sources: r.citations(o, place, true),
  });
  return r.errorCount === before ? edge : undefined;
}

function readIntensity(r: Reader, o: Json, place: Place): MaterialIntensity | undefined {
  const before = r.errorCount;
  const rangeList = r.array(o, 'range', place, false);
  let range: [number, number] | undefined;
  if (rangeList && rangeList.length > 0) {
    const [low, high] = rangeList;
    if (rangeList.length !== 2 || typeof low !== 'number' || typeof high !== 'number' || !(low <= high)) {
      r.error('type', place, 'range', 'must be two numbers, low then high', { expected: '[low, high]' });
    } else range = [low, high];
  }
  const source = isObject(o.source) ? r.citation(o.source, place, 'source') : undefined;
  if (!isObject(o.source)) r.error('no-citation', place, 'source', 'must cite its source');
  const mi = compact<MaterialIntensity>({
    value: r.number(o, 'value', place, { required: true, min: 0 }),
    unit: r.unit(o, 'unit', place),
    range,
    measure: r.string(o, 'measure', place),
    chemistry: r.string(o, 'chemistry', place),
    source,
  });
  return r.errorCount === before ? mi : undefined;
}

function readRegion(r: Reader, o: Json, place: Place): Region | undefined {
  const before = r.errorCount;
  const linkStates: LinkState[] = [];
  const seenStates = new Set<string>();
  (r.array(o, 'linkStates', place) ?? []).forEach((item, i) => {
    const linkId = isObject(item) && typeof item.linkId === 'string' ? item.linkId : '';
    const p: Place = { path: `${place.path}.linkStates[${i}]`, record: { kind: 'link-state', id: linkId } };
    if (!isObject(item)) return r.error('not-object', p, '', 'must be an object');
    const state = readLinkState(r, item, p);
    if (!state) return;
    if (seenStates.has(state.linkId)) {
      r.error('duplicate-id', p, 'linkId', `link "${state.linkId}" has two states`, { value: state.linkId });
    } else {
      seenStates.add(state.linkId);
      linkStates.push(state);
    }
  });
  // Format 4: relations, optional; left out when there are none, so data without them reads back as it was.
  const relations = readList(r, o, 'relations', place, (item, p) => readRelation(r, item, p), 'relation', false);
  const region = compact<Region>({
    id: r.id(o, 'id', place),
    name: r.localized(o, 'name', place),
    parent: r.localized(o, 'parent', place, false),
    chainId: r.id(o, 'chainId', place),
    asOf: r.date(o, 'asOf', place, true),
    focus: readFocus(r, o, place),
    linkStates,
    enterprises: readList(r, o, 'enterprises', place, (item, p) => readEnterprise(r, item, p), 'enterprise'),
    projects: readList(r, o, 'projects', place, (item, p) => readProject(r, item, p), 'project'),
    indicators: readList(r, o, 'indicators', place, (item, p) => readIndicator(r, item, p), 'indicator'),
    relations: relations.length ? relations : undefined,
  });
  return r.errorCount === before ? region : undefined;
}

function readLinkState(r: Reader, o: Json, place: Place): LinkState | undefined {
  const before = r.errorCount;
  const status = r.oneOf(o, 'status', place, LINK_STATUSES);
  const state = compact<LinkState>({
    linkId: r.id(o, 'linkId', place),
    status,
    capacity: r.quantity(o, 'capacity', place),
    note: r.localized(o, 'note', place, false),
    asOf: r.date(o, 'asOf', place, true),
    sources: r.citations(o, place, status !== undefined && status !== 'unknown'),
  });
  if (state.capacity && state.capacity.value < 0) {
    r.error('negative', nested(place, 'capacity'), 'value', 'a capacity cannot be negative', {
      value: state.capacity.value,
    });
  }
  return r.errorCount === before ? state : undefined;
}

function readFocus(r: Reader, o: Json, place: Place): RegionFocus | undefined {
  const f = r.object(o, 'focus', place);
  if (!f) return undefined;
  const p: Place = { path: `${place.path}.focus`, record: { kind: 'focus', id: '' } };
  return {
    products: r.idList(f, 'products', p, false),
    applications: r.idList(f, 'applications', p, false),
    subChains: r.idList(f, 'subChains', p, false),
    supporting: r.idList(f, 'supporting', p, false),
    sources: r.citations(f, p, true),
  };
}

/** A unified social credit code, checked by its check character; an error at the field when wrong. */
function readCreditCode(r: Reader, o: Json, place: Place): string | undefined {
  const code = r.string(o, 'creditCode', place);
  if (code === undefined) return undefined;
  const problem = creditCodeProblem(code);
  if (problem)
    r.error(
      'bad-credit-code',
      place,
      'creditCode',
      `is not a unified social credit code: ${CREDIT_CODE_PROBLEMS[problem]}`,
      { value: code.slice(0, 40) },
    );
  return problem ? undefined : code;
}

function readEnterprise(r: Reader, o: Json, place: Place): Enterprise | undefined {
  const before = r.errorCount;
  const e = compact<Enterprise>({
    id: r.id(o, 'id', place),
    name: r.localized(o, 'name', place),
    creditCode: readCreditCode(r, o, place),
    aliases: r.stringList(o, 'aliases', place),
    linkIds: r.idList(o, 'linkIds', place),
    capacities: readCapacities(r, o, place),
    note: r.localized(o, 'note', place, false),
    sources: r.citations(o, place, true),
  });
  // A capacity is for a link the firm serves, one figure per link.
  const seen = new Set<string>();
  e.capacities?.forEach((c, i) => {
    if (!e.linkIds.includes(c.linkId)) {
      r.error(
        'unknown-ref',
        place,
        `capacities[${i}].linkId`,
        `gives a capacity for link "${c.linkId}", which the enterprise does not serve (not in linkIds)`,
        { value: c.linkId, target: 'link' },
      );
    } else if (seen.has(c.linkId)) {
      r.error('duplicate-id', place, `capacities[${i}].linkId`, `gives two capacities for link "${c.linkId}"`, {
        value: c.linkId,
      });
    }
    seen.add(c.linkId);
  });
  if (r.errorCount === before && e.linkIds.length === 0) {
    r.warn('no-links', place, 'linkIds', 'names no link, so it does not appear on the chain');
  }
  return r.errorCount === before ? e : undefined;
}

/** An enterprise's capacities per link (format 4); undefined when it gives none. */
function readCapacities(r: Reader, o: Json, place: Place): EnterpriseCapacity[] | undefined {
  const out: EnterpriseCapacity[] = [];
  (r.array(o, 'capacities', place, false) ?? []).forEach((item, i) => {
    const p = nested(place, `capacities[${i}]`);
    if (!isObject(item)) return r.error('not-object', p, '', 'must be an object');
    const before = r.errorCount;
    const c = compact<EnterpriseCapacity>({
      linkId: r.id(item, 'linkId', p),
      capacity: r.quantity(item, 'capacity', p, true),
      asOf: r.date(item, 'asOf', p),
      sources: r.citations(item, p, true),
    });
    if (c.capacity && c.capacity.value < 0)
      r.error('negative', nested(p, 'capacity'), 'value', 'a capacity cannot be negative', { value: c.capacity.value });
    if (r.errorCount === before) out.push(c);
  });
  return out.length ? out : undefined;
}

/** A firm named by its region and its id there. */
function readFirmRef(r: Reader, o: Json, key: string, place: Place): FirmRef | undefined {
  const ref = r.object(o, key, place, true);
  if (!ref) return undefined;
  const p = nested(place, key);
  const regionId = r.id(ref, 'regionId', p);
  const enterpriseId = r.id(ref, 'enterpriseId', p);
  return regionId !== undefined && enterpriseId !== undefined ? { regionId, enterpriseId } : undefined;
}

/** A firm-to-firm supply relation (format 4). Its firms and link are checked with the references. */
function readRelation(r: Reader, o: Json, place: Place): SupplyRelation | undefined {
  const before = r.errorCount;
  const rel = compact<SupplyRelation>({
    id: r.id(o, 'id', place),
    supplier: readFirmRef(r, o, 'supplier', place),
    buyer: readFirmRef(r, o, 'buyer', place),
    linkId: r.id(o, 'linkId', place),
    volume: r.quantity(o, 'volume', place),
    period: r.date(o, 'period', place),
    note: r.localized(o, 'note', place, false),
    sources: r.citations(o, place, true),
  });
  if (rel.volume && rel.volume.value < 0)
    r.error('negative', nested(place, 'volume'), 'value', 'a volume cannot be negative', { value: rel.volume.value });
  if (
    rel.supplier &&
    rel.buyer &&
    rel.supplier.regionId === rel.buyer.regionId &&
    rel.supplier.enterpriseId === rel.buyer.enterpriseId
  ) {
    r.error('self-loop', place, 'supplier', `a firm cannot supply itself ("${rel.buyer.enterpriseId}")`, {
      value: rel.buyer.enterpriseId,
    });
  }
  return r.errorCount === before ? rel : undefined;
}

function readProject(r: Reader, o: Json, place: Place): Project | undefined {
  const before = r.errorCount;
  const d = r.object(o, 'dates', place);
  const dp = nested(place, 'dates');
  const dates = d
    ? compact<Project['dates']>({
        signed: r.date(d, 'signed', dp),
        started: r.date(d, 'started', dp),
        operating: r.date(d, 'operating', dp),
      })
    : undefined;
  const p = compact<Project>({
    id: r.id(o, 'id', place),
    name: r.localized(o, 'name', place),
    status: r.oneOf(o, 'status', place, PROJECT_STATUSES),
    linkIds: r.idList(o, 'linkIds', place),
    enterpriseIds: r.idList(o, 'enterpriseIds', place, false),
    capacity: r.quantity(o, 'capacity', place),
    investment: r.quantity(o, 'investment', place),
    dates,
    note: r.localized(o, 'note', place, false),
    sources: r.citations(o, place, true),
  });
  for (const key of ['capacity', 'investment'] as const) {
    const q = p[key];
    if (q && q.value < 0)
      r.error('negative', nested(place, key), 'value', `${key} cannot be negative`, { value: q.value });
  }
  if (r.errorCount === before && p.linkIds.length === 0) {
    r.warn('no-links', place, 'linkIds', 'names no link, so it does not appear on the chain');
  }
  return r.errorCount === before ? p : undefined;
}

function readIndicator(r: Reader, o: Json, place: Place): Indicator | undefined {
  const before = r.errorCount;
  const value = r.quantity(o, 'value', place, true);
  const outOf = r.number(o, 'outOf', place, { min: 1 });
  const ind = compact<Indicator>({
    id: r.id(o, 'id', place),
    name: r.localized(o, 'name', place),
    value,
    period: r.date(o, 'period', place, true),
    changePercent: r.number(o, 'changePercent', place),
    outOf,
    subject: r.localized(o, 'subject', place, false),
    linkIds: r.idList(o, 'linkIds', place, false),
    note: r.localized(o, 'note', place, false),
    sources: r.citations(o, place, true),
    target: r.flag(o, 'target', place),
    series: r.string(o, 'series', place),
  });
  if (value?.unit === 'percent' && (value.value < 0 || value.value > 100)) {
    r.error('out-of-range', nested(place, 'value'), 'value', `a share of ${value.value}% is outside 0–100`, {
      value: value.value,
    });
  }
  if (value?.unit === 'rank' && outOf !== undefined && value.value > outOf) {
    r.error('out-of-range', place, 'outOf', `rank ${value.value} is outside a field of ${outOf}`, {
      value: value.value,
      max: outOf,
    });
  }
  return r.errorCount === before ? ind : undefined;
}

function readView(r: Reader, o: Json, place: Place): SavedView | undefined {
  const before = r.errorCount;
  const route = r.string(o, 'route', place, true);
  if (route !== undefined && !route.startsWith('#/')) {
    r.error('type', place, 'route', `"${route}" is not a route of the app (it starts with "#/")`, { expected: '#/…' });
  }
  const boxObj = r.object(o, 'box', place);
  let box: ViewBox | undefined;
  if (boxObj) {
    const p = nested(place, 'box');
    const [x1, y1, x2, y2] = (['x1', 'y1', 'x2', 'y2'] as const).map((k) => r.number(boxObj, k, p, { required: true }));
    if (x1 !== undefined && y1 !== undefined && x2 !== undefined && y2 !== undefined) {
      if (x2 <= x1 || y2 <= y1) r.error('out-of-range', p, '', 'the box must have a positive width and height');
      else box = { x1, y1, x2, y2 };
    }
  }
  const whatIf = readChanges(r, o, place, 'whatIf');
  const view = compact<SavedView>({
    id: r.id(o, 'id', place),
    title: r.string(o, 'title', place, true),
    notes: r.string(o, 'notes', place),
    route,
    lang: r.oneOf(o, 'lang', place, ['zh', 'en'] as const, false),
    box,
    whatIf: whatIf.length ? whatIf : undefined,
    createdAt: r.string(o, 'createdAt', place, true),
  });
  return r.errorCount === before ? view : undefined;
}

function readBriefing(r: Reader, o: Json, place: Place): Briefing | undefined {
  const before = r.errorCount;
  const briefing = compact<Briefing>({
    id: r.id(o, 'id', place),
    title: r.string(o, 'title', place, true),
    viewIds: r.idList(o, 'viewIds', place),
    createdAt: r.string(o, 'createdAt', place, true),
  });
  return r.errorCount === before ? briefing : undefined;
}

/**
 * The field readers of single records, for checking the records an edit writes without reading the
 * whole dataset (see `validation/editCheck.ts`). Each returns the record with known fields only.
 */
export const recordReaders = {
  source: readSource,
  link: readLink,
  edge: readEdge,
  linkState: readLinkState,
  enterprise: readEnterprise,
  relation: readRelation,
  project: readProject,
  indicator: readIndicator,
} as const;
