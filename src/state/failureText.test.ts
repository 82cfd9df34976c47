// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from './locale.svelte';
import { failureText } from './failureText';

describe('why an edit or undo was not stored', () => {
  afterEach(() => {
    locale.lang = 'zh';
  });

  it('names the other planner and when, in both languages, when the change came through team sync', () => {
    const failure = { kind: 'remote', detail: 'x', by: 'editor2', at: '2026-12-06T03:00:00.000Z' } as const;
    locale.lang = 'en';
    expect(failureText(failure)).toMatch(
      /^Not done: another planner, editor2, changed this record through team sync \(.*2026.*\)/,
    );
    expect(failureText({ kind: 'conflict', detail: 'x' })).toContain('another tab');
    locale.lang = 'zh';
    expect(failureText(failure)).toMatch(/^未完成：另一位规划人员 editor2 已通过团队同步修改了这条记录（.*2026.*）/);
  });
});
