/**
 * One proposal per fact: the same link, enterprise, project or figure stated in several places becomes
 * one proposal citing each place. A link stated at several statuses takes the furthest (an operating
 * line outranks one being built); a short form of an enterprise name (金车) joins the full name the text
 * also uses (金车储能).
 */
import type { LinkStatus, ProjectDates } from '../types';
import type { RawFact } from './facts';
import { PROGRESS } from './clauses';
import { ruleUse, type RuleId } from './rules';
import type {
  Evidence,
  Proposal,
  ProposedEnterprise,
  ProposedFact,
  ProposedIndicator,
  ProposedLinkState,
  ProposedProject,
} from './types';

const RANK: Readonly<Record<LinkStatus, number>> = {
  strong: 5,
  present: 4,
  building: 3,
  attracting: 2,
  missing: 1,
  unknown: 0,
};
const NAME_ENDINGS = [
  '储能',
  '锂电',
  '科技',
  '新能源',
  '新材料',
  '集团',
  '股份',
  '有限公司',
  '股份有限公司',
  '集团有限公司',
  '公司',
  '能源科技',
  '矿业',
  '实业',
  '电气',
];

/** Short names (金车) that stand for a longer name in the same text (金车储能), mapped to it. */
function shortForms(raw: readonly RawFact[]): Map<string, string> {
  const names = new Set<string>();
  for (const r of raw) {
    if (r.fact.kind === 'enterprise') names.add(r.fact.name);
    if (r.fact.kind === 'project') r.fact.enterprises.forEach((e) => names.add(e));
  }
  const map = new Map<string, string>();
  for (const a of names) {
    const longer = [...names].filter(
      (b) => b.length > a.length && b.startsWith(a) && NAME_ENDINGS.includes(b.slice(a.length)),
    );
    if (longer.length === 1) map.set(a, longer[0]!);
  }
  return map;
}

const spanKey = (e: Evidence) => `${e.start}:${e.end}`;

/** Evidence in text order, each place once. */
function places(list: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return [...list].sort((a, b) => a.start - b.start).filter((e) => !seen.has(spanKey(e)) && seen.add(spanKey(e)));
}

function rulesOf(facts: readonly RawFact[], extra: readonly RuleId[] = []): RuleId[] {
  return [...new Set([...facts.flatMap((f) => f.rules), ...extra])];
}

interface Group {
  readonly fact: ProposedFact;
  readonly evidence: Evidence[];
  readonly rules: RuleId[];
}

function mergeLinkStates(facts: readonly RawFact[]): Group {
  const states = facts as readonly (RawFact & { fact: ProposedLinkState })[];
  const best = Math.max(...states.map((f) => RANK[f.fact.status]));
  const winners = states.filter((f) => RANK[f.fact.status] === best);
  const first = winners[0]!.fact;
  const capacity = winners.find((f) => f.fact.capacity)?.fact.capacity;
  // The evidence for the status proposed comes first: it is what the citation quotes.
  const evidence = [
    ...places(winners.map((f) => f.evidence)),
    ...places(states.filter((f) => !winners.includes(f)).map((f) => f.evidence)),
  ];
  const seen = new Set<string>();
  const fact: ProposedLinkState = {
    kind: 'linkState',
    linkId: first.linkId,
    status: first.status,
    ...(capacity && { capacity }),
    ...(first.asOf && { asOf: first.asOf }),
  };
  // The rules are those of the status proposed; the other statements stay as further evidence.
  return {
    fact,
    evidence: evidence.filter((e) => !seen.has(spanKey(e)) && seen.add(spanKey(e))),
    rules: rulesOf(winners),
  };
}

function mergeEnterprises(facts: readonly RawFact[]): Group {
  const list = facts as readonly (RawFact & { fact: ProposedEnterprise })[];
  const fact: ProposedEnterprise = {
    kind: 'enterprise',
    name: list[0]!.fact.name,
    linkIds: [...new Set(list.flatMap((f) => f.fact.linkIds))],
  };
  return { fact, evidence: places(list.map((f) => f.evidence)), rules: rulesOf(list) };
}

/** How fully a statement gives a project: with its enterprise, dates and investment (a body over a headline). */
const score = (p: ProposedProject) =>
  (p.enterprises.length ? 1000 : 0) + (p.dates ? 300 : 0) + (p.investment ? 300 : 0) + p.name.length;

function mergeProjects(facts: readonly RawFact[]): Group {
  const list = facts as readonly (RawFact & { fact: ProposedProject })[];
  // The fullest statement names it.
  const lead = [...list].sort((a, b) => score(b.fact) - score(a.fact))[0]!;
  const furthest = list.reduce((a, f) => (PROGRESS[f.fact.status] > PROGRESS[a.fact.status] ? f : a), lead);
  const dates: ProjectDates = Object.assign({}, ...list.map((f) => f.fact.dates ?? {}));
  const investment = list.find((f) => f.fact.investment)?.fact.investment;
  const enterprises = [...new Set(list.flatMap((f) => f.fact.enterprises))];
  const linkIds = [...new Set(list.flatMap((f) => f.fact.linkIds))];
  const fact: ProposedProject = {
    ...lead.fact,
    linkIds,
    enterprises,
    status: furthest.fact.status,
    ...(investment && { investment }),
    ...(Object.keys(dates).length && { dates }),
  };
  return { fact, evidence: places(list.map((f) => f.evidence)), rules: rulesOf(list) };
}

function mergeIndicators(facts: readonly RawFact[]): Group {
  const list = facts as readonly (RawFact & { fact: ProposedIndicator })[];
  const fact: ProposedIndicator = Object.assign({}, ...[...list].reverse().map((f) => f.fact), {
    name: list[0]!.fact.name,
  });
  return { fact, evidence: places(list.map((f) => f.evidence)), rules: rulesOf(list) };
}

/** What makes two statements the same fact. */
function keyOf(f: ProposedFact): string {
  switch (f.kind) {
    case 'linkState':
      return `s ${f.linkId}`;
    case 'enterprise':
      return `e ${f.name}`;
    case 'project':
      // A project with a size is known by what it makes and how much (a headline may name the parent
      // company, the body its subsidiary); one without by what it makes and who makes it.
      return f.capacity
        ? `p ${[...f.linkIds].sort().join(',')} ${f.capacity.value} ${f.capacity.unit}`
        : `p ${[...f.linkIds].sort().join(',')} - ${[...f.enterprises].sort().join(',')}`;
    case 'indicator':
      return `i ${f.value.value} ${f.value.unit} ${f.value.qualifier ?? ''} ${f.period ?? ''} ${f.target ? 't' : ''}`;
  }
}

/** Merges the facts a text states into proposals, in the order the text first states them. */
export function mergeFacts(raw: readonly RawFact[]): Proposal[] {
  const forms = shortForms(raw);
  const renamed = raw.map((r): RawFact => {
    const f = r.fact;
    if (f.kind === 'enterprise' && forms.has(f.name))
      return { ...r, fact: { ...f, name: forms.get(f.name)! }, rules: [...r.rules, 'enterprise.shortForm'] };
    if (f.kind === 'project' && f.enterprises.some((e) => forms.has(e))) {
      return {
        ...r,
        fact: { ...f, enterprises: f.enterprises.map((e) => forms.get(e) ?? e) },
        rules: [...r.rules, 'enterprise.shortForm'],
      };
    }
    return r;
  });
  const keyed = new Map<string, RawFact[]>();
  for (const r of renamed) {
    const key = keyOf(r.fact);
    keyed.set(key, [...(keyed.get(key) ?? []), r]);
  }
  const groups: Group[] = [...keyed.values()].map((facts) => {
    switch (facts[0]!.fact.kind) {
      case 'linkState':
        return mergeLinkStates(facts);
      case 'enterprise':
        return mergeEnterprises(facts);
      case 'project':
        return mergeProjects(facts);
      case 'indicator':
        return mergeIndicators(facts);
    }
  });
  const order: Readonly<Record<ProposedFact['kind'], number>> = {
    linkState: 0,
    enterprise: 1,
    project: 2,
    indicator: 3,
  };
  return groups
    .sort((a, b) => a.evidence[0]!.start - b.evidence[0]!.start || order[a.fact.kind] - order[b.fact.kind])
    .map((g, i) => ({
      id: `f${i + 1}`,
      fact: g.fact,
      linkIds: g.fact.kind === 'linkState' ? [g.fact.linkId] : g.fact.linkIds,
      evidence: g.evidence,
      rules: (g.evidence.length > 1 ? [...g.rules, 'merge' as const] : g.rules).map(ruleUse),
    }));
}
