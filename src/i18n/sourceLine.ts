import { translate, type Lang } from './index';
import { formatDate } from './format';
import type { Source } from '../model/types';

/**
 * A publisher's name as a reader of `lang` sees it. A publisher recorded in both languages, its Chinese
 * name then its English one ("甘肃日报 Gansu Daily"), reads in Chinese alone in the Chinese interface;
 * the English interface keeps both, so an English reader can still find the Chinese original.
 */
export const publisherIn = (publisher: string, lang: Lang): string => {
  if (lang !== 'zh') return publisher;
  const both = /^([\p{Script=Han}·・\s]*\p{Script=Han})\s+[A-Za-z]/u.exec(publisher);
  return both ? both[1]! : publisher;
};

/** A source in one line, as every list of sources shows it: publisher, title, date. */
export const sourceLine = (s: Source, lang: Lang): string =>
  translate(lang, 'sources.line', {
    publisher: publisherIn(s.publisher, lang),
    title: s.title,
    date: formatDate(s.date, lang),
  });
