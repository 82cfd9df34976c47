import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { tinyChain } from './testing';
import { buildFirmSearchIndex, buildSearchIndex, searchFirms, searchLinks, type PinyinConverter } from './search';
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

describe('searchFirms', () => {
  const firms = [
    {
      key: 'jc/jinchuan',
      name: { zh: '金川集团股份有限公司', en: 'Jinchuan Group' },
      aliases: ['金川'],
      creditCode: '916200002243300000',
    },
    {
      key: 'jc/f1',
      name: { zh: '金昌鑫源华锂新能源材料有限公司', en: 'Jinchang Xinyuan Huali New Energy Materials Co., Ltd.' },
      creditCode: '91620300MA7XYZ1234',
    },
    { key: 'ww/o1', name: { zh: '武威鑫源前驱体材料有限公司', en: 'Wuwei Xinyuan Precursor Materials Co., Ltd.' } },
  ];
  const firmIndex = buildFirmSearchIndex(firms, toPinyin);
  const keys = (q: string) => searchFirms(firmIndex, q).map((h) => h.key);

  it('finds a firm by its name, its name without the legal form, an alias, and English', () => {
    expect(keys('金川集团股份有限公司')[0]).toBe('jc/jinchuan');
    expect(keys('金川集团')[0]).toBe('jc/jinchuan');
    expect(keys('金川')[0]).toBe('jc/jinchuan');
    expect(keys('鑫源')).toEqual(['jc/f1', 'ww/o1']);
    expect(keys('wuwei')[0]).toBe('ww/o1');
  });

  it('finds a firm by pinyin in full or as initials, of the name without its legal form', () => {
    expect(keys('jinchuan')[0]).toBe('jc/jinchuan');
    expect(searchFirms(firmIndex, 'jinchangxinyuan')[0]).toMatchObject({ key: 'jc/f1', field: 'pinyin' });
    expect(searchFirms(firmIndex, 'wwxy')[0]).toMatchObject({ key: 'ww/o1', field: 'initials' });
  });

  it('finds a firm by its credit code, whole or from its start, in any case', () => {
    expect(searchFirms(firmIndex, '91620300MA7XYZ1234')[0]).toMatchObject({ key: 'jc/f1', field: 'code', score: 100 });
    expect(keys('91620300ma7x')).toEqual(['jc/f1']);
    expect(keys('9162')).toEqual(['jc/jinchuan', 'jc/f1']);
  });

  it('finds nothing for an empty query or a stranger', () => {
    expect(keys('  ')).toEqual([]);
    expect(keys('宁德时代')).toEqual([]);
  });
});
