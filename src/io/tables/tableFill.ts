/**
 * Filling a chain and a region with the drafts of their tables: sub-chains resolved by id or name,
 * intensities attached to their edges, and the imported file cited where a row names no source.
 */
import type { RecordKind } from '../../model/issues';
import type {
  ChainLink,
  ChainTemplate,
  Citation,
  Enterprise,
  Indicator,
  LinkState,
  MaterialIntensity,
  Project,
  Region,
  Source,
  SubChain,
  SupplyEdge,
} from '../../model/types';
import { idFromKey, idFromName } from '../../model/ids';
import type { Where } from '../issues';
import { importError } from '../issues';
import type { Origin, Origins, Scope } from '../origins';
import type { Draft } from './tableRecords';
import type { TableKey } from './tables';
import type { ImportContext, ImportIssue } from '../types';
import { edgeKey } from '../../model/order';

/** Drafts by table. */
export type Drafts = { -readonly [K in TableKey]?: Draft<K>[] };

/** The source record an import creates for rows that cite none: the imported file itself. */
export function importSourceFor(ctx: Pick<ImportContext, 'fileName' | 'importedAt'>): Source {
  const date = ctx.importedAt.slice(0, 10);
  // Characters outside printable ASCII are separators here (`données.csv` → `donn-es-csv`), as they
  // were before ids were made in one place: a file imported again keeps the source id it had.
  let slug = idFromName(ctx.fileName.toLowerCase().replace(/[^ -~]/g, '-')).slice(0, 80);
  if (!/[a-z]/.test(slug)) slug = idFromKey('file', ctx.fileName);
  // A name the slug cannot spell (企业名录.csv and 供应商名单.csv both give "csv") keeps its own id.
  else if (/[^A-Za-z0-9._\s-]/.test(ctx.fileName)) slug = idFromKey(slug, ctx.fileName);
  return { id: `import-${date.replace(/-/g, '')}-${slug}`, title: ctx.fileName, publisher: 'Imported file', date };
}

/** Where a row is, as a citation locator: `row 5`, or `sheet Links, row 5` in a workbook. */
function locatorOf(where: Where): string {
  return where.sheet !== undefined ? `sheet ${where.sheet}, row ${where.row}` : `row ${where.row}`;
}

/** Finishes drafts: adds the citation of the imported file where a record needs one and names none. */
export class Finisher {
  readonly source: Source;
  used = false;

  constructor(
    ctx: ImportContext,
    readonly origins: Origins,
  ) {
    this.source = importSourceFor(ctx);
  }

  citations(d: Draft<TableKey>): Citation[] {
    if (d.sources.length > 0 || !d.needsCitation) return d.sources;
    this.used = true;
    return [{ sourceId: this.source.id, locator: locatorOf(d.where) }];
  }

  /** Records the draft's origin under `scope`. */
  register(scope: Scope, kind: RecordKind, id: string, d: Draft<TableKey>, parts: [string, Origin][] = []): void {
    const citationParts = d.citationOrigins.map((o, i): [string, Origin] => [`sources[${i}]`, o]);
    this.origins.add(scope, kind, id, {
      where: d.where,
      column: d.column,
      parts: new Map([...citationParts, ...parts]),
    });
  }
}

/** Picks a sub-chain by id, else by its Chinese or English name; otherwise keeps the text for validation to report. */
function resolveSubChain(text: string, subChains: readonly SubChain[]): string {
  const lower = text.toLowerCase();
  return (
    subChains.find((s) => s.id === text)?.id ??
    subChains.find((s) => s.name.zh === text || s.name.en.toLowerCase() === lower)?.id ??
    text
  );
}

export interface MutableChain extends Omit<ChainTemplate, 'subChains' | 'links' | 'edges'> {
  subChains: SubChain[];
  links: ChainLink[];
  edges: SupplyEdge[];
}
export interface MutableRegion extends Omit<
  Region,
  'linkStates' | 'enterprises' | 'projects' | 'indicators' | 'focus'
> {
  focus?: Region['focus'];
  linkStates: LinkState[];
  enterprises: Enterprise[];
  projects: Project[];
  indicators: Indicator[];
}

/** Adds the chain-level tables' drafts to `chain` (sub-chains, links, edges, intensities). */
export function fillChain(
  chain: MutableChain,
  drafts: Drafts,
  belongs: (d: Draft<TableKey>) => boolean,
  f: Finisher,
  issues: ImportIssue[],
  file: string,
  baseSubChains: readonly SubChain[],
  baseEdges: readonly SupplyEdge[],
): void {
  const scope = `chain:${chain.id}`;
  for (const d of (drafts.subChains ?? []).filter(belongs)) {
    chain.subChains.push(d.record);
    f.register(scope, 'sub-chain', d.record.id, d);
  }
  const known = [...baseSubChains, ...chain.subChains];
  for (const d of (drafts.links ?? []).filter(belongs)) {
    const link = { ...d.record, subChain: resolveSubChain(d.record.subChain, known), sources: f.citations(d) };
    chain.links.push(link as ChainLink);
    f.register(scope, 'link', link.id, d);
  }
  const edgeDrafts = new Map<string, { edge: SupplyEdge; draft?: Draft<'edges'> }>();
  const stored = new Map(baseEdges.map((e) => [edgeKey(e.from, e.to), e]));
  for (const d of (drafts.edges ?? []).filter(belongs)) {
    // Intensities are a table of their own: an edges table keeps those already stored.
    const kept = stored.get(edgeKey(d.record.from, d.record.to))?.intensities;
    const edge: SupplyEdge = { ...d.record, ...(kept ? { intensities: kept } : {}), sources: f.citations(d) };
    chain.edges.push(edge);
    edgeDrafts.set(edgeKey(edge.from, edge.to), { edge, draft: d });
  }
  const intensityDrafts = (drafts.intensities ?? []).filter(belongs);
  if (!drafts.edges && intensityDrafts.length > 0) {
    // An intensities table alone updates the stored edges; the patch carries them all, so that
    // neither mode loses an edge the file does not mention.
    for (const e of baseEdges) {
      chain.edges.push(e);
      edgeDrafts.set(edgeKey(e.from, e.to), { edge: e });
    }
  }
  const intensities = new Map<string, { list: MaterialIntensity[]; parts: [string, Origin][] }>();
  for (const d of intensityDrafts) {
    const { from, to, intensity } = d.record;
    const key = edgeKey(from, to);
    if (!edgeDrafts.has(key)) {
      const base = stored.get(key);
      if (!base) {
        issues.push(
          importError(
            'unknown-ref',
            file,
            { ...d.where, field: d.column('from') ?? 'from' },
            `there is no supply edge ${from} → ${to} for this intensity`,
            { value: `${from} → ${to}`, target: 'edge' },
          ),
        );
        continue;
      }
      const copy: SupplyEdge = { ...base };
      chain.edges.push(copy);
      edgeDrafts.set(key, { edge: copy });
    }
    const entry = intensities.get(key) ?? { list: [], parts: [] };
    entry.parts.push([`intensities[${entry.list.length}]`, { where: d.where, column: d.column }]);
    entry.list.push({ ...intensity, source: f.citations(d)[0]! } as MaterialIntensity);
    intensities.set(key, entry);
  }
  chain.edges = chain.edges.map((edge) => {
    const key = edgeKey(edge.from, edge.to);
    const extra = intensities.get(key);
    const draft = edgeDrafts.get(key)?.draft;
    const id = `${edge.from} → ${edge.to}`;
    if (draft) f.register(scope, 'edge', id, draft, extra?.parts);
    else if (extra) f.origins.add(scope, 'edge', id, extra.parts[0]![1]);
    return extra ? { ...edge, intensities: extra.list } : edge;
  });
}

/** Adds the region-level tables' drafts to `region`; states without a date take the region's. */
export function fillRegion(
  region: MutableRegion,
  drafts: Drafts,
  belongs: (d: Draft<TableKey>) => boolean,
  f: Finisher,
): void {
  const scope = `region:${region.id}`;
  for (const d of (drafts.focus ?? []).filter(belongs)) {
    region.focus = { ...d.record, sources: f.citations(d) };
    f.register(scope, 'focus', region.id, d);
  }
  for (const d of (drafts.statuses ?? []).filter(belongs)) {
    region.linkStates.push({ ...d.record, asOf: d.record.asOf ?? region.asOf, sources: f.citations(d) } as LinkState);
    f.register(scope, 'link-state', d.record.linkId, d);
  }
  const simple = [
    ['enterprises', 'enterprise'],
    ['projects', 'project'],
    ['indicators', 'indicator'],
  ] as const;
  for (const [table, kind] of simple) {
    for (const d of (drafts[table] ?? []).filter(belongs) as Draft<'enterprises' | 'projects' | 'indicators'>[]) {
      (region[table] as unknown[]).push({ ...d.record, sources: f.citations(d) });
      f.register(scope, kind, d.record.id, d);
    }
  }
}
