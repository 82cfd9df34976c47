/**
 * One record per table row: each table's row reader, and the collection of a table's rows into drafts
 * (a record, the citations its rows give, and where it came from). Cross-table work (which chain or
 * region, sub-chain names, citations to the imported file) happens in `tableAssemble.ts`.
 */
import type {
  Citation,
  Enterprise,
  Indicator,
  LinkState,
  Localized,
  MaterialIntensity,
  Project,
  ProjectDates,
  Quantity,
  RegionFocus,
  Source,
  Stage,
  SubChain,
  SupplyEdge,
} from '../../model/types';
import { cellText, readDate, readList, readNumber, readQualifier, readTarget, readUnit } from '../syntax/cells';
import { readProjectStatus, readStage, readStatus } from '../words';
import { CREDIT_CODE_PROBLEMS, creditCodeProblem, tidyCreditCode } from '../../model/enterprise';
import type { CellValue } from '../syntax/cells';
import type { Where } from '../issues';
import type { Origin } from '../origins';
import type { BoundTable } from './tableRead';
import { RowCursor } from './tableRead';
import type { TableKey, TableSpec } from './tables';
import type { ImportIssue } from '../types';

/** A link as read: `subChain` is still the text of the cell (an id or a name). */
export interface LinkRow {
  readonly id: string;
  readonly name: Localized;
  readonly subChain: string;
  readonly stage: Stage;
  readonly aliases?: readonly string[];
  readonly description?: Localized;
}

export interface RegionRow {
  readonly id: string;
  readonly name: Localized;
  readonly parent?: Localized;
  readonly chainId: string;
  readonly asOf: string;
}

/** What each table's rows become (citations are kept apart, in the draft). */
export interface RowRecords {
  sources: Source;
  chains: { readonly id: string; readonly name: Localized };
  subChains: SubChain;
  links: LinkRow;
  edges: Omit<SupplyEdge, 'sources'>;
  intensities: { readonly from: string; readonly to: string; readonly intensity: Omit<MaterialIntensity, 'source'> };
  regions: RegionRow;
  focus: Omit<RegionFocus, 'sources'>;
  statuses: Omit<LinkState, 'sources' | 'asOf'> & { readonly asOf?: string };
  enterprises: Omit<Enterprise, 'sources'>;
  projects: Omit<Project, 'sources'>;
  indicators: Omit<Indicator, 'sources'>;
  capacities: FirmRowCitation & {
    readonly region?: string;
    readonly enterprise: string;
    readonly link: string;
    readonly capacity: Quantity;
    readonly asOf?: string;
  };
  relations: FirmRowCitation & {
    readonly id?: string;
    readonly region?: string;
    readonly supplier: string;
    readonly supplierRegion?: string;
    readonly buyer: string;
    readonly link: string;
    readonly volume?: Quantity;
    readonly period?: string;
    readonly note?: Localized;
  };
  firms: FirmRowCitation & {
    readonly region?: string;
    readonly name: string;
    readonly nameEn?: string;
    readonly creditCode?: string;
    readonly aliases?: readonly string[];
    readonly links: readonly string[];
    /** The capacity of each link, by position (one list, `;`-separated like the links). */
    readonly capacities?: readonly (Quantity | undefined)[];
    readonly asOf?: string;
    readonly note?: string;
  };
}

/** A firm table's citation as written: the source by id or title, resolved against the data later. */
export interface FirmRowCitation {
  readonly source?: string;
  readonly locator?: string;
  readonly quote?: string;
}

/** A record read from one row (plus citation rows), with where it came from. */
export interface Draft<K extends TableKey> {
  readonly table: K;
  /** The `chain_id` / `region_id` cell, when filled. */
  readonly scope?: string;
  readonly row: number;
  readonly where: Where;
  readonly record: RowRecords[K];
  readonly sources: Citation[];
  readonly citationOrigins: Origin[];
  /** Whether the record must cite a source (it gets the imported file when it names none). */
  readonly needsCitation: boolean;
  readonly column: (field: string) => string | undefined;
}

/** Drops undefined fields, so records have the shape validation gives them. */
function compact<T>(fields: Record<string, unknown>): T {
  // A loop rather than entries → filter → fromEntries: this runs once per record read.
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

function quantity(c: RowCursor, valueKey: string, unitKey: string, qualifierKey: string): Quantity | undefined {
  const value = c.typed(valueKey, readNumber);
  const unit = c.typed(unitKey, readUnit);
  const qualifier = c.typed(qualifierKey, readQualifier);
  if (value === undefined && unit === undefined) return undefined;
  // A cell that is filled but wrong has been reported already; only report what is really missing.
  if (value === undefined)
    return c.has(valueKey)
      ? undefined
      : c.error('required', valueKey, `"${c.header(unitKey)}" is given without "${c.header(valueKey)}"`);
  if (unit === undefined)
    return c.has(unitKey)
      ? undefined
      : c.error('required', unitKey, `"${c.header(valueKey)}" needs a unit in "${c.header(unitKey)}"`);
  return qualifier ? { value, unit, qualifier } : { value, unit };
}

/** Whether a cell holds a `;`-separated list (`;` or the full-width `；`). */
const isListed = (cell: CellValue) => typeof cell === 'string' && /[;；]/.test(cell);

/** A listed cell's places, empty ones kept: `;2` is nothing for the first link and 2 for the second. */
const places = (cell: CellValue) =>
  cellText(cell)
    .split(/[;；]/)
    .map((p) => p.trim());

/**
 * A firm register row's capacities, one per link: a row listing several links (正极材料；前驱体) writes
 * its capacities the same way (50000；30000, an empty place for a link without one), with one unit for
 * all or a unit per link. One capacity for several links says not which it is for, and is refused.
 */
function firmCapacities(c: RowCursor, links: readonly string[]): (Quantity | undefined)[] | undefined {
  const cell = c.cell('capacity');
  const unitCell = c.cell('capacity_unit');
  if (!isListed(cell) && !isListed(unitCell)) {
    const single = quantity(c, 'capacity', 'capacity_unit', 'capacity_qualifier');
    if (single === undefined) return undefined;
    if (links.length > 1)
      return c.error(
        'capacity-links',
        'capacity',
        `the row lists ${links.length} links (${links.join('; ')}) but one capacity: write one capacity per link, in the same order and separated by ; (e.g. 50000;30000), or give each link a row of its own`,
        { links: links.length, capacities: 1, value: links.join('；') },
      );
    return [single];
  }
  const values = places(cell);
  const units = isListed(unitCell) ? places(unitCell) : undefined;
  const given = [values.length, ...(units ? [units.length] : [])].find((n) => n !== links.length);
  if (given !== undefined)
    return c.error(
      'capacity-links',
      values.length !== links.length ? 'capacity' : 'capacity_unit',
      `the row lists ${links.length} links (${links.join('; ')}) but ${given} capacities or units: write one per link, in the same order and separated by ; (an empty place for a link without one)`,
      { links: links.length, capacities: given, value: links.join('；') },
    );
  const qualifier = c.typed('capacity_qualifier', readQualifier);
  const single = units ? undefined : c.typed('capacity_unit', readUnit);
  const out: (Quantity | undefined)[] = [];
  for (const [i, text] of values.entries()) {
    const unitText = units ? units[i]! : undefined;
    if (text === '') {
      out.push(undefined);
      continue;
    }
    const value = readNumber(text);
    if (!value.ok) return c.error(value.code, 'capacity', value.message, value.params);
    let unit = single;
    if (unitText !== undefined && unitText !== '') {
      const read = readUnit(unitText);
      if (!read.ok) return c.error(read.code, 'capacity_unit', read.message, read.params);
      unit = read.value;
    }
    if (unit === undefined)
      return c.error(
        'required',
        'capacity_unit',
        `"${c.header('capacity')}" needs a unit in "${c.header('capacity_unit')}"`,
      );
    out.push(qualifier ? { value: value.value, unit, qualifier } : { value: value.value, unit });
  }
  return out.some((q) => q !== undefined) ? out : undefined;
}

type Reader<K extends TableKey> = (c: RowCursor, date1904: boolean) => RowRecords[K] | undefined;

/** A credit code as typed (spaces and dashes dropped, upper case), checked by its check character. */
function readCreditCodeCell(c: RowCursor): string | undefined {
  const text = c.text('credit_code');
  if (text === undefined) return undefined;
  const code = tidyCreditCode(text);
  const problem = creditCodeProblem(code);
  if (!problem) return code;
  return c.error(
    'bad-credit-code',
    'credit_code',
    `"${code.slice(0, 40)}" is not a unified social credit code: ${CREDIT_CODE_PROBLEMS[problem]}`,
    {
      value: code.slice(0, 40),
    },
  );
}

const firmCitation = (c: RowCursor): FirmRowCitation =>
  compact<FirmRowCitation>({
    source: c.text('source')?.trim(),
    locator: c.text('locator')?.trim(),
    quote: c.text('quote'),
  });

const READERS: { readonly [K in TableKey]: Reader<K> } = {
  capacities: (c, d) =>
    compact({
      region: c.text('region')?.trim(),
      enterprise: c.text('enterprise', true)?.trim(),
      link: c.text('link', true)?.trim(),
      capacity: quantity(c, 'capacity', 'capacity_unit', 'capacity_qualifier'),
      asOf: c.typed('as_of', (v) => readDate(v, d)),
      ...firmCitation(c),
    }),
  relations: (c, d) =>
    compact({
      id: c.id('id'),
      region: c.text('region')?.trim(),
      supplier: c.text('supplier', true)?.trim(),
      supplierRegion: c.text('supplier_region')?.trim(),
      buyer: c.text('buyer', true)?.trim(),
      link: c.text('link', true)?.trim(),
      volume: quantity(c, 'volume', 'volume_unit', 'volume_qualifier'),
      period: c.typed('period', (v) => readDate(v, d)),
      note: c.localized('note'),
      ...firmCitation(c),
    }),
  firms: (c, d) => {
    const aliases = readList(c.cell('aliases'));
    const links = readList(c.cell('link'));
    return compact({
      region: c.text('region')?.trim(),
      name: c.text('name', true)?.trim(),
      nameEn: c.text('name_en')?.trim(),
      creditCode: readCreditCodeCell(c),
      aliases: aliases.length > 0 ? aliases : undefined,
      links,
      capacities: firmCapacities(c, links),
      asOf: c.typed('as_of', (v) => readDate(v, d)),
      note: c.text('note')?.trim(),
      ...firmCitation(c),
    });
  },
  sources: (c, d) =>
    compact<Source>({
      id: c.id('id', true),
      title: c.text('title', true),
      publisher: c.text('publisher', true),
      date: c.typed('date', (v) => readDate(v, d)),
      url: c.text('url'),
      language: c.text('language')?.trim(),
      note: c.text('note'),
    }),
  chains: (c) => compact({ id: c.id('id', true), name: c.localized('name', true) }),
  subChains: (c) =>
    compact<SubChain>({
      id: c.id('id', true),
      name: c.localized('name', true),
      order: c.typed('order', readNumber, true),
      column: c.typed('column', readNumber),
    }),
  links: (c) => {
    const aliases = readList(c.cell('aliases'));
    return compact<LinkRow>({
      id: c.id('id', true),
      name: c.localized('name', true),
      subChain: c.text('sub_chain', true)?.trim(),
      stage: c.typed('stage', readStage, true),
      aliases: aliases.length > 0 ? aliases : undefined,
      description: c.localized('description'),
    });
  },
  edges: (c) => compact({ from: c.id('from', true), to: c.id('to', true), note: c.localized('note') }),
  intensities: (c) => {
    const low = c.typed('range_low', readNumber);
    const high = c.typed('range_high', readNumber);
    if ((low === undefined) !== (high === undefined))
      c.error(
        'required',
        low === undefined ? 'range_low' : 'range_high',
        'a range needs both its low and its high end',
      );
    return {
      from: c.id('from', true)!,
      to: c.id('to', true)!,
      intensity: compact<Omit<MaterialIntensity, 'source'>>({
        value: c.typed('value', readNumber, true),
        unit: c.typed('unit', readUnit, true),
        range: low !== undefined && high !== undefined ? [low, high] : undefined,
        measure: c.text('measure'),
        chemistry: c.text('chemistry'),
      }),
    };
  },
  regions: (c, d) =>
    compact<RegionRow>({
      id: c.id('id', true),
      name: c.localized('name', true),
      parent: c.localized('parent'),
      chainId: c.id('chain_id', true),
      asOf: c.typed('as_of', (v) => readDate(v, d), true),
    }),
  focus: (c) => ({
    products: c.ids('products'),
    applications: c.ids('applications'),
    subChains: c.ids('sub_chains'),
    supporting: c.ids('supporting'),
  }),
  statuses: (c, d) =>
    compact({
      linkId: c.id('link_id', true),
      status: c.typed('status', readStatus, true),
      capacity: quantity(c, 'capacity', 'capacity_unit', 'capacity_qualifier'),
      note: c.localized('note'),
      asOf: c.typed('as_of', (v) => readDate(v, d)),
    }),
  enterprises: (c) => {
    const aliases = readList(c.cell('aliases'));
    return compact<Omit<Enterprise, 'sources'>>({
      id: c.id('id', true),
      name: c.localized('name', true),
      creditCode: readCreditCodeCell(c),
      aliases: aliases.length > 0 ? aliases : undefined,
      linkIds: c.ids('link_ids'),
      note: c.localized('note'),
    });
  },
  projects: (c, d) => {
    const date = (k: string) => c.typed(k, (v) => readDate(v, d));
    const dates = compact<ProjectDates>({
      signed: date('signed'),
      started: date('started'),
      operating: date('operating'),
    });
    return compact<Omit<Project, 'sources'>>({
      id: c.id('id', true),
      name: c.localized('name', true),
      status: c.typed('status', readProjectStatus, true),
      linkIds: c.ids('link_ids'),
      enterpriseIds: c.ids('enterprise_ids'),
      capacity: quantity(c, 'capacity', 'capacity_unit', 'capacity_qualifier'),
      investment: quantity(c, 'investment', 'investment_unit', 'investment_qualifier'),
      dates: Object.keys(dates).length > 0 ? dates : undefined,
      note: c.localized('note'),
    });
  },
  indicators: (c, d) =>
    compact<Omit<Indicator, 'sources'>>({
      id: c.id('id', true),
      name: c.localized('name', true),
      value:
        quantity(c, 'value', 'unit', 'qualifier') ??
        c.error('required', 'value', `"${c.header('value')}" is required but empty`),
      period: c.typed('period', (v) => readDate(v, d), true),
      changePercent: c.typed('change_percent', readNumber),
      outOf: c.typed('out_of', readNumber),
      subject: c.localized('subject'),
      linkIds: c.ids('link_ids'),
      note: c.localized('note'),
      target: c.typed('target', readTarget),
      series: c.text('series')?.trim(),
    }),
};

/** Model fields whose column is not their snake-case name. */
const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  name: 'name_zh',
  description: 'description_zh',
  note: 'note_zh',
  subject: 'subject_zh',
  parent: 'parent_zh',
  sources: 'source_id',
  'capacity.value': 'capacity',
  capacity: 'capacity',
  'investment.value': 'investment',
  investment: 'investment',
  'value.value': 'value',
  'value.unit': 'unit',
  'value.qualifier': 'qualifier',
  'source.sourceId': 'source_id',
  'sources.sourceId': 'source_id',
  'sources.locator': 'locator',
  'sources.quote': 'quote',
  'source.locator': 'locator',
  'source.quote': 'quote',
  'sources.translation.en': 'translation_en',
  'sources.translation.zh': 'translation_zh',
  'source.translation.en': 'translation_en',
  'source.translation.zh': 'translation_zh',
  source: 'source_id',
  range: 'range_low',
  'dates.signed': 'signed',
  'dates.started': 'started',
  'dates.operating': 'operating',
  subChains: 'sub_chains',
};

/** The column key holding model field `field` in `spec`, if the table has one. */
export function columnKeyOf(spec: TableSpec, field: string): string | undefined {
  const key = FIELD_COLUMNS[field] ?? field.replace(/\./g, '_').replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  return spec.columns.some((c) => c.key === key) ? key : undefined;
}

/** Whether a record of this table must cite a source. */
function needsCitation(table: TableKey, record: unknown): boolean {
  if (table === 'sources' || table === 'chains' || table === 'subChains' || table === 'regions') return false;
  if (table === 'statuses') return (record as { status?: string }).status !== 'unknown';
  return true;
}

/**
 * Reads every row of a bound table into drafts. Blank rows are skipped; a row that repeats a record's
 * key and fills only citation columns adds a citation to that record; any other repeat is an error.
 */
export async function readDrafts<K extends TableKey>(
  table: BoundTable,
  file: string,
  issues: ImportIssue[],
  tick: (done: number) => Promise<void>,
): Promise<Draft<K>[]> {
  const spec = table.spec;
  const read = READERS[spec.key] as unknown as Reader<K>;
  const drafts: Draft<K>[] = [];
  const byKey = new Map<string, Draft<K>>();
  // Keys of rows that failed, so their citation rows do not each report the record again.
  const failed = new Set<string>();
  const columnFor = (field: string) => {
    const key = columnKeyOf(spec, field);
    return key === undefined ? undefined : (table.headers.get(key) ?? key);
  };
  const width = table.raw.header.length;
  let n = 0;
  // Report every 1% of the rows (at most every 1,000), so the bar moves evenly whatever the size.
  const every = Math.max(1, Math.min(1000, Math.floor(table.raw.rows.length / 100)));
  for (const { row, cells } of table.raw.rows) {
    if (++n % every === 0) await tick(n);
    if (cells.every((cell) => cell === undefined || (typeof cell === 'string' && cell.trim() === ''))) continue;
    const c = new RowCursor(table, row, cells, file, issues);
    if (cells.length > width && cells.slice(width).some((cell) => cell !== undefined && String(cell).trim() !== '')) {
      c.error('ragged-row', undefined, `row ${row} has ${cells.length} cells but the header has ${width} columns`, {
        cells: cells.length,
        columns: width,
      });
      continue;
    }
    const scopeCell = spec.scopeColumn ? c.id(spec.scopeColumn) : undefined;
    const key = `${scopeCell ?? ''}\u0001${c.key()}`;
    const earlier = spec.keyColumns.length > 0 ? byKey.get(key) : undefined;
    if (!earlier && failed.has(key) && c.isCitationOnly()) continue;
    if (earlier && c.isCitationOnly()) {
      const citation = c.citation();
      if (citation) {
        earlier.citationOrigins.push({ where: c.where(), column: columnFor });
        earlier.sources.push(citation);
      } else if (c.errors === 0)
        c.warn(
          'ignored',
          undefined,
          `repeats ${spec.keyColumns.join(' and ')} of row ${earlier.row} without a citation, so it adds nothing`,
        );
      continue;
    }
    const record = read(c, table.raw.date1904 ?? false);
    const citation = c.citation();
    if (earlier && c.errors === 0) {
      const what = spec.keyColumns.map((k) => c.header(k)).join(' + ');
      c.error(
        spec.key === 'edges' ? 'duplicate-edge' : 'duplicate-id',
        spec.keyColumns[0],
        `${what} "${c.key().replace('\u0000', ' → ')}" is already on row ${earlier.row}`,
        {
          value: c.key().replace('\u0000', ' → '),
          firstRow: earlier.row,
        },
      );
    }
    if (c.errors > 0 || record === undefined) {
      if (!earlier) failed.add(key);
      continue;
    }
    const draft: Draft<K> = {
      table: spec.key as K,
      ...(scopeCell !== undefined ? { scope: scopeCell } : {}),
      row,
      where: c.where(),
      record,
      sources: citation ? [citation] : [],
      citationOrigins: citation ? [{ where: c.where(), column: columnFor }] : [],
      needsCitation: needsCitation(spec.key, record),
      column: columnFor,
    };
    drafts.push(draft);
    if (spec.keyColumns.length > 0) byKey.set(key, draft);
  }
  return drafts;
}
