/**
 * The ChainAtlas data model: chain templates, region state and sources.
 *
 * A dataset is plain JSON (see docs/data-format.md). Everything here is readonly data; functions that
 * work on it live beside this file and never mutate their arguments.
 */

/** Version of the native data format. Bump it and add a migration in `migrate.ts` when the shape changes. */
export const FORMAT_VERSION = 4;

/** A text in both of the app's languages. */
export interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** Where a link sits along the flow of material, from the ground to the customer and back. */
export type Stage = 'raw' | 'intermediate' | 'component' | 'product' | 'application' | 'recycling';

/** Stages in their reading order (left to right in the chain view). */
export const STAGES: readonly Stage[] = ['raw', 'intermediate', 'component', 'product', 'application', 'recycling'];

/**
 * What a region has of one link.
 * - `strong`: at scale, with an anchor firm.
 * - `present`: produced in the region.
 * - `building`: a project is under construction and nothing runs yet.
 * - `attracting`: being introduced or signed, not yet building.
 * - `missing`: a source says the region lacks it.
 * - `unknown`: no source says either way. Never read as present or as missing.
 */
export type LinkStatus = 'strong' | 'present' | 'building' | 'attracting' | 'missing' | 'unknown';

export const LINK_STATUSES: readonly LinkStatus[] = [
  'strong',
  'present',
  'building',
  'attracting',
  'missing',
  'unknown',
];

/** Statuses that mean the region makes the link itself: what counts as local supply everywhere. */
export const LOCAL_STATUSES: ReadonlySet<LinkStatus> = new Set(['strong', 'present']);

/** Where a project stands. */
export type ProjectStatus = 'planned' | 'attracting' | 'signed' | 'building' | 'operating' | 'halted';

export const PROJECT_STATUSES: readonly ProjectStatus[] = [
  'planned',
  'attracting',
  'signed',
  'building',
  'operating',
  'halted',
];

/**
 * A date as precise as the source gives it: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a half or quarter year
 * (`YYYY-H1`, `YYYY-Q3`) for reporting periods.
 */
export type PartialDate = string;

/** The longest text kept with a source, in characters (about 6 MB of Chinese); a longer one is refused, not cut. */
export const MAX_SOURCE_TEXT_LENGTH = 2_000_000;

/** A document that supports facts: an article, a report, a data table. */
export interface Source {
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  /** Publication date; absent when it is not known (shown as undated, never guessed). */
  readonly date?: PartialDate;
  /** Where the document was published. Kept as a citation only; the app never requests it. */
  readonly url?: string;
  readonly language?: string;
  readonly note?: string;
  /**
   * The document's full text, kept so every quote can be shown in place; `¶n` locators count its
   * non-empty blocks (blocks are separated by blank lines). At most `MAX_SOURCE_TEXT_LENGTH` characters.
   */
  readonly text?: string;
}

/** A pointer into a source: which source, where in it, and the source's own words. */
export interface Citation {
  readonly sourceId: string;
  /** Where in the source: a paragraph (`¶7`), a section, a table or sheet. */
  readonly locator: string;
  /** The passage in the source's own words, verbatim. */
  readonly quote?: string;
  /**
   * A translation of `quote` for readers of another language (format 4), shown beside the verbatim
   * quote and marked as a translation, never in its place. Only meaningful with a `quote`.
   */
  readonly translation?: Translation;
}

/** A quote's translation into the app's languages; either may be absent (the quote's own language needs none). */
export interface Translation {
  readonly en?: string;
  readonly zh?: string;
}

/** A number with its unit (a key of `UNITS`). */
export interface Quantity {
  readonly value: number;
  readonly unit: string;
  /** Set when the source gives a bound rather than a figure ("60多种" is `over` 60). */
  readonly qualifier?: 'over' | 'under' | 'approx';
}

export interface SubChain {
  readonly id: string;
  readonly name: Localized;
  /** Reading order of the sub-chains (top to bottom within a column, and in lists). */
  readonly order: number;
  /**
   * Layout hint: the panorama column (0 = leftmost) the sub-chain's box stands in. Sub-chains sharing a
   * column are stacked by `order`. Without it the column follows the supply edges between sub-chains.
   */
  readonly column?: number;
}

export interface ChainLink {
  readonly id: string;
  readonly name: Localized;
  readonly subChain: string;
  readonly stage: Stage;
  /** Other names people search by: trade names, abbreviations, formulas. */
  readonly aliases?: readonly string[];
  readonly description?: Localized;
  readonly sources: readonly Citation[];
}

/**
 * How much of an edge's input goes into its output. `unit` says per what: `kg/kWh` is per kWh of the
 * finished battery, `t/t` per tonne of the output, `t/GWh` per GWh of cells.
 */
export interface MaterialIntensity {
  readonly value: number;
  readonly unit: string;
  /** Low and high ends when the source gives a range; `value` is then its midpoint. */
  readonly range?: readonly [number, number];
  /** What is counted when it is not the input's own mass, e.g. `Ni` for the nickel content. */
  readonly measure?: string;
  /** The cell chemistry the figure holds for (`NMC811`, `LFP`, ...). */
  readonly chemistry?: string;
  readonly source: Citation;
}

/** A directed supply edge: `from` is an input of `to`. */
export interface SupplyEdge {
  readonly from: string;
  readonly to: string;
  readonly intensities?: readonly MaterialIntensity[];
  readonly note?: Localized;
  readonly sources: readonly Citation[];
}

export interface ChainTemplate {
  readonly id: string;
  readonly name: Localized;
  readonly subChains: readonly SubChain[];
  readonly links: readonly ChainLink[];
  readonly edges: readonly SupplyEdge[];
  readonly sources: readonly Citation[];
}

/** One link's state in a region. A link with no state record is `unknown`. */
export interface LinkState {
  readonly linkId: string;
  readonly status: LinkStatus;
  readonly capacity?: Quantity;
  readonly note?: Localized;
  /** The date the status holds for. */
  readonly asOf: PartialDate;
  readonly sources: readonly Citation[];
}

/** How much of one link a firm can make, as a source gives it (format 4). */
export interface EnterpriseCapacity {
  readonly linkId: string;
  readonly capacity: Quantity;
  /** The date or period the figure is for, when the source gives one. */
  readonly asOf?: PartialDate;
  readonly sources: readonly Citation[];
}

export interface Enterprise {
  readonly id: string;
  readonly name: Localized;
  /** The unified social credit code (统一社会信用代码), 18 characters, its check character right. */
  readonly creditCode?: string;
  /** Other names the firm goes by: former names, abbreviations (金川集团 for 金川集团股份有限公司). */
  readonly aliases?: readonly string[];
  /** The links the enterprise serves in this region. */
  readonly linkIds: readonly string[];
  /** Its capacity per link, where a source gives one (format 4). Absent means none given. */
  readonly capacities?: readonly EnterpriseCapacity[];
  readonly note?: Localized;
  readonly sources: readonly Citation[];
}

/** A firm anywhere in the dataset: the region it is recorded in and its id there (format 4). */
export interface FirmRef {
  readonly regionId: string;
  readonly enterpriseId: string;
}

/**
 * One firm supplying another with one link's product (format 4). Kept with the buyer's region: the
 * buyer is an enterprise of that region, the supplier an enterprise of any region. A relation whose
 * supplier is in the buyer's region is local supply at firm level.
 */
export interface SupplyRelation {
  readonly id: string;
  readonly supplier: FirmRef;
  /** The buyer; its `regionId` is the region the relation is kept with. */
  readonly buyer: FirmRef;
  /** The link whose product is supplied (the supplier's output, the buyer's input). */
  readonly linkId: string;
  /** How much, when the source gives it. */
  readonly volume?: Quantity;
  /** The period the volume or the relation is reported for. */
  readonly period?: PartialDate;
  readonly note?: Localized;
  readonly sources: readonly Citation[];
}

export interface ProjectDates {
  readonly signed?: PartialDate;
  readonly started?: PartialDate;
  readonly operating?: PartialDate;
}

export interface Project {
  readonly id: string;
  readonly name: Localized;
  readonly status: ProjectStatus;
  readonly linkIds: readonly string[];
  readonly enterpriseIds: readonly string[];
  readonly capacity?: Quantity;
  readonly investment?: Quantity;
  readonly dates?: ProjectDates;
  readonly note?: Localized;
  readonly sources: readonly Citation[];
}

/**
 * A figure a source reports (an output value, a share, a rank). Stored as reported and never mixed with
 * what the app computes.
 */
export interface Indicator {
  readonly id: string;
  readonly name: Localized;
  readonly value: Quantity;
  /** The period or date the figure is for (`2023`, `2024-H1`, `2022-04-07`). */
  readonly period: PartialDate;
  /** Year-on-year change as the source gives it, in percent. */
  readonly changePercent?: number;
  /** For a rank: the size of the field ("65th of 230"). */
  readonly outOf?: number;
  /** Who the figure is about when that is not the whole region (e.g. the development zone). */
  readonly subject?: Localized;
  /** The links the figure concerns; empty for region-wide figures. */
  readonly linkIds: readonly string[];
  readonly note?: Localized;
  readonly sources: readonly Citation[];
  /**
   * A target, not a result (format 3): the value the region aims for, `period` the year it aims at. It
   * counts from the date of its source, and its progress is read from the series it names.
   */
  readonly target?: boolean;
  /**
   * The series the figure belongs to (format 3): figures with the same key are one measure reported
   * at several dates, and a target with the key is a target for that measure. Without a key, figures
   * with the same name and unit are one series.
   */
  readonly series?: string;
}

/** What a region says it concentrates on: its focus products and uses, and supporting industries. */
export interface RegionFocus {
  /** Products the region builds its chain around (the targets of gap analysis). */
  readonly products: readonly string[];
  /** Uses it serves. */
  readonly applications: readonly string[];
  /** Sub-chains it names as its own. */
  readonly subChains: readonly string[];
  /** Industries it develops in support. */
  readonly supporting: readonly string[];
  readonly sources: readonly Citation[];
}

/** A region's state on one chain template at one date. */
export interface Region {
  readonly id: string;
  readonly name: Localized;
  /** The larger area it belongs to, e.g. the province. */
  readonly parent?: Localized;
  readonly chainId: string;
  /** The date the data holds for as a whole. */
  readonly asOf: PartialDate;
  readonly focus?: RegionFocus;
  readonly linkStates: readonly LinkState[];
  readonly enterprises: readonly Enterprise[];
  readonly projects: readonly Project[];
  readonly indicators: readonly Indicator[];
  /** Firm-to-firm supply relations whose buyer is in this region (format 4). Absent means none. */
  readonly relations?: readonly SupplyRelation[];
}

/** The part of the chain in view, in layout coordinates (what a camera shows, whatever the screen). */
export interface ViewBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** One change of a what-if: build or remove a link, complete or drop a project. */
export type ScenarioChange =
  | { readonly kind: 'link'; readonly linkId: string; readonly action: 'build' | 'remove' }
  | { readonly kind: 'project'; readonly projectId: string; readonly action: 'complete' | 'remove' };

/** A view a planner saved to show again: what was on screen, with a title and speaker notes. */
export interface SavedView {
  readonly id: string;
  readonly title: string;
  readonly notes?: string;
  /** The route it shows (`#/node/cu?trace=up&status=missing`): the view, selection, tracing and filters. */
  readonly route: string;
  /** The language it was saved in; a briefing shows it in that language unless told otherwise. */
  readonly lang?: 'zh' | 'en';
  /** The part of the chain in view; absent, the whole chain. */
  readonly box?: ViewBox;
  /** The what-if shown in the gap view when the view was saved; absent, the data as stored. */
  readonly whatIf?: readonly ScenarioChange[];
  readonly createdAt: string;
}

/** An ordered list of saved views to present. */
export interface Briefing {
  readonly id: string;
  readonly title: string;
  readonly viewIds: readonly string[];
  readonly createdAt: string;
}

/** A what-if the user saved under a name: changes to one region's data, kept apart from the data itself. */
export interface Scenario {
  readonly id: string;
  readonly regionId: string;
  readonly name: string;
  readonly changes: readonly ScenarioChange[];
  readonly savedAt: string;
}

/** Where a link stands in the chain view, in layout coordinates. */
export interface LayoutPosition {
  readonly x: number;
  readonly y: number;
}

/** An arrangement of the chain the user dragged and saved: link positions for one chain structure in one language. */
export interface SavedLayout {
  /** Fingerprint of the chain structure and language it was arranged for (see `layoutKey`). */
  readonly key: string;
  readonly positions: Readonly<Record<string, LayoutPosition>>;
  readonly savedAt: string;
}

/** A whole ChainAtlas dataset: what the native JSON format holds and what the store keeps. */
export interface Dataset {
  readonly format: typeof FORMAT_VERSION;
  readonly sources: readonly Source[];
  readonly chains: readonly ChainTemplate[];
  readonly regions: readonly Region[];
  /** Saved views, in the user's order (format 2). Absent means none. */
  readonly views?: readonly SavedView[];
  /** Briefings (format 2). Absent means none. */
  readonly briefings?: readonly Briefing[];
  /** Saved what-if scenarios (format 2, in backups). Absent means none. */
  readonly scenarios?: readonly Scenario[];
  /** Arrangements of the chain the user saved (format 2, in backups). Absent means none. */
  readonly layouts?: readonly SavedLayout[];
}
