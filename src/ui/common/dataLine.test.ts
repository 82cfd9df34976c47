import { describe, expect, it } from 'vitest';
import { quoteInWords, readDataLine } from './dataLine';

const names: Record<string, string> = { pouch_film: 'Pouch film', al: 'Primary aluminium', polymer: 'PE/PP resin' };

describe('chain-table entries in citations', () => {
  it('reads an entry with its inputs, and one with a remark and none', () => {
    expect(readDataLine('pouch_film 铝塑膜 comp <- al, polymer')).toEqual({
      id: 'pouch_film',
      stage: 'component',
      inputs: ['al', 'polymer'],
    });
    expect(readDataLine('co_feed 钴原料 cobalt feed raw (by-product of ni_ore)')).toEqual({
      id: 'co_feed',
      stage: 'raw',
      inputs: [],
    });
  });

  it('leaves prose alone', () => {
    for (const prose of [
      '积极引进碳酸酯、隔膜、铝塑膜等项目',
      '2 GWh LFP prismatic storage-cell plant, in production November 2023',
    ])
      expect(quoteInWords(prose, 'en', () => undefined)).toEqual({ text: prose, verbatim: true });
  });

  it('says an entry in words in either language', () => {
    const name = (id: string) => names[id];
    expect(quoteInWords('pouch_film 铝塑膜 comp <- al, polymer', 'en', name)).toEqual({
      text: 'The chain table in the reference notes lists Pouch film under Components, made from Primary aluminium, PE/PP resin.',
      verbatim: false,
    });
    expect(
      quoteInWords(
        'pouch_film 铝塑膜 comp <- al, polymer',
        'zh',
        (id) => ({ pouch_film: '铝塑膜', al: '原铝', polymer: 'PE/PP 树脂' })[id],
      ).text,
    ).toBe('参考资料的产业链分类表将铝塑膜列入零部件，投入为原铝、PE/PP 树脂。');
  });
});
