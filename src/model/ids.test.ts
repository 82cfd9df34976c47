import { describe, expect, it } from 'vitest';
import { freshId, idFromKey, idFromName, newId, uniqueId } from './ids';

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

  it('numbers a taken id, and reads the same id from the same key', () => {
    expect(uniqueId('f-x', new Set())).toBe('f-x');
    expect(
      uniqueId(
        'f-x',
        new Map([
          ['f-x', 1],
          ['f-x-2', 2],
        ]),
      ),
    ).toBe('f-x-3');
    expect(idFromKey('f', 'r-620300/金昌乙材料')).toBe(idFromKey('f', 'r-620300/金昌乙材料'));
    expect(idFromKey('f', 'r-620300/金昌乙材料')).toMatch(/^f-[0-9a-f]{8}$/);
    expect(idFromKey('f', 'r-620300/金昌甲材料')).not.toBe(idFromKey('f', 'r-620300/金昌乙材料'));
  });

  it('gives a record without a name its kind and a fresh tail', () => {
    const a = freshId('view');
    expect(a).toMatch(/^view-[a-z0-9]+$/);
    expect(freshId('view')).not.toBe(a);
  });
});
