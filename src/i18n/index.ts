/**
 * Message lookup and language choice. Pure: the reactive current language lives in
 * `src/state/locale.svelte.ts`.
 */
import type { Localized } from '../model/types';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export type Params = Readonly<Record<string, string | number>>;

export const CATALOGUES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, zh: zhCN };

/**
 * The message `key` in `lang`, with `{name}` placeholders filled from `params`. `{count:link|links}`
 * writes the count and the word that agrees with it ("1 link", "3 links"); Chinese needs no such form.
 */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = CATALOGUES[lang][key];
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
