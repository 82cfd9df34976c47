/**
 * The one list of file formats ChainAtlas knows: for each its id, the extensions and MIME types it
 * goes by, how its content is recognised, whether it is written too, and its names in the catalogues.
 * Detection (`pipeline/detect.ts`), the file picker's `accept`, the Export menu and the import
 * dialog's format line all read this list. Pure data and small predicates: it is part of the
 * start-up bundle, so it imports no reader (those live in the import worker, `pipeline/importFile.ts`).
 */

/** What a content sniffer sees: the first bytes, and the head of the file leniently decoded as text. */
export interface FileHead {
  readonly bytes: Uint8Array;
  /** Up to 64 KB, decoded by its byte-order mark or as UTF-8, leading whitespace removed. */
  readonly text: string;
}

export interface FileFormat {
  readonly id: string;
  /** Extensions, lower case, no dot; the first is the one an exported file gets. */
  readonly extensions: readonly string[];
  /** Extensions offered in the file picker though they do not name the format (read by content). */
  readonly alsoOffered?: readonly string[];
  /** MIME types; the first is the one an exported file gets. */
  readonly mimeTypes: readonly string[];
  /** Recognises the format by content (magic bytes or markup); formats without one go by extension. */
  readonly sniff?: (head: FileHead) => boolean;
  /**
   * What an import makes: a whole dataset, or a patch merged into the stored data (a workbook with
   * Chains and Regions sheets, as exported, is a dataset; one with only some tables a patch).
   */
  readonly reads: readonly ('dataset' | 'patch')[];
  /** The catalogue key naming the format in the import dialog ("Read as …"). */
  readonly label: `import.fmt.${string}`;
  /** When ChainAtlas writes it: the catalogue key of its Export menu item. */
  readonly exportLabel?: `export.${string}`;
}

const PK = [0x50, 0x4b, 0x03, 0x04];
const isZip = ({ bytes }: FileHead) => PK.every((b, i) => bytes[i] === b);

/** A ChainAtlas file names its `format` first, or has no Cytoscape `elements` and one of our tables. */
const isNativeJson = ({ text }: FileHead) =>
  text.startsWith('{') &&
  (/^\{\s*"format"\s*:/.test(text) ||
    (!/"elements"\s*:/.test(text) && /"(format|sources|chains|regions)"\s*:/.test(text)));

/** Cytoscape.js JSON: `{"elements": …}` (unless it names our `format` first) or a list of `{data: …}`. */
const isCytoscapeJson = ({ text }: FileHead) =>
  text.startsWith('[')
    ? /^\[\s*(\]|\{\s*"(data|group)"\s*:)/.test(text)
    : text.startsWith('{') && !/^\{\s*"format"\s*:/.test(text) && /"elements"\s*:/.test(text);

/** The formats, in the order the Export menu lists those it writes. */
export const FORMATS = [
  {
    id: 'native-json',
    extensions: ['json'],
    mimeTypes: ['application/json'],
    sniff: isNativeJson,
    reads: ['dataset'],
    label: 'import.fmt.native-json',
    exportLabel: 'export.json',
  },
  {
    id: 'xlsx',
    extensions: ['xlsx', 'xlsm'],
    mimeTypes: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-excel.sheet.macroEnabled.12',
    ],
    sniff: isZip,
    reads: ['dataset', 'patch'],
    label: 'import.fmt.xlsx',
    exportLabel: 'export.xlsx',
  },
  {
    id: 'csv',
    extensions: ['csv', 'tsv', 'txt'],
    mimeTypes: ['text/csv', 'text/tab-separated-values', 'text/plain'],
    reads: ['patch'],
    label: 'import.fmt.csv',
    exportLabel: 'export.csv',
  },
  {
    id: 'graphml',
    extensions: ['graphml'],
    alsoOffered: ['xml'],
    mimeTypes: ['application/graphml+xml', 'application/xml', 'text/xml'],
    sniff: ({ text }) => text.startsWith('<') && /<graphml[\s>]/.test(text),
    reads: ['patch'],
    label: 'import.fmt.graphml',
    exportLabel: 'export.graphml',
  },
  {
    id: 'gexf',
    extensions: ['gexf'],
    alsoOffered: ['xml'],
    mimeTypes: ['application/gexf+xml', 'application/xml', 'text/xml'],
    sniff: ({ text }) => text.startsWith('<') && !/<graphml[\s>]/.test(text) && /<gexf[\s>]/.test(text),
    reads: ['patch'],
    label: 'import.fmt.gexf',
  },
  {
    id: 'cytoscape-json',
    extensions: ['cyjs'],
    mimeTypes: ['application/json'],
    sniff: isCytoscapeJson,
    reads: ['patch'],
    label: 'import.fmt.cytoscape-json',
  },
] as const satisfies readonly FileFormat[];

/** A registered format, with its literal catalogue keys. */
export type RegisteredFormat = (typeof FORMATS)[number];

/** The formats ChainAtlas reads. */
export type ImportFormat = RegisteredFormat['id'];

type Exported = Extract<RegisteredFormat, { exportLabel: string }>;

/** The formats ChainAtlas writes. */
export type ExportFormat = Exported['id'];

/** The formats ChainAtlas writes, in the Export menu's order. */
export const EXPORT_FORMATS: readonly Exported[] = FORMATS.filter((f): f is Exported => 'exportLabel' in f);

/**
 * Spreadsheet formats ChainAtlas does not read. The file picker offers them so that choosing one says
 * how to save it as .xlsx (`otherSpreadsheet` in `pipeline/detect.ts` recognises them).
 */
export const REFUSED_SPREADSHEETS = ['xls', 'et', 'ods', 'xlsb'] as const;

/** The registered format `id`. */
export function formatById(id: ImportFormat): RegisteredFormat {
  return FORMATS.find((f) => f.id === id)!;
}

/** The format an extension names (`json` is a ChainAtlas file; a Cytoscape one is told by content). */
export function formatOfExtension(ext: string): ImportFormat | undefined {
  return FORMATS.find((f) => (f.extensions as readonly string[]).includes(ext.toLowerCase()))?.id;
}

/** The format whose content sniffer recognises `head`, if one does. */
export function formatOfContent(head: FileHead): ImportFormat | undefined {
  return FORMATS.find((f) => 'sniff' in f && f.sniff(head))?.id;
}

/**
 * What a file picker offers: every extension the readers know, the ones read by content (`.xml`), and
 * the spreadsheets ChainAtlas refuses with advice.
 */
export const IMPORT_ACCEPT = [
  ...new Set([
    ...FORMATS.flatMap((f): readonly string[] => [...f.extensions, ...('alsoOffered' in f ? f.alsoOffered : [])]),
    ...REFUSED_SPREADSHEETS,
  ]),
]
  .map((e) => `.${e}`)
  .join(',');
