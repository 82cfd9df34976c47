/**
 * The expanded link as a small sub-graph: its firms in the middle column (the largest by capacity),
 * the firms that supply them on the left, the firms they supply on the right, and a line per relation
 * between drawn firms. Beyond what can be read, each column ends in "N more". Pure, so it is tested
 * without a browser; `LinkFirms.svelte` draws it as SVG.
 */
import { firmKey, isLocalFirm, linkFirms, type FirmIndex, type FirmRecord } from '../../model/firms';
import type { Region, SupplyRelation } from '../../model/types';

export const ROW_H = 34;
export const ROW_GAP = 6;
/** Room above the first row for the column's title. */
export const TOP = 34;

export interface PlacedFirm {
  readonly key: string;
  readonly record: FirmRecord | undefined;
  /** The firm's id when the data does not hold it (a relation names a firm no region lists). */
  readonly id: string;
  readonly column: 0 | 1 | 2;
  readonly y: number;
  /** In the region shown or inside it (nationwide too: firms elsewhere are outside). */
  readonly local: boolean;
  /** Relations drawn to or from it. */
  readonly relations: number;
}

export interface PlacedRelation {
  readonly from: string;
  readonly to: string;
  readonly local: boolean;
}

export interface LinkFirmsLayout {
  readonly columns: readonly [readonly PlacedFirm[], readonly PlacedFirm[], readonly PlacedFirm[]];
  /**
   * Firms not drawn in each column: of all the suppliers and buyers of the link's firms in scope, not
   * only of the firms drawn.
   */
  readonly more: readonly [number, number, number];
  readonly relations: readonly PlacedRelation[];
  /** All firms of the link in scope, all relations reaching them. */
  readonly firmCount: number;
  readonly inboundTotal: number;
  readonly outboundTotal: number;
  /** The distinct firms supplying them, and buying from them on this link. */
  readonly supplierCount: number;
  readonly buyerCount: number;
  /** The height the drawing needs. */
  readonly height: number;
  /** Every firm of the link in scope, ranked; and the relations reaching them (for the tables). */
  readonly ranked: readonly FirmRecord[];
}

/**
 * Counterparts of the drawn firms on one side, most relations first (then first met), at most `limit`:
 * the ones drawn, so each has a relation to a drawn firm. A firm `placed` in another column already
 * (a firm of the link supplying another, a supplier that also buys) is drawn there, once.
 */
function counterparts(
  relations: readonly SupplyRelation[],
  side: 'supplier' | 'buyer',
  limit: number,
  placed: ReadonlySet<string>,
) {
  const counts = new Map<string, { ref: SupplyRelation['supplier']; n: number }>();
  for (const r of relations) {
    const ref = r[side];
    const key = firmKey(ref);
    if (placed.has(key)) continue;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { ref, n: 1 });
  }
  return [...counts.entries()].sort((a, b) => b[1].n - a[1].n).slice(0, limit);
}

/**
 * Lays out the firms of `linkId` in the region shown (`home`), or nationwide: at most `middle` firms,
 * and at most `side` suppliers and buyers. Local or outside is always judged against `home`: a firm is
 * local when it is recorded in `home` or in a region inside it, whatever the scope.
 */
export function layoutLinkFirms(
  index: FirmIndex,
  linkId: string,
  home: Pick<Region, 'id' | 'name'>,
  scope: 'region' | 'nation',
  middle = 16,
  side = 12,
): LinkFirmsLayout {
  const view = linkFirms(index, linkId, scope === 'region' ? home.id : undefined, middle);
  const y = (i: number) => TOP + i * (ROW_H + ROW_GAP);
  const place = (key: string, id: string, column: 0 | 1 | 2, i: number, relations: number): PlacedFirm => {
    const record = index.firms.get(key);
    return { key, record, id, column, y: y(i), local: isLocalFirm(index, key, home), relations };
  };
  const placed = new Set(view.shown.map((f) => f.key));
  const ups = counterparts(view.inbound, 'supplier', side, placed);
  for (const [key] of ups) placed.add(key);
  const downs = counterparts(view.outbound, 'buyer', side, placed);
  const centre = view.shown.map((f, i) =>
    place(f.key, f.firm.id, 1, i, (index.byBuyer.get(f.key)?.length ?? 0) + (index.bySupplier.get(f.key)?.length ?? 0)),
  );
  const left = ups.map(([key, c], i) => place(key, c.ref.enterpriseId, 0, i, c.n));
  const right = downs.map(([key, c], i) => place(key, c.ref.enterpriseId, 2, i, c.n));
  const drawn = new Set([...left, ...centre, ...right].map((f) => f.key));
  const relations: PlacedRelation[] = [];
  const seen = new Set<string>();
  for (const r of [...view.inbound, ...view.outbound]) {
    const from = firmKey(r.supplier);
    const to = firmKey(r.buyer);
    const k = `${from}>${to}`;
    if (!drawn.has(from) || !drawn.has(to) || seen.has(k)) continue;
    seen.add(k);
    relations.push({ from, to, local: isLocalFirm(index, from, home) && isLocalFirm(index, to, home) });
  }
  const undrawn = (keys: ReadonlySet<string>) => [...keys].filter((k) => !drawn.has(k)).length;
  const more = [undrawn(view.suppliers), view.ranked.length - centre.length, undrawn(view.buyers)] as const;
  const rows = Math.max(left.length + (more[0] > 0 ? 1 : 0), centre.length + 1, right.length + 1);
  return {
    columns: [left, centre, right],
    more,
    relations,
    firmCount: view.ranked.length,
    inboundTotal: view.inboundTotal,
    outboundTotal: view.outboundTotal,
    supplierCount: view.suppliers.size,
    buyerCount: view.buyers.size,
    height: y(rows) + 8,
    ranked: view.ranked,
  };
}

/** The relations reaching the firms of a link in scope (into them and out of them on this link). */
export function relationsOfLinkFirms(
  index: FirmIndex,
  ranked: readonly FirmRecord[],
  linkId: string,
): SupplyRelation[] {
  const out: SupplyRelation[] = [];
  for (const f of ranked) {
    out.push(...(index.byBuyer.get(f.key) ?? []));
    for (const r of index.bySupplier.get(f.key) ?? []) if (r.linkId === linkId) out.push(r);
  }
  return out;
}
