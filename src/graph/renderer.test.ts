// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetWebglProbe, hasHardwareWebgl, WEBGL_PROBE_KEY } from './renderer';

/** Runs the deferred probe at once, when asked. */
function deferred() {
  const tasks: (() => void)[] = [];
  return { later: (task: () => void) => void tasks.push(task), run: () => tasks.splice(0).forEach((t) => t()) };
}

describe('hasHardwareWebgl', () => {
  afterEach(() => {
    localStorage.clear();
    forgetWebglProbe();
  });

  it('answers no until it has asked, asks once the page is idle, and keeps the answer for this browser', () => {
    const probe = vi.fn(() => true);
    const idle = deferred();
    // The first chain is drawn without waiting for a WebGL context to be made.
    expect(hasHardwareWebgl(probe, idle.later)).toBe(false);
    expect(probe).not.toHaveBeenCalled();
    idle.run();
    expect(probe).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(WEBGL_PROBE_KEY)).toBe(`1 ${navigator.userAgent}`);
    forgetWebglProbe();
    expect(hasHardwareWebgl(probe, idle.later)).toBe(true);
    idle.run();
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('keeps a "no" as well as a "yes"', () => {
    const probe = vi.fn(() => false);
    const idle = deferred();
    expect(hasHardwareWebgl(probe, idle.later)).toBe(false);
    idle.run();
    forgetWebglProbe();
    expect(hasHardwareWebgl(probe, idle.later)).toBe(false);
    idle.run();
    expect(probe).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(WEBGL_PROBE_KEY)).toBe(`0 ${navigator.userAgent}`);
  });

  it('asks again in another browser or version, or when the kept answer is unreadable', () => {
    const probe = vi.fn(() => false);
    const idle = deferred();
    localStorage.setItem(WEBGL_PROBE_KEY, '1 SomeOtherBrowser/1.0');
    expect(hasHardwareWebgl(probe, idle.later)).toBe(false);
    idle.run();
    forgetWebglProbe();
    localStorage.setItem(WEBGL_PROBE_KEY, `x ${navigator.userAgent}`);
    expect(hasHardwareWebgl(probe, idle.later)).toBe(false);
    idle.run();
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('still answers when storage is blocked, from what it found in this page', () => {
    const get = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('blocked');
    });
    const set = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('blocked');
    });
    try {
      const idle = deferred();
      expect(hasHardwareWebgl(() => true, idle.later)).toBe(false);
      idle.run();
      expect(hasHardwareWebgl(() => true, idle.later)).toBe(true);
    } finally {
      get.mockRestore();
      set.mockRestore();
    }
  });
});
