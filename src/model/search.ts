/**
 * Finding links by what a planner types: Chinese, English, ids, aliases, and pinyin in full or as
 * initials (`gemo` and `gm` both find 隔膜). Pure; the pinyin converter is passed in so this module
 * stays free of the dictionary and its tests can use a tiny one.
 */
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
 * Builds the search entries of a chain's links (or of anything named like one: firms, with their
 * credit codes among their aliases, see `firmSearchItems`). Without a converter, pinyin is left empty.
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
