/**
 * Local supply at firm level, from firm-to-firm supply relations (format 4), shown beside the
 * link-level figure of `supply.ts`.
 *
 * How it is computed: a region keeps the relations whose buyer is one of its firms. Of those, the ones
 * whose supplier is also a firm of the region are local. The share by count is local relations ÷ all
 * relations; where relations give a volume, the share by volume is the local volume ÷ all volume, per
 * unit (tonnes and GWh are never added together), over the relations that give one. Restricted to a
 * product, only relations supplying a link upstream of it count. It says nothing about inputs no
 * relation records: the figure covers the recorded relations only, and says how many.
 *
 * Firms across the dataset and who supplies whom, below: the reads behind the expanded link, the firm
 * view, the firm tables and the dossier's summaries. `indexFirms` walks the dataset once; every read
 * after that touches only the firms and relations it is about, so a link with 2,000 firms in a nation
 * of 20,000 is expanded without scanning the rest.
 */
import type { Dataset, Enterprise, FirmRef, Quantity, Region, SupplyRelation } from './types';

export interface FirmSupply {
  /** Relations counted: those of the region (restricted to the links asked for). */
  readonly relations: number;
  /** Of them, those whose supplier is a firm of the region. */
  readonly local: number;
  /** local ÷ relations (0 when there are none). */
  readonly share: number;
  /** Local firms that buy through the counted relations. */
  readonly buyers: number;
  /** Where volumes are given: per unit, the local and total volume and the share. */
  readonly byVolume: readonly {
    readonly unit: string;
    readonly local: number;
    readonly total: number;
    readonly share: number;
    /** Relations that give a volume in this unit. */
    readonly relations: number;
  }[];
}

/** Whether a relation's supplier is a firm of the region it is kept in (its buyer's region). */
export const isLocalRelation = (rel: SupplyRelation): boolean => rel.supplier.regionId === rel.buyer.regionId;

/**
 * Firm-level local supply of `region`: the share of its firms' recorded inputs bought from firms of
 * the region. With `linkIds`, only relations supplying one of those links count (a product's upstream).
 * Undefined when no relation counts, so the UI says "no relations recorded" rather than 0%.
 */
export function firmSupply(region: Region | undefined, linkIds?: ReadonlySet<string>): FirmSupply | undefined {
  const counted = (region?.relations ?? []).filter((r) => !linkIds || linkIds.has(r.linkId));
  if (counted.length === 0) return undefined;
  let local = 0;
  const buyers = new Set<string>();
  const volumes = new Map<string, { local: number; total: number; relations: number }>();
  for (const rel of counted) {
    const here = isLocalRelation(rel);
    if (here) local++;
    buyers.add(rel.buyer.enterpriseId);
    if (rel.volume) {
      const v = volumes.get(rel.volume.unit) ?? { local: 0, total: 0, relations: 0 };
      v.total += rel.volume.value;
      v.relations++;
      if (here) v.local += rel.volume.value;
      volumes.set(rel.volume.unit, v);
    }
  }
  return {
    relations: counted.length,
    local,
    share: local / counted.length,
    buyers: buyers.size,
    byVolume: [...volumes].map(([unit, v]) => ({ unit, ...v, share: v.total > 0 ? v.local / v.total : 0 })),
  };
}

/** How many of a region's firms serve each link. */
export function firmCounts(region: Region | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of region?.enterprises ?? [])
    for (const id of new Set(e.linkIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** The key of a firm in maps and routes: `<regionId>/<enterpriseId>`. */
export const firmKey = (ref: FirmRef): string => `${ref.regionId}/${ref.enterpriseId}`;

/**
 * Whether `region` is `home` or lies inside it: its larger area (`parent`) is `home`, by name. Regions
 * name their parent rather than point to it, so a prefecture whose parent is 甘肃省 is inside the region
 * named 甘肃省.
 */
export function isWithin(region: Pick<Region, 'id' | 'parent'>, home: Pick<Region, 'id' | 'name'>): boolean {
  if (region.id === home.id) return true;
  const parent = region.parent;
  if (parent === undefined) return false;
  return (parent.zh !== '' && parent.zh === home.name.zh) || (parent.en !== '' && parent.en === home.name.en);
}

/**
 * Whether the firm `key` (`<regionId>/<enterpriseId>`) is local to `home`: recorded in it or in a region
 * inside it. A firm the data does not hold is judged by the region its key names.
 */
export function isLocalFirm(index: FirmIndex, key: string, home: Pick<Region, 'id' | 'name'>): boolean {
  const record = index.firms.get(key);
  return record ? isWithin(record.region, home) : key.slice(0, key.indexOf('/')) === home.id;
}

/** Whether both ends of a relation are local to `home` (so the supply stays inside it). */
export function isLocalTo(index: FirmIndex, rel: SupplyRelation, home: Pick<Region, 'id' | 'name'>): boolean {
  return isLocalFirm(index, firmKey(rel.supplier), home) && isLocalFirm(index, firmKey(rel.buyer), home);
}

/** A firm with the region it is recorded in. */
export interface FirmRecord {
  readonly key: string;
  readonly ref: FirmRef;
  readonly firm: Enterprise;
  readonly region: Region;
}

export interface FirmIndex {
  readonly firms: ReadonlyMap<string, FirmRecord>;
  /** Firms serving each link, in dataset order. */
  readonly byLink: ReadonlyMap<string, readonly FirmRecord[]>;
  /** Relations by the supplier's key and by the buyer's key. */
  readonly bySupplier: ReadonlyMap<string, readonly SupplyRelation[]>;
  readonly byBuyer: ReadonlyMap<string, readonly SupplyRelation[]>;
  /** Relations of each link (the link supplied). */
  readonly relationsByLink: ReadonlyMap<string, readonly SupplyRelation[]>;
  readonly relationCount: number;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Indexes every firm and relation of the dataset (one pass). */
export function indexFirms(dataset: Pick<Dataset, 'regions'>): FirmIndex {
  const firms = new Map<string, FirmRecord>();
  const byLink = new Map<string, FirmRecord[]>();
  const bySupplier = new Map<string, SupplyRelation[]>();
  const byBuyer = new Map<string, SupplyRelation[]>();
  const relationsByLink = new Map<string, SupplyRelation[]>();
  let relationCount = 0;
  for (const region of dataset.regions) {
    for (const firm of region.enterprises) {
      const ref = { regionId: region.id, enterpriseId: firm.id };
      const record: FirmRecord = { key: firmKey(ref), ref, firm, region };
      firms.set(record.key, record);
      for (const linkId of new Set(firm.linkIds)) push(byLink, linkId, record);
    }
    for (const r of region.relations ?? []) {
      push(bySupplier, firmKey(r.supplier), r);
      push(byBuyer, firmKey(r.buyer), r);
      push(relationsByLink, r.linkId, r);
      relationCount++;
    }
  }
  return { firms, byLink, bySupplier, byBuyer, relationsByLink, relationCount };
}

/** The capacity a firm reports for a link, if a source gives one. */
export function capacityFor(firm: Enterprise, linkId: string): Quantity | undefined {
  return firm.capacities?.find((c) => c.linkId === linkId)?.capacity;
}

/** The firms of a link: in one region, or nationwide when `regionId` is undefined. */
export function firmsOfLink(index: FirmIndex, linkId: string, regionId?: string): readonly FirmRecord[] {
  const all = index.byLink.get(linkId) ?? [];
  return regionId === undefined ? all : all.filter((f) => f.ref.regionId === regionId);
}

/** One collator for every sort by Chinese name (`localeCompare` with a locale makes one per call). */
const byName = new Intl.Collator('zh-CN');

/**
 * Firms ranked for a link: those with the largest capacity first (figures in the most common unit;
 * firms without a figure, or in another unit, after them), then by name, so the order is stable.
 */
export function rankByCapacity<T extends { readonly firm: Enterprise }>(firms: readonly T[], linkId: string): T[] {
  const units = new Map<string, number>();
  for (const f of firms) {
    const q = capacityFor(f.firm, linkId);
    if (q) units.set(q.unit, (units.get(q.unit) ?? 0) + 1);
  }
  const unit = [...units.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const value = (f: T) => {
    const q = capacityFor(f.firm, linkId);
    return q && q.unit === unit ? q.value : -1;
  };
  return firms
    .map((f) => ({ f, v: value(f) }))
    .sort((a, b) => b.v - a.v || byName.compare(a.f.firm.name.zh, b.f.firm.name.zh))
    .map((x) => x.f);
}

/** One firm reached from another along supply relations. */
export interface Reached {
  readonly key: string;
  /** 1: a direct supplier or buyer; 2: one further out. */
  readonly step: 1 | 2;
  /** The relation that reaches it (from the firm one step nearer). */
  readonly relation: SupplyRelation;
  /** The firm one step nearer (the firm itself for step 1). */
  readonly via: string;
  /** In the same region as the firm the view is about. */
  readonly local: boolean;
}

export interface Neighbourhood {
  readonly suppliers: readonly Reached[];
  readonly buyers: readonly Reached[];
}

/**
 * A firm's suppliers and buyers, two steps out. Each firm is listed once per side, at its nearest step;
 * the firm itself is never its own neighbour. `local` compares regions with the firm's own.
 */
export function neighbourhood(index: FirmIndex, ref: FirmRef, steps: 1 | 2 = 2): Neighbourhood {
  const home = ref.regionId;
  const start = firmKey(ref);
  const walk = (side: 'up' | 'down'): Reached[] => {
    const seen = new Set([start]);
    const out: Reached[] = [];
    let frontier = [start];
    for (let step = 1 as 1 | 2; step <= steps; step = (step + 1) as 1 | 2) {
      const next: string[] = [];
      for (const from of frontier) {
        const rels = (side === 'up' ? index.byBuyer : index.bySupplier).get(from) ?? [];
        for (const relation of rels) {
          const other = side === 'up' ? relation.supplier : relation.buyer;
          const key = firmKey(other);
          if (seen.has(key)) continue;
          seen.add(key);
          next.push(key);
          out.push({ key, step, relation, via: from, local: other.regionId === home });
        }
      }
      frontier = next;
      if (step === 2) break;
    }
    return out;
  };
  return { suppliers: walk('up'), buyers: walk('down') };
}

/** What an expanded link shows: its firms (the top ones drawn), and the relations that reach them. */
export interface LinkFirmsView {
  /** Every firm of the link in scope, ranked by capacity. */
  readonly ranked: readonly FirmRecord[];
  /** The firms drawn (the first `limit` of `ranked`). */
  readonly shown: readonly FirmRecord[];
  /** Relations into the drawn firms (their suppliers), and out of them (their buyers). */
  readonly inbound: readonly SupplyRelation[];
  readonly outbound: readonly SupplyRelation[];
  /** All relations into and out of the link's firms in scope, drawn or not. */
  readonly inboundTotal: number;
  readonly outboundTotal: number;
  /** The distinct firms (keys) supplying the link's firms in scope, and buying from them on this link, drawn or not. */
  readonly suppliers: ReadonlySet<string>;
  readonly buyers: ReadonlySet<string>;
}

/**
 * The firms of a link and the relations that reach them, limited to `limit` firms drawn (the rest are
 * counted, for "N more"). `regionId` undefined: nationwide.
 */
export function linkFirms(
  index: FirmIndex,
  linkId: string,
  regionId: string | undefined,
  limit: number,
): LinkFirmsView {
  const ranked = rankByCapacity(firmsOfLink(index, linkId, regionId), linkId);
  const shown = ranked.slice(0, limit);
  const shownKeys = new Set(shown.map((f) => f.key));
  const inbound: SupplyRelation[] = [];
  const outbound: SupplyRelation[] = [];
  let inboundTotal = 0;
  let outboundTotal = 0;
  const suppliers = new Set<string>();
  const buyers = new Set<string>();
  for (const f of ranked) {
    const drawn = shownKeys.has(f.key);
    const ins = index.byBuyer.get(f.key) ?? [];
    const outs = (index.bySupplier.get(f.key) ?? []).filter((r) => r.linkId === linkId);
    inboundTotal += ins.length;
    outboundTotal += outs.length;
    for (const r of ins) suppliers.add(firmKey(r.supplier));
    for (const r of outs) buyers.add(firmKey(r.buyer));
    if (drawn) {
      inbound.push(...ins);
      outbound.push(...outs);
    }
  }
  return {
    ranked,
    shown,
    inbound,
    outbound,
    inboundTotal,
    outboundTotal,
    suppliers,
    buyers,
  };
}

/** A relation as a row of the relation table. */
export interface RelationRow {
  readonly id: string;
  readonly relation: SupplyRelation;
  readonly supplier: string;
  readonly buyer: string;
  /** Supplier and buyer in the same region. */
  readonly local: boolean;
}

/** Rows of the relation table for a set of relations; names from the index, ids when a firm is unknown. */
export function relationRows(index: FirmIndex, relations: readonly SupplyRelation[], lang: 'zh' | 'en'): RelationRow[] {
  const name = (ref: FirmRef) => index.firms.get(firmKey(ref))?.firm.name[lang] || ref.enterpriseId;
  return relations.map((r) => ({
    id: `${r.buyer.regionId}/${r.id}`,
    relation: r,
    supplier: name(r.supplier),
    buyer: name(r.buyer),
    local: isLocalRelation(r),
  }));
}

/** A link's firms in a few figures: how many, how many with a capacity, their total, the largest. */
export interface FirmSummary {
  readonly count: number;
  readonly withCapacity: number;
  /** The sum of the capacities in the most common unit, and how many firms it adds up. */
  readonly total?: { readonly capacity: Quantity; readonly firms: number };
  /** The largest firms by capacity (then by name), at most `top`. */
  readonly top: readonly Enterprise[];
}

/**
 * Sums up the firms of a link, for pages that must stay short whatever the number of firms (the
 * dossier): figures, and the `top` largest by capacity. The total is computed, not reported: it adds
 * the capacities given in the most common unit and says how many firms that is.
 */
export function summariseFirms(firms: readonly Enterprise[], linkId: string, top: number): FirmSummary {
  const ranked = rankByCapacity(
    firms.map((firm) => ({ firm })),
    linkId,
  ).map((x) => x.firm);
  const caps = firms.map((f) => capacityFor(f, linkId)).filter((q) => q !== undefined);
  const units = new Map<string, { sum: number; n: number }>();
  for (const q of caps) {
    if (q.qualifier === 'over' || q.qualifier === 'under') continue;
    const u = units.get(q.unit) ?? { sum: 0, n: 0 };
    u.sum += q.value;
    u.n++;
    units.set(q.unit, u);
  }
  const common = [...units.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  return {
    count: firms.length,
    withCapacity: caps.length,
    ...(common ? { total: { capacity: { value: common[1].sum, unit: common[0] }, firms: common[1].n } } : {}),
    top: ranked.slice(0, top),
  };
}
