/**
 * A saved view said in words for the briefing manager ("NCM cathode material and what feeds it ·
 * filtered to Cathode materials · in Chinese"), never as the route it is stored as.
 */
import { translate, type Lang } from '../../i18n';
import { listSeparator } from '../../i18n/format';
import { parseRoute } from '../../state/route';

export interface ViewNames {
  /** A link's name, or undefined when the chain has no such link. */
  link(id: string): string | undefined;
  /** A sub-chain's name, or undefined. */
  subChain(id: string): string | undefined;
}

/** What a view with `route`, in `viewLang` if set, shows, in `lang`. */
export function describeView(route: string, viewLang: Lang | undefined, lang: Lang, names: ViewNames): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, key, params);
  const r = parseRoute(route);
  const link = r.linkId ? (names.link(r.linkId) ?? r.linkId) : '';
  let what: string;
  if (r.view === 'gaps') what = link ? t('viewWords.gapsLink', { link }) : t('viewWords.gaps');
  else if (r.view === 'dossier') what = t('viewWords.dossier', { link });
  else if (r.view === 'chain' && link)
    what = r.trace
      ? t(r.trace === 'up' ? 'viewWords.traceUp' : 'viewWords.traceDown', { link })
      : t('viewWords.link', { link });
  else what = t('viewWords.chain');
  const sep = listSeparator(lang);
  const filters = [
    ...r.filters.subChains.map((id) => names.subChain(id) ?? id),
    ...r.filters.statuses.map((s) => t(`status.${s}`)),
    ...r.filters.stages.map((s) => t(`stage.${s}`)),
  ];
  const parts = [what];
  if (filters.length) parts.push(t('viewWords.filtered', { filters: filters.join(sep) }));
  if (viewLang) parts.push(t(viewLang === 'zh' ? 'viewWords.inZh' : 'viewWords.inEn'));
  return parts.join(' · ');
}
