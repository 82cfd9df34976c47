/**
 * A sentence's clauses with what the rules need of each: the links named (elements read by context),
 * enterprise names, quantities, the project verbs that hold, the cues present, and whether the clause
 * states a goal rather than a result.
 */
import type { ChainLink, LinkStatus, PartialDate, ProjectStatus } from '../types';
import type { FoundDate } from './dates';
import type { FoundEnterprise } from './enterprises';
import type { Cue } from './lexicon';
import type { Mention } from './mentions';
import type { FoundQuantity } from './quantities';
import type { RuleId } from './rules';
import { within, type CueHit, type Doc, type SentenceTokens } from './scan';
import type { Span } from './text';
import type { Evidence } from './types';

/** What the rules read a sentence with. */
export interface FactContext {
  readonly doc: Doc;
  readonly links: ReadonlyMap<string, ChainLink>;
  readonly places: ReadonlySet<string>;
  readonly sourceDate?: PartialDate;
}

/** What carries from sentence to sentence within a paragraph, and into a list's items. */
export interface ParagraphState {
  /** The last date the paragraph gave. */
  lastDate?: PartialDate;
  /** The paragraph said "目标是：": what follows are goals. */
  targetMode: boolean;
  /** A list introduced with "如下：": its verb and date, for the items that follow. */
  inherited?: { readonly verb: CueHit; readonly date?: PartialDate };
}

/** A link mention resolved to links, with how. */
export interface LinkRef extends Span {
  readonly linkIds: readonly string[];
  readonly rule: RuleId;
}

export interface ClauseInfo {
  readonly span: Span;
  readonly links: readonly LinkRef[];
  /** Generic terms (锂离子电池): no link, but part of what a project makes. */
  readonly generic: readonly Mention[];
  readonly enterprises: readonly FoundEnterprise[];
  readonly quantities: readonly FoundQuantity[];
  readonly dates: readonly FoundDate[];
  /** Project verbs that hold: not negated, not a goal. */
  readonly verbs: readonly CueHit[];
  readonly cues: ReadonlySet<Cue>;
  readonly cueHits: readonly CueHit[];
  /** At or after a goal word (目标, 力争, 预计, expected to): figures here are targets. */
  readonly target: boolean;
}

/** How far along each project status is: a clause with several verbs takes the furthest. */
export const PROGRESS: Readonly<Record<ProjectStatus, number>> = {
  planned: 1,
  attracting: 2,
  signed: 3,
  building: 4,
  operating: 5,
  halted: 0,
};

/** The link status a project's status gives its links (planned and halted projects give none). */
export const LINK_STATUS_OF: Readonly<Partial<Record<ProjectStatus, LinkStatus>>> = {
  attracting: 'attracting',
  signed: 'attracting',
  building: 'building',
  operating: 'present',
};

const MASS_UNITS = new Set(['t', 't/a']);
const RESOURCE_WORDS = ['资源', 'resource', 'reserves'];
const RAW_WORDS = ['原材料', '原料', 'raw material', 'feedstock'];

/** Resolves a clause's mentions: named links as they are, elements by the clause's cues and a figure before them. */
function resolveLinks(
  ctx: FactContext,
  span: Span,
  mentions: readonly Mention[],
  quantities: readonly FoundQuantity[],
): LinkRef[] {
  // Looked for in the words themselves: 原材料 is also a sub-chain's name, found as a mention.
  const words = ctx.doc.lw.slice(span.start, span.end);
  const resource = RESOURCE_WORDS.some((x) => words.includes(x));
  const raw = RAW_WORDS.some((x) => words.includes(x));
  const out: LinkRef[] = [];
  for (const m of mentions) {
    if (m.linkIds.length > 0) {
      out.push({ start: m.start, end: m.end, linkIds: m.linkIds, rule: 'mention.link' });
      continue;
    }
    const e = m.element;
    if (!e) continue;
    // 25万吨镍 · 250,000 tonnes of nickel: a mass right before the element is the metal.
    const q = quantities.find(
      (x) => MASS_UNITS.has(x.unit) && (x.end === m.start || ['的', ' of '].includes(ctx.doc.lw.slice(x.end, m.start))),
    );
    const id = q ? e.metal : resource ? e.resource : raw ? e.raw : undefined;
    if (id && ctx.links.has(id)) out.push({ start: m.start, end: m.end, linkIds: [id], rule: 'mention.element' });
  }
  return out;
}

/** The clauses of a sentence, read. */
export function readClauses(ctx: FactContext, s: SentenceTokens, state: ParagraphState): ClauseInfo[] {
  const firstTarget = s.cues.find((c) => c.cue === 'target');
  // Goals run from the clause that names one to the sentence's end.
  const targetFrom = state.targetMode
    ? s.span.start
    : firstTarget
      ? (s.clauses.find((c) => c.start <= firstTarget.start && firstTarget.start < c.end)?.start ?? firstTarget.start)
      : Infinity;
  return s.clauses.map((span) => {
    const cueHits = within(s.cues, span);
    const cues = new Set(cueHits.map((c) => c.cue));
    const quantities = within(s.quantities, span);
    const mentions = within(s.mentions, span);
    const target = span.start >= targetFrom;
    const verbs = cueHits.filter((v) => {
      if (v.cue !== 'verb' || target) return false;
      // 尚未投产, not yet in production: a negation just before the verb undoes it.
      return !cueHits.some((n) => n.cue === 'negation' && n.end <= v.start && v.start - n.end <= 2);
    });
    return {
      span,
      links: resolveLinks(ctx, span, mentions, quantities),
      generic: mentions.filter((m) => m.generic),
      enterprises: within(s.enterprises, span),
      quantities,
      dates: within(s.dates, span),
      verbs,
      cues,
      cueHits,
      target,
    };
  });
}

/** The evidence for a stretch of a sentence: its words, its sentence and its paragraph. */
export function evidenceOf(ctx: FactContext, s: SentenceTokens, span: Span): Evidence {
  const { text } = ctx.doc;
  let a = span.start;
  let b = span.end;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return {
    locator: `¶${s.paragraph}`,
    paragraph: s.paragraph,
    quote: text.slice(a, b),
    sentence: text.slice(s.span.start, s.span.end),
    start: a,
    end: b,
  };
}

/** The date a fact at `at` holds for: its clause's, else the sentence's last before it, else the paragraph's, else the source's. */
export function dateFor(
  ctx: FactContext,
  s: SentenceTokens,
  clause: ClauseInfo | undefined,
  at: number,
  state: ParagraphState,
): { date?: PartialDate; rule: RuleId } {
  const own = clause?.dates.find((d) => d.date);
  if (own) return { date: own.date, rule: own.relative ? 'date.relative' : 'date.explicit' };
  const before = s.dates.filter((d) => d.date && d.end <= at).pop();
  if (before) return { date: before.date, rule: before.relative ? 'date.relative' : 'date.explicit' };
  if (state.lastDate) return { date: state.lastDate, rule: 'date.context' };
  return ctx.sourceDate ? { date: ctx.sourceDate, rule: 'date.source' } : { rule: 'date.source' };
}
