/**
 * Message lookup and language choice. Pure: the reactive current language lives in
 * `src/state/locale.svelte.ts`.
 *
 * Each catalogue comes in two parts, each a chunk of its own: the first part (`en.ts`, `zh-CN.ts`) holds
 * what the first screen shows, the rest (`en.more.ts`, `zh-CN.more.ts`) everything else. The start-up
 * bundle carries neither. The app mounts once the first part of the language it starts in is loaded
 * (`loadFirstPart`, `src/main.ts`), loads the rest right after the first draw, and every part of the
 * app loaded later waits for it (`LocaleState.whole`). A language switch loads both parts of the other
 * language (`loadCatalogue`) before it switches, so no text is looked up in a catalogue that is not there.
 */
import type { Localized } from '../model/types';
import type { MessageKey } from './en';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type Params = Readonly<Record<string, string | number>>;
export type Catalogue = Readonly<Record<MessageKey, string>>;

/** Where the user's choice of language is remembered (localStorage). */
export const LANG_PREF_KEY = 'chainatlas.lang';

type Part = 'first' | 'more';

/** Each part's chunk, loaded on demand. */
const CHUNKS: Record<Lang, Record<Part, () => Promise<Readonly<Record<string, string>>>>> = {
  en: { first: () => import('./en').then((m) => m.en), more: () => import('./en.more').then((m) => m.enMore) },
  zh: {
    first: () => import('./zh-CN').then((m) => m.zhCN),
    more: () => import('./zh-CN.more').then((m) => m.zhCNMore),
  },
};

/** The messages of each language's loaded parts, in one table. */
const loaded: Record<Lang, Partial<Record<MessageKey, string>>> = { en: {}, zh: {} };
const parts: Record<Lang, Set<Part>> = { en: new Set(), zh: new Set() };
const loading: Partial<Record<`${Lang}.${Part}`, Promise<void>>> = {};

function loadPart(lang: Lang, part: Part): Promise<void> {
  if (parts[lang].has(part)) return Promise.resolve();
  const load = CHUNKS[lang][part];
  return (loading[`${lang}.${part}`] ??= load()
    .then((messages) => {
      Object.assign(loaded[lang], messages);
      parts[lang].add(part);
    })
    .finally(() => delete loading[`${lang}.${part}`]));
}

/** Loads the first part of the catalogue of `lang`: what the first screen shows. */
export function loadFirstPart(lang: Lang): Promise<void> {
  return loadPart(lang, 'first');
}

/** Loads the whole catalogue of `lang` (both parts, once); resolves at once when it is there already. */
export function loadCatalogue(lang: Lang): Promise<void> {
  return Promise.all([loadPart(lang, 'first'), loadPart(lang, 'more')]).then(() => undefined);
}

/** Whether the whole catalogue of `lang` is loaded. */
export function hasCatalogue(lang: Lang): boolean {
  return parts[lang].size === 2;
}

/** Whether the loaded catalogue of `lang` has the message `key` (a key made at run time, such as `issue.<code>`). */
export function hasMessage(lang: Lang, key: string): key is MessageKey {
  return Object.hasOwn(loaded[lang], key);
}

/**
 * The message `key` in `lang`, with `{name}` placeholders filled from `params`. `{count:link|links}`
 * writes the count and the word that agrees with it ("1 link", "3 links"); Chinese needs no such form.
 * The part that holds the key must have been loaded (`loadCatalogue`); a lookup in one that is not is a
 * bug, and falls back to the other language, or the key, rather than failing.
 */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = loaded[lang][key] ?? loaded[otherLang(lang)][key];
  if (template === undefined) return key;
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
