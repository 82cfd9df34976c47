/**
 * A reading as a record to keep with its source: which facts were added and which skipped, each with
 * its quote, place and rules. Plain JSON, exported beside the source.
 */
import type { PartialDate } from '../types';
import type { Verdict } from './compare';
import type { RuleId } from './rules';
import type { Proposal, ProposedFact } from './types';

export interface ReadingSummaryRow {
  readonly proposal: string;
  readonly fact: ProposedFact;
  readonly linkIds: readonly string[];
  /** Each place the fact stands: `¶n` and the quote. */
  readonly places: readonly { readonly locator: string; readonly quote: string }[];
  readonly rules: readonly RuleId[];
  /** What the stored data said when the planner decided. */
  readonly verdict?: Verdict;
}

export interface ReadingSummary {
  readonly kind: 'chainatlas-reading';
  readonly version: 1;
  readonly source: {
    readonly id: string;
    readonly title: string;
    readonly publisher: string;
    readonly date?: PartialDate;
  };
  readonly regionId: string;
  readonly added: readonly ReadingSummaryRow[];
  readonly skipped: readonly ReadingSummaryRow[];
}

/**
 * The summary of a reading: every proposal, added (its id in `added`) or skipped, with its quotes,
 * places, rules and, when given, the verdict it had against the stored data.
 */
export function readingSummary(args: {
  readonly source: ReadingSummary['source'];
  readonly regionId: string;
  readonly proposals: readonly Proposal[];
  readonly added: readonly string[];
  readonly verdicts?: Readonly<Record<string, Verdict>>;
}): ReadingSummary {
  const added = new Set(args.added);
  const row = (p: Proposal): ReadingSummaryRow => ({
    proposal: p.id,
    fact: p.fact,
    linkIds: p.linkIds,
    places: p.evidence.map((e) => ({ locator: e.locator, quote: e.quote })),
    rules: p.rules.map((r) => r.rule),
    ...(args.verdicts?.[p.id] && { verdict: args.verdicts[p.id] }),
  });
  const { id, title, publisher, date } = args.source;
  return {
    kind: 'chainatlas-reading',
    version: 1,
    source: { id, title, publisher, ...(date && { date }) },
    regionId: args.regionId,
    added: args.proposals.filter((p) => added.has(p.id)).map(row),
    skipped: args.proposals.filter((p) => !added.has(p.id)).map(row),
  };
}

/** A fact in a few words, for the note: what it is and where the text says it. */
function brief(row: ReadingSummaryRow): string {
  const f = row.fact;
  const at = row.places[0]?.locator ?? '';
  switch (f.kind) {
    case 'linkState':
      return `${at} ${f.linkId}: ${f.status}`;
    case 'enterprise':
      return `${at} enterprise ${f.name}`;
    case 'project':
      return `${at} project ${f.name} (${f.status})`;
    case 'indicator':
      return `${at} ${f.name} = ${f.value.value} ${f.value.unit}${f.target ? ' (target)' : ''}`;
  }
}

const LISTED = 30;
const list = (rows: readonly ReadingSummaryRow[]) =>
  rows.slice(0, LISTED).map(brief).join('; ') + (rows.length > LISTED ? `; and ${rows.length - LISTED} more` : '');

/**
 * The reading said in the source's note, so it travels with the source in every export: how many
 * facts were found, and which were added and which skipped (the first 30 of each, by place).
 */
export function readingNote(summary: ReadingSummary): string {
  const { added, skipped } = summary;
  const found = added.length + skipped.length;
  return [
    `Read with ChainAtlas: ${found} ${found === 1 ? 'fact' : 'facts'} found, ${added.length} added, ${skipped.length} skipped.`,
    ...(added.length ? [`Added: ${list(added)}.`] : []),
    ...(skipped.length ? [`Skipped: ${list(skipped)}.`] : []),
  ].join('\n');
}
