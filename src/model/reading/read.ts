/**
 * Reading a source: from its text to proposed facts. Paragraphs are numbered as the data format numbers
 * them, sentences are scanned for their tokens, the rules turn clauses into facts, and the same fact
 * stated twice becomes one proposal citing both places. Plain data in, plain data out.
 */
import { chainOf } from '../dataset';
import type { ChainTemplate, Dataset, PartialDate } from '../types';
import { readClauses, type FactContext, type ParagraphState } from './clauses';
import { buildEnterpriseIndex } from './enterprises';
import { clauseFacts, type Consumed, type RawFact } from './facts';
import { indicatorFacts } from './indicators';
import { buildMentionIndex, linkTermAt } from './mentions';
import { mergeFacts } from './merge';
import { cueTries, scanSentence, type CueHit, type Doc, type Lexicon } from './scan';
import { checkText, foldWidth, mainLanguage, splitParagraphs, splitSentences } from './text';
import type { LinkMention, ReadingOutcome } from './types';

/** What a reading needs: the text, the chain its facts are about, and what the data already knows. */
export interface ReadingInput {
  readonly text: string;
  readonly chain: ChainTemplate;
  /** Enterprise names already in the data (either language): found wherever the text uses them. */
  readonly knownEnterprises?: readonly string[];
  /** Names of the region and the area it belongs to: never an enterprise's name; a capacity given for them is region-wide. */
  readonly places?: readonly string[];
  /** The source's date: it dates "this year" and "now", and facts whose text gives no date. */
  readonly sourceDate?: PartialDate;
}

/** A reading's input for a region of a dataset: its chain, every enterprise name the data holds, its place names. */
export function readingInputFor(
  dataset: Dataset,
  regionId: string,
  text: string,
  sourceDate?: PartialDate,
): ReadingInput | undefined {
  const region = dataset.regions.find((r) => r.id === regionId);
  const chain = region && chainOf(dataset, region);
  if (!region || !chain) return undefined;
  const knownEnterprises = dataset.regions.flatMap((r) => r.enterprises.flatMap((e) => [e.name.zh, e.name.en]));
  // 金昌市 is also written 金昌; the shorter form is what a name would start with.
  const names = [region.name, ...(region.parent ? [region.parent] : [])].flatMap((n) => [n.zh, n.en]);
  const places = [
    ...new Set(names.flatMap((n) => (/[市县区省州]$/.test(n) && n.length > 2 ? [n, n.slice(0, -1)] : [n]))),
  ];
  return { text, chain, knownEnterprises, places, ...(sourceDate && { sourceDate }) };
}

/** Lower-cases without changing any character's position. */
function lowerInPlace(w: string): string {
  const lower = w.toLowerCase();
  if (lower.length === w.length) return lower;
  let out = '';
  for (const c of w) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

/** A list item: 一、 1. (1) ① • at the start of a paragraph or sentence. */
const LIST_MARK = /^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,3}[、.．)）]|[（(]\d{1,3}[)）]|[①-⑳]|[•·*-])/;

/**
 * Reads a text and proposes the facts it states, each with its quote, paragraph and rules. Refuses an
 * empty text, a binary one and one over `MAX_READING_LENGTH` (checked before anything else) with a
 * clear message; otherwise never throws.
 *
 * @example
 * const outcome = readSource({ text, chain, sourceDate: '2024' });
 * if (outcome.ok) outcome.reading.proposals.forEach((p) => console.log(p.fact, p.evidence[0]!.locator));
 */
export function readSource(input: ReadingInput): ReadingOutcome {
  const { text, chain, sourceDate } = input;
  const problem = checkText(text);
  if (problem) return { ok: false, error: problem };
  const w = foldWidth(text);
  const doc: Doc = { text, w, lw: lowerInPlace(w) };
  const places = new Set((input.places ?? []).filter((p) => p.trim().length >= 2));
  const mentions = buildMentionIndex(chain);
  const lex: Lexicon = {
    mentions,
    enterprises: buildEnterpriseIndex(input.knownEnterprises ?? [], [...places], (_w, i) =>
      linkTermAt(mentions, doc.w, doc.lw, i),
    ),
    ...cueTries(),
  };
  const ctx: FactContext = { doc, links: lex.mentions.links, places, ...(sourceDate && { sourceDate }) };
  const paragraphs = splitParagraphs(text);
  const raw: RawFact[] = [];
  const found: LinkMention[] = [];
  let carried: ParagraphState['inherited'];
  for (const p of paragraphs) {
    if (!LIST_MARK.test(w.slice(p.start, p.start + 6))) carried = undefined;
    const state: ParagraphState = { targetMode: false, ...(carried && { inherited: carried }) };
    for (const span of splitSentences(text, w, p)) {
      const year = () => Number((state.lastDate ?? sourceDate ?? '').slice(0, 4)) || undefined;
      const s = scanSentence(doc, lex, p.n, span, { year, ...(sourceDate && { sourceDate }) });
      for (const m of s.mentions)
        if (m.linkIds.length) found.push({ linkIds: m.linkIds, paragraph: p.n, start: m.start, end: m.end });
      const clauses = readClauses(ctx, s, state);
      const consumed: Consumed = new Set();
      raw.push(...clauseFacts(ctx, s, clauses, state, consumed), ...indicatorFacts(ctx, s, clauses, state, consumed));
      const lastDate = s.dates.filter((d) => d.date).pop()?.date;
      if (lastDate) state.lastDate = lastDate;
      // 主要目标是：…… — what follows in the paragraph are goals.
      if (
        s.cues.some(
          (c) =>
            c.cue === 'target' &&
            (w.startsWith('是:', c.end) || w.startsWith(':', c.end) || w.startsWith('为:', c.end)),
        )
      )
        state.targetMode = true;
      const verb = s.cues.filter((c): c is CueHit => c.cue === 'verb').pop();
      const intro = s.cues.some((c) => c.cue === 'listIntro') || w[span.end - 1] === ':';
      if (intro && verb) state.inherited = carried = { verb, ...(state.lastDate && { date: state.lastDate }) };
    }
  }
  return { ok: true, reading: { paragraphs, proposals: mergeFacts(raw), mentions: found, language: mainLanguage(w) } };
}
