/**
 * A dataset as table rows, one list of rows per table, in the columns of `tables.ts`. A record with
 * several citations takes one row per citation after the first: its key and the citation columns.
 */
import type { Citation, Dataset, Localized, Quantity } from '../../model/types';
import type { CellValue } from '../syntax/cells';
import { writeList } from '../syntax/cells';
import type { TableKey, TableSpec } from './tables';
import { TABLES } from './tables';

type Cells = Record<string, CellValue>;

const loc = (prefix: string, value: Localized | undefined): Cells =>
  value ? { [`${prefix}_zh`]: value.zh, [`${prefix}_en`]: value.en } : {};

const qty = (prefix: string, unitKey: string, qualifierKey: string, q: Quantity | undefined): Cells =>
  q ? { [prefix]: q.value, [unitKey]: q.unit, ...(q.qualifier ? { [qualifierKey]: q.qualifier } : {}) } : {};

const cite = (c: Citation | undefined): Cells =>
  c
    ? {
        source_id: c.sourceId,
        locator: c.locator,
        ...(c.quote !== undefined ? { quote: c.quote } : {}),
        ...(c.translation?.en !== undefined ? { translation_en: c.translation.en } : {}),
        ...(c.translation?.zh !== undefined ? { translation_zh: c.translation.zh } : {}),
      }
    : {};

/** A citation in the firm tables' columns (`source` rather than `source_id`). */
const firmCite = (c: Citation): Cells => ({
  source: c.sourceId,
  locator: c.locator,
  ...(c.quote !== undefined ? { quote: c.quote } : {}),
});

/** The record's row, then one row per further citation (repeating the key columns). */
function withCitations(spec: TableSpec, cells: Cells, sources: readonly Citation[]): Cells[] {
  const rows = [{ ...cells, ...cite(sources[0]) }];
  const keys = new Set([...spec.keyColumns, ...(spec.scopeColumn ? [spec.scopeColumn] : [])]);
  for (const c of sources.slice(1))
    rows.push({ ...Object.fromEntries([...keys].map((k) => [k, cells[k]])), ...cite(c) });
  return rows;
}

const spec = (key: TableKey) => TABLES.find((t) => t.key === key)!;

/** Every table's rows, as cell maps keyed by column key. */
export function datasetRows(ds: Dataset): Map<TableKey, Cells[]> {
  const out = new Map<TableKey, Cells[]>(TABLES.map((t) => [t.key, []]));
  const push = (key: TableKey, rows: Cells[]) => out.get(key)!.push(...rows);
  for (const s of ds.sources) {
    push('sources', [
      {
        id: s.id,
        title: s.title,
        publisher: s.publisher,
        date: s.date,
        url: s.url,
        language: s.language,
        note: s.note,
      },
    ]);
  }
  for (const c of ds.chains) {
    push('chains', withCitations(spec('chains'), { id: c.id, ...loc('name', c.name) }, c.sources));
    for (const s of c.subChains) {
      push('subChains', [{ chain_id: c.id, id: s.id, ...loc('name', s.name), order: s.order, column: s.column }]);
    }
    for (const l of c.links) {
      const cells = {
        chain_id: c.id,
        id: l.id,
        ...loc('name', l.name),
        sub_chain: l.subChain,
        stage: l.stage,
        aliases: l.aliases ? writeList(l.aliases) : undefined,
        ...loc('description', l.description),
      };
      push('links', withCitations(spec('links'), cells, l.sources));
    }
    for (const e of c.edges) {
      push(
        'edges',
        withCitations(spec('edges'), { chain_id: c.id, from: e.from, to: e.to, ...loc('note', e.note) }, e.sources),
      );
      for (const i of e.intensities ?? []) {
        push('intensities', [
          {
            chain_id: c.id,
            from: e.from,
            to: e.to,
            value: i.value,
            unit: i.unit,
            range_low: i.range?.[0],
            range_high: i.range?.[1],
            measure: i.measure,
            chemistry: i.chemistry,
            ...cite(i.source),
          },
        ]);
      }
    }
  }
  for (const r of ds.regions) {
    push('regions', [
      { id: r.id, ...loc('name', r.name), ...loc('parent', r.parent), chain_id: r.chainId, as_of: r.asOf },
    ]);
    const f = r.focus;
    if (f) {
      const cells = {
        region_id: r.id,
        products: writeList(f.products),
        applications: writeList(f.applications),
        sub_chains: writeList(f.subChains),
        supporting: writeList(f.supporting),
      };
      push('focus', withCitations(spec('focus'), cells, f.sources));
    }
    for (const s of r.linkStates) {
      const cells = {
        region_id: r.id,
        link_id: s.linkId,
        status: s.status,
        ...qty('capacity', 'capacity_unit', 'capacity_qualifier', s.capacity),
        as_of: s.asOf,
        ...loc('note', s.note),
      };
      push('statuses', withCitations(spec('statuses'), cells, s.sources));
    }
    for (const e of r.enterprises) {
      const cells = {
        region_id: r.id,
        id: e.id,
        ...loc('name', e.name),
        credit_code: e.creditCode,
        aliases: e.aliases ? writeList(e.aliases) : undefined,
        link_ids: writeList(e.linkIds),
        ...loc('note', e.note),
      };
      push('enterprises', withCitations(spec('enterprises'), cells, e.sources));
      // One row per capacity and citation: a further citation repeats the whole row.
      for (const c of e.capacities ?? []) {
        const cap = {
          region: r.id,
          enterprise: e.id,
          link: c.linkId,
          ...qty('capacity', 'capacity_unit', 'capacity_qualifier', c.capacity),
          as_of: c.asOf,
        };
        push(
          'capacities',
          c.sources.map((x) => ({ ...cap, ...firmCite(x) })),
        );
      }
    }
    for (const x of r.relations ?? []) {
      const cells = {
        id: x.id,
        region: r.id,
        supplier: x.supplier.enterpriseId,
        supplier_region: x.supplier.regionId,
        buyer: x.buyer.enterpriseId,
        link: x.linkId,
        ...qty('volume', 'volume_unit', 'volume_qualifier', x.volume),
        period: x.period,
        ...loc('note', x.note),
      };
      push(
        'relations',
        x.sources.map((c) => ({ ...cells, ...firmCite(c) })),
      );
    }
    for (const p of r.projects) {
      const cells = {
        region_id: r.id,
        id: p.id,
        ...loc('name', p.name),
        status: p.status,
        link_ids: writeList(p.linkIds),
        enterprise_ids: writeList(p.enterpriseIds),
        ...qty('capacity', 'capacity_unit', 'capacity_qualifier', p.capacity),
        ...qty('investment', 'investment_unit', 'investment_qualifier', p.investment),
        signed: p.dates?.signed,
        started: p.dates?.started,
        operating: p.dates?.operating,
        ...loc('note', p.note),
      };
      push('projects', withCitations(spec('projects'), cells, p.sources));
    }
    for (const i of r.indicators) {
      const cells = {
        region_id: r.id,
        id: i.id,
        ...loc('name', i.name),
        ...qty('value', 'unit', 'qualifier', i.value),
        period: i.period,
        change_percent: i.changePercent,
        out_of: i.outOf,
        ...loc('subject', i.subject),
        link_ids: writeList(i.linkIds),
        ...loc('note', i.note),
        target: i.target ? 'target' : undefined,
        series: i.series,
      };
      push('indicators', withCitations(spec('indicators'), cells, i.sources));
    }
  }
  return out;
}

/** A table's rows as arrays in its column order. */
export function rowArrays(table: TableSpec, rows: readonly Cells[]): CellValue[][] {
  return rows.map((r) => table.columns.map((c) => r[c.key]));
}

/** The header row of a table in English or Chinese. */
export function headerRow(table: TableSpec, lang: 'en' | 'zh'): string[] {
  return table.columns.map((c) => c[lang]);
}
