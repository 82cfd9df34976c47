/**
 * A deterministic set of firms and supply relations on the shipped chain, for tests and screenshots
 * (not used by the app): many firms on one link of a region, their suppliers (local and in a second
 * region) and their buyers, with realistic Chinese names, English names and valid credit codes.
 */
import type { Enterprise, SupplyRelation } from './types';

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid unified social credit code built from a number (the check character computed). */
export function sampleCreditCode(n: number): string {
  let body = '91620300';
  let x = n * 7919 + 104729;
  for (let i = 0; i < 9; i++) {
    body += CODE_CHARS[x % 31]!;
    x = Math.floor(x / 31) + i * 17 + n;
  }
  body = body.slice(0, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_CHARS.indexOf(body[i]!) * WEIGHTS[i]!;
  return body + CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

const WORDS: readonly (readonly [string, string])[] = [
  ['鑫源', 'Xinyuan'],
  ['华锂', 'Huali'],
  ['金瑞', 'Jinrui'],
  ['新锐', 'Xinrui'],
  ['恒通', 'Hengtong'],
  ['瑞达', 'Ruida'],
  ['宏发', 'Hongfa'],
  ['天润', 'Tianrun'],
  ['中科', 'Zhongke'],
  ['永昌', 'Yongchang'],
  ['祁连', 'Qilian'],
  ['河西', 'Hexi'],
  ['博远', 'Boyuan'],
  ['嘉诚', 'Jiacheng'],
  ['德胜', 'Desheng'],
  ['聚能', 'Juneng'],
  ['正泰', 'Zhengtai'],
  ['安达', 'Anda'],
  ['海纳', 'Haina'],
  ['盛世', 'Shengshi'],
  ['东方', 'Dongfang'],
  ['明阳', 'Mingyang'],
  ['立信', 'Lixin'],
  ['远景', 'Yuanjing'],
];
const TRADES: Readonly<Record<string, readonly [string, string]>> = {
  ncm_cam: ['新能源材料', 'New Energy Materials'],
  ncm_pcam: ['前驱体材料', 'Precursor Materials'],
  cell_ncm: ['电池', 'Battery'],
  niso4: ['镍钴化工', 'Nickel Cobalt Chemicals'],
};

const cite = (sourceId: string, n: number) => [{ sourceId, locator: `row ${n + 2}` }];

export interface FirmSample {
  readonly firms: Enterprise[];
  /** Firms of the second region (suppliers from outside). */
  readonly outside: Enterprise[];
  /** Relations whose buyer is in the first region. */
  readonly relations: SupplyRelation[];
}

/**
 * `count` firms on `ncm_cam` in `regionId` (capacities for most), a tenth as many precursor makers
 * there and in `outsideId`, and cell makers buying from them; every cathode firm buys from one or two
 * precursor makers and sells to one cell maker; local precursor makers buy nickel salts from outside.
 * All cite `sourceId`.
 */
export function firmSample(regionId: string, outsideId: string, count: number, sourceId: string): FirmSample {
  let n = 0;
  const make = (linkId: string, prefix: string, city: readonly [string, string], i: number): Enterprise => {
    const [tradeZh, tradeEn] = TRADES[linkId]!;
    const a = WORDS[i % WORDS.length]!;
    const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length]!;
    const serial = Math.floor(i / (WORDS.length * WORDS.length));
    const zh = `${city[0]}${a[0]}${b[0]}${serial ? serial + 1 : ''}${tradeZh}有限公司`;
    const en = `${city[1]} ${a[1]} ${b[1]}${serial ? ` ${serial + 1}` : ''} ${tradeEn} Co., Ltd.`;
    const code = sampleCreditCode(n++);
    const withCapacity = i % 5 !== 4;
    return {
      id: `${prefix}${i}`,
      name: { zh, en },
      creditCode: code,
      linkIds: [linkId],
      ...(withCapacity
        ? {
            capacities: [
              {
                linkId,
                capacity: { value: 200 + ((i * 7919) % 50) * 400, unit: linkId === 'cell_ncm' ? 'GWh/a' : 't/a' },
                asOf: '2024',
                sources: cite(sourceId, i),
              },
            ],
          }
        : {}),
      sources: cite(sourceId, i),
    };
  };
  const home: readonly [string, string] = ['金昌', 'Jinchang'];
  const away: readonly [string, string] = ['武威', 'Wuwei'];
  const cam = Array.from({ length: count }, (_, i) => make('ncm_cam', 'f', home, i));
  const pcamCount = Math.max(2, Math.floor(count / 10));
  const pcamHome = Array.from({ length: pcamCount }, (_, i) => make('ncm_pcam', 'fp', home, i));
  const pcamAway = Array.from({ length: pcamCount }, (_, i) => make('ncm_pcam', 'op', away, i + 7));
  const salts = Array.from({ length: Math.max(2, Math.floor(count / 100)) }, (_, i) =>
    make('niso4', 'os', away, i + 11),
  );
  const cells = Array.from({ length: Math.max(2, Math.floor(count / 20)) }, (_, i) =>
    make('cell_ncm', 'fc', home, i + 3),
  );
  const relations: SupplyRelation[] = [];
  const rel = (supplier: string, supplierRegion: string, buyer: string, linkId: string, k: number) =>
    relations.push({
      id: `rel${relations.length}`,
      supplier: { regionId: supplierRegion, enterpriseId: supplier },
      buyer: { regionId, enterpriseId: buyer },
      linkId,
      ...(k % 3 === 0 ? { volume: { value: 100 + (k % 17) * 50, unit: 't/a' }, period: '2024' } : {}),
      sources: cite(sourceId, k),
    });
  cam.forEach((f, i) => {
    rel(pcamHome[i % pcamCount]!.id, regionId, f.id, 'ncm_pcam', i);
    if (i % 2 === 0) rel(pcamAway[(i * 3) % pcamCount]!.id, outsideId, f.id, 'ncm_pcam', i + 1);
    rel(f.id, regionId, cells[i % cells.length]!.id, 'ncm_cam', i + 2);
  });
  pcamHome.forEach((f, i) => rel(salts[i % salts.length]!.id, outsideId, f.id, 'niso4', i));
  return { firms: [...cam, ...pcamHome, ...cells], outside: [...pcamAway, ...salts], relations };
}
