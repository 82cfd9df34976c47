/**
 * Where a text names links of the chain: by the names and aliases of the app's search index, the parts
 * of compound names (电解镍/纯镍带), and the lexicon's industry terms. The longest name at a place wins
 * and the scan moves past it, so 磷酸 is not found inside 磷酸铁锂电池, nor 储能 inside 储能电池.
 */
import { buildSearchIndex } from '../search';
import type { ChainLink, ChainTemplate } from '../types';
import { ELEMENTS, GENERIC_TERMS, INDUSTRY_TERMS, type ElementSenses } from './lexicon';
import { isLetter, type Span } from './text';
import { KeywordTrie } from './trie';

interface Term {
  readonly linkIds: readonly string[];
  /** Lexicon terms 4, full names 3, aliases and name parts 2, generic terms 1, elements 0. */
  readonly priority: number;
  readonly element?: ElementSenses;
}

/** The words of one chain to look for, built once per reading. */
export interface MentionIndex {
  /** Acronyms and formulas, matched as written (LFP, NiSO4). */
  readonly exact: KeywordTrie<Term>;
  /** Everything else, matched lower-cased. */
  readonly folded: KeywordTrie<Term>;
  readonly links: ReadonlyMap<string, ChainLink>;
}

export interface Mention {
  readonly start: number;
  readonly end: number;
  /** The links it names; several when a term is shared (碳酸酯) or ambiguous; none for generic terms and elements. */
  readonly linkIds: readonly string[];
  readonly element?: ElementSenses;
  readonly generic: boolean;
}

/** Parts of a compound Chinese name: 电解镍/纯镍带, 硫酸(冶炼烟气制酸), 石化原料(EO/PO, 甲醇, CO2). */
const zhParts = (name: string) => name.split(/[/()（）、,，]+/).map((p) => p.trim());
/** English name parts worth finding: the head before a bracket, and parts of two words or more. */
function enParts(name: string): string[] {
  const head = name.split('(')[0]!.trim();
  const parts = head.split(/[,/]+/).map((p) => p.trim());
  return [head, ...(parts.length > 1 ? parts.filter((p) => p.includes(' ')) : [])];
}
/** ASCII acronyms and formulas are matched as written: "MAP" is a phosphate, "map" is not. */
const isAcronym = (s: string) =>
  /^[\x20-\x7e]+$/.test(s) &&
  /[A-Z]/.test(s) &&
  !s.includes(' ') &&
  s.length <= 8 &&
  s !== s[0] + s.slice(1).toLowerCase();
/** Two-letter symbols (Co, Al, EC, PE) are too often other words or parts of names ("Co., Ltd."). */
const tooShort = (s: string) => /^[\x20-\x7e]{1,2}$/.test(s);

/** Builds the words to find for a chain: its links' names and aliases (through the search index), the lexicon, and its sub-chain names as generic terms. */
export function buildMentionIndex(chain: ChainTemplate): MentionIndex {
  const exact = new KeywordTrie<Term>();
  const folded = new KeywordTrie<Term>();
  const links = new Map(chain.links.map((l) => [l.id, l]));
  const best = new Map<string, { term: Term; exact: boolean }>();
  const put = (word: string, linkIds: readonly string[], priority: number, element?: ElementSenses) => {
    const w = word.trim();
    if (!w || tooShort(w)) return;
    const asWritten = isAcronym(w);
    const key = `${asWritten ? 'E' : 'F'}${asWritten ? w : w.toLowerCase()}`;
    const old = best.get(key);
    if (old && old.term.priority > priority) return;
    const ids = old && old.term.priority === priority ? [...new Set([...old.term.linkIds, ...linkIds])] : linkIds;
    best.set(key, { term: { linkIds: ids, priority, ...(element && { element }) }, exact: asWritten });
  };
  const entries = buildSearchIndex(chain.links);
  chain.links.forEach((link, i) => {
    const entry = entries[i]!;
    put(entry.zh, [link.id], 3);
    put(entry.en, [link.id], 3);
    for (const part of zhParts(link.name.zh)) put(part, [link.id], 2);
    for (const part of enParts(link.name.en)) put(part, [link.id], 2);
    (link.aliases ?? []).forEach((alias) => put(isAcronym(alias.trim()) ? alias : alias.toLowerCase(), [link.id], 2));
  });
  for (const t of INDUSTRY_TERMS) {
    const ids = t.linkIds.filter((id) => links.has(id));
    if (ids.length) put(t.term, ids, 4);
  }
  for (const g of GENERIC_TERMS) put(g, [], 1);
  for (const s of chain.subChains) {
    put(s.name.zh, [], 1);
    put(s.name.en, [], 1);
  }
  for (const e of ELEMENTS) {
    if ([e.resource, e.raw, e.metal].some((id) => id && links.has(id))) {
      put(e.zh, [], 0, e);
      put(e.en, [], 0, e);
    }
  }
  for (const [key, { term, exact: asWritten }] of best) (asWritten ? exact : folded).add(key.slice(1), term);
  return { exact, folded, links };
}

/** Whether a term naming a link starts at `i` (whatever its length). */
export function linkTermAt(index: MentionIndex, w: string, lw: string, i: number): boolean {
  const hit = index.exact.longest(w, i) ?? index.folded.longest(lw, i);
  return hit !== undefined && hit.values.some((t) => t.linkIds.length > 0);
}

/** Of several links one term names, those the next words point at: 钴酸锂电池 is the cell, 钴酸锂 alone the cathode. */
function narrow(index: MentionIndex, ids: readonly string[], lw: string, end: number): readonly string[] {
  if (ids.length < 2) return ids;
  const next = lw.slice(end, end + 6).trimStart();
  const cellWords = ['电池', '电芯', 'cell', 'batter'];
  const isCell = (id: string) =>
    /电芯|电池|cell/i.test(`${index.links.get(id)?.name.zh} ${index.links.get(id)?.name.en}`);
  const saysCell = cellWords.some((w) => next.startsWith(w));
  const picked = ids.filter((id) => isCell(id) === saysCell);
  return picked.length ? picked : ids;
}

/** The mentions in `span` (width-folded text `w`, lower-cased `lw`), leftmost-longest, skipping what is `taken`. */
export function findMentions(
  index: MentionIndex,
  w: string,
  lw: string,
  span: Span,
  taken: (a: number, b: number) => boolean,
): Mention[] {
  const out: Mention[] = [];
  for (let i = span.start; i < span.end; i++) {
    if (taken(i, i + 1)) continue;
    // A Latin word is entered only at its start.
    if (isLetter(lw[i]) && isLetter(lw[i - 1])) continue;
    const a = index.exact.longest(w, i, span.end);
    const b = index.folded.longest(lw, i, span.end);
    const hit = a && (!b || a.end >= b.end) ? a : b;
    if (!hit || taken(i, hit.end)) continue;
    const term = hit.values[0]!;
    out.push({
      start: i,
      end: hit.end,
      linkIds: narrow(index, term.linkIds, lw, hit.end),
      ...(term.element && { element: term.element }),
      generic: term.linkIds.length === 0 && !term.element,
    });
    i = hit.end - 1;
  }
  return out;
}
