/**
 * The IndexedDB database (through Dexie): its schema and every migration, in this one file.
 *
 * Records are stored normalised, one row per link, edge, state, enterprise, project and indicator, so an
 * edit writes one row. Each row keeps its `seq` (its position in the dataset) so that reading the
 * dataset back gives the records in the order they were written.
 */
import { Dexie, type Table } from 'dexie';
import type {
  ChainLink,
  ChainTemplate,
  Enterprise,
  Indicator,
  LinkState,
  Project,
  Region,
  Source,
  SupplyEdge,
} from '../model/types';
import type { Scenario } from '../model/scenario';

export const DB_NAME = 'chainatlas';

interface Ordered {
  readonly seq: number;
}
export type SourceRow = Source & Ordered;
export type ChainRow = Omit<ChainTemplate, 'links' | 'edges'> & Ordered;
export type LinkRow = ChainLink & Ordered & { readonly chainId: string };
export type EdgeRow = SupplyEdge & Ordered & { readonly chainId: string };
export type RegionRow = Omit<Region, 'linkStates' | 'enterprises' | 'projects' | 'indicators'> & Ordered;
export type LinkStateRow = LinkState & Ordered & { readonly regionId: string };
export type EnterpriseRow = Enterprise & Ordered & { readonly regionId: string };
export type ProjectRow = Project & Ordered & { readonly regionId: string };
export type IndicatorRow = Indicator & Ordered & { readonly regionId: string };

/** A panorama layout: link positions for one chain structure in one language. */
export interface LayoutRow {
  /** Fingerprint of what the layout depends on (see `layoutKey`). */
  readonly key: string;
  readonly positions: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
  /** Arranged by the user (dragged and saved), rather than computed. */
  readonly custom: boolean;
  readonly savedAt: string;
}

/** A saved what-if scenario (see `src/model/scenario.ts`). */
export type ScenarioRow = Scenario;

/** Facts about the database itself: when it was seeded, from which shipped data. */
export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

export class ChainAtlasDB extends Dexie {
  meta!: Table<MetaRow, string>;
  sources!: Table<SourceRow, string>;
  chains!: Table<ChainRow, string>;
  links!: Table<LinkRow, [string, string]>;
  edges!: Table<EdgeRow, [string, string, string]>;
  regions!: Table<RegionRow, string>;
  linkStates!: Table<LinkStateRow, [string, string]>;
  enterprises!: Table<EnterpriseRow, [string, string]>;
  projects!: Table<ProjectRow, [string, string]>;
  indicators!: Table<IndicatorRow, [string, string]>;
  layouts!: Table<LayoutRow, string>;
  scenarios!: Table<ScenarioRow, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Schema history. Never edit a released version; add a new one with an upgrade function that
    // keeps every user record (Dexie runs each upgrade in turn, inside the version-change transaction).
    this.version(1).stores({
      meta: 'key',
      sources: 'id',
      chains: 'id',
      links: '[chainId+id], chainId',
      edges: '[chainId+from+to], chainId',
      regions: 'id, chainId',
      linkStates: '[regionId+linkId], regionId',
      enterprises: '[regionId+id], regionId',
      projects: '[regionId+id], regionId',
      indicators: '[regionId+id], regionId',
      layouts: 'key',
      scenarios: 'id, regionId',
    });
  }

  /** Every table that holds dataset records (not `meta` or `layouts`, which are about the app). */
  get dataTables() {
    return [
      this.sources,
      this.chains,
      this.links,
      this.edges,
      this.regions,
      this.linkStates,
      this.enterprises,
      this.projects,
      this.indicators,
    ] as const;
  }
}
