/**
 * Turning the proposals a planner accepted into one edit: the new source (with its full text) and every
 * accepted fact, each citing the source with its quote and paragraph, built through the app's edit
 * operations and joined with `thenEdit`, so the whole reading is one step in the undo history.
 */
import {
  addEnterprise,
  addIndicator,
  addProject,
  addSource,
  setLinkState,
  thenEdit,
  updateEnterprise,
  updateIndicator,
  updateProject,
  type EditResult,
} from '../edits';
import { digestText } from '../digest';
import { uniqueId } from '../ids';
import type { Citation, Dataset, Localized, PartialDate, Source } from '../types';
import { compareProposals, findEnterprise } from './compare';
import type { Proposal, ProposedFact } from './types';

/** What the planner says of the source being read. The text is passed separately. */
export interface SourceMeta {
  /** Chosen by the app when absent (`newSourceId`). */
  readonly id?: string;
  readonly title: string;
  readonly publisher: string;
  readonly date?: PartialDate;
  readonly url?: string;
  readonly language?: string;
  readonly note?: string;
}

/** A short, stable hash (the digest in base 36), so the same name read twice gets the same id. */
function hash(text: string): string {
  return parseInt(digestText(text), 16).toString(36);
}

/** An id from a name: its Latin words if it has them, else a hash of it; made unique among `taken`. */
function idFor(prefix: string, name: string, taken: ReadonlySet<string>): string {
  const words = name
    .toLowerCase()
    .match(/[a-z0-9]+/g)
    ?.join('-')
    .slice(0, 60);
  return uniqueId(`${prefix}-${words && words.length >= 3 ? words : hash(name)}`, taken);
}

/** A new source's id: `read-` with its date and a hash of title and publisher, unique in the dataset. */
export function newSourceId(dataset: Dataset, meta: Omit<SourceMeta, 'id'>): string {
  const taken = new Set(dataset.sources.map((s) => s.id));
  return idFor(`read${meta.date ? `-${meta.date}` : ''}`, `${meta.title}\u0000${meta.publisher}`, taken);
}

const both = (text: string): Localized => ({ zh: text, en: text });

/** The citations of a proposal: each place it stands, with its quote. */
function citationsOf(p: Proposal, sourceId: string): Citation[] {
  const seen = new Set<string>();
  return p.evidence
    .map((e) => ({ sourceId, locator: e.locator, quote: e.quote }))
    .filter((c) => !seen.has(`${c.locator}\u0000${c.quote}`) && seen.add(`${c.locator}\u0000${c.quote}`));
}

/** Citations not yet among `old`. */
const plus = (old: readonly Citation[], add: readonly Citation[]) => [
  ...old,
  ...add.filter((c) => !old.some((o) => o.sourceId === c.sourceId && o.locator === c.locator && o.quote === c.quote)),
];

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

const TARGET_NOTE: Localized = {
  zh: '来源所定的目标，不是实际数字。',
  en: 'A target the source sets, not a reported result.',
};

/** One accepted proposal as an edit of `ds`: added when new, the stored record updated when it agrees or conflicts. */
function applyProposal(
  ds: Dataset,
  regionId: string,
  p: Proposal,
  sourceId: string,
  fallbackDate: PartialDate,
): EditResult {
  const region = ds.regions.find((r) => r.id === regionId)!;
  const [compared] = compareProposals(ds, regionId, [p]);
  const stored = compared?.verdict === 'new' ? undefined : compared?.stored;
  const agrees = compared?.verdict === 'agrees';
  const cites = citationsOf(p, sourceId);
  const f: ProposedFact = p.fact;
  switch (f.kind) {
    case 'linkState': {
      const old = stored?.kind === 'linkState' ? stored.record : undefined;
      if (old && agrees) {
        const { linkId: _l, ...fields } = old;
        return setLinkState(ds, regionId, f.linkId, {
          ...fields,
          ...(!old.capacity && f.capacity && { capacity: f.capacity }),
          sources: plus(old.sources, cites),
        });
      }
      // New, or a different status: the state is the text's, cited to it alone (the old note described the old state).
      return setLinkState(ds, regionId, f.linkId, {
        status: f.status,
        ...(f.capacity && { capacity: f.capacity }),
        asOf: f.asOf ?? fallbackDate,
        sources: cites,
      });
    }
    case 'enterprise': {
      if (stored?.kind === 'enterprise') {
        const e = stored.record;
        return updateEnterprise(ds, regionId, {
          ...e,
          linkIds: union(e.linkIds, f.linkIds),
          sources: plus(e.sources, cites),
        });
      }
      const id = idFor('ent', f.name, new Set(region.enterprises.map((e) => e.id)));
      return addEnterprise(ds, regionId, { id, name: both(f.name), linkIds: f.linkIds, sources: cites });
    }
    case 'project': {
      // Enterprises are named in the text; those the region holds (or this reading added) become ids.
      const firms = f.enterprises.map((n) => ({ n, e: findEnterprise(region, n) }));
      const enterpriseIds = firms.flatMap(({ e }) => (e ? [e.id] : []));
      const unplaced = firms.filter(({ e }) => !e).map(({ n }) => n);
      const note = unplaced.length
        ? { zh: `企业：${unplaced.join('、')}`, en: `Enterprise: ${unplaced.join(', ')}` }
        : undefined;
      const fields = {
        status: f.status,
        ...(f.capacity && { capacity: f.capacity }),
        ...(f.investment && { investment: f.investment }),
      };
      if (stored?.kind === 'project') {
        const old = stored.record;
        const dates = { ...old.dates, ...f.dates };
        return updateProject(ds, regionId, {
          ...old,
          ...fields,
          linkIds: union(old.linkIds, f.linkIds),
          enterpriseIds: union(old.enterpriseIds, enterpriseIds),
          ...(Object.keys(dates).length && { dates }),
          sources: plus(old.sources, cites),
        });
      }
      const id = idFor('prj', f.name, new Set(region.projects.map((x) => x.id)));
      return addProject(ds, regionId, {
        id,
        name: both(f.name),
        ...fields,
        linkIds: f.linkIds,
        enterpriseIds,
        ...(f.dates && { dates: f.dates }),
        ...(note && { note }),
        sources: cites,
      });
    }
    case 'indicator': {
      const extra = {
        ...(f.changePercent !== undefined && { changePercent: f.changePercent }),
        ...(f.outOf !== undefined && { outOf: f.outOf }),
        ...(f.subject && { subject: both(f.subject) }),
      };
      if (stored?.kind === 'indicator') {
        const old = stored.record;
        // Agreeing, it gains a citation; conflicting, it takes the new figure, cited to the new source.
        return agrees
          ? updateIndicator(ds, regionId, { ...extra, ...old, sources: plus(old.sources, cites) })
          : updateIndicator(ds, regionId, { ...old, ...extra, value: f.value, sources: cites });
      }
      const name: Localized = f.target ? { zh: `目标：${f.name}`, en: `Target: ${f.name}` } : both(f.name);
      const period = f.period ?? fallbackDate;
      const id = idFor('ind', `${f.name} ${period}`, new Set(region.indicators.map((x) => x.id)));
      return addIndicator(ds, regionId, {
        id,
        name,
        value: f.value,
        period,
        ...extra,
        linkIds: f.linkIds,
        ...(f.target && { note: TARGET_NOTE }),
        sources: cites,
      });
    }
  }
}

function noRegion(regionId: string): EditResult {
  const message = `region "${regionId}" (regions) does not exist`;
  const record = { kind: 'region' as const, id: regionId };
  return {
    ok: false,
    issues: [
      {
        severity: 'error',
        code: 'unknown-ref',
        path: 'regions',
        record,
        field: '',
        params: { value: regionId, target: 'region' },
        message,
      },
    ],
  };
}

/** Enterprises first (projects name them), then states, projects and indicators. */
const ORDER: Readonly<Record<ProposedFact['kind'], number>> = { enterprise: 0, linkState: 1, project: 2, indicator: 3 };

/**
 * The edit that adds a read source (with its full text) and the accepted proposals, each citing it:
 * one undo step. Refused as a whole, with the validation issues, when any part is invalid.
 *
 * @example
 * const result = acceptProposals(dataset, 'jinchang', { title, publisher, date: '2024' }, text, chosen);
 * if (result.ok) store.apply(result.edit);
 */
export function acceptProposals(
  dataset: Dataset,
  regionId: string,
  meta: SourceMeta,
  text: string,
  proposals: readonly Proposal[],
): EditResult {
  const sourceId = meta.id ?? newSourceId(dataset, meta);
  const source: Source = {
    id: sourceId,
    title: meta.title,
    publisher: meta.publisher,
    ...(meta.date && { date: meta.date }),
    ...(meta.url && { url: meta.url }),
    ...(meta.language && { language: meta.language }),
    ...(meta.note && { note: meta.note }),
    text,
  };
  const region = dataset.regions.find((r) => r.id === regionId);
  if (!region) return noRegion(regionId);
  const fallbackDate = meta.date ?? region.asOf;
  let result = addSource(dataset, source);
  const sorted = [...proposals].sort((a, b) => ORDER[a.fact.kind] - ORDER[b.fact.kind]);
  for (const p of sorted) result = thenEdit(result, (ds) => applyProposal(ds, regionId, p, sourceId, fallbackDate));
  if (!result.ok) return result;
  const n = proposals.length;
  const label = {
    zh: `读取来源：${meta.title}（${n} 条事实）`,
    en: `Read a source: ${meta.title} (${n} ${n === 1 ? 'fact' : 'facts'})`,
  };
  return { ...result, edit: { ...result.edit, label } };
}
