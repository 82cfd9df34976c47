// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasHardwareWebgl, WEBGL_PROBE_KEY } from './renderer';

describe('hasHardwareWebgl', () => {
  afterEach(() => localStorage.clear());

  it('asks once and keeps the answer for this browser', () => {
    const probe = vi.fn(() => true);
    expect(hasHardwareWebgl(probe)).toBe(true);
    expect(hasHardwareWebgl(probe)).toBe(true);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(WEBGL_PROBE_KEY)).toBe(`1 ${navigator.userAgent}`);
  });

  it('keeps a "no" as well as a "yes"', () => {
    const probe = vi.fn(() => false);
    expect(hasHardwareWebgl(probe)).toBe(false);
    expect(hasHardwareWebgl(probe)).toBe(false);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('asks again in another browser or version, or when the kept answer is unreadable', () => {
    localStorage.setItem(WEBGL_PROBE_KEY, '1 SomeOtherBrowser/1.0');
    const probe = vi.fn(() => false);
    expect(hasHardwareWebgl(probe)).toBe(false);
    localStorage.setItem(WEBGL_PROBE_KEY, `x ${navigator.userAgent}`);
    expect(hasHardwareWebgl(probe)).toBe(false);
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('still answers when storage is blocked', () => {
    const get = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('blocked');
    });
    const set = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('blocked');
    });
    try {
      expect(hasHardwareWebgl(() => true)).toBe(true);
    } finally {
      get.mockRestore();
      set.mockRestore();
    }
  });
});
