// @vitest-environment happy-dom
/**
 * Each catalogue is loaded when its language is first shown: the app starts with the first part of the
 * one it shows, switches only once the whole other one is there, and of two quick switches the last one
 * wins. A lookup the first part lacks loads the rest, and the text is made again when it arrives.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The i18n module and the locale as a fresh page load has them: no catalogue loaded yet. */
async function freshPage(search: string) {
  vi.resetModules();
  history.replaceState(null, '', `/${search}`);
  localStorage.clear();
  const i18n = await import('../i18n');
  const { LocaleState } = await import('./locale.svelte');
  const { watch } = await import('./testing.svelte');
  return { i18n, LocaleState, watch };
}

describe('catalogues loaded on demand', () => {
  beforeEach(() => vi.resetModules());

  it('starts with the first part of only the language it shows, and says so before the first frame', async () => {
    const { i18n, LocaleState } = await freshPage('?lang=en');
    const locale = new LocaleState();
    expect(locale.lang).toBe('en');
    await locale.ready;
    expect(locale.t('app.name')).toBe('ChainAtlas');
    expect(document.documentElement.lang).toBe('en');
    // A message of the first part is there; one of the rest, and the other language, are not yet.
    expect(i18n.hasMessage('en', 'app.name')).toBe(true);
    expect(i18n.hasCatalogue('en')).toBe(false);
    expect(i18n.hasMessage('zh', 'app.name')).toBe(false);
    await locale.whole();
    expect(i18n.hasCatalogue('en')).toBe(true);
    expect(locale.t('sync.title')).toBe('Sync');
  });

  it('a lookup of a key whose part is not loaded yet loads it, and the text is made again', async () => {
    const { i18n, LocaleState, watch } = await freshPage('?lang=zh');
    const locale = new LocaleState();
    await locale.ready;
    expect(i18n.hasMessage('zh', 'sync.title')).toBe(false);
    const shown: string[] = [];
    const stop = watch(() => shown.push(locale.t('sync.title')));
    await vi.waitFor(() => expect(shown.at(-1)).toBe('同步'));
    // One lookup missed, one part loaded, one more render.
    expect(shown).toEqual(['sync.title', '同步']);
    expect(i18n.hasCatalogue('zh')).toBe(true);
    expect(i18n.hasCatalogue('en')).toBe(false);
    stop();
  });

  it('a key no part has stays a key, and is not looked for again and again', async () => {
    const { LocaleState, watch } = await freshPage('?lang=en');
    const locale = new LocaleState();
    await locale.ready;
    const shown: string[] = [];
    const stop = watch(() => shown.push(locale.t('no.such.key' as never)));
    await locale.whole();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shown).toEqual(['no.such.key', 'no.such.key']);
    stop();
  });

  it('switches once the whole other catalogue is loaded, never showing a language half-way', async () => {
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
    expect(i18n.hasCatalogue('zh')).toBe(true);
    expect(locale.t('sync.title')).toBe('同步');
    // Switching back waits for the rest of English; then both are whole and a switch is immediate.
    await locale.set('en');
    void locale.set('zh');
    expect(locale.lang).toBe('zh');
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
    await i18n.loadFirstPart('zh');
    expect(i18n.hasMessage('zh', 'app.name')).toBe(true);
    expect(i18n.hasMessage('en', 'app.name')).toBe(false);
    expect(i18n.translate('zh', 'app.name')).toBe('链图');
    // A key of the part not loaded: the other language's text if it has it, else the key.
    expect(i18n.translate('zh', 'sync.title')).toBe('sync.title');
    await i18n.loadCatalogue('en');
    expect(i18n.translate('zh', 'sync.title')).toBe('Sync');
  });
});
