import { translate, type Lang } from '../../i18n';
import { formatDate } from '../../i18n/format';
import type { Source } from '../../model/types';

/** A source in one line, as every list of sources shows it: publisher, title, date. */
export const sourceLine = (s: Source, lang: Lang): string =>
  translate(lang, 'sources.line', { publisher: s.publisher, title: s.title, date: formatDate(s.date, lang) });
