/**
 * The gap list as rows: what the table shows, what its CSV and XLSX exports hold, and what sorting and
 * filtering work on. Pure, so it is tested without a browser.
 */
import { otherLang, translate, type Lang } from '../../i18n';
import { sourceLine } from '../common/sourceLine';
import type { RegionAnalysis } from '../../model/analysis';
import type { GapKind, LinkAssessment } from '../../model/gaps';
import type { ChainIndex } from '../../model/graph';
import type { Citation, Dataset, Indicator, LinkStatus, Localized, Region } from '../../model/types';
import { corridorCover, type CorridorCover } from '../../model/compare';

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
  return `${s.publisher}, ${s.date ?? translate(lang, 'date.undated')} · ${c.locator}`;
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
      corridor,
      corridorText: corridorText(corridor, lang),
      assessment: a,
    };
  });
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
      r.corridorText,
    ]),
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
