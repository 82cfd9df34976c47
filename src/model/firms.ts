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
 */
import type { Dataset, Localized, Region, SupplyRelation } from './types';

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
  for (const e of region?.enterprises ?? []) for (const id of e.linkIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * Every firm of a dataset as a search item for `buildSearchIndex`: its id is `regionId/enterpriseId`,
 * and its credit code is searched with its aliases (so a typed code finds it).
 */
export function firmSearchItems(
  ds: Dataset,
): { readonly id: string; readonly name: Localized; readonly aliases: readonly string[] }[] {
  return ds.regions.flatMap((r) =>
    r.enterprises.map((e) => ({
      id: `${r.id}/${e.id}`,
      name: e.name,
      aliases: [...(e.aliases ?? []), ...(e.creditCode ? [e.creditCode] : [])],
    })),
  );
}
