// @vitest-environment happy-dom
/**
 * Each catalogue is loaded when its language is first shown: the app starts with the one it shows,
 * switches only once the other is there, and of two quick switches the last one wins.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The i18n module and the locale as a fresh page load has them: no catalogue loaded yet. */
async function freshPage(search: string) {
  vi.resetModules();
  history.replaceState(null, '', `/${search}`);
  localStorage.clear();
  const i18n = await import('../i18n');
  const { LocaleState } = await import('./locale.svelte');
  return { i18n, LocaleState };
}

describe('catalogues loaded on demand', () => {
  beforeEach(() => vi.resetModules());

  it('starts with only the language it shows, and says so before the first frame', async () => {
    const { i18n, LocaleState } = await freshPage('?lang=en');
    expect(i18n.hasCatalogue('en')).toBe(false);
    const locale = new LocaleState();
    expect(locale.lang).toBe('en');
    await locale.ready;
    expect(locale.t('app.name')).toBe('ChainAtlas');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.hasCatalogue('zh')).toBe(false);
  });

  it('switches once the other catalogue is loaded, never showing a language half-way', async () => {
    const { i18n, LocaleState } = await freshPage('?lang=en');
    const locale = new LocaleState();
    await locale.ready;
    const switching = locale.set('zh');
    expect(locale.lang).toBe('en');
    await switching;
    expect(locale.lang).toBe('zh');
    expect(locale.t('app.name')).toBe('链图');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(new URL(location.href).searchParams.get('lang')).toBe('zh');
    // Both loaded now: switching back is immediate.
    void locale.set('en');
    expect(locale.lang).toBe('en');
    expect(i18n.hasCatalogue('zh')).toBe(true);
  });

  it('of two quick switches, the last one wins', async () => {
    const { LocaleState } = await freshPage('?lang=en');
    const locale = new LocaleState();
    await locale.ready;
    const toZh = locale.set('zh');
    await locale.set('en');
    await toZh;
    expect(locale.lang).toBe('en');
  });

  it('looks nothing up before a catalogue is there: the key, not a crash', async () => {
    vi.resetModules();
    const i18n = await import('../i18n');
    expect(i18n.translate('en', 'app.name')).toBe('app.name');
    expect(i18n.hasMessage('en', 'app.name')).toBe(false);
    await i18n.loadCatalogue('zh');
    expect(i18n.hasMessage('zh', 'app.name')).toBe(true);
    expect(i18n.hasMessage('en', 'app.name')).toBe(false);
    expect(i18n.translate('zh', 'app.name')).toBe('链图');
  });
});
