// @vitest-environment happy-dom
/**
 * A part loaded on demand: shown once loaded, with the whole catalogue of the language (asked for once
 * the part's chunk is there, so a part loaded after the first draw does not pull it in before); a chunk that
 * fails to load leaves the part saying so (`failed`), never loading for ever.
 */
import { describe, expect, it, vi } from 'vitest';
import { missingParts } from '../../state/missingParts.svelte';
import { DeferredPart } from './deferredPart.svelte';

describe('DeferredPart', () => {
  it('loads once and holds the module', async () => {
    const load = vi.fn(() => Promise.resolve({ default: 'Dossier' }));
    const part = new DeferredPart(load);
    expect(part.status).toBe('loading');
    await part.settled;
    expect(part.status).toBe('ready');
    expect(part.module).toEqual({ default: 'Dossier' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows only once the whole catalogue of the language is there too (the page starts with its first part)', async () => {
    vi.resetModules();
    history.replaceState(null, '', '/?lang=en');
    const i18n = await import('../../i18n');
    const fresh = await import('./deferredPart.svelte');
    expect(i18n.hasCatalogue('en')).toBe(false);
    const part = new fresh.DeferredPart(() => Promise.resolve({ default: 'Import' }));
    await part.settled;
    expect(part.status).toBe('ready');
    expect(i18n.hasCatalogue('en')).toBe(true);
  });

  it('asks for the rest of the catalogue only once its own chunk is there (a part loaded after the first draw)', async () => {
    vi.resetModules();
    const { locale } = await import('../../state/locale.svelte');
    const fresh = await import('./deferredPart.svelte');
    const whole = vi.spyOn(locale, 'whole');
    let arrive!: (module: { default: string }) => void;
    const part = new fresh.DeferredPart(() => new Promise<{ default: string }>((resolve) => (arrive = resolve)));
    // Every step the part can take before its chunk arrives.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(whole).not.toHaveBeenCalled();
    arrive({ default: 'Dialogs' });
    await part.settled;
    expect(whole).toHaveBeenCalledTimes(1);
    expect(part.status).toBe('ready');
  });

  it('says it failed when the chunk cannot be fetched', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const part = new DeferredPart(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    await part.settled;
    expect(part.status).toBe('failed');
    expect(part.module).toBeUndefined();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('says it failed when the loader throws before it returns a promise', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const part = new DeferredPart<unknown>(() => {
      throw new Error('no loader');
    });
    await part.settled;
    expect(part.status).toBe('failed');
    error.mockRestore();
  });

  it('says its own failure once: the reload prompt does not say it again, but still says a failure no part says', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const chunk = new TypeError('Failed to fetch dynamically imported module');
    // Vite's loader reports the failure, then rethrows the same error to the part that asked.
    missingParts.failed(chunk);
    expect(missingParts.any).toBe(true);
    const part = new DeferredPart(() => Promise.reject(chunk));
    await part.settled;
    expect(part.status).toBe('failed');
    expect(missingParts.any).toBe(false);
    // A failure asked for elsewhere (the export writer) stays for the prompt.
    const writer = new TypeError('Failed to fetch the XLSX writer');
    missingParts.failed(writer);
    expect(missingParts.any).toBe(true);
    missingParts.said(writer);
    error.mockRestore();
  });
});
