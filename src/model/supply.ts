/**
 * Local supply share, computed. For a product (an NCM cell, an LFP cell, a storage system) it looks at
 * everything upstream of it along the material flow and asks how much of that the region makes:
 *
 * - by link count: local links ÷ upstream links. Links no source covers are reported apart, as a range
 *   from "all unknown are absent" to "all unknown are local", never silently one or the other;
 * - by mass per kWh, where material intensities are known: the mass of the product's direct inputs
 *   (its bill of materials, kg per kWh of battery) that is made locally ÷ the mass whose intensity is
 *   known. Inputs without a known intensity do not count, and the share says how much mass it covers.
 *
 * - by firms, where supply relations are recorded: the share of the region's firms' recorded inputs of
 *   those links that local firms supply (`firms.ts`).
 *
 * A reported figure (like Jinchang's 77%) counts differently: it is the source's own measure (often
 * by value or by item over the region's raw-material purchases) and covers the real firms' inputs, not
 * this template's links. The UI shows both, side by side, and says so.
 */
import { statesByLink } from './dataset';
import { firmSupply, type FirmSupply } from './firms';
import type { ChainIndex } from './graph';
import { upstreamOf } from './graph';
import type { LinkStatus, MaterialIntensity, Region } from './types';
import { LOCAL_STATUSES } from './types';

/** Chemistries that a generic intensity family covers ("NCM" covers NMC811, NMC622, NMC111). */
function family(chemistry: string): string {
  return /^(NCM|NMC)/i.test(chemistry) ? 'NCM' : chemistry.toUpperCase();
}

/** Whether an intensity holds for a product of `chemistry`. */
function applies(mi: MaterialIntensity, chemistry: string | undefined): boolean {
  if (!mi.chemistry || !chemistry) return true;
  return mi.chemistry === chemistry || mi.chemistry === family(chemistry);
}

/** An intensity in kg per kWh of battery, or undefined when its unit is per tonne of the output. */
function perKwh(mi: MaterialIntensity): number | undefined {
  if (mi.unit === 'kg/kWh') return mi.value;
  if (mi.unit === 't/GWh') return mi.value / 1000; // 1 t/GWh = 1,000 kg per 1,000,000 kWh
  return undefined;
}

/** The chemistries the intensities on a product's inputs are given for, in the order they first appear. */
export function chemistriesOf(index: ChainIndex, productId: string): string[] {
  const all: string[] = [];
  for (const e of index.edgesInto.get(productId) ?? []) {
    for (const mi of e.intensities ?? []) if (mi.chemistry && !all.includes(mi.chemistry)) all.push(mi.chemistry);
  }
  // A family name ("NCM") is not a chemistry of its own when its members (NMC811, ...) are listed.
  return all.filter((c) => !all.some((other) => other !== c && family(other) === c));
}

export interface MassEntry {
  readonly kgPerKwh: number;
  /** What the figure counts when it is an element's content, not the material's own mass (`Ni`). */
  readonly measure?: string;
}

/**
 * Mass per kWh of `productId` that each upstream link carries, where intensities allow it: a kg/kWh
 * (or t/GWh) intensity on an edge into the product or into anything upstream of it gives its input's
 * mass directly; a t/t intensity scales the mass of its output. Links with no path of known intensities
 * have no entry.
 */
export function massPerKwh(
  index: ChainIndex,
  productId: string,
  chemistry?: string,
  upstream: ReadonlySet<string> = upstreamOf(index, productId),
): Map<string, MassEntry> {
  const scope = new Set(upstream);
  scope.add(productId);
  const mass = new Map<string, MassEntry>();
  // Edges within the product's upstream, found through each link's inputs (not a scan of the chain).
  const edges = [...scope].flatMap((id) => (index.edgesInto.get(id) ?? []).filter((e) => scope.has(e.from)));
  // Per-kWh figures first: they need nothing else.
  for (const e of edges) {
    for (const mi of e.intensities ?? []) {
      const kg = perKwh(mi);
      if (kg === undefined || !applies(mi, chemistry) || e.from === productId) continue;
      if (!mass.has(e.from)) mass.set(e.from, mi.measure ? { kgPerKwh: kg, measure: mi.measure } : { kgPerKwh: kg });
    }
  }
  // Then per-tonne figures, propagated upstream until nothing changes (bounded by the number of links).
  const perTonne = edges.filter((e) => e.intensities?.some((m) => m.unit === 't/t'));
  for (let round = 0, changed = true; changed && round < scope.size; round++) {
    changed = false;
    for (const e of perTonne) {
      if (mass.has(e.from) || !mass.has(e.to)) continue;
      const out = mass.get(e.to)!;
      if (out.measure) continue; // an element's content cannot be scaled by a per-tonne figure
      const mi = (e.intensities ?? []).find((m) => m.unit === 't/t' && applies(m, chemistry));
      if (!mi) continue;
      mass.set(e.from, { kgPerKwh: mi.value * out.kgPerKwh });
      changed = true;
    }
  }
  return mass;
}

export interface ProductSupply {
  readonly productId: string;
  readonly chemistry: string | undefined;
  /** Upstream links (material flow), with how many are local and how many no source covers. */
  readonly upstream: number;
  readonly local: number;
  readonly unknown: number;
  /** local ÷ upstream, with unknown counted absent (low) and local (high). */
  readonly byCount: { readonly low: number; readonly high: number };
  /** The product's direct inputs with a known mass per kWh, and the share of that mass made locally. */
  readonly byMass:
    | {
        readonly knownKgPerKwh: number;
        readonly localKgPerKwh: number;
        readonly share: number;
        readonly inputs: number;
      }
    | undefined;
  /**
   * Firm-level local supply over the product's upstream links: the share of the region's firms'
   * recorded inputs of those links bought from firms of the region (see `firms.ts`). Undefined when
   * no relation is recorded for them.
   */
  readonly byFirms: FirmSupply | undefined;
  /** Direct inputs whose mass per kWh is known, with the mass and whether each is local. */
  readonly massInputs: readonly {
    readonly linkId: string;
    readonly kgPerKwh: number;
    readonly measure?: string;
    readonly local: boolean;
  }[];
}

/** Local supply share of one product in a region. */
export function productSupply(
  index: ChainIndex,
  region: Region | undefined,
  productId: string,
  chemistry?: string,
  computed?: { readonly upstream: ReadonlySet<string>; readonly mass: ReadonlyMap<string, MassEntry> },
): ProductSupply {
  const states = region ? statesByLink(region) : undefined;
  const status = (id: string): LinkStatus => states?.get(id)?.status ?? 'unknown';
  const chem = chemistry ?? chemistriesOf(index, productId)[0];
  const upstream = computed?.upstream ?? upstreamOf(index, productId);
  const up = [...upstream];
  const local = up.filter((id) => LOCAL_STATUSES.has(status(id))).length;
  const unknown = up.filter((id) => status(id) === 'unknown').length;
  const n = up.length;
  const mass = computed?.mass ?? massPerKwh(index, productId, chem, upstream);
  const direct = index.inputs.get(productId) ?? [];
  const massInputs = direct
    .filter((id) => mass.has(id))
    .map((id) => {
      const m = mass.get(id)!;
      return {
        linkId: id,
        kgPerKwh: m.kgPerKwh,
        ...(m.measure ? { measure: m.measure } : {}),
        local: LOCAL_STATUSES.has(status(id)),
      };
    });
  const known = massInputs.reduce((s, m) => s + m.kgPerKwh, 0);
  const localKg = massInputs.filter((m) => m.local).reduce((s, m) => s + m.kgPerKwh, 0);
  return {
    productId,
    chemistry: chem,
    upstream: n,
    local,
    unknown,
    byCount: { low: n ? local / n : 0, high: n ? (local + unknown) / n : 0 },
    byMass:
      known > 0
        ? { knownKgPerKwh: known, localKgPerKwh: localKg, share: localKg / known, inputs: massInputs.length }
        : undefined,
    byFirms: firmSupply(region, upstream),
    massInputs,
  };
}

/**
 * For each link, the largest share of a focus product's known direct-input mass per kWh it carries
 * (0–1, capped at 1), over the region's focus products. Feeds the gap score.
 */
export function focusMassShares(
  index: ChainIndex,
  region: Region | undefined,
  masses: ReadonlyMap<string, ReadonlyMap<string, MassEntry>> = new Map(),
): Map<string, number> {
  const shares = new Map<string, number>();
  for (const product of region?.focus?.products ?? []) {
    if (!index.links.has(product)) continue;
    const mass = masses.get(product) ?? massPerKwh(index, product, chemistriesOf(index, product)[0]);
    const total = (index.inputs.get(product) ?? []).reduce((s, id) => s + (mass.get(id)?.kgPerKwh ?? 0), 0);
    if (total <= 0) continue;
    for (const [id, m] of mass) {
      const s = Math.min(1, m.kgPerKwh / total);
      if (s > (shares.get(id) ?? 0)) shares.set(id, s);
    }
  }
  return shares;
}
