/**
 * The IndexedDB database (through Dexie): its schema and every migration, in this one file. Dexie and
 * this file are a chunk of their own, loaded after the first draw (`AtlasState.database()`); start-up's
 * first read does without them (`earlyRead.ts`).
 *
 * Records are stored normalised, one row per link, edge, state, enterprise, project, indicator and supply
 * relation, so an
 * edit writes one row. Each row keeps its `seq` (its position in the dataset) so that reading the
 * dataset back gives the records in the order they were written.
 */
import { Dexie, type Table } from 'dexie';
import { DB_NAME, SCHEMA_VERSION } from './dbName';
import type { DatasetEdit } from '../model/edits';
import type {
  Briefing,
  ChainLink,
  ChainTemplate,
  Dataset,
  Enterprise,
  Indicator,
  LinkState,
  Localized,
  Project,
  Region,
  SavedView,
  Source,
  SupplyEdge,
  SupplyRelation,
} from '../model/types';
import type { Scenario } from '../model/scenario';
import type { SavedWork } from './savedWork';

interface Ordered {
  readonly seq: number;
}
export type SourceRow = Source & Ordered;
export type ChainRow = Omit<ChainTemplate, 'links' | 'edges'> & Ordered;
export type LinkRow = ChainLink & Ordered & { readonly chainId: string };
export type EdgeRow = SupplyEdge & Ordered & { readonly chainId: string };
export type RegionRow = Omit<Region, 'linkStates' | 'enterprises' | 'projects' | 'indicators' | 'relations'> & Ordered;
export type LinkStateRow = LinkState & Ordered & { readonly regionId: string };
export type EnterpriseRow = Enterprise & Ordered & { readonly regionId: string };
export type ProjectRow = Project & Ordered & { readonly regionId: string };
export type IndicatorRow = Indicator & Ordered & { readonly regionId: string };
/** A supply relation, under its buyer's region (format 4). */
export type RelationRow = SupplyRelation & Ordered & { readonly regionId: string };
export type ViewRow = SavedView & Ordered;
export type BriefingRow = Briefing & Ordered;

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

/**
 * What one undo step holds: the records an edit changed (before and after), or for an import, which
 * replaces everything, the whole dataset on the other side of the step (the one before it while the
 * step is done, the one after it once undone) with fingerprints of both sides.
 */
export type HistoryChange =
  | { readonly kind: 'records'; readonly edit: DatasetEdit }
  | {
      readonly kind: 'dataset';
      /** `null` when that side held no data at all. */
      readonly other: Dataset | null;
      readonly beforeDigest: string;
      readonly afterDigest: string;
      /**
       * Saved views, briefings, scenarios and layouts on each side of the step, so an undo puts back
       * exactly the previous ones and keeps what was saved since (absent in steps stored before it).
       */
      readonly work?: { readonly before: SavedWork; readonly after: SavedWork };
    };

/**
 * One undo/redo step. Steps form one line in `id` order: `done` ones (undo takes the last) followed by
 * `undone` ones (redo takes the first); a new edit drops the `undone` ones.
 */
export interface HistoryRow {
  readonly id?: number;
  readonly state: 'done' | 'undone';
  readonly label: Localized;
  /** When the edit was first made (ISO time). */
  readonly at: string;
  readonly change: HistoryChange;
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
  relations!: Table<RelationRow, [string, string]>;
  layouts!: Table<LayoutRow, string>;
  scenarios!: Table<ScenarioRow, string>;
  history!: Table<HistoryRow, number>;
  views!: Table<ViewRow, string>;
  briefings!: Table<BriefingRow, string>;

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
    // v2 adds the undo/redo history, and saved views and briefings (data format 2). Dexie carries
    // every v1 table over as it was, and the new tables start empty, so no upgrade function is needed:
    // no stored row changes shape.
    this.version(2).stores({
      history: '++id, state',
      views: 'id',
      briefings: 'id',
    });
    // v3 adds firm-to-firm supply relations (data format 4), one row each under the buyer's region.
    // Capacities live inside enterprise rows, which Dexie stores whole: no v2 row changes shape, so
    // no upgrade function is needed.
    this.version(3).stores({
      relations: '[regionId+id], regionId',
    });
    // Start-up reads the store before this code loads, at the version dbName.ts gives.
    if (this.verno !== SCHEMA_VERSION)
      throw new Error(`db.ts declares version ${this.verno}, dbName.ts ${SCHEMA_VERSION}`);
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
      this.relations,
      this.views,
      this.briefings,
    ] as const;
  }
}

/** Follows a query on the store as it changes (for the undo history and the backup state). */
export { liveQuery, type Subscription } from 'dexie';
