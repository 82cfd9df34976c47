/**
 * The shipped data says no more than its sources. Every citation's quote stands verbatim where its
 * locator points (a paragraph of the article, a section and entry of the reference notes); every figure
 * stands in one of its record's quotes; and every status is one its evidence can support:
 *
 * - `strong`: a capacity (scale) and an enterprise of the region on the link (an anchor firm), besides
 *   what `present` needs;
 * - `present`: a quote that says the thing is made, produced or supplied (not only that resources are
 *   rich) and that names the link (its id, names or aliases), or a note giving the reading, for a short
 *   reviewed list of links whose quote names them otherwise (“25万吨镍” for refined nickel);
 * - `building`: a project of the region under construction on the link, or a quote saying 在建, 开工 or
 *   the like;
 * - `attracting`: a project being attracted or signed on the link, or a quote saying 引进, 招商 or 签约;
 * - `missing`: a quote that names the link, and a note;
 * - `unknown`: a note saying what the sources do say (for every state record the data holds).
 *
 * Projects' statuses and dates are held to their quotes the same way.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChainLink, Citation, Dataset, LinkState, Quantity, Region } from '../model/types';
import { loadShippedDataset } from './seed';

const seedText = (path: string) => readFileSync(new URL(`../../seeds/${path}`, import.meta.url), 'utf8');
const ARTICLE = 'gsdaily-2024-jinchang';
/** The article's paragraphs as data-format.md numbers them: non-empty blocks between blank lines. */
const paragraphs = seedText('sources/gsdaily-2024-jinchang.txt')
  .split(/\n\s*\n/)
  .map((b) => b.trim())
  .filter(Boolean);
/** Markdown's soft line wraps read as the spaces they render as. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The reference notes as sections (`## ` headings), each a list of entries: bullets and blank-line blocks. */
interface Section {
  readonly title: string;
  readonly header: string;
  readonly entries: readonly string[];
}
const sections: Section[] = seedText('sources/battery-chain-reference.md')
  .split(/^## /m)
  .slice(1)
  .map((chunk) => {
    const [header = '', ...body] = chunk.split('\n');
    const entries: string[] = [];
    let current: string[] = [];
    const close = () => {
      if (current.length) entries.push(flat(current.join('\n')));
      current = [];
    };
    for (const line of body) {
      if (!line.trim() || line.startsWith('- ')) close();
      if (line.trim()) current.push(line.replace(/^- /, ''));
    }
    close();
    // The title is the heading up to its first bracket or full stop: "Material intensity". The heading
    // itself can be quoted too.
    return { title: header.split(/[(.]/)[0]!.trim(), header, entries: [flat(header), ...entries] };
  });

const shipped: Dataset = await loadShippedDataset();
const chain = shipped.chains[0]!;
const links = new Map(chain.links.map((l) => [l.id, l]));
const sourceById = new Map(shipped.sources.map((s) => [s.id, s]));

/** Where a citation's quote should stand, or why it cannot. */
function checkCitation(c: Citation): string | undefined {
  if (!sourceById.has(c.sourceId)) return `no source "${c.sourceId}"`;
  if (!c.quote) return 'no quote';
  if (c.sourceId === ARTICLE) {
    const n = Number(/^¶(\d+)$/.exec(c.locator)?.[1]);
    return paragraphs[n - 1]?.includes(c.quote) ? undefined : `not in ${c.locator}`;
  }
  // Every other source is known through the reference notes, and quoted in their words.
  const [first = '', ...rest] = c.locator.split(', ');
  const section = sections.find((s) => first.startsWith(s.title));
  if (!section) return `no section of the reference notes for "${first}"`;
  const quote = flat(c.quote);
  const entry = section.entries.find((e) => e.includes(quote));
  if (!entry) return `not in the section "${section.title}"`;
  for (const part of rest) {
    const words = part.replace(/\s*\(.*\)\s*$/, '').trim();
    const row = /^row (.+)$/.exec(words)?.[1];
    const column = /^column (.+)$/.exec(words)?.[1];
    if (row !== undefined) {
      if (!quote.includes(`| ${row} |`)) return `not row ${row}`;
    } else if (column !== undefined) {
      if (!tableHeader(section)?.includes(column)) return `no column ${column}`;
    } else if (!entry.toLowerCase().includes(words.toLowerCase())) {
      return `"${words}" is not in the entry that holds the quote`;
    }
  }
  return undefined;
}

function tableHeader(section: Section): string[] | undefined {
  const table = section.entries.find((e) => e.startsWith('|'));
  return table
    ?.split(' |-')[0]!
    .split('|')
    .map((c) => c.trim());
}

/** Every citation of the dataset, with where it is. */
function allCitations(ds: Dataset): { where: string; citation: Citation }[] {
  const out: { where: string; citation: Citation }[] = [];
  const add = (where: string, list: readonly Citation[]) => list.forEach((citation) => out.push({ where, citation }));
  for (const c of ds.chains) {
    add(`chain ${c.id}`, c.sources);
    for (const l of c.links) add(`link ${l.id}`, l.sources);
    for (const e of c.edges) {
      add(`edge ${e.from}>${e.to}`, e.sources);
      for (const i of e.intensities ?? []) add(`intensity ${e.from}>${e.to} ${i.chemistry ?? ''}`, [i.source]);
    }
  }
  for (const r of ds.regions) {
    if (r.focus) add(`${r.id} focus`, r.focus.sources);
    for (const s of r.linkStates) add(`${r.id} state ${s.linkId}`, s.sources);
    for (const x of [...r.enterprises, ...r.projects, ...r.indicators]) add(`${r.id} ${x.id}`, x.sources);
  }
  return out;
}

/** The numbers a quote gives, in base units: 25万 is 250000, 1.35 Mt is 1350000, 300–450 gives both ends. */
function numbersIn(quote: string): { value: number; unit: string }[] {
  const text = quote.replace(/(\d),(?=\d{3})/g, '$1');
  const scale: Record<string, number> = { 万: 1e4, 亿: 1e8, kt: 1e3, Mt: 1e6 };
  const out: { value: number; unit: string }[] = [];
  const re = /(\d+(?:\.\d+)?)(?:\s*[–-]\s*(\d+(?:\.\d+)?))?\s*多?\s*(万|亿|kt|Mt|t\/GWh)?/g;
  for (const m of text.matchAll(re)) {
    const unit = m[3] ?? '';
    for (const n of [m[1], m[2]]) if (n !== undefined) out.push({ value: Number(n) * (scale[unit] ?? 1), unit });
  }
  return out;
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Whether `value` stands in one of the quotes. */
function figureIn(value: number, quotes: readonly string[]): boolean {
  return quotes.some((q) => numbersIn(q).some((n) => near(n.value, value)));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];
MONTHS.push('October', 'November', 'December');

/**
 * Whether a date stands in one of the texts as they write it: 2023-05-28, November 2023, 2023年9月,
 * 2022年4月7日, and end-2022 or 2022年底 for a December.
 */
function dateIn(date: string, texts: readonly string[]): boolean {
  const [y, m, d] = date.split('-');
  const forms = [date];
  if (m && /^\d\d$/.test(m)) {
    forms.push(`${MONTHS[Number(m) - 1]} ${y}`, `${y}年${Number(m)}月${d ? `${Number(d)}日` : ''}`);
    if (m === '12' && !d) forms.push(`end-${y}`, `${y}年底`);
  }
  return texts.some((t) => forms.some((f) => t.includes(f)));
}

/** The names a quote may call a link by: id, names, their slash- or bracket-separated parts, aliases. */
function namesOf(link: ChainLink): string[] {
  const parts = [link.id, link.name.zh, link.name.en, ...(link.aliases ?? [])];
  for (const n of [link.name.zh, link.name.en]) parts.push(...n.split(/[/()（）]/).map((p) => p.trim()));
  return [...new Set(parts)].filter((p) => p.length >= 2);
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "镍盐、钴盐所需的…原材料": what the salts need, not the salts. */
const NEEDED_FOR = /^[^，,。；;]{0,6}(所需|所用)/;
/** Whether a quote names the link as a thing in its own right (not as what something else is needed for). */
function namesLink(quote: string, link: ChainLink): boolean {
  return namesOf(link).some((n) => {
    // Latin names as whole words ("Co" is not in "copper"), Chinese ones anywhere.
    if (/^[\x20-\x7e]+$/.test(n)) return new RegExp(`(^|[^A-Za-z0-9])${escape(n)}($|[^A-Za-z0-9])`, 'i').test(quote);
    for (let at = quote.indexOf(n); at >= 0; at = quote.indexOf(n, at + 1))
      if (!NEEDED_FOR.test(quote.slice(at + n.length))) return true;
    return false;
  });
}

/** Words that say a thing is made, supplied or run, rather than that a resource lies in the ground. */
const PRODUCTION =
  /生产|产能|供应|量产|投产|产品|俱全|products?\b|production|capacity|plant|line\b|\d\s*(?:kt|Mt)\b|\/yr|GW\/yr/i;
const BUILDING = /在建|开工|加快建设|under construction|broke ground|started/i;
const ATTRACTING = /引进|招商|签约|attract|signed/i;
const OPERATING = /投产|量产|in production|first cells/i;

/**
 * Present links whose quote names them by another word, each with the reading its note gives. Reviewed
 * by hand; the test fails if a link needs the list and is not on it, or is on it and does not need it.
 */
const READINGS: Record<string, string> = {
  'jinchang ni_metal': '“25万吨镍” production capacity, counted at refined nickel',
  'jinchang cu': '“140万吨铜” production capacity, refined copper',
  'jinchang co_refined': '“1.7万吨钴” production capacity, counted at refined cobalt',
  'jinchang h2so4': 'sulphuric acid is one of the “三酸两碱”, all made locally',
  'jinchang chlor_alkali': 'caustic soda is one of the “三酸两碱”',
  'jinchang soda_ash': 'soda ash is one of the “三酸两碱”',
  'jinchang fe_src': 'iron among the raw materials produced locally; the link stands for any iron raw material',
};

/** Why a state's status is more than its evidence supports, or undefined when it holds. */
function checkStatus(region: Region, s: LinkState, viaReading: string[]): string | undefined {
  const link = links.get(s.linkId);
  if (!link) return 'no such link';
  const quotes = s.sources.map((c) => c.quote ?? '');
  const hasNote = Boolean(s.note?.zh.trim() && s.note.en.trim());
  const projects = region.projects.filter((p) => p.linkIds.includes(s.linkId));
  switch (s.status) {
    case 'unknown':
      return hasNote ? undefined : 'an unknown state the data records needs a note saying what the sources say';
    case 'missing':
      return quotes.some((q) => namesLink(q, link)) && hasNote ? undefined : 'missing needs a quote naming it';
    case 'attracting':
      return projects.some((p) => p.status === 'attracting' || p.status === 'signed') ||
        quotes.some((q) => ATTRACTING.test(q))
        ? undefined
        : 'attracting needs a project being attracted or a quote saying so';
    case 'building':
      return projects.some((p) => p.status === 'building') || quotes.some((q) => BUILDING.test(q))
        ? undefined
        : 'building needs a project under construction or a quote saying 在建/开工';
    case 'strong':
    case 'present': {
      if (s.status === 'strong') {
        if (!s.capacity) return 'strong needs its scale (a capacity)';
        if (!region.enterprises.some((e) => e.linkIds.includes(s.linkId))) return 'strong needs an anchor firm';
      }
      const producing = s.sources.filter((c) => PRODUCTION.test(c.quote ?? ''));
      if (!producing.length) return `${s.status} needs a quote that says it is made or supplied, not only resources`;
      if (producing.some((c) => namesLink(c.quote!, link))) return undefined;
      const key = `${region.id} ${s.linkId}`;
      if (!hasNote || !Object.hasOwn(READINGS, key))
        return `${s.status} needs a quote naming the link, or a note giving a reviewed reading (READINGS)`;
      viaReading.push(key);
      return undefined;
    }
  }
}

/** The quantities a region's records report, with the quotes that should hold them. */
function figures(region: Region): { where: string; value: number; quotes: string[] }[] {
  const out: { where: string; value: number; quotes: string[] }[] = [];
  const quotesOf = (x: { sources: readonly Citation[] }) => x.sources.map((c) => c.quote ?? '');
  const add = (where: string, q: Quantity | number | undefined, quotes: string[]) => {
    if (q !== undefined) out.push({ where, value: typeof q === 'number' ? q : q.value, quotes });
  };
  for (const s of region.linkStates) add(`${region.id} state ${s.linkId}`, s.capacity, quotesOf(s));
  for (const p of region.projects) {
    add(`${region.id} project ${p.id} capacity`, p.capacity, quotesOf(p));
    add(`${region.id} project ${p.id} investment`, p.investment, quotesOf(p));
  }
  for (const i of region.indicators) {
    add(`${region.id} ${i.id}`, i.value, quotesOf(i));
    add(`${region.id} ${i.id} change`, i.changePercent, quotesOf(i));
    add(`${region.id} ${i.id} out of`, i.outOf, quotesOf(i));
  }
  return out;
}

describe('the shipped data says no more than its sources', () => {
  it('cites only sources it holds; the article is quoted by paragraph, every other source through the reference notes', () => {
    for (const s of shipped.sources) {
      if (s.id === ARTICLE || s.id === 'ref-battery-chain') continue;
      expect(s.note, s.id).toMatch(/reference notes/);
    }
    const wrong = allCitations(shipped)
      .map(({ where, citation }) => ({ where, citation, why: checkCitation(citation) }))
      .filter((x) => x.why);
    expect(wrong.map((x) => `${x.where}: ${x.why} (${x.citation.locator}: ${x.citation.quote})`)).toEqual([]);
    // The checks ran over the data: all 85 article citations of the first data are still among them.
    const article = allCitations(shipped).filter((x) => x.citation.sourceId === ARTICLE);
    expect(article.length).toBeGreaterThanOrEqual(85);
  });

  it('gives every Chinese quote an English translation, beside the verbatim quote', () => {
    // A quote is Chinese when it has more Han characters than Latin letters (the notes' English words
    // about a Chinese source are not).
    const chinese = (q: string) => (q.match(/\p{Script=Han}/gu) ?? []).length > (q.match(/[A-Za-z]/g) ?? []).length;
    const quoted = allCitations(shipped).filter((x) => x.citation.quote && chinese(x.citation.quote));
    expect(quoted.length).toBeGreaterThanOrEqual(85);
    const untranslated = quoted.filter((x) => !x.citation.translation?.en?.trim());
    expect(untranslated.map((x) => `${x.where}: ${x.citation.quote}`)).toEqual([]);
    for (const { where, citation } of quoted) {
      const en = citation.translation!.en!;
      // English, not the quote again, and the years it names are the quote's.
      expect(en, where).not.toMatch(/\p{Script=Han}/u);
      expect(en.match(/\b20\d\d\b/g) ?? [], `${where}: ${en}`).toEqual(citation.quote!.match(/20\d\d(?=年)/g) ?? []);
    }
    // The same quote reads the same wherever it is cited.
    const byQuote = new Map<string, Set<string>>();
    for (const { citation } of quoted)
      byQuote.set(citation.quote!, (byQuote.get(citation.quote!) ?? new Set()).add(citation.translation!.en!));
    expect([...byQuote].filter(([, t]) => t.size > 1)).toEqual([]);
  });

  it('finds every figure a region reports in one of its quotes', () => {
    const all = shipped.regions.flatMap(figures);
    expect(all.filter((f) => !figureIn(f.value, f.quotes)).map((f) => `${f.where}: ${f.value}`)).toEqual([]);
    // Jinchang's 38 figures from the article and those the reference notes add.
    expect(all.filter((f) => f.where.startsWith('jinchang ')).length).toBeGreaterThanOrEqual(38);
  });

  it('finds every material intensity in its quote: the table cell of its row and column, or both ends of its range', () => {
    const wrong: string[] = [];
    for (const e of chain.edges) {
      for (const i of e.intensities ?? []) {
        const quote = i.source.quote ?? '';
        const where = `${e.from}>${e.to} ${i.chemistry ?? ''} ${i.value}`;
        const column = /column (\S+)/.exec(i.source.locator)?.[1];
        if (column) {
          const header = tableHeader(sections.find((s) => s.title === 'Material intensity')!)!;
          const cell = quote.split('|').map((c) => c.trim())[header.indexOf(column)];
          if (!near(Number(cell), i.value)) wrong.push(`${where}: column ${column} holds ${cell}`);
          continue;
        }
        // A t/GWh figure stored in kg/kWh: 1 t/GWh = 0.001 kg/kWh.
        const perGwh = i.unit === 'kg/kWh' && quote.includes('t/GWh') ? 1000 : 1;
        const scaled = (v: number) => v * perGwh;
        if (i.range) {
          const [low, high] = i.range;
          if (!figureIn(scaled(low), [quote]) || !figureIn(scaled(high), [quote])) wrong.push(`${where}: range`);
          if (!near(i.value, (low + high) / 2)) wrong.push(`${where}: not the midpoint of its range`);
        } else if (!figureIn(scaled(i.value), [quote])) wrong.push(`${where}: not in its quote`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives every link state a status its citations support', () => {
    const viaReading: string[] = [];
    const wrong: string[] = [];
    const checked = new Set<string>();
    for (const region of shipped.regions) {
      for (const s of region.linkStates) {
        checked.add(s.status);
        const why = checkStatus(region, s, viaReading);
        if (why) wrong.push(`${region.id} ${s.linkId} ${s.status}: ${why}`);
      }
    }
    expect(wrong).toEqual([]);
    // Every reviewed reading is still needed: none stays on the list after its link got a naming quote.
    expect(viaReading.sort()).toEqual(Object.keys(READINGS).sort());
    // Every kind of status was held to its rule.
    expect([...checked].sort()).toEqual(['attracting', 'building', 'present', 'strong', 'unknown']);
  });

  it('refuses what the sources do not say: resources are not production, inputs of a salt are not the salt', () => {
    // The checks above refuse a present status whose only quotes speak of resources.
    const region = shipped.regions.find((r) => r.id === 'jinchang')!;
    const rich = '丰富的镍、铜、钴、锰和化工资源为发展新能源电池产业提供了基础';
    const state: LinkState = {
      linkId: 'ni_ore',
      status: 'present',
      asOf: '2024',
      note: { zh: '资源丰富。', en: 'Rich resources.' },
      sources: [{ sourceId: ARTICLE, locator: '¶6', quote: rich }],
    };
    expect(checkStatus(region, state, [])).toMatch(/not only resources/);
    expect(checkStatus(region, { ...state, status: 'strong', capacity: { value: 1, unit: 't/a' } }, [])).toMatch(
      /anchor firm/,
    );
    expect(checkStatus(region, { ...state, status: 'building' }, [])).toMatch(/under construction/);
    // The raw materials for the salts are not the salts.
    const forSalts = '电池级镍盐、钴盐所需的镍、钴、锰、铁、锂及磷酸等原材料均可在金昌本地生产供应';
    const salts: LinkState = {
      ...state,
      linkId: 'niso4',
      sources: [{ sourceId: ARTICLE, locator: '¶7', quote: forSalts }],
    };
    expect(checkStatus(region, salts, [])).toMatch(/naming the link/);
    expect(checkStatus(region, { ...salts, linkId: 'h3po4' }, [])).toBeUndefined();
  });

  it('gives every project a status and dates its quotes support', () => {
    const wrong: string[] = [];
    for (const region of shipped.regions) {
      for (const p of region.projects) {
        const quotes = p.sources.map((c) => c.quote ?? '');
        const test = { operating: OPERATING, building: BUILDING, attracting: ATTRACTING, signed: ATTRACTING }[
          p.status as string
        ];
        if (test && !quotes.some((q) => test.test(q))) wrong.push(`${p.id} ${p.status}: no quote says so`);
        for (const [kind, date] of Object.entries(p.dates ?? {}))
          if (!dateIn(date, quotes)) wrong.push(`${p.id} ${kind} ${date}: not in its quotes`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('dates every indicator as its quote, the paragraph it stands in, or its source’s date gives', () => {
    const paragraphOf = (c: Citation) => paragraphs[Number(/^¶(\d+)$/.exec(c.locator)?.[1]) - 1] ?? '';
    const wrong: string[] = [];
    for (const region of shipped.regions) {
      for (const i of region.indicators) {
        const texts = i.sources.map((c) => (c.sourceId === ARTICLE ? paragraphOf(c) : (c.quote ?? '')));
        const dates = i.sources.map((c) => sourceById.get(c.sourceId)?.date ?? '');
        const year = i.period.slice(0, 4);
        // A year, half or quarter: the year in the text ("2023年", "今年" of a 2024 article) will do.
        const yearly = /^\d{4}(-[HQ]\d)?$/.test(i.period);
        const ok =
          dateIn(i.period, texts) ||
          dates.some((d) => d.startsWith(i.period)) ||
          (yearly && (texts.some((t) => t.includes(year)) || dates.some((d) => d.startsWith(year))));
        if (!ok) wrong.push(`${region.id} ${i.id} ${i.period}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
