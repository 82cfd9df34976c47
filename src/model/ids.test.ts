import { describe, expect, it } from 'vitest';
import { freshId, idFromName, newId } from './ids';

describe('new ids', () => {
  it('reads an id from a name', () => {
    expect(idFromName('  Sodium-ion Cells ')).toBe('sodium-ion-cells');
    expect(idFromName('Île-de-France')).toBe('ile-de-france');
    expect(idFromName('金昌市')).toBe('');
  });

  it('never repeats a taken id, and gives a name without Latin letters its kind', () => {
    expect(newId('Jinchuan', new Set(['jinchuan', 'jinchuan-2']))).toBe('jinchuan-3');
    expect(newId('正极材料', new Set(), 'link')).toMatch(/^link-[a-z0-9]+$/);
    expect(newId('x'.repeat(60), new Set())).toHaveLength(40);
  });

  it('gives a record without a name its kind and a fresh tail', () => {
    const a = freshId('view');
    expect(a).toMatch(/^view-[a-z0-9]+$/);
    expect(freshId('view')).not.toBe(a);
  });
});
