/**
 * The gap list as rows: what the table shows, what its CSV and XLSX exports hold, and what sorting and
 * filtering work on. Pure, so it is tested without a browser.
 */
import { otherLang, translate, type Lang } from '../i18n';
import { formatDate, listSeparator } from '../i18n/format';
import { publisherIn, sourceLine } from '../i18n/sourceLine';
import type { RegionAnalysis } from '../model/analysis';
import { SCORE_WEIGHTS, scoreParts, type GapKind, type GapRules, type LinkAssessment } from '../model/gaps';
import type { ChainIndex } from '../model/graph';
import type { Citation, Dataset, Indicator, LinkStatus, Localized, Region } from '../model/types';
import { corridorCover, type CorridorCover } from '../model/compare';

/** A corridor verdict in words. */
export function corridorText(cover: CorridorCover | undefined, lang: Lang): string {
  if (!cover) return '';
  const names = (rs: CorridorCover['local']) => rs.map((r) => r.name[lang]).join(lang === 'zh' ? '、' : ', ');
  const verdict =
    cover.verdict === 'within'
      ? translate(lang, 'corridor.within', { regions: names(cover.local) })
      : translate(lang, 'corridor.none');
  return cover.building.length
    ? `${verdict} · ${translate(lang, 'corridor.building', { regions: names(cover.building) })}`
    : verdict;
}

export interface GapRow {
  readonly rank: number;
  readonly linkId: string;
  readonly name: string;
  /** The name in the other language. */
  readonly otherName: string;
  readonly subChainId: string;
  readonly subChain: string;
  readonly kind: GapKind;
  readonly assumed: boolean;
  readonly score: number;
  readonly dependents: number;
  readonly massShare: number | undefined;
  readonly localInputs: readonly string[];
  readonly localBuyers: readonly string[];
  readonly status: LinkStatus;
  /** Where the status comes from: the first citation of the link's state, in short. */
  readonly source: string;
  /** Why the link is on the list, in words. */
  readonly why: string;
  /** For a link to verify: what evidence would settle it (empty for the other kinds). */
  readonly settle: string;
  /** The same in a few words, for the table. */
  readonly settleShort: string;
  /** Whether another region of the corridor makes the link (`within`) or none does (`none`). */
  readonly corridor: CorridorCover | undefined;
  /** The same in words: "Within the corridor: Baiyin", "None in the corridor". */
  readonly corridorText: string;
  readonly assessment: LinkAssessment;
}

/** A citation in a line: publisher, title, date, locator. */
export function citationLine(dataset: Dataset, c: Citation | undefined, lang: Lang): string {
  if (!c) return '';
  const s = dataset.sources.find((x) => x.id === c.sourceId);
  if (!s) return `${c.sourceId} · ${c.locator}`;
  return `${sourceLine(s, lang)} · ${c.locator}`;
}

/** A citation in short: publisher, date, locator (the title is in the source list). */
export function shortCitation(dataset: Dataset, c: Citation, lang: Lang): string {
  const s = dataset.sources.find((x) => x.id === c.sourceId);
  if (!s) return `${c.sourceId} · ${c.locator}`;
  return `${publisherIn(s.publisher, lang)}, ${s.date ?? translate(lang, 'date.undated')} · ${c.locator}`;
}

/** Rows of the gap list (gaps, extensions and weak links), in ranked order. */
export function gapRows(
  analysis: RegionAnalysis,
  index: ChainIndex,
  region: Region | undefined,
  dataset: Dataset,
  lang: Lang,
): GapRow[] {
  const other = otherLang(lang);
  const states = new Map((region?.linkStates ?? []).map((s) => [s.linkId, s]));
  const subChains = new Map(index.template.subChains.map((s) => [s.id, s]));
  const name = (id: string) => index.links.get(id)?.name[lang] ?? id;
  const products = (region?.focus?.products ?? []).map(name).join(listSeparator(lang));
  const productsNote = products ? (lang === 'zh' ? `（${products}）` : `: ${products}`) : '';
  const cover = region
    ? corridorCover(
        dataset,
        region,
        analysis.gaps.ranked.map((a) => a.linkId),
      )
    : undefined;
  return analysis.gaps.ranked.map((a, i) => {
    const link = index.links.get(a.linkId)!;
    const corridor = cover?.get(a.linkId);
    return {
      rank: i + 1,
      linkId: a.linkId,
      name: link.name[lang],
      otherName: link.name[other],
      subChainId: link.subChain,
      subChain: subChains.get(link.subChain)?.name[lang] ?? link.subChain,
      kind: a.kind,
      assumed: a.assumed,
      score: a.score,
      dependents: a.dependents,
      massShare: a.massShare,
      localInputs: a.localInputs.map(name),
      localBuyers: a.localBuyers.map(name),
      status: a.status,
      source: citationLine(dataset, states.get(a.linkId)?.sources[0], lang) || translate(lang, 'gaps.noSource'),
      why: a.reasons
        .map((r) => translate(lang, `gaps.reason.${r}`, { products: productsNote, firms: a.firms }))
        .join(' '),
      settle: a.kind === 'verify' ? settleText(a, link.name[lang], name, lang) : '',
      settleShort:
        a.kind !== 'verify'
          ? ''
          : a.localBuyers.length
            ? translate(lang, 'gaps.settle.askBuyers', { who: a.localBuyers.map(name).join(listSeparator(lang)) })
            : translate(lang, 'gaps.settle.findMaker'),
      corridor,
      corridorText: corridorText(corridor, lang),
      assessment: a,
    };
  });
}

/** The impact score in a sentence: the points of each part, and for a link to verify what the score means. */
export function scoreSentence(a: LinkAssessment, lang: Lang): string {
  const parts = scoreParts(a);
  const text = translate(lang, 'dossier.score', {
    score: a.score,
    count: a.dependents,
    dependents: parts.dependents,
    d: SCORE_WEIGHTS.dependents,
    mass: parts.mass,
    share: a.massShare === undefined ? translate(lang, 'dossier.noMass') : `${Math.round(a.massShare * 100)}%`,
    m: SCORE_WEIGHTS.massShare,
    input: parts.localInput,
    buyer: parts.localBuyer,
    i: SCORE_WEIGHTS.localInput,
  });
  return a.kind === 'verify' ? `${text} ${translate(lang, 'dossier.scoreIfMissing')}` : text;
}

/**
 * What evidence would settle a link to verify, in words: a source naming a local maker and its
 * capacity, or one saying it is not made here; where local buyers or inputs exist, they are who to ask.
 */
export function settleText(
  a: Pick<LinkAssessment, 'localInputs' | 'localBuyers'>,
  linkName: string,
  name: (id: string) => string,
  lang: Lang,
): string {
  const list = (ids: readonly string[]) => ids.map(name).join(listSeparator(lang));
  if (a.localBuyers.length) return translate(lang, 'gaps.settle.buyers', { link: linkName, who: list(a.localBuyers) });
  if (a.localInputs.length) return translate(lang, 'gaps.settle.inputs', { link: linkName, who: list(a.localInputs) });
  return translate(lang, 'gaps.settle.plain', { link: linkName });
}

/** The table as text cells, headed in `lang`, for CSV and XLSX export. */
export function gapTable(rows: readonly GapRow[], lang: Lang): string[][] {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const header = [
    t('gaps.col.rank'),
    t('gaps.col.id'),
    t('gaps.col.link'),
    t('gaps.col.otherName'),
    t('gaps.col.subChain'),
    t('gaps.col.kind'),
    t('gaps.col.score'),
    t('gaps.col.dependents'),
    t('gaps.col.massShare'),
    t('gaps.col.localInputs'),
    t('gaps.col.localBuyers'),
    t('gaps.col.status'),
    t('gaps.col.source'),
    t('gaps.col.why'),
    t('gaps.col.settle'),
    t('corridor.column'),
  ];
  return [
    header,
    ...rows.map((r) => [
      String(r.rank),
      r.linkId,
      r.name,
      r.otherName,
      r.subChain,
      translate(lang, `gaps.kind.${r.kind}`) + (r.assumed ? ` (${t('gaps.assumed')})` : ''),
      String(r.score),
      String(r.dependents),
      r.massShare === undefined ? '' : `${Math.round(r.massShare * 1000) / 10}%`,
      r.localInputs.join('; '),
      r.localBuyers.join('; '),
      translate(lang, `status.${r.status}`),
      r.source,
      r.why,
      r.settle,
      r.corridorText,
    ]),
  ];
}

/**
 * The lines above an exported gap list: what it is, for which region, when, and by which rules, so a
 * file passed on still says how it was made.
 */
export function gapListPreamble(
  region: Region | undefined,
  rules: GapRules,
  lang: Lang,
  exportedOn: string,
  whatIf = 0,
): string[][] {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(lang, k, p);
  const thresholds = Object.entries(rules.weakBelow)
    .map(([unit, value]) => `${value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} ${unit}`)
    .join(listSeparator(lang));
  return [
    [t('gaps.file.title')],
    [t('gaps.file.region'), region ? region.name[lang] : '—'],
    [t('gaps.file.asOf'), region ? formatDate(region.asOf, lang) : '—'],
    [t('gaps.file.exported'), exportedOn],
    [
      t('gaps.file.rules'),
      t('gaps.file.rulesLine', {
        thresholds,
        single: t(rules.singleEnterpriseIsWeak ? 'gaps.file.yes' : 'gaps.file.no'),
        assume: t(rules.assumeUnknownMissing ? 'gaps.file.yes' : 'gaps.file.no'),
      }),
    ],
    ...(whatIf ? [[t('export.whatIfMark', { count: whatIf })]] : []),
    [],
  ];
}

/** Reported figures grouped by whom they are about (`regionName` when they name no subject), in order met. */
export function figuresBySubject(
  figures: readonly Indicator[],
  regionName: Localized,
): { key: string; subject: Localized; rows: Indicator[] }[] {
  const groups = new Map<string, { key: string; subject: Localized; rows: Indicator[] }>();
  for (const f of figures) {
    const subject = f.subject ?? regionName;
    const key = `${subject.en}\n${subject.zh}`;
    const group = groups.get(key);
    if (group) group.rows.push(f);
    else groups.set(key, { key, subject, rows: [f] });
  }
  return [...groups.values()];
}
