/**
 * The current language, as reactive state. `?lang=` forces a language at load; the switch changes it
 * and remembers the choice.
 */
import {
  LANG_PREF_KEY,
  chooseLang,
  hasCatalogue,
  hasMessage,
  langTag,
  loadCatalogue,
  loadFirstPart,
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
  /** Settles once the first part of the catalogue of the language the app starts in is loaded (what the
   * first screen shows); the app mounts then. */
  readonly ready: Promise<unknown>;
  /** Counts the later parts that arrived after a lookup missed them: `t` reads it, so its text is made
   * again when the part is there. */
  #arrived = $state(0);
  /** The language last asked for, so that of two quick switches the last one wins. */
  #wanted: Lang;

  constructor() {
    this.lang = chooseLang(location.search, readPref(STORAGE_KEY), navigator.languages ?? [navigator.language]);
    this.#wanted = this.lang;
    this.ready = loadFirstPart(this.lang);
    this.#apply();
  }

  /**
   * A message from the catalogue of the current language. A key of a part not loaded yet (a lookup the
   * first part was meant to hold, see `src/i18n/catalogueParts.test.ts`) starts loading the whole
   * catalogue, and the text is made again once it is there.
   */
  t = (key: MessageKey, params?: Params): string => {
    if (!hasMessage(this.lang, key) && !hasCatalogue(this.lang)) this.#loadMissing(this.lang);
    return translate(this.lang, key, params);
  };

  #loadMissing(lang: Lang): void {
    // Read in the caller's effect, which then runs again when the part arrives.
    void this.#arrived;
    loadCatalogue(lang).then(
      () => this.#arrived++,
      () => undefined,
    );
  }

  /** Settles once the whole catalogue of the current language is loaded: every part of the app loaded
   * after the first draw waits for it before it shows (no raw key, no text that changes language). */
  whole(): Promise<void> {
    return loadCatalogue(this.lang);
  }

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
