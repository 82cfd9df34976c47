/**
 * The current language, as reactive state. `?lang=` forces a language at load; the switch changes it
 * and remembers the choice.
 */
import { chooseLang, langTag, translate, type Lang, type MessageKey, type Params } from '../i18n';
import type { Localized } from '../model/types';
import { readPref, writePref } from './prefs';

const STORAGE_KEY = 'chainatlas.lang';

export class LocaleState {
  lang = $state<Lang>('zh');

  constructor() {
    this.lang = chooseLang(location.search, readPref(STORAGE_KEY), navigator.languages ?? [navigator.language]);
    this.#apply();
  }

  /** A message from the catalogue of the current language. */
  t = (key: MessageKey, params?: Params): string => translate(this.lang, key, params);

  /** A record's text in the current language. */
  name = (text: Localized): string => text[this.lang];

  set(lang: Lang): void {
    this.lang = lang;
    writePref(STORAGE_KEY, lang);
    // Keep a forced ?lang= in step with the switch, so a shared address shows what the user sees.
    // A one-off edit of the address, not reactive state.
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', lang);
      history.replaceState(history.state, '', url);
    }
    this.#apply();
  }

  #apply(): void {
    document.documentElement.lang = langTag(this.lang);
  }
}

export const locale = new LocaleState();
