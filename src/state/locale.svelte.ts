/**
 * The current language, as reactive state. `?lang=` forces a language at load; the switch changes it
 * and remembers the choice.
 */
import {
  LANG_PREF_KEY,
  chooseLang,
  hasCatalogue,
  langTag,
  loadCatalogue,
  translate,
  type Lang,
  type MessageKey,
  type Params,
} from '../i18n';
import type { Localized } from '../model/types';
import { readPref, writePref } from './prefs';

const STORAGE_KEY = LANG_PREF_KEY;

export class LocaleState {
  lang = $state<Lang>('zh');
  /** Settles once the catalogue of the language the app starts in is loaded; the app mounts then. */
  readonly ready: Promise<unknown>;
  /** The language last asked for, so that of two quick switches the last one wins. */
  #wanted: Lang;

  constructor() {
    this.lang = chooseLang(location.search, readPref(STORAGE_KEY), navigator.languages ?? [navigator.language]);
    this.#wanted = this.lang;
    this.ready = loadCatalogue(this.lang);
    this.#apply();
  }

  /** A message from the catalogue of the current language. */
  t = (key: MessageKey, params?: Params): string => translate(this.lang, key, params);

  /** A record's text in the current language. */
  name = (text: Localized): string => text[this.lang];

  /**
   * Switches to `lang`: at once when its catalogue is loaded (the app loads the other language's after
   * the first draw), else once it is (a chunk of its own).
   */
  set(lang: Lang): Promise<void> {
    this.#wanted = lang;
    if (hasCatalogue(lang)) {
      this.#switch(lang);
      return Promise.resolve();
    }
    return loadCatalogue(lang).then(() => {
      if (this.#wanted === lang) this.#switch(lang);
    });
  }

  #switch(lang: Lang): void {
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
