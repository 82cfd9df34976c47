/**
 * Cells of user-sized text: a reader of one cell must answer as quickly for a cell of a million
 * characters as for a short one, so none may hand such text to a backtracking regular expression.
 */
import { describe, expect, it } from 'vitest';
import { readDate, readNumber } from './cells';

describe('cells of any length', () => {
  it('reads numbers as before', () => {
    expect(readNumber('250,000')).toEqual({ ok: true, value: 250000 });
    expect(readNumber(' -1.5e3 ')).toEqual({ ok: true, value: -1500 });
    expect(readNumber('.5')).toEqual({ ok: true, value: 0.5 });
    expect(readNumber('12.')).toEqual({ ok: true, value: 12 });
    expect(readNumber('１２')).toEqual({ ok: true, value: 12 });
    expect(readNumber('1.2.3').ok).toBe(false);
  });

  it('refuses a million digits followed by a letter at once, as not a number', () => {
    const cell = `${'1'.repeat(1_000_000)}x`;
    const result = readNumber(cell);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe('number');
    // The message quotes the cell shortened, not a megabyte of it.
    expect(!result.ok && result.message.length).toBeLessThan(200);
  });

  it('refuses a million-character date at once', () => {
    expect(readDate(`2024${'/1'.repeat(500_000)}`).ok).toBe(false);
  });
});
