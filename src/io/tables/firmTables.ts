/**
 * The lists planners keep — firm registers (企业名录), supplier lists, capacity tables — read against
 * the data they join. Cells name things the way people write them: a region by id or name (金昌市), a
 * link by id or name (磷酸铁锂正极材料), a firm by id, credit code, name or alias, a source by id or
 * title. Each is resolved here, and the rows become records with final ids:
 *
 * - a firm matching a stored one (the same credit code; else, where either has no code, the same name
 *   once legal-form suffixes are set aside, `firmNameKey`) updates it — its links, aliases, capacity and
 *   citations are added to — rather than being added again; so importing the same list twice changes
 *   nothing;
 * - a relation matching a stored one (same supplier, buyer, link and period, or the same id) updates it.
 *
 * A name that resolves to nothing is one message for all the rows that write it, with their count and
 * first rows, not one message a row.
 */
import { idFromKey, idFromName, uniqueId } from '../../model/ids';
import { firmNameKey } from '../../model/enterprise';
import type {
  ChainLink,
  Citation,
  Dataset,
  Enterprise,
  EnterpriseCapacity,
  FirmRef,
  Region,
  Source,
  SupplyRelation,
} from '../../model/types';
import type { ImportIssueCode, Where } from '../issues';
import { importError } from '../issues';
import type { Drafts } from './tableFill';
import type { Draft, FirmRowCitation } from './tableRecords';
import { normalizeName } from './tables';
import { importSourceFor } from './tableFill';
import { applyPatch } from '../../model/patch';
import type { DatasetPatch, ImportContext, ImportIssue } from '../types';

export type FirmPatch = NonNullable<DatasetPatch['firms']>;

/** Whether any of the firm tables were read. */
export function hasFirmTables(drafts: Drafts): boolean {
  return Boolean(drafts.firms?.length || drafts.relations?.length || drafts.capacities?.length);
}

/** A region's name as people shorten it: without 市, 州, 区, 县 or 省 at the end. */
const placeKey = (name: string) => normalizeName(name).replace(/(市|州|地区|区|县|省)$/, '');

const sameCitation = (a: Citation, b: Citation) => a.sourceId === b.sourceId && a.locator === b.locator;

const union = <T>(a: readonly T[] | undefined, b: readonly T[]): T[] => [...new Set([...(a ?? []), ...b])];

/** Problems that many rows share, reported once with their count and first rows. */
class Problems {
  readonly #byKey = new Map<
    string,
    { code: ImportIssueCode; where: Where; rows: number[]; message: string; params: Record<string, string> }
  >();
  add(code: ImportIssueCode, where: Where, field: string | undefined, message: string, params: Record<string, string>) {
    const key = `${code}\u0000${where.sheet ?? ''}\u0000${field ?? ''}\u0000${params.value ?? ''}`;
    const seen = this.#byKey.get(key);
    if (seen) seen.rows.push(where.row ?? 0);
    else
      this.#byKey.set(key, {
        code,
        where: { ...where, ...(field ? { field } : {}) },
        rows: [where.row ?? 0],
        message,
        params,
      });
  }
  flush(file: string, issues: ImportIssue[]) {
    for (const p of this.#byKey.values()) {
      const shown = p.rows.slice(0, 5).join(', ');
      const rows = p.rows.length > 5 ? `${shown} … (+${p.rows.length - 5})` : shown;
      issues.push(
        importError(p.code, file, p.where, `${p.message}: ${p.rows.length} row(s) (${rows})`, {
          ...p.params,
          count: p.rows.length,
          rows,
        }),
      );
    }
  }
}

/** Where a draft's row is, as a citation locator. */
const locatorOf = (where: Where) =>
  where.sheet !== undefined ? `sheet ${where.sheet}, row ${where.row}` : `row ${where.row}`;

/**
 * `firmNameKey` remembered for one import: a supplier list names the same firms again and again, and
 * each name is folded (NFKC, suffixes) only once.
 */
function nameKeys(): (name: string) => string {
  const memo = new Map<string, string>();
  return (name) => {
    let key = memo.get(name);
    if (key === undefined) memo.set(name, (key = firmNameKey(name)));
    return key;
  };
}

/** Which regions have a firm with a given id, credit code or name key. */
interface Everywhere {
  readonly id: Map<string, Set<string>>;
  readonly code: Map<string, Set<string>>;
  readonly name: Map<string, Set<string>>;
}

/** The firms of one region being updated: stored ones, and those this import adds, with their keys. */
class RegionFirms {
  readonly firms = new Map<string, Enterprise>();
  readonly byCode = new Map<string, string>();
  readonly byName = new Map<string, string[]>();
  readonly touched = new Set<string>();
  /** `everywhere` learns, for each id, code and name key, that this region has such a firm. */
  constructor(
    readonly region: Region,
    private readonly everywhere: Everywhere,
    private readonly keyOf: (name: string) => string,
  ) {
    for (const e of region.enterprises) this.index(e);
  }
  #note(map: Map<string, Set<string>>, key: string) {
    let regions = map.get(key);
    if (!regions) map.set(key, (regions = new Set()));
    regions.add(this.region.id);
  }
  index(e: Enterprise) {
    this.firms.set(e.id, e);
    this.#note(this.everywhere.id, e.id);
    if (e.creditCode) {
      this.byCode.set(e.creditCode, e.id);
      this.#note(this.everywhere.code, e.creditCode);
    }
    for (const n of [e.name.zh, e.name.en, ...(e.aliases ?? [])]) {
      const k = this.keyOf(n);
      if (!k) continue;
      const list = this.byName.get(k) ?? [];
      if (!list.includes(e.id)) list.push(e.id);
      this.byName.set(k, list);
      this.#note(this.everywhere.name, k);
    }
  }
  /** The firm a row stands for, by its name keys (`firmNameKey`) and code: `matchEnterprise`'s rule, through the indexes. */
  match(keys: readonly string[], code: string | undefined): Enterprise | undefined {
    if (code) {
      const id = this.byCode.get(code);
      if (id) return this.firms.get(id);
    }
    for (const k of keys) {
      for (const id of this.byName.get(k) ?? []) {
        const e = this.firms.get(id)!;
        if (!(e.creditCode && code)) return e;
      }
    }
    return undefined;
  }
  put(e: Enterprise) {
    this.index(e);
    this.touched.add(e.id);
  }
}

/**
 * Resolves the firm tables of an import against `base` (the stored data, or the workbook's own data
 * when it is a whole dataset). Returns the firms and relations to merge, by region, and the import's
 * own source when a row cites it; problems go to `issues`.
 */
export function resolveFirmTables(
  drafts: Drafts,
  base: Dataset | undefined,
  ctx: Pick<ImportContext, 'fileName' | 'regionId'>,
  issues: ImportIssue[],
  importSource: Source,
): { firms: FirmPatch; usedImportSource: boolean } {
  const file = ctx.fileName;
  const problems = new Problems();
  const regions = base?.regions ?? [];
  if (regions.length === 0) {
    const first = drafts.firms?.[0] ?? drafts.relations?.[0] ?? drafts.capacities?.[0];
    issues.push(
      importError(
        'unknown-ref',
        file,
        first?.where ?? {},
        'firm lists join the data already there, but there is no region to add them to',
        { target: 'region' },
      ),
    );
    return { firms: [], usedImportSource: false };
  }
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const regionByName = new Map<string, Region>();
  for (const r of regions)
    for (const n of [r.name.zh, r.name.en]) if (!regionByName.has(placeKey(n))) regionByName.set(placeKey(n), r);
  const defaultRegion = regionById.get(ctx.regionId ?? '') ?? regions[0]!;
  const chainLinks = new Map<
    string,
    {
      byId: Map<string, ChainLink>;
      byName: Map<string, ChainLink>;
      /** Each text as written, looked up once. */
      byText: Map<string, ChainLink | undefined>;
    }
  >();
  const linksOf = (chainId: string) => {
    let found = chainLinks.get(chainId);
    if (!found) {
      const chain = base?.chains.find((c) => c.id === chainId);
      const byId = new Map((chain?.links ?? []).map((l) => [l.id, l]));
      const byName = new Map<string, ChainLink>();
      for (const l of chain?.links ?? [])
        for (const n of [l.name.zh, l.name.en, ...(l.aliases ?? [])])
          if (!byName.has(normalizeName(n))) byName.set(normalizeName(n), l);
      found = { byId, byName, byText: new Map() };
      chainLinks.set(chainId, found);
    }
    return found;
  };
  const sourceById = new Map((base?.sources ?? []).map((s) => [s.id, s]));
  const sourceByTitle = new Map((base?.sources ?? []).map((s) => [s.title.trim(), s]));
  const working = new Map<string, RegionFirms>();
  const everywhere: Everywhere = { id: new Map(), code: new Map(), name: new Map() };
  const keyOf = nameKeys();
  const firmsOf = (r: Region) => {
    let w = working.get(r.id);
    if (!w) working.set(r.id, (w = new RegionFirms(r, everywhere, keyOf)));
    return w;
  };
  // Tables that name firms anywhere need every region's firms indexed.
  if (drafts.relations?.length || drafts.capacities?.length) for (const r of regions) firmsOf(r);
  let usedImportSource = false;

  const regionByText = new Map<string, Region | undefined>();
  const regionOf = (d: Draft<'firms' | 'relations' | 'capacities'>, text: string | undefined, column: string) => {
    if (text === undefined) return defaultRegion;
    // Thousands of rows write a few hundred places: each is looked up once.
    let r = regionByText.get(text);
    if (r === undefined && !regionByText.has(text)) {
      r = regionById.get(text) ?? regionByName.get(placeKey(text));
      regionByText.set(text, r);
    }
    if (!r)
      problems.add('unresolved', d.where, d.column(column) ?? column, `no region is called "${text}"`, {
        value: text,
        target: 'region',
      });
    return r;
  };
  const linkOf = (d: Draft<'firms' | 'relations' | 'capacities'>, region: Region, text: string) => {
    const links = linksOf(region.chainId);
    let l = links.byText.get(text);
    if (l === undefined && !links.byText.has(text)) {
      l = links.byId.get(text) ?? links.byName.get(normalizeName(text));
      links.byText.set(text, l);
    }
    if (!l)
      problems.add('unresolved', d.where, d.column('link') ?? 'link', `no link is called "${text}"`, {
        value: text,
        target: 'link',
      });
    return l?.id;
  };
  const citationOf = (d: Draft<'firms' | 'relations' | 'capacities'>, row: FirmRowCitation): Citation | undefined => {
    const locator = row.locator ?? locatorOf(d.where);
    const quote = row.quote !== undefined ? { quote: row.quote } : {};
    if (row.source === undefined) return { sourceId: importSource.id, locator, ...quote };
    const s = sourceById.get(row.source) ?? sourceByTitle.get(row.source);
    if (!s) {
      problems.add('unresolved', d.where, d.column('source') ?? 'source', `no source is called "${row.source}"`, {
        value: row.source,
        target: 'source',
      });
      return undefined;
    }
    return { sourceId: s.id, locator, ...quote };
  };
  /**
   * Citations to add to a record: the row's, unless the record already cites the same place of the same
   * file imported before (a list imported again on another day cites itself under a new source id).
   */
  const importTitles = new Map((base?.sources ?? []).map((s) => [s.id, `${s.publisher}\u0000${s.title}`]));
  importTitles.set(importSource.id, `${importSource.publisher}\u0000${importSource.title}`);
  const addCitation = (had: readonly Citation[], c: Citation): Citation[] => {
    const same = (x: Citation) =>
      sameCitation(x, c) ||
      (c.sourceId === importSource.id &&
        x.locator === c.locator &&
        importTitles.get(x.sourceId) === importTitles.get(c.sourceId));
    if (had.some(same)) return [...had];
    if (c.sourceId === importSource.id) usedImportSource = true;
    return [...had, c];
  };

  // Firm registers.
  for (const d of drafts.firms ?? []) {
    const row = d.record;
    const region = regionOf(d, row.region, 'region');
    if (!region) continue;
    const links = row.links.map((t) => linkOf(d, region, t));
    const cite = citationOf(d, row);
    if (links.some((l) => l === undefined) || !cite) continue;
    const linkIds = links as string[];
    if (row.capacities && linkIds.length === 0) {
      issues.push(
        importError(
          'required',
          file,
          { ...d.where, field: d.column('link') ?? 'link' },
          'a capacity needs the link it is for',
          {},
        ),
      );
      continue;
    }
    const w = firmsOf(region);
    const names = [row.name, ...(row.nameEn ? [row.nameEn] : []), ...(row.aliases ?? [])];
    const match = w.match(names.map(keyOf), row.creditCode);
    // One capacity per link, by position (the reader has checked that they pair).
    const capacities = (row.capacities ?? []).flatMap((q, i): EnterpriseCapacity[] =>
      q && linkIds[i] !== undefined
        ? [{ linkId: linkIds[i], capacity: q, ...(row.asOf ? { asOf: row.asOf } : {}), sources: [cite] }]
        : [],
    );
    if (match) {
      const known = new Set([match.name.zh, match.name.en, ...(match.aliases ?? [])]);
      const aliases = union(
        match.aliases,
        [...names, ...(row.aliases ?? [])].filter((n) => !known.has(n)),
      );
      const withNew = capacities.reduce<EnterpriseCapacity[] | undefined>(
        (had, c) => withCapacity(had, c, addCitation),
        match.capacities && [...match.capacities],
      );
      const creditCode = match.creditCode ?? row.creditCode;
      const updated: Enterprise = {
        ...match,
        ...(creditCode ? { creditCode } : {}),
        ...(aliases.length ? { aliases } : {}),
        linkIds: union(match.linkIds, linkIds),
        ...(withNew?.length ? { capacities: withNew } : {}),
        ...(match.note || !row.note ? {} : { note: { zh: row.note, en: row.note } }),
        sources: addCitation(match.sources, cite),
      };
      w.put(updated);
    } else {
      const id = newFirmId(w, region.id, row.creditCode, row.name);
      if (cite.sourceId === importSource.id) usedImportSource = true;
      w.put({
        id,
        name: { zh: row.name, en: row.nameEn ?? row.name },
        ...(row.creditCode ? { creditCode: row.creditCode } : {}),
        ...(row.aliases?.length ? { aliases: row.aliases } : {}),
        linkIds: [...new Set(linkIds)],
        ...(capacities.length
          ? { capacities: capacities.reduce<EnterpriseCapacity[]>((had, c) => withCapacity(had, c, addCitation), []) }
          : {}),
        ...(row.note ? { note: { zh: row.note, en: row.note } } : {}),
        sources: [cite],
      });
    }
  }

  // Firms by any name, across regions, for tables that name firms (relations, capacities). Once the
  // firm registers are read, what a text (with its region) names no longer changes: capacities only
  // add to firms already indexed. So each is resolved once, however many rows write it.
  const resolved = new Map<Region | undefined, Map<string, FirmRef>>();
  const findFirm = (
    d: Draft<'relations' | 'capacities'>,
    text: string,
    column: string,
    hint: Region | undefined,
  ): FirmRef | undefined => {
    let known = resolved.get(hint);
    if (!known) resolved.set(hint, (known = new Map()));
    const found = known.get(text);
    if (found) return found;
    const ref = lookUpFirm(d, text, column, hint);
    if (ref) known.set(text, ref);
    return ref;
  };
  const lookUpFirm = (
    d: Draft<'relations' | 'capacities'>,
    text: string,
    column: string,
    hint: Region | undefined,
  ): FirmRef | undefined => {
    const code = /^[0-9A-Z]{18}$/.test(text.toUpperCase()) ? text.toUpperCase() : undefined;
    const keys = [keyOf(text)];
    const inRegion = (r: Region) => {
      const w = firmsOf(r);
      return w.firms.get(text) ?? w.match(keys, code);
    };
    if (hint) {
      const e = inRegion(hint);
      if (e) return { regionId: hint.id, enterpriseId: e.id };
    } else {
      // Only the regions that have a firm with this id, code or name are asked.
      const candidates = new Set([
        ...(everywhere.id.get(text) ?? []),
        ...(code ? (everywhere.code.get(code) ?? []) : []),
        ...(everywhere.name.get(keys[0]!) ?? []),
      ]);
      const found = [...candidates].flatMap((id) => {
        const r = regionById.get(id)!;
        const e = inRegion(r);
        return e ? [{ regionId: r.id, enterpriseId: e.id }] : [];
      });
      if (found.length === 1) return found[0];
      if (found.length > 1) {
        problems.add(
          'ambiguous-firm',
          d.where,
          d.column(column) ?? column,
          `"${text}" names firms in ${found.length} regions (${found.map((f) => f.regionId).join(', ')}); give the region or the credit code`,
          { value: text, candidates: found.map((f) => f.regionId).join(', ') },
        );
        return undefined;
      }
    }
    problems.add('unresolved', d.where, d.column(column) ?? column, `no firm is called "${text}"`, {
      value: text,
      target: 'enterprise',
    });
    return undefined;
  };

  // Capacities: one figure per firm and link.
  for (const d of drafts.capacities ?? []) {
    const row = d.record;
    const hint = row.region === undefined ? undefined : regionOf(d, row.region, 'region');
    if (row.region !== undefined && !hint) continue;
    const ref = findFirm(d, row.enterprise, 'enterprise', hint);
    const cite = citationOf(d, row);
    if (!ref || !cite) continue;
    const region = regionById.get(ref.regionId)!;
    const linkId = linkOf(d, region, row.link);
    if (!linkId) continue;
    const w = firmsOf(region);
    const firm = w.firms.get(ref.enterpriseId)!;
    const capacity: EnterpriseCapacity = {
      linkId,
      capacity: row.capacity,
      ...(row.asOf ? { asOf: row.asOf } : {}),
      sources: [cite],
    };
    w.put({
      ...firm,
      linkIds: union(firm.linkIds, [linkId]),
      capacities: withCapacity(firm.capacities, capacity, addCitation),
    });
  }

  // Relations, kept with the buyer's region.
  const relationsOf = new Map<string, Map<string, SupplyRelation>>();
  const touchedRelations = new Map<string, Set<string>>();
  const relationKey = (supplier: FirmRef, buyerId: string, linkId: string, period: string | undefined) =>
    `${supplier.regionId}/${supplier.enterpriseId}>${buyerId}|${linkId}|${period ?? ''}`;
  const byKey = new Map<string, Map<string, string>>();
  const regionRelations = (r: Region) => {
    let m = relationsOf.get(r.id);
    if (!m) {
      relationsOf.set(r.id, (m = new Map((r.relations ?? []).map((x) => [x.id, x]))));
      byKey.set(
        r.id,
        new Map(
          (r.relations ?? []).map((x) => [relationKey(x.supplier, x.buyer.enterpriseId, x.linkId, x.period), x.id]),
        ),
      );
    }
    return m;
  };
  for (const d of drafts.relations ?? []) {
    const row = d.record;
    const buyerHint = row.region === undefined ? undefined : regionOf(d, row.region, 'region');
    const supplierHint =
      row.supplierRegion === undefined ? undefined : regionOf(d, row.supplierRegion, 'supplier_region');
    if ((row.region !== undefined && !buyerHint) || (row.supplierRegion !== undefined && !supplierHint)) continue;
    const buyer = findFirm(d, row.buyer, 'buyer', buyerHint);
    const supplier = findFirm(d, row.supplier, 'supplier', supplierHint);
    const cite = citationOf(d, row);
    if (!buyer || !supplier || !cite) continue;
    const region = regionById.get(buyer.regionId)!;
    const linkId = linkOf(d, region, row.link);
    if (!linkId) continue;
    const stored = regionRelations(region);
    const key = relationKey(supplier, buyer.enterpriseId, linkId, row.period);
    const keys = byKey.get(region.id)!;
    const sameId = keys.get(key);
    const existing =
      (row.id !== undefined ? stored.get(row.id) : undefined) ??
      (sameId !== undefined ? stored.get(sameId) : undefined);
    const id = existing?.id ?? row.id ?? uniqueId(idFromKey('rel', key), stored);
    keys.set(key, id);
    const relation: SupplyRelation = {
      ...(existing ?? {}),
      id,
      supplier,
      buyer,
      linkId,
      ...(row.volume ? { volume: row.volume } : {}),
      ...(row.period ? { period: row.period } : {}),
      ...(row.note ? { note: row.note } : {}),
      sources: existing ? addCitation(existing.sources, cite) : addCitation([], cite),
    };
    stored.set(id, relation);
    let t = touchedRelations.get(region.id);
    if (!t) touchedRelations.set(region.id, (t = new Set()));
    t.add(id);
  }

  problems.flush(file, issues);
  const firms: FirmPatch = regions.flatMap((r) => {
    const w = working.get(r.id);
    const enterprises = w ? [...w.touched].map((id) => w.firms.get(id)!) : [];
    const rels = [...(touchedRelations.get(r.id) ?? [])].map((id) => relationsOf.get(r.id)!.get(id)!);
    if (!enterprises.length && !rels.length) return [];
    return [{ id: r.id, ...(enterprises.length ? { enterprises } : {}), ...(rels.length ? { relations: rels } : {}) }];
  });
  return { firms, usedImportSource };
}

/** A firm's capacities with `c` for its link: an equal figure only gains the citation, another replaces it. */
function withCapacity(
  had: readonly EnterpriseCapacity[] | undefined,
  c: EnterpriseCapacity,
  addCitation: (had: readonly Citation[], c: Citation) => Citation[],
): EnterpriseCapacity[] {
  const list = [...(had ?? [])];
  const at = list.findIndex((x) => x.linkId === c.linkId);
  if (at < 0) return [...list, { ...c, sources: addCitation([], c.sources[0]!) }];
  const old = list[at]!;
  const same = old.capacity.value === c.capacity.value && old.capacity.unit === c.capacity.unit && old.asOf === c.asOf;
  list[at] = same
    ? { ...old, sources: addCitation(old.sources, c.sources[0]!) }
    : { ...c, sources: addCitation([], c.sources[0]!) };
  return list;
}

/** An id for a new firm: from its credit code, else from its name; never one the region uses. */
function newFirmId(w: RegionFirms, regionId: string, code: string | undefined, name: string): string {
  const base = code ? `f-${idFromName(code)}` : idFromKey('f', `${regionId}/${firmNameKey(name)}`);
  return uniqueId(base, w.firms);
}

/**
 * `patch` with the firm tables of `drafts` resolved against the stored data with the patch applied (so
 * a workbook's own Sources sheet names sources its Firms and Relations sheets cite).
 */
export function withFirmTables(
  patch: DatasetPatch,
  drafts: Drafts,
  ctx: ImportContext,
  issues: ImportIssue[],
): DatasetPatch {
  if (!hasFirmTables(drafts)) return patch;
  const base = applyPatch(ctx.current, patch, 'merge', ctx.importedAt.slice(0, 10));
  const source = importSourceFor(ctx);
  const { firms, usedImportSource } = resolveFirmTables(drafts, base, ctx, issues, source);
  const sources = patch.sources ?? [];
  const withSource = usedImportSource && !sources.some((s) => s.id === source.id) ? [...sources, source] : sources;
  return { ...patch, ...(withSource.length ? { sources: withSource } : {}), firms };
}

/** A whole dataset with the firm tables of `drafts` resolved against it and merged in. */
export function datasetWithFirmTables(
  dataset: Dataset,
  drafts: Drafts,
  ctx: ImportContext,
  issues: ImportIssue[],
): Dataset {
  if (!hasFirmTables(drafts)) return dataset;
  const source = importSourceFor(ctx);
  const { firms, usedImportSource } = resolveFirmTables(drafts, dataset, ctx, issues, source);
  const sources = usedImportSource && !dataset.sources.some((s) => s.id === source.id) ? [source] : [];
  return applyPatch(dataset, { sources, firms }, 'merge', ctx.importedAt.slice(0, 10));
}
