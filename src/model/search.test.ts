import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { tinyChain } from './testing';
import { buildSearchIndex, searchLinks, type PinyinConverter } from './search';
import type { ChainLink } from './types';

const toPinyin: PinyinConverter = (text) => pinyin(text, { toneType: 'none', type: 'array' });

function link(id: string, zh: string, en: string, aliases: string[] = []): ChainLink {
  return { ...tinyChain([id], []).links[0]!, name: { zh, en }, aliases };
}

const links = [
  link('separator', '隔膜', 'Separator', ['PE separator']),
  link('lfp_cam', '磷酸铁锂', 'LFP cathode material', ['LFP', 'LiFePO4']),
  link('cell_lfp', '磷酸铁锂电芯', 'LFP cells', ['LFP']),
  link('niso4', '硫酸镍', 'Nickel sulphate', ['NiSO4', '镍盐']),
  link('ni_metal', '电解镍/纯镍带', 'Refined nickel, Ni strip'),
];
const index = buildSearchIndex(links, toPinyin);
const ids = (q: string) => searchLinks(index, q).map((h) => h.id);

describe('searchLinks', () => {
  it('finds 隔膜 by Chinese, English, id and pinyin in full or as initials', () => {
    for (const q of ['隔膜', 'separator', 'Separ', 'gemo', 'ge mo', 'GM', 'gm']) expect(ids(q)[0], q).toBe('separator');
    expect(searchLinks(index, 'gm')[0]?.field).toBe('initials');
    expect(searchLinks(index, 'gemo')[0]?.field).toBe('pinyin');
  });

  it('finds syllables with ü typed as v or as u, in full and as initials', () => {
    const more = buildSearchIndex(
      [
        link('pouch_film', '铝塑膜', 'Pouch film'),
        link('chlor_alkali', '氯碱', 'Chlor-alkali'),
        link('al', '原铝', 'Primary aluminium'),
      ],
      toPinyin,
    );
    const find = (q: string) => searchLinks(more, q).map((h) => h.id)[0];
    for (const q of ['lvsumo', 'lusumo', 'lsm', 'lvsu']) expect(find(q), q).toBe('pouch_film');
    for (const q of ['lvjian', 'lujian', 'lj']) expect(find(q), q).toBe('chlor_alkali');
    for (const q of ['yuanlv', 'yuanlu', 'yl']) expect(find(q), q).toBe('al');
  });

  it('ranks an exact name above a longer name that contains it', () => {
    expect(ids('磷酸铁锂')).toEqual(['lfp_cam', 'cell_lfp']);
    expect(ids('lfp')).toEqual(['lfp_cam', 'cell_lfp']);
  });

  it('finds by alias, formula and a word inside an English name', () => {
    expect(ids('niso4')[0]).toBe('niso4');
    expect(ids('镍盐')[0]).toBe('niso4');
    expect(ids('nickel')).toEqual(['niso4', 'ni_metal']);
    expect(ids('strip')).toEqual(['ni_metal']);
  });

  it('returns nothing for an empty query or no match, and works without pinyin', () => {
    expect(ids('  ')).toEqual([]);
    expect(ids('zzzz')).toEqual([]);
    const plain = buildSearchIndex(links);
    expect(searchLinks(plain, '隔膜')[0]?.id).toBe('separator');
    expect(searchLinks(plain, 'gemo')).toEqual([]);
  });
});
