/**
 * Message lookup and language choice. Pure: the reactive current language lives in
 * `src/state/locale.svelte.ts`.
 *
 * Each catalogue is a chunk of its own, loaded when its language is first shown (`loadCatalogue`):
 * the start-up bundle carries neither, and a visit fetches only the language it shows. The app
 * mounts once the language it starts in is loaded (`src/main.ts`), and switches language once the
 * other one is (`LocaleState.set`), so no text is ever looked up in a catalogue that is not there.
 */
import type { Localized } from '../model/types';
import type { MessageKey } from './en';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type Params = Readonly<Record<string, string | number>>;
export type Catalogue = Readonly<Record<MessageKey, string>>;

/** Where the user's choice of language is remembered (localStorage). */
export const LANG_PREF_KEY = 'chainatlas.lang';

const loaded: Partial<Record<Lang, Catalogue>> = {};
const loading: Partial<Record<Lang, Promise<Catalogue>>> = {};

/** Loads the catalogue of `lang` (once); resolves at once when it is there already. */
export function loadCatalogue(lang: Lang): Promise<Catalogue> {
  const there = loaded[lang];
  if (there) return Promise.resolve(there);
  const load = (loading[lang] ??= (
    lang === 'en' ? import('./en').then((m) => m.en) : import('./zh-CN').then((m) => m.zhCN)
  )
    .then((c: Catalogue) => (loaded[lang] = c))
    .finally(() => delete loading[lang]));
  return load;
}

/** Whether the catalogue of `lang` is loaded. */
export function hasCatalogue(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/** Whether the catalogue of `lang` has the message `key` (a key made at run time, such as `issue.<code>`). */
export function hasMessage(lang: Lang, key: string): key is MessageKey {
  const c = loaded[lang];
  return c !== undefined && Object.hasOwn(c, key);
}

/**
 * The message `key` in `lang`, with `{name}` placeholders filled from `params`. `{count:link|links}`
 * writes the count and the word that agrees with it ("1 link", "3 links"); Chinese needs no such form.
 * The catalogue must have been loaded (`loadCatalogue`); a lookup in one that is not is a bug, and
 * falls back to the other language, or the key, rather than failing.
 */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const catalogue = loaded[lang] ?? loaded[otherLang(lang)];
  if (!catalogue) return key;
  const template = catalogue[key];
  return template.replace(
    /\{(\w+)(?::([^|{}]*)\|([^{}]*))?\}/g,
    (whole, name: string, one?: string, other?: string) => {
      if (!Object.hasOwn(params, name)) return whole;
      const value = params[name]!;
      return one === undefined ? String(value) : `${value} ${Number(value) === 1 ? one : other}`;
    },
  );
}

/** Whether a string names one of the app's languages (`zh`, `zh-CN`, `en-GB`, ...). */
export function toLang(value: string | null | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'zh' || v.startsWith('zh-')) return 'zh';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return undefined;
}

/**
 * The language to show: `?lang=` forces one; otherwise the user's last choice; otherwise the
 * browser's preference; otherwise Chinese (the app's home language).
 */
export function chooseLang(search: string, stored: string | null, browser: readonly string[]): Lang {
  const forced = toLang(new URLSearchParams(search).get('lang'));
  if (forced) return forced;
  const saved = toLang(stored);
  if (saved) return saved;
  for (const b of browser) {
    const l = toLang(b);
    if (l) return l;
  }
  return 'zh';
}

/** A record's name in `lang`. */
export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** The other language (for the switch). */
export function otherLang(lang: Lang): Lang {
  return lang === 'zh' ? 'en' : 'zh';
}

/** The BCP 47 tag for number and date formatting and for `<html lang>`. */
export function langTag(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
