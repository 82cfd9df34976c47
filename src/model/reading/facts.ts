/**
 * The fact rules of one sentence: project verbs make projects of the items they govern (with their
 * enterprises, capacities and links) and set their links' statuses; without a verb, "rich in",
 * "produced locally", "the whole range", "a gap" and a stated capacity set statuses. Figures left over
 * become indicators (`indicators.ts`).
 */
import type { ProjectDates, Quantity } from '../types';
import { looksLikeShortName, type FoundEnterprise } from './enterprises';
import {
  LINK_STATUS_OF,
  PROGRESS,
  dateFor,
  evidenceOf,
  type ClauseInfo,
  type FactContext,
  type LinkRef,
  type ParagraphState,
} from './clauses';
import { CAPACITY_UNITS, asQuantity, perYear, type FoundQuantity } from './quantities';
import type { RuleId } from './rules';
import { within, type CueHit, type SentenceTokens } from './scan';
import { isHan, type Span } from './text';
import type { Evidence, ProposedFact } from './types';

/** A fact as one place in the text states it, before the same facts are merged. */
export interface RawFact {
  readonly fact: ProposedFact;
  readonly evidence: Evidence;
  readonly rules: readonly RuleId[];
}

/** What the sentence's rules used up, so its figures are not read again as indicators. */
export type Consumed = Set<FoundQuantity>;

const LEADING_FILLERS = [
  '积极',
  '重点',
  '加快',
  '推进',
  '新建',
  '其中',
  '包括',
  '如',
  '由',
  '共',
  '及',
  '和',
  '与',
  '等',
  '以及',
  '并',
  'the ',
  'a ',
  'an ',
  'its ',
  'their ',
  'and ',
];
const TRAILING = ['等项目', '项目', '等产品', '产品', '等'];

/** An item's span without leading fillers, and without the verb when it stands before or after all its tokens. */
function trimItem(lw: string, item: Span, verb: CueHit | undefined, tokens: readonly Span[]): Span {
  let { start, end } = item;
  const first = Math.min(end, ...tokens.map((t) => t.start));
  const last = Math.max(start, ...tokens.map((t) => t.end));
  if (verb && verb.start >= start && verb.end <= first) start = verb.end;
  if (verb && verb.end <= end && verb.start >= last && tokens.length) end = verb.start;
  for (let again = true; again;) {
    again = false;
    while (start < end && (lw[start] === ' ' || lw[start] === '\n')) start++;
    for (const f of LEADING_FILLERS) {
      if (lw.startsWith(f, start) && start + f.length < end && start + f.length <= first) {
        start += f.length;
        again = true;
      }
    }
  }
  return { start, end };
}

/** Splits a clause into list items: 、 in Chinese, "and" and commas-in-tokens aside in English. */
function items(w: string, lw: string, clause: Span): Span[] {
  const out: Span[] = [];
  let start = clause.start;
  for (let i = clause.start; i <= clause.end; i++) {
    const cut = i === clause.end ? 0 : w[i] === '、' ? 1 : lw.startsWith(' and ', i) ? 5 : 0;
    if (i < clause.end && cut === 0) continue;
    if (i > start) out.push({ start, end: i });
    start = i + Math.max(cut, 1);
    if (cut > 1) i += cut - 1;
  }
  return out;
}

interface Item {
  readonly span: Span;
  enterprises: FoundEnterprise[];
  readonly links: readonly LinkRef[];
  readonly capacity?: FoundQuantity;
  /** Ends of the tokens that make the project's name. */
  readonly tokenEnd: number;
  readonly tokenStart: number;
  shared?: Item;
}

/** The project's name: in Chinese the item's own words; in English its enterprise, size and product. */
function projectName(ctx: FactContext, it: Item, saysProject: boolean): string {
  const { text, w } = ctx.doc;
  const product = it.shared ?? it;
  const english = !isHan(w[it.span.start]) && !isHan(w[product.tokenStart]);
  if (english) {
    const parts = [...it.enterprises.map((e) => e.name)];
    if (product.capacity) parts.push(text.slice(product.capacity.start, product.capacity.end));
    for (const l of product.links) parts.push(text.slice(l.start, l.end));
    return `${parts.join(' ')}${saysProject ? ' project' : ''}`.trim();
  }
  const start = it.enterprises[0]?.start ?? it.span.start;
  let end = Math.max(it.tokenEnd, start);
  let name = text.slice(start, end);
  if (it.shared) name += text.slice(it.shared.enterprises[0]?.end ?? it.shared.tokenStart, it.shared.tokenEnd);
  else {
    // 一期项目, 二期项目: the phase and the word 项目 belong to the name.
    const rest = w.slice(end, Math.min(end + 6, it.span.end));
    const m = /^(?:[一二三四五六七八九]期)?项目/.exec(rest);
    if (m) end += m[0].length;
    name = text.slice(start, end);
  }
  for (const t of TRAILING) if (name.endsWith(t) && name.length > t.length + 1) name = name.slice(0, -t.length);
  // A line break inside a Chinese name is where the text wrapped.
  name = name.replace(/\s*\n\s*/g, '');
  return saysProject && !name.endsWith('项目') ? `${name}项目` : name;
}

/** A capacity in the unit a production project states it: per year, except for a storage plant's energy. */
function projectCapacity(ctx: FactContext, q: FoundQuantity, linkIds: readonly string[]): Quantity {
  const base = asQuantity(q);
  const application = linkIds.length > 0 && linkIds.every((id) => ctx.links.get(id)?.stage === 'application');
  return application ? base : perYear(base);
}

/** The projects, link states and enterprises of one clause whose verb governs its items. */
function projectFacts(
  ctx: FactContext,
  s: SentenceTokens,
  c: ClauseInfo,
  verb: CueHit,
  groupEnd: number,
  state: ParagraphState,
  out: RawFact[],
  consumed: Consumed,
  inherited: boolean,
): void {
  const { w, lw } = ctx.doc;
  const status = verb.status!;
  const saysProject = c.cues.has('project');
  const inside = <T extends Span>(list: readonly T[], span: Span) =>
    list.filter((t) => t.start >= span.start && t.end <= span.end);
  const list: Item[] = items(w, lw, c.span).map((raw) => {
    const rawTokens = [
      ...inside(c.links, raw),
      ...inside(c.enterprises, raw),
      ...inside(c.quantities, raw),
      ...inside(c.generic, raw),
    ];
    const span = trimItem(lw, raw, verb, rawTokens);
    const links = inside(c.links, span);
    const capacity = inside(c.quantities, span).find((q) => CAPACITY_UNITS.has(q.unit));
    const enterprises = inside(c.enterprises, span);
    const tokens = [...links, ...enterprises, ...(capacity ? [capacity] : []), ...inside(c.generic, span)];
    const tokenStart = Math.min(span.end, ...tokens.map((t) => t.start));
    const tokenEnd = Math.max(span.start, ...tokens.map((t) => t.end));
    return { span, enterprises, links, ...(capacity && { capacity }), tokenStart, tokenEnd };
  });
  const heads = new Set<FoundEnterprise>();
  // 汉星1亿Ah锂离子电池: a short name right before the item's capacity or model is its enterprise.
  for (const it of list) {
    if (it.enterprises.length) continue;
    // 北辰隔膜一期项目: a brand right before the product a phase of a project is named by; the enterprise is both.
    const phased = it.links.find(
      (l) => l.start > it.span.start && /^[一二三四五六七八九]期/.test(w.slice(l.end, l.end + 2)),
    );
    if (phased && looksLikeShortName(w.slice(it.span.start, phased.start), ctx.places)) {
      const e = {
        start: it.span.start,
        end: phased.end,
        name: ctx.doc.text.slice(it.span.start, phased.end),
        rule: 'enterprise.projectHead' as const,
      };
      it.enterprises = [e];
      heads.add(e);
      continue;
    }
    const stop = [it.capacity?.start, ...within(s.models, it.span).map((m) => m.start)].filter((x) => x !== undefined);
    if (!stop.length) continue;
    const head = ctx.doc.text.slice(it.span.start, Math.min(...stop));
    if (looksLikeShortName(w.slice(it.span.start, Math.min(...stop)), ctx.places)) {
      const e = {
        start: it.span.start,
        end: it.span.start + head.length,
        name: head,
        rule: 'enterprise.projectHead' as const,
      };
      it.enterprises = [e];
      heads.add(e);
    }
  }
  // 金拓锂电、金宏翔18650型电池: a name alone before a named item makes the same product.
  list.forEach((it, i) => {
    const next = list[i + 1];
    if (it.links.length || it.capacity || !next?.enterprises.length) return;
    const whole = w.slice(it.span.start, it.span.end);
    if (!it.enterprises.length && looksLikeShortName(whole, ctx.places)) {
      const e = {
        start: it.span.start,
        end: it.span.end,
        name: ctx.doc.text.slice(it.span.start, it.span.end),
        rule: 'enterprise.projectHead' as const,
      };
      it.enterprises = [e];
      heads.add(e);
    }
    if (it.enterprises.length) it.shared = next;
  });

  const span = { start: c.span.start, end: Math.max(c.span.end, groupEnd) };
  const evidence = evidenceOf(ctx, s, span);
  const dated = dateFor(ctx, s, undefined, verb.start, state);
  const verbDate =
    c.dates.find((d) => d.date)?.date ??
    s.dates.filter((d) => d.date && d.end <= verb.start).pop()?.date ??
    (inherited ? state.inherited?.date : undefined);
  const dateKey =
    status === 'signed'
      ? 'signed'
      : status === 'building'
        ? 'started'
        : status === 'operating'
          ? 'operating'
          : undefined;
  const dates: ProjectDates | undefined = verbDate && dateKey ? { [dateKey]: verbDate } : undefined;
  const baseRules: RuleId[] = inherited ? ['project.listIntro', 'project.verb'] : ['project.verb'];

  for (const it of list) {
    const product = it.shared ?? it;
    const linkIds = [...new Set(product.links.flatMap((l) => l.linkIds))];
    const capacity = it.shared ? undefined : it.capacity;
    const named = it.enterprises.length > 0;
    const linkRules = [...new Set(product.links.map((l) => l.rule))];
    // A project needs an owner or the word 项目, and something it makes or a size: a capacity alone (公司现有产能2万吨) is the link's state.
    const isProject = (named || saysProject) && (linkIds.length > 0 || capacity !== undefined);
    if (!isProject) {
      // No project, but the verb still sets the status of the links it governs.
      const cap =
        status === 'operating' && capacity && linkIds.length === 1
          ? projectCapacity(ctx, capacity, linkIds)
          : undefined;
      if (cap) consumed.add(capacity!);
      for (const id of linkIds)
        pushLinkState(out, evidence, id, status, cap, dated.date, [
          ...linkRules,
          ...baseRules,
          'status.project',
          ...(cap ? (['status.capacity'] as const) : []),
        ]);
      continue;
    }
    const cap = capacity && projectCapacity(ctx, capacity, linkIds);
    if (capacity) consumed.add(capacity);
    const rules: RuleId[] = [...linkRules, ...baseRules, 'project.item'];
    for (const e of it.enterprises) rules.push(e.rule);
    if (cap) rules.push('project.capacity');
    if (dates) rules.push('project.date');
    out.push({
      fact: {
        kind: 'project',
        name: projectName(ctx, it, saysProject),
        status,
        linkIds,
        enterprises: it.enterprises.map((e) => e.name),
        ...(cap && { capacity: cap }),
        ...(dates && { dates }),
      },
      evidence,
      rules,
    });
    for (const id of linkIds) {
      const withCap = status === 'operating' && cap && linkIds.length === 1 ? cap : undefined;
      pushLinkState(out, evidence, id, status, withCap, dated.date, [...linkRules, ...baseRules, 'status.project']);
    }
    for (const e of it.enterprises) {
      out.push({ fact: { kind: 'enterprise', name: e.name, linkIds }, evidence, rules: [e.rule] });
    }
  }
  // Enterprises of the clause that head no project item are still named.
  for (const e of c.enterprises) {
    if (!list.some((it) => it.enterprises.includes(e)) && !heads.has(e)) {
      out.push({ fact: { kind: 'enterprise', name: e.name, linkIds: [] }, evidence, rules: [e.rule] });
    }
  }
}

function pushLinkState(
  out: RawFact[],
  evidence: Evidence,
  linkId: string,
  status: NonNullable<CueHit['status']>,
  capacity: Quantity | undefined,
  asOf: string | undefined,
  rules: RuleId[],
): void {
  const linkStatus = LINK_STATUS_OF[status];
  if (!linkStatus) return;
  out.push({
    fact: { kind: 'linkState', linkId, status: linkStatus, ...(capacity && { capacity }), ...(asOf && { asOf }) },
    evidence,
    rules,
  });
}

/** Words after which the links named before them are what something is needed for. */
const NEEDED_FOR = ['所需', '需要的', 'needed for', 'required for'];

const SCALE_T = 10_000;
const SCALE_GWH = 10;

/** Statuses a clause without a project verb states: rich resources, local supply, the whole range, a gap, a capacity. */
function statusFacts(
  ctx: FactContext,
  s: SentenceTokens,
  c: ClauseInfo,
  state: ParagraphState,
  out: RawFact[],
  consumed: Consumed,
): void {
  if (c.target || c.links.length === 0) return;
  const { date } = dateFor(ctx, s, c, c.span.start, state);
  const evidence = evidenceOf(ctx, s, c.span);
  // Rich resources (资源丰富) describe what lies in the ground, not what is mined or made: no status.
  if (c.cues.has('richness') && !c.cues.has('local') && !c.cues.has('capacity')) return;
  const cueRule: RuleId | undefined = c.cues.has('local')
    ? 'status.localSupply'
    : c.cues.has('complete')
      ? 'status.complete'
      : c.cues.has('missing')
        ? 'status.missing'
        : undefined;
  const withCapacity = new Set<string>();
  if (c.cues.has('capacity') || c.quantities.some((q) => q.perYear)) {
    const regionWide =
      c.cues.has('regionWide') ||
      [...ctx.places].some((p) => p.length >= 2 && ctx.doc.w.slice(s.span.start, c.span.end).includes(p));
    for (const item of items(ctx.doc.w, ctx.doc.lw, c.span)) {
      const q = c.quantities.find((x) => x.start >= item.start && x.end <= item.end && CAPACITY_UNITS.has(x.unit));
      const links = c.links.filter((l) => l.start >= item.start && l.end <= item.end);
      if (!q || links.length === 0) continue;
      consumed.add(q);
      const capacity = perYear(asQuantity(q));
      // Strong needs scale and an anchor firm named in the clause: a city's capacity alone is present.
      const scale =
        regionWide &&
        c.enterprises.length > 0 &&
        ((capacity.unit === 't/a' && capacity.value >= SCALE_T) ||
          (capacity.unit === 'GWh/a' && capacity.value >= SCALE_GWH));
      for (const l of links) {
        for (const linkId of l.linkIds) {
          withCapacity.add(linkId);
          out.push({
            fact: {
              kind: 'linkState',
              linkId,
              status: scale ? 'strong' : 'present',
              capacity,
              ...(date && { asOf: date }),
            },
            evidence,
            rules: [l.rule, 'status.capacity', ...(scale ? (['status.scale'] as const) : [])],
          });
        }
      }
    }
  }
  if (!cueRule) return;
  const status = cueRule === 'status.missing' ? 'missing' : 'present';
  // 镍盐、钴盐所需的……原材料均可本地生产: what the materials are needed for is not what is made.
  const needs = NEEDED_FOR.map((x) => ctx.doc.lw.indexOf(x, c.span.start)).filter((i) => i >= 0 && i < c.span.end);
  const subjectsFrom = needs.length ? Math.min(...needs) : c.span.start;
  for (const l of c.links) {
    if (l.start < subjectsFrom) continue;
    for (const linkId of l.linkIds) {
      if (withCapacity.has(linkId)) continue;
      out.push({
        fact: { kind: 'linkState', linkId, status, ...(date && { asOf: date }) },
        evidence,
        rules: [l.rule, cueRule],
      });
    }
  }
}

/** A figure in a clause after an investment word (总投资, investment of). */
const isInvestment = (c: ClauseInfo, q: FoundQuantity) =>
  q.unit === 'CNY' && c.cueHits.some((h) => h.cue === 'investment' && h.end <= q.start);

/** The facts of one sentence's clauses (indicators aside), and the figures they used up. */
export function clauseFacts(
  ctx: FactContext,
  s: SentenceTokens,
  clauses: readonly ClauseInfo[],
  state: ParagraphState,
  consumed: Consumed,
): RawFact[] {
  const out: RawFact[] = [];
  const hasObjects = (c: ClauseInfo) => c.links.length > 0 || c.enterprises.length > 0;
  const furthest = (verbs: readonly CueHit[]) =>
    verbs.reduce<CueHit | undefined>((a, v) => (!a || PROGRESS[v.status!] > PROGRESS[a.status!] ? v : a), undefined);
  const projectClauses = new Set<ClauseInfo>();
  let inheritedUsed = false;
  clauses.forEach((c, i) => {
    if (!hasObjects(c)) return;
    let verb = furthest(c.verbs);
    let groupEnd = c.span.end;
    // 项目……，于2023年5月开工建设: a verb in the next clause, which names nothing, governs this one.
    const next = clauses[i + 1];
    if (!verb && next && !hasObjects(next) && next.verbs.length) {
      verb = furthest(next.verbs);
      groupEnd = next.span.end;
    }
    // A list item takes its introduction's verb once: its other clauses describe the same project.
    const inherited = !verb && !inheritedUsed && !c.target ? state.inherited?.verb : undefined;
    if (!verb && !inherited) return;
    if (inherited) inheritedUsed = true;
    projectFacts(ctx, s, c, (verb ?? inherited)!, groupEnd, state, out, consumed, !verb);
    projectClauses.add(c);
  });
  const projects = out.flatMap((f, i) => (f.fact.kind === 'project' ? [i] : []));
  const at = projects.length === 1 ? projects[0]! : -1;
  for (const c of clauses) {
    // The one project of a sentence takes its investment and, from a clause of its own, its capacity.
    let attached = false;
    if (at >= 0 && !c.target) {
      const raw = out[at]!;
      const project = raw.fact as Extract<ProposedFact, { kind: 'project' }>;
      const money = c.quantities.find((q) => !consumed.has(q) && isInvestment(c, q));
      const cap =
        projectClauses.has(c) || c.enterprises.length
          ? undefined
          : c.quantities.find((q) => !consumed.has(q) && CAPACITY_UNITS.has(q.unit));
      const fields: Partial<typeof project> = {
        ...(money && !project.investment && { investment: asQuantity(money) }),
        ...(cap && !project.capacity && { capacity: projectCapacity(ctx, cap, project.linkIds) }),
      };
      if (Object.keys(fields).length) {
        const rules = [
          ...raw.rules,
          ...(fields.investment ? (['project.investment'] as const) : []),
          ...(fields.capacity ? (['project.capacity'] as const) : []),
        ];
        const evidence = evidenceOf(ctx, s, {
          start: Math.min(raw.evidence.start, c.span.start),
          end: Math.max(raw.evidence.end, c.span.end),
        });
        out[at] = { fact: { ...project, ...fields }, evidence, rules };
        if (fields.investment) consumed.add(money!);
        if (fields.capacity) consumed.add(cap!);
        attached = true;
      }
    }
    if (projectClauses.has(c) || attached || !hasObjects(c)) continue;
    statusFacts(ctx, s, c, state, out, consumed);
    for (const e of c.enterprises)
      out.push({
        fact: { kind: 'enterprise', name: e.name, linkIds: [] },
        evidence: evidenceOf(ctx, s, c.span),
        rules: [e.rule],
      });
  }
  return out;
}
