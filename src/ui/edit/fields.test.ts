import { describe, expect, it } from 'vitest';
import { newId, readDateField, readIdField, readNumberField } from './fields';

describe('form fields read as typed', () => {
  it('reads numbers with separators, 万 and 亿, and refuses text', () => {
    expect(readNumberField('250,000')).toEqual({ ok: true, value: 250000 });
    expect(readNumberField('1.7万')).toEqual({ ok: true, value: 17000 });
    expect(readNumberField('456.8亿')).toEqual({ ok: true, value: 45680000000 });
    expect(readNumberField('')).toEqual({ ok: true, value: undefined });
    expect(readNumberField('10 吨')).toEqual({ ok: false, error: 'edit.error.number' });
    expect(readNumberField('-3', { min: 0 })).toEqual({ ok: false, error: 'edit.error.negative' });
  });

  it('reads partial dates and ids', () => {
    expect(readDateField('2024-H1')).toEqual({ ok: true, value: '2024-H1' });
    expect(readDateField('2024-02-30')).toEqual({ ok: false, error: 'edit.error.date' });
    expect(readIdField('a b')).toEqual({ ok: false, error: 'edit.error.id' });
  });

  it('makes ids that are free', () => {
    expect(newId('Jinche Energy', new Set(['jinche-energy']))).toBe('jinche-energy-2');
    expect(newId('金车', new Set(), 'enterprise')).toMatch(/^enterprise-[a-z0-9]+$/);
  });
});
