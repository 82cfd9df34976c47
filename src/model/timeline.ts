/**
 * The data as it stood at a date, and what changed between two dates.
 *
 * A date here is as precise as a planner types it: a year (`2022`), a month (`2022-06`) or a day
 * (`2022-06-03`), and it means the end of that period: "the chain at 2022-06" is everything known by
 * 30 June 2022. A record's own date is as precise as its source gives it and means its start: a status
 * as of `2024` counts from 2024 on. So a record counts at a date when its start is at or before the
 * date's end.
 *
 * - A link's state counts from its `asOf`. The latest state at or before the date holds; a link whose
 *   only record is later is unknown then, as no record said anything yet.
 * - A project's status follows its dates: in operation from `operating`, building from `started`,
 *   signed from `signed`. A project whose every dated step is later had not started. A project with
 *   no dates keeps its stored status from the first date a source reports it.
 * - A figure counts once it was reported: not before its period began, and not before the first dated
 *   source that gives it. A target (`target: true`) counts from its source, whatever year it aims at.
 * - Enterprises have no dates and stay as stored.
 */
import type {
  Citation,
  Dataset,
  Indicator,
  LinkState,
  LinkStatus,
  Project,
  ProjectStatus,
  Region,
  Source,
} from './types';

/** A date a planner can ask for: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day. */
export function isAskedDate(text: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/** The first day of a partial date (`2024-H2` → `2024-07-01`), as `YYYY-MM-DD`. */
export function dateStart(date: string): string {
  const half = /^(\d{4})-H([12])$/.exec(date);
  if (half) return `${half[1]}-${half[2] === '1' ? '01' : '07'}-01`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(date);
  if (quarter) return `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date;
}

/** The last day of a partial date, as a `YYYY-MM-DD` that sorts after every day in it (`2022-06` → `2022-06-31`). */
export function dateEnd(date: string): string {
  const half = /^(\d{4})-H([12])$/.exec(date);
  if (half) return `${half[1]}-${half[2] === '1' ? '06' : '12'}-31`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(date);
  if (quarter) return `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}-31`;
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-31`;
  return date;
}

/** Whether a record dated `date` counts at `at` (its start at or before the end of `at`). */
export function countsAt(date: string, at: string): boolean {
  return dateStart(date) <= dateEnd(at);
}

/** Why a record is left out at a date. */
export type LaterReason =
  /** A link's state recorded only after the date. */
  | 'recorded-later'
  /** A project whose first dated step is after the date. */
  | 'not-started'
  /** A project or figure first reported after the date. */
  | 'reported-later';

/** A record the data holds that did not count yet at the date, with the date it counts from. */
export interface LaterRecord {
  readonly kind: 'state' | 'project' | 'indicator';
  readonly id: string;
  readonly reason: LaterReason;
  /** The date it counts from (a project's first dated step, a figure's first dated source, a state's `asOf`). */
  readonly from: string;
  /** For a project: which step that date is. */
  readonly step?: keyof NonNullable<Project['dates']>;
}

export interface RegionAt {
  readonly region: Region;
  readonly later: readonly LaterRecord[];
}

/** The earliest date among the dated sources `citations` cite, or undefined when none is dated. */
function firstReported(citations: readonly Citation[], sources: ReadonlyMap<string, Source>): string | undefined {
  let first: string | undefined;
  for (const c of citations) {
    const d = sources.get(c.sourceId)?.date;
    if (d && (first === undefined || dateStart(d) < dateStart(first))) first = d;
  }
  return first;
}

const STEPS = ['operating', 'started', 'signed'] as const;
const STEP_STATUS: Record<(typeof STEPS)[number], ProjectStatus> = {
  operating: 'operating',
  started: 'building',
  signed: 'signed',
};

/** A project as it stood at `at`, or why it is left out. */
function projectAt(
  p: Project,
  at: string,
  sources: ReadonlyMap<string, Source>,
): { project: Project } | { later: LaterRecord } {
  const dated = STEPS.filter((s) => p.dates?.[s] !== undefined);
  if (dated.length) {
    const reached = dated.find((s) => countsAt(p.dates![s]!, at));
    if (!reached) {
      const first = [...dated].sort((a, b) => (dateStart(p.dates![a]!) < dateStart(p.dates![b]!) ? -1 : 1))[0]!;
      return { later: { kind: 'project', id: p.id, reason: 'not-started', from: p.dates![first]!, step: first } };
    }
    // A halt has no date: a halted project stays halted once its last dated step is reached.
    const status = p.status === 'halted' && reached === dated[0] ? 'halted' : STEP_STATUS[reached];
    return { project: status === p.status ? p : { ...p, status } };
  }
  const reported = firstReported(p.sources, sources);
  if (reported && !countsAt(reported, at)) {
    return { later: { kind: 'project', id: p.id, reason: 'reported-later', from: reported } };
  }
  return { project: p };
}

/** When a figure counts from: its period's start, or its first dated source if later; a target only from its source. */
export function reportedFrom(indicator: Indicator, sources: ReadonlyMap<string, Source>): string {
  const reported = firstReported(indicator.sources, sources);
  if (indicator.target) return reported ?? indicator.period;
  if (!reported) return indicator.period;
  return dateStart(reported) > dateStart(indicator.period) ? reported : indicator.period;
}

/** A region as it stood at `at`, and the records left out. */
export function regionAt(region: Region, at: string, sources: ReadonlyMap<string, Source>): RegionAt {
  const later: LaterRecord[] = [];
  const linkStates: LinkState[] = [];
  for (const s of region.linkStates) {
    if (countsAt(s.asOf, at)) linkStates.push(s);
    else later.push({ kind: 'state', id: s.linkId, reason: 'recorded-later', from: s.asOf });
  }
  const projects: Project[] = [];
  for (const p of region.projects) {
    const r = projectAt(p, at, sources);
    if ('project' in r) projects.push(r.project);
    else later.push(r.later);
  }
  const indicators: Indicator[] = [];
  for (const i of region.indicators) {
    const from = reportedFrom(i, sources);
    if (countsAt(from, at)) indicators.push(i);
    else later.push({ kind: 'indicator', id: i.id, reason: 'reported-later', from });
  }
  const asOf = dateStart(region.asOf) > dateEnd(at) ? at : region.asOf;
  return { region: { ...region, asOf, linkStates, projects, indicators }, later };
}

/** The whole dataset as it stood at `at` (see the module's rules). Chains and sources stay as they are. */
export function datasetAt(dataset: Dataset, at: string): Dataset {
  const sources = new Map(dataset.sources.map((s) => [s.id, s]));
  return { ...dataset, regions: dataset.regions.map((r) => regionAt(r, at, sources).region) };
}

/** One change between two dates. */
export type Change =
  | {
      readonly kind: 'status';
      readonly linkId: string;
      readonly before: LinkStatus;
      readonly after: LinkStatus;
      readonly asOf: string;
      readonly sources: readonly Citation[];
    }
  | {
      readonly kind: 'project';
      readonly projectId: string;
      readonly name: Project['name'];
      /** Undefined when the project had not started or was not reported at the first date. */
      readonly before: ProjectStatus | undefined;
      readonly after: ProjectStatus;
      readonly sources: readonly Citation[];
    }
  | {
      readonly kind: 'indicator';
      readonly indicatorId: string;
      readonly indicator: Indicator;
      /** When it was reported (see `reportedFrom`). */
      readonly reported: string;
      readonly sources: readonly Citation[];
    };

/**
 * What changed in `region` between `from` and `to` (each the end of its period): link statuses that
 * differ, projects that began or moved on, figures reported in between. Each change carries the
 * sources of the record it comes from. Statuses first (in the order of the region's records), then
 * projects, then figures by the date they were reported.
 */
export function changesBetween(dataset: Dataset, regionId: string, from: string, to: string): Change[] {
  const region = dataset.regions.find((r) => r.id === regionId);
  if (!region) return [];
  const sources = new Map(dataset.sources.map((s) => [s.id, s]));
  const before = regionAt(region, from, sources).region;
  const after = regionAt(region, to, sources).region;
  const changes: Change[] = [];
  const statusBefore = new Map(before.linkStates.map((s) => [s.linkId, s.status]));
  for (const s of after.linkStates) {
    const was = statusBefore.get(s.linkId) ?? 'unknown';
    if (was !== s.status) {
      changes.push({
        kind: 'status',
        linkId: s.linkId,
        before: was,
        after: s.status,
        asOf: s.asOf,
        sources: s.sources,
      });
    }
  }
  const projectBefore = new Map(before.projects.map((p) => [p.id, p.status]));
  for (const p of after.projects) {
    const was = projectBefore.get(p.id);
    if (was !== p.status) {
      changes.push({
        kind: 'project',
        projectId: p.id,
        name: p.name,
        before: was,
        after: p.status,
        sources: p.sources,
      });
    }
  }
  const knownBefore = new Set(before.indicators.map((i) => i.id));
  const figures = after.indicators
    .filter((i) => !knownBefore.has(i.id))
    .map((i) => ({ i, reported: reportedFrom(i, sources) }))
    .sort((a, b) =>
      dateStart(a.reported) < dateStart(b.reported) ? -1 : dateStart(a.reported) > dateStart(b.reported) ? 1 : 0,
    );
  for (const { i, reported } of figures) {
    changes.push({ kind: 'indicator', indicatorId: i.id, indicator: i, reported, sources: i.sources });
  }
  return changes;
}
