/**
 * What the stored data already says about each proposal: it agrees, it is new, or it conflicts (a
 * different status or figure), with the stored record and its sources so the review shows both side by
 * side; and proposals grouped by the link they concern.
 */
import type {
  Citation,
  Dataset,
  Enterprise,
  Indicator,
  LinkState,
  LinkStatus,
  Localized,
  Project,
  Quantity,
  Region,
} from '../types';
import type { Proposal, ProposedEnterprise, ProposedFact, ProposedIndicator, ProposedProject } from './types';

export type Verdict = 'agrees' | 'new' | 'conflicts';

/** The stored record a proposal is compared with. */
export type StoredRecord =
  | { readonly kind: 'linkState'; readonly id: string; readonly record: LinkState }
  | { readonly kind: 'enterprise'; readonly id: string; readonly record: Enterprise }
  | { readonly kind: 'project'; readonly id: string; readonly record: Project }
  | { readonly kind: 'indicator'; readonly id: string; readonly record: Indicator };

export interface ComparedProposal {
  readonly proposal: Proposal;
  readonly verdict: Verdict;
  /** The stored counterpart (also for `new` when a link's state is stored as `unknown`, to show its note). */
  readonly stored?: StoredRecord;
  /** The stored record's sources, to show beside the new quote. */
  readonly storedSources: readonly Citation[];
  /** For `conflicts`, the fields that differ: `status`, `capacity`, `value`, `linkIds`, `investment`, `changePercent`. */
  readonly differences: readonly string[];
}

export interface ProposalGroup {
  /** The link the proposals concern; null for region-wide facts. */
  readonly linkId: string | null;
  readonly name: Localized | null;
  readonly items: readonly ComparedProposal[];
}

const sameQuantity = (a: Quantity | undefined, b: Quantity | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.value === b.value &&
  a.unit === b.unit &&
  (a.qualifier ?? '') === (b.qualifier ?? '');
/** Both given and different: one side saying nothing is no conflict. */
const differs = (a: Quantity | undefined, b: Quantity | undefined) =>
  a !== undefined && b !== undefined && !sameQuantity(a, b);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Legal and industry endings that do not change which enterprise a name means (金川集团 = 金川集团有限公司). */
const ENDINGS = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '股份公司',
  '集团',
  '股份',
  '公司',
  'co., ltd.',
  'co., ltd',
  'ltd.',
  'inc.',
  'group',
];
function core(name: string): string {
  let n = name.trim().toLowerCase();
  for (let again = true; again;) {
    again = false;
    for (const e of ENDINGS) {
      if (n.endsWith(e) && n.length > e.length + 1) {
        n = n.slice(0, -e.length).trim();
        again = true;
      }
    }
  }
  return n;
}

/** The region's enterprise a name means: the same name in either language, or the same name without its legal ending. */
export function findEnterprise(region: Region, name: string): Enterprise | undefined {
  const exact = region.enterprises.find((e) => e.name.zh === name || e.name.en === name);
  if (exact) return exact;
  const c = core(name);
  return region.enterprises.find((e) => core(e.name.zh) === c || core(e.name.en) === c);
}

function findProject(region: Region, f: ProposedProject): Project | undefined {
  const byName = region.projects.find((p) => p.name.zh === f.name || p.name.en === f.name);
  if (byName) return byName;
  const firms = f.enterprises.map((n) => findEnterprise(region, n)?.id).filter((id): id is string => id !== undefined);
  const candidates = region.projects.filter((p) => {
    const links = p.linkIds.length === 0 ? f.linkIds.length === 0 : p.linkIds.some((l) => f.linkIds.includes(l));
    const owners =
      f.enterprises.length === 0
        ? p.enterpriseIds.length === 0
        : firms.length > 0 && firms.every((id) => p.enterpriseIds.includes(id));
    return links && owners && !differs(p.capacity, f.capacity);
  });
  return candidates.find((p) => sameQuantity(p.capacity, f.capacity)) ?? candidates[0];
}

function findIndicator(region: Region, f: ProposedIndicator): Indicator | undefined {
  const same = region.indicators.filter((i) => i.period === f.period && i.value.unit === f.value.unit);
  const subject = (i: Indicator) =>
    !f.subject || !i.subject || i.subject.zh === f.subject || i.subject.en === f.subject;
  return (
    same.find((i) => i.value.value === f.value.value && subject(i)) ??
    same.find((i) => (i.name.zh === f.name || i.name.en === f.name) && subject(i)) ??
    same.find((i) => subject(i) && f.name.length >= 2 && (i.name.zh.endsWith(f.name) || f.name.endsWith(i.name.zh)))
  );
}

/** How far along a link is: a project on a link already made there does not set it back. */
const PROGRESS: Readonly<Record<LinkStatus, number>> = {
  strong: 5,
  present: 4,
  building: 3,
  attracting: 2,
  missing: 1,
  unknown: 0,
};

function compareFact(
  region: Region,
  f: ProposedFact,
  fromProject: boolean,
): { stored?: StoredRecord; differences: string[]; known: boolean } {
  switch (f.kind) {
    case 'linkState': {
      const s = region.linkStates.find((x) => x.linkId === f.linkId);
      if (!s) return { differences: [], known: false };
      // A project being built or attracted on a link the region already makes extends it: no conflict.
      const extension =
        fromProject &&
        PROGRESS[s.status] >= PROGRESS.present &&
        PROGRESS[f.status] < PROGRESS[s.status] &&
        f.status !== 'missing';
      const differences = [
        ...(s.status !== f.status && !extension ? ['status'] : []),
        ...(differs(s.capacity, f.capacity) ? ['capacity'] : []),
      ];
      // A stored `unknown` says nothing: the proposal is new, shown beside its note.
      return { stored: { kind: 'linkState', id: s.linkId, record: s }, differences, known: s.status !== 'unknown' };
    }
    case 'enterprise': {
      const e = findEnterprise(region, (f as ProposedEnterprise).name);
      if (!e) return { differences: [], known: false };
      const differences = f.linkIds.every((l) => e.linkIds.includes(l)) ? [] : ['linkIds'];
      return { stored: { kind: 'enterprise', id: e.id, record: e }, differences, known: true };
    }
    case 'project': {
      const p = findProject(region, f);
      if (!p) return { differences: [], known: false };
      const differences = [
        ...(p.status !== f.status ? ['status'] : []),
        ...(differs(p.capacity, f.capacity) ? ['capacity'] : []),
        ...(differs(p.investment, f.investment) ? ['investment'] : []),
        ...(f.linkIds.length && !sameSet(p.linkIds, f.linkIds) ? ['linkIds'] : []),
      ];
      return { stored: { kind: 'project', id: p.id, record: p }, differences, known: true };
    }
    case 'indicator': {
      const i = findIndicator(region, f);
      if (!i) return { differences: [], known: false };
      const differences = [
        ...(!sameQuantity(i.value, f.value) ? ['value'] : []),
        ...(i.changePercent !== undefined && f.changePercent !== undefined && i.changePercent !== f.changePercent
          ? ['changePercent']
          : []),
      ];
      return { stored: { kind: 'indicator', id: i.id, record: i }, differences, known: true };
    }
  }
}

/** Compares each proposal with what the region stores: agrees, new, or conflicts (with the stored record and its sources). */
export function compareProposals(
  dataset: Dataset,
  regionId: string,
  proposals: readonly Proposal[],
): ComparedProposal[] {
  const region = dataset.regions.find((r) => r.id === regionId);
  return proposals.map((proposal) => {
    if (!region) return { proposal, verdict: 'new', storedSources: [], differences: [] };
    const fromProject = proposal.rules.some((r) => r.rule === 'status.project');
    const { stored, differences, known } = compareFact(region, proposal.fact, fromProject);
    const verdict: Verdict = !known ? 'new' : differences.length ? 'conflicts' : 'agrees';
    return {
      proposal,
      verdict,
      ...(stored && { stored }),
      storedSources: stored?.record.sources ?? [],
      differences: verdict === 'conflicts' ? differences : [],
    };
  });
}

/**
 * The proposals grouped by the link they concern, in the chain's reading order of links; a proposal
 * about several links is listed under the first of them, and region-wide facts come last.
 */
export function groupByLink(
  dataset: Dataset,
  regionId: string,
  compared: readonly ComparedProposal[],
): ProposalGroup[] {
  const region = dataset.regions.find((r) => r.id === regionId);
  const links = dataset.chains.find((c) => c.id === region?.chainId)?.links ?? [];
  const order = new Map(links.map((l, i) => [l.id, i]));
  const first = (ids: readonly string[]) =>
    [...ids].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))[0] ?? null;
  const groups = new Map<string | null, ComparedProposal[]>();
  for (const c of compared) {
    const key = first(c.proposal.linkIds);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  // Links the chain does not hold (an edited proposal) come after the chain's, region-wide facts last.
  const rank = (key: string | null) => (key === null ? links.length + 1 : (order.get(key) ?? links.length));
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([linkId, items]) => ({ linkId, name: links.find((l) => l.id === linkId)?.name ?? null, items }));
}
