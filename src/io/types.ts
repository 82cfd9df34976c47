/**
 * The contract every file format module in `src/io/` keeps: bytes in, a validated dataset or patch (or
 * precise errors) out; a dataset in, bytes out. Pure: no database, no DOM beyond what both browsers
 * and Node have (TextDecoder, Uint8Array).
 */
import type {
  ChainLink,
  Citation,
  Enterprise,
  Indicator,
  LinkState,
  Localized,
  PartialDate,
  Project,
  RegionFocus,
  Source,
  SubChain,
  SupplyEdge,
  SupplyRelation,
} from '../model/types';
import type { Dataset } from '../model/types';
import type { EncodingChoice } from './syntax/text';

/** The formats ChainAtlas reads and writes: listed once, in `formats.ts`. */
import type { ExportFormat, ImportFormat } from './formats';
export type { ExportFormat, ImportFormat };

/**
 * A problem in an imported file, located as precisely as the format allows: the file, then a line
 * and column (text formats), or a sheet and row (spreadsheets), and the field (column) at fault.
 */
export interface ImportIssue {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly sheet?: string;
  /** Spreadsheet or CSV data row, 1-based as the user sees it in Excel (the header is row 1). */
  readonly row?: number;
  readonly field?: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** English description; the UI translates by `code`. */
  readonly message: string;
  /**
   * The same problem on many rows (or lines), told once: how many there are in all, and the first of
   * them (`row`/`line` above is the first). See `foldRepeated`.
   */
  readonly repeated?: {
    readonly count: number;
    readonly rows?: readonly number[];
    readonly lines?: readonly number[];
  };
}

/**
 * Records a file adds to or changes in the current dataset. Graph files and CSV tables give patches;
 * they become a dataset only together with what is stored (`applyPatch`).
 */
export interface DatasetPatch {
  readonly sources?: readonly Source[];
  readonly chain?: {
    readonly id: string;
    readonly name?: Localized;
    readonly subChains?: readonly SubChain[];
    readonly links?: readonly ChainLink[];
    readonly edges?: readonly SupplyEdge[];
    /** The chain's own citations (workbooks carry them in the Chains sheet). */
    readonly sources?: readonly Citation[];
  };
  readonly region?: {
    readonly id: string;
    readonly name?: Localized;
    readonly parent?: Localized;
    /** The chain the region is drawn on; used when the region is created (defaults to the patch's chain). */
    readonly chainId?: string;
    /** The date the region's data holds for; used when the region is created (defaults to the import date). */
    readonly asOf?: PartialDate;
    readonly focus?: RegionFocus;
    readonly linkStates?: readonly LinkState[];
    readonly enterprises?: readonly Enterprise[];
    readonly projects?: readonly Project[];
    readonly indicators?: readonly Indicator[];
  };
  /**
   * Firms and supply relations from firm lists (format 4), by region, with their final ids: matched
   * to stored firms and relations already (`src/io/tables/firmTables.ts`), so they merge by id whatever the
   * patch mode. Applied after `region`.
   */
  readonly firms?: readonly {
    readonly id: string;
    readonly enterprises?: readonly Enterprise[];
    readonly relations?: readonly SupplyRelation[];
  }[];
}

/** What was read, when known: the format and, for text formats, the character encoding. */
export interface ImportDetails {
  readonly format?: ImportFormat;
  /** `utf-8`, `utf-16le`, `utf-16be`, `gb18030` or `big5`. */
  readonly encoding?: string;
  /**
   * Other encodings the file reads in, each with a line of it as read so (CSV files without a
   * byte-order mark). When `uncertain`, the user must choose before the import is stored.
   */
  readonly encodingChoice?: EncodingChoice;
  /** The tables the file holds (`firms`, `relations`, …; table files only), for reading several files in order. */
  readonly tables?: readonly string[];
  /** The data rows read (table files only). */
  readonly rows?: number;
}

export type ImportResult = ImportDetails &
  (
    | {
        readonly ok: true;
        readonly kind: 'dataset';
        /** Validated by the reader (`validateDataset`'s output), so it is stored as it is. */
        readonly dataset: Dataset;
        readonly issues: readonly ImportIssue[];
      }
    | {
        readonly ok: true;
        readonly kind: 'patch';
        readonly patch: DatasetPatch;
        readonly issues: readonly ImportIssue[];
      }
    | { readonly ok: false; readonly issues: readonly ImportIssue[] }
  );

/** What a parser is told besides the bytes. */
export interface ImportContext {
  /** The file's name, used in every issue. */
  readonly fileName: string;
  /** The stored dataset, for formats whose rows refer to existing chains, regions and links. */
  readonly current?: Dataset;
  /** When the import happens (ISO date), for the source record an import creates. */
  readonly importedAt: string;
  /** Called now and then with a fraction 0–1 on big files; parsing stops when `signal` aborts. */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
  /** Skips detection: the user said what the file is. */
  readonly format?: ImportFormat;
  /** The character encoding the user chose for a text file (`utf-8`, `gb18030`, `big5`). */
  readonly encoding?: string;
  /** The region tables and graph statuses go to when the file does not say (default: the first region). */
  readonly regionId?: string;
}

/** How `exportDataset` writes. */
export interface ExportOptions {
  /** Column headers and sheet names of CSV and XLSX files: English (default) or Chinese. */
  readonly headers?: 'en' | 'zh';
  /** The chain a GraphML file draws (default: the region's chain, else the first chain). */
  readonly chainId?: string;
  /** The region whose statuses a GraphML file carries (default: the first region on the chain). */
  readonly regionId?: string;
  /** File names start with this (default `chainatlas`). */
  readonly baseName?: string;
}

/** One file an export produces. */
export interface ExportedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** The largest file any import accepts, in bytes. Bigger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/**
 * How deeply a JSON file may nest lists and objects. A ChainAtlas file nests 8 levels, a Cytoscape.js
 * file a few more; a deeper one is refused before it is parsed, so no step after (parsing in some
 * engines, copying to the page, printing a value) can overflow the stack on it.
 */
export const MAX_JSON_DEPTH = 100;
