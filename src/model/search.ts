/**
 * Finding links by what a planner types: Chinese, English, ids, aliases, and pinyin in full or as
 * initials (`gemo` and `gm` both find 隔膜). Pure; the pinyin converter is passed in so this module
 * stays free of the dictionary and its tests can use a tiny one.
 */
import { firmNameKey } from './enterprise';
import type { ChainLink } from './types';

/** Turns Chinese text into pinyin syllables (no tones), one per character; other characters pass through. */
export type PinyinConverter = (text: string) => readonly string[];

export type MatchField = 'id' | 'zh' | 'en' | 'alias' | 'pinyin' | 'initials';

export interface SearchEntry {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  /** The words of the English name, split once here rather than on every keystroke. */
  readonly enWords: readonly string[];
  readonly aliases: readonly string[];
  /** Pinyin of the Chinese name, joined without spaces (`gemo`); ü is written v, as pinyin keyboards do (`lvsumo`). */
  readonly pinyin: string;
  /** The same with ü written u (`lusumo`), as many people type it; only names with a ü have it. */
  readonly pinyinU?: string;
  /** First letters of the syllables (`gm`). */
  readonly initials: string;
}

export interface SearchHit {
  readonly id: string;
  readonly score: number;
  readonly field: MatchField;
}

const fold = (s: string) => s.toLowerCase().normalize('NFKC').replace(/\s+/g, ' ').trim();
const squash = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');

/**
 * Builds the search entries of a chain's links (firms have their own, `buildFirmSearchIndex`). Without
 * a converter, pinyin is left empty.
 */
export function buildSearchIndex(
  links: readonly Pick<ChainLink, 'id' | 'name' | 'aliases'>[],
  toPinyin?: PinyinConverter,
): SearchEntry[] {
  return links.map((l) => {
    const syllables = toPinyin
      ? toPinyin(l.name.zh)
          .map((s) => s.toLowerCase().replace(/ü|u:/g, 'v'))
          .filter((s) => /^[a-z]+$/.test(s))
      : [];
    const pinyin = syllables.join('');
    return {
      id: l.id,
      zh: fold(l.name.zh),
      en: fold(l.name.en),
      enWords: fold(l.name.en).split(/[\s,()/-]+/),
      aliases: (l.aliases ?? []).map(fold),
      pinyin,
      ...(/[ljnxqy]v/.test(pinyin)
        ? { pinyinU: syllables.map((s) => (/^[ljnxqy]v/.test(s) ? s.replace('v', 'u') : s)).join('') }
        : {}),
      initials: syllables.map((s) => s[0]!).join(''),
    };
  });
}

/** The best way `entry` matches `query`, or undefined. Higher scores are closer matches. */
function scoreEntry(entry: SearchEntry, q: string, qs: string): SearchHit | undefined {
  const candidates: [number, MatchField][] = [];
  const add = (ok: boolean, score: number, field: MatchField) => ok && candidates.push([score, field]);
  add(entry.id.toLowerCase() === q, 100, 'id');
  add(entry.zh === q, 100, 'zh');
  add(entry.en === q, 96, 'en');
  add(entry.zh.startsWith(q), 90, 'zh');
  add(entry.aliases.includes(q), 88, 'alias');
  add(entry.en.startsWith(q), 86, 'en');
  add(entry.zh.includes(q), 80, 'zh');
  if (qs.length >= 2) {
    const u = entry.pinyinU;
    add(entry.pinyin === qs || u === qs, 84, 'pinyin');
    add(entry.pinyin.startsWith(qs) || (u !== undefined && u.startsWith(qs)), 78, 'pinyin');
    add(entry.initials === qs, 77, 'initials');
    add(entry.initials.startsWith(qs), 70, 'initials');
    add(qs.length >= 3 && (entry.pinyin.includes(qs) || (u !== undefined && u.includes(qs))), 58, 'pinyin');
  }
  add(
    entry.enWords.some((w) => w.startsWith(q)),
    74,
    'en',
  );
  add(
    entry.aliases.some((a) => a.startsWith(q)),
    72,
    'alias',
  );
  add(q.length >= 2 && entry.aliases.some((a) => a.includes(q)), 62, 'alias');
  add(q.length >= 2 && entry.en.includes(q), 60, 'en');
  add(q.length >= 2 && entry.id.toLowerCase().includes(q), 50, 'id');
  if (candidates.length === 0) return undefined;
  const [score, field] = candidates.reduce((best, c) => (c[0] > best[0] ? c : best));
  return { id: entry.id, score, field };
}

/**
 * Links matching `query`, best first; ties keep the index order (the chain's reading order), so the
 * same query always gives the same list.
 *
 * @example
 * searchLinks(index, 'gm')[0]?.id; // 'separator' (隔膜)
 */
export function searchLinks(index: readonly SearchEntry[], query: string, limit = 12): SearchHit[] {
  const q = fold(query);
  if (!q) return [];
  const qs = squash(query);
  const hits: { hit: SearchHit; i: number }[] = [];
  index.forEach((entry, i) => {
    const hit = scoreEntry(entry, q, qs);
    if (hit) hits.push({ hit, i });
  });
  return hits
    .sort((a, b) => b.hit.score - a.hit.score || a.i - b.i)
    .slice(0, limit)
    .map((h) => h.hit);
}

/** One firm as the firm search sees it. */
export interface FirmSearchEntry {
  /** The firm's key (`<regionId>/<enterpriseId>`). */
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  /** The Chinese name without its legal form and group marks (`firmNameKey`: 金川集团股份有限公司 → 金川). */
  readonly core: string;
  readonly aliases: readonly string[];
  /** Pinyin of the Chinese name (without its suffix), joined; ü written v. */
  readonly pinyin: string;
  readonly initials: string;
  /** The credit code, upper case; empty when none. */
  readonly code: string;
}

export interface FirmSearchInput {
  readonly key: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly aliases?: readonly string[];
  readonly creditCode?: string;
}

/**
 * Builds the firm search entries. Pinyin is made for the name without its suffix (people type
 * `jinchuan`, not `jinchuanjituangufenyouxiangongsi`). Build it once, lazily, off the first draw.
 */
export function buildFirmSearchIndex(firms: Iterable<FirmSearchInput>, toPinyin?: PinyinConverter): FirmSearchEntry[] {
  const out: FirmSearchEntry[] = [];
  for (const f of firms) {
    const core = firmNameKey(f.name.zh);
    const syllables = toPinyin
      ? toPinyin(core)
          .map((s) => s.toLowerCase().replace(/ü|u:/g, 'v'))
          .filter((s) => /^[a-z]+$/.test(s))
      : [];
    out.push({
      key: f.key,
      zh: fold(f.name.zh),
      en: fold(f.name.en),
      core,
      aliases: (f.aliases ?? []).map(fold),
      pinyin: syllables.join(''),
      initials: syllables.map((s) => s[0]!).join(''),
      code: (f.creditCode ?? '').toUpperCase(),
    });
  }
  return out;
}

export type FirmMatchField = 'code' | 'zh' | 'en' | 'alias' | 'pinyin' | 'initials';

export interface FirmSearchHit {
  readonly key: string;
  readonly score: number;
  readonly field: FirmMatchField;
}

const FIRM_FIELDS: readonly FirmMatchField[] = ['code', 'zh', 'en', 'alias', 'pinyin', 'initials'];

/** The best score of `e` for the query, times 8, plus the index of the field in `FIRM_FIELDS`; 0 for no match. */
function scoreFirm(e: FirmSearchEntry, q: string, qs: string, qCode: string): number {
  let best = 0;
  const take = (s: number, f: number) => {
    if (s * 8 + f > best) best = s * 8 + f;
  };
  if (qCode.length >= 4 && e.code) {
    if (e.code === qCode) take(100, 0);
    else if (e.code.startsWith(qCode)) take(92, 0);
  }
  if (e.zh === q || e.core === q) take(100, 1);
  else if (e.zh.startsWith(q)) take(90, 1);
  else if (e.zh.includes(q)) take(80, 1);
  if (best < 88 * 8 && e.aliases.length) {
    for (const a of e.aliases) {
      if (a === q) take(88, 3);
      else if (a.startsWith(q)) take(72, 3);
      else if (q.length >= 2 && a.includes(q)) take(62, 3);
    }
  }
  if (best < 86 * 8 && e.en) {
    if (e.en === q) take(96, 2);
    else if (e.en.startsWith(q)) take(86, 2);
    else if (q.length >= 2 && e.en.includes(q)) take(60, 2);
  }
  if (best < 84 * 8 && qs.length >= 2 && e.pinyin) {
    if (e.pinyin === qs) take(84, 4);
    else if (e.pinyin.startsWith(qs)) take(78, 4);
    else if (e.initials === qs) take(77, 5);
    else if (e.initials.startsWith(qs)) take(70, 5);
    else if (qs.length >= 3 && e.pinyin.includes(qs)) take(58, 4);
  }
  return best;
}

/**
 * Firms matching `query` by name, alias, pinyin, initials or credit code (4 characters or more), best
 * first; ties keep the index order. One pass over the entries; scores are few, so hits go into one
 * bucket per score (each keeps its first `limit`) instead of being sorted: 20,000 firms that all match
 * cost no more than a few.
 *
 * @example
 * searchFirms(index, 'jinchuan')[0]?.key; // 'jinchang/jinchuan'
 */
export function searchFirms(index: readonly FirmSearchEntry[], query: string, limit = 8): FirmSearchHit[] {
  const q = fold(query);
  if (!q || limit <= 0) return [];
  const qs = squash(query);
  const qCode = query.replace(/[\s-]+/g, '').toUpperCase();
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < index.length; i++) {
    const packed = scoreFirm(index[i]!, q, qs, qCode);
    if (packed === 0) continue;
    const score = packed >> 3;
    const bucket = buckets.get(score);
    if (!bucket) buckets.set(score, [i, packed]);
    else if (bucket.length < 2 * limit) bucket.push(i, packed);
  }
  const hits: FirmSearchHit[] = [];
  for (const score of [...buckets.keys()].sort((a, b) => b - a)) {
    const bucket = buckets.get(score)!;
    for (let j = 0; j < bucket.length && hits.length < limit; j += 2) {
      hits.push({ key: index[bucket[j]!]!.key, score, field: FIRM_FIELDS[bucket[j + 1]! & 7]! });
    }
    if (hits.length >= limit) break;
  }
  return hits;
}
