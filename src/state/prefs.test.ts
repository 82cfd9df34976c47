/** Preferences survive blocked storage: the app still starts, and a choice lasts for the page. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPref, writePref } from './prefs';

afterEach(() => vi.unstubAllGlobals());

describe('preferences', () => {
  it('reads back what was written', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    });
    expect(readPref('chainatlas.outline')).toBeNull();
    writePref('chainatlas.outline', 'closed');
    expect(readPref('chainatlas.outline')).toBe('closed');
  });

  it('gives null and writes nothing, without throwing, when storage is blocked', () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: blocked, setItem: blocked });
    expect(readPref('chainatlas.lang')).toBeNull();
    expect(() => writePref('chainatlas.lang', 'en')).not.toThrow();
  });
});
