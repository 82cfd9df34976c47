import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeState } from './notice.svelte';

describe('the notice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fades by itself, and a newer message is not cut short by the older one fading', () => {
    const notice = new NoticeState(1000);
    notice.show('Saved');
    vi.advanceTimersByTime(600);
    notice.show('Imported jinchang.xlsx');
    vi.advanceTimersByTime(600);
    expect(notice.message).toBe('Imported jinchang.xlsx');
    vi.advanceTimersByTime(500);
    expect(notice.message).toBe('');
  });

  it('clears at once when dismissed, and clearing an old message leaves a newer one', () => {
    const notice = new NoticeState(1000);
    notice.show('Export made');
    notice.clear('Something older');
    expect(notice.message).toBe('Export made');
    notice.clear();
    expect(notice.message).toBe('');
  });
});
