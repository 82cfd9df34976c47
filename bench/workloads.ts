/**
 * Firm-level workloads for the benchmark and for tests: the shipped battery chain (about a hundred
 * links, as real data is) with many regions, thousands of firms, the relations between them and
 * projects, each generated from a fixed seed so every run measures the same data.
 *
 * - `provinceWorkload()`: 14 regions (Gansu's prefecture-level cities), 2,000 firms, 5,000 relations.
 * - `nationWorkload()`: 300 regions (development zones of 100 cities), 20,000 firms, 50,000
 *   relations, 5,000 projects.
 *
 * Firms have realistic Chinese names (city + word + trade + legal form, e.g. 金昌华宇新材料有限公司),
 * unified social credit codes whose check characters are right (GB 32100, with a valid organisation
 * code inside, GB 11714), one or two links each (a few links carry most firms, as cell and cathode
 * makers do; one link has a tenth of all firms), capacities for about half of them, and sources.
 * Relations follow the chain's supply edges: a buyer serving link B buys link A from a supplier
 * serving A, where A → B is an edge; about 40% of suppliers are in the buyer's region. A few links
 * that have local firms are stored as "attracting" or "missing", as real data that lags its firm
 * lists does, so the gap engine's contradiction flag has work to do.
 */
import batteryChain from '../seeds/battery-chain.json' with { type: 'json' };
import hexi from '../seeds/hexi.json' with { type: 'json' };
import jinchang from '../seeds/jinchang.json' with { type: 'json' };
import type {
  ChainLink,
  ChainTemplate,
  Citation,
  Dataset,
  Enterprise,
  EnterpriseCapacity,
  LinkState,
  LinkStatus,
  Project,
  ProjectStatus,
  Region,
  Source,
  SupplyRelation,
} from '../src/model/types';
import { firmNameKey } from '../src/model/enterprise';
import { FORMAT_VERSION } from '../src/model/types';
import { pinyin } from 'pinyin-pro';

/** What a workload is made of. */
export interface WorkloadSpec {
  readonly seed: number;
  readonly regions: number;
  readonly firms: number;
  readonly relations: number;
  readonly projects: number;
  /** The cities whose zones the regions are, with their administrative division codes (6 digits). */
  readonly cities: readonly (readonly [string, string, string])[];
  /** Zones per city (1: the city itself is the region). */
  readonly zonesPerCity: number;
}

/** The template the workloads are built on: the shipped battery chain with its sources. */
export type ChainSeed = Pick<Dataset, 'chains' | 'sources'>;

/** The shipped chain, with the shipped sources (its links cite some of the regional ones). */
const SHIPPED_CHAIN: ChainSeed = {
  chains: (batteryChain as unknown as Dataset).chains,
  sources: [batteryChain, jinchang, hexi].flatMap((d) => (d as unknown as Dataset).sources),
};

/** A small, fast, seeded generator (mulberry32), so every run builds the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gansu's 14 prefecture-level divisions: [zh, en, division code]. */
export const GANSU: readonly (readonly [string, string, string])[] = [
  ['兰州', 'Lanzhou', '620100'],
  ['嘉峪关', 'Jiayuguan', '620200'],
  ['金昌', 'Jinchang', '620300'],
  ['白银', 'Baiyin', '620400'],
  ['天水', 'Tianshui', '620500'],
  ['武威', 'Wuwei', '620600'],
  ['张掖', 'Zhangye', '620700'],
  ['平凉', 'Pingliang', '620800'],
  ['酒泉', 'Jiuquan', '620900'],
  ['庆阳', 'Qingyang', '621000'],
  ['定西', 'Dingxi', '621100'],
  ['陇南', 'Longnan', '621200'],
  ['临夏', 'Linxia', '622900'],
  ['甘南', 'Gannan', '623000'],
];

/** A hundred cities with battery industry, with their division codes: [zh, en, code]. */
export const CITIES: readonly (readonly [string, string, string])[] = [
  ...GANSU,
  ['北京', 'Beijing', '110100'],
  ['天津', 'Tianjin', '120100'],
  ['石家庄', 'Shijiazhuang', '130100'],
  ['唐山', 'Tangshan', '130200'],
  ['保定', 'Baoding', '130600'],
  ['太原', 'Taiyuan', '140100'],
  ['长治', 'Changzhi', '140400'],
  ['呼和浩特', 'Hohhot', '150100'],
  ['包头', 'Baotou', '150200'],
  ['鄂尔多斯', 'Ordos', '150600'],
  ['沈阳', 'Shenyang', '210100'],
  ['大连', 'Dalian', '210200'],
  ['长春', 'Changchun', '220100'],
  ['哈尔滨', 'Harbin', '230100'],
  ['鸡西', 'Jixi', '230300'],
  ['上海', 'Shanghai', '310100'],
  ['南京', 'Nanjing', '320100'],
  ['无锡', 'Wuxi', '320200'],
  ['徐州', 'Xuzhou', '320300'],
  ['常州', 'Changzhou', '320400'],
  ['苏州', 'Suzhou', '320500'],
  ['南通', 'Nantong', '320600'],
  ['盐城', 'Yancheng', '320900'],
  ['扬州', 'Yangzhou', '321000'],
  ['杭州', 'Hangzhou', '330100'],
  ['宁波', 'Ningbo', '330200'],
  ['温州', 'Wenzhou', '330300'],
  ['嘉兴', 'Jiaxing', '330400'],
  ['湖州', 'Huzhou', '330500'],
  ['衢州', 'Quzhou', '330800'],
  ['合肥', 'Hefei', '340100'],
  ['芜湖', 'Wuhu', '340200'],
  ['滁州', 'Chuzhou', '341100'],
  ['福州', 'Fuzhou', '350100'],
  ['厦门', 'Xiamen', '350200'],
  ['宁德', 'Ningde', '350900'],
  ['龙岩', 'Longyan', '350800'],
  ['南昌', 'Nanchang', '360100'],
  ['宜春', 'Yichun', '360900'],
  ['赣州', 'Ganzhou', '360700'],
  ['新余', 'Xinyu', '360500'],
  ['济南', 'Jinan', '370100'],
  ['青岛', 'Qingdao', '370200'],
  ['淄博', 'Zibo', '370300'],
  ['枣庄', 'Zaozhuang', '370400'],
  ['烟台', 'Yantai', '370600'],
  ['潍坊', 'Weifang', '370700'],
  ['郑州', 'Zhengzhou', '410100'],
  ['洛阳', 'Luoyang', '410300'],
  ['新乡', 'Xinxiang', '410700'],
  ['焦作', 'Jiaozuo', '410800'],
  ['许昌', 'Xuchang', '411000'],
  ['武汉', 'Wuhan', '420100'],
  ['宜昌', 'Yichang', '420500'],
  ['荆门', 'Jingmen', '420800'],
  ['襄阳', 'Xiangyang', '420600'],
  ['长沙', 'Changsha', '430100'],
  ['湘潭', 'Xiangtan', '430300'],
  ['郴州', 'Chenzhou', '431000'],
  ['广州', 'Guangzhou', '440100'],
  ['深圳', 'Shenzhen', '440300'],
  ['珠海', 'Zhuhai', '440400'],
  ['佛山', 'Foshan', '440600'],
  ['惠州', 'Huizhou', '441300'],
  ['东莞', 'Dongguan', '441900'],
  ['肇庆', 'Zhaoqing', '441200'],
  ['南宁', 'Nanning', '450100'],
  ['柳州', 'Liuzhou', '450200'],
  ['钦州', 'Qinzhou', '450700'],
  ['海口', 'Haikou', '460100'],
  ['重庆', 'Chongqing', '500100'],
  ['成都', 'Chengdu', '510100'],
  ['自贡', 'Zigong', '510300'],
  ['遂宁', 'Suining', '510900'],
  ['宜宾', 'Yibin', '511500'],
  ['眉山', 'Meishan', '511400'],
  ['雅安', 'Ya’an', '511800'],
  ['贵阳', 'Guiyang', '520100'],
  ['遵义', 'Zunyi', '520300'],
  ['铜仁', 'Tongren', '520600'],
  ['昆明', 'Kunming', '530100'],
  ['曲靖', 'Qujing', '530300'],
  ['玉溪', 'Yuxi', '530400'],
  ['西安', 'Xi’an', '610100'],
  ['宝鸡', 'Baoji', '610300'],
  ['榆林', 'Yulin', '610800'],
  ['西宁', 'Xining', '630100'],
  ['海西', 'Haixi', '632800'],
  ['银川', 'Yinchuan', '640100'],
  ['石嘴山', 'Shizuishan', '640200'],
  ['乌鲁木齐', 'Urumqi', '650100'],
  ['克拉玛依', 'Karamay', '650200'],
  ['哈密', 'Hami', '650500'],
  ['昌吉', 'Changji', '652300'],
  ['拉萨', 'Lhasa', '540100'],
  ['日喀则', 'Shigatse', '540200'],
];

/** Prefectures that are autonomous prefectures (州), not cities. */
const AUTONOMOUS = new Set(['临夏', '甘南', '海西', '昌吉']);

/** The kinds of zone a city's regions are, for workloads with several regions per city. */
const ZONES: readonly (readonly [string, string, string])[] = [
  ['经济技术开发区', 'Economic and Technological Development Zone', 'etdz'],
  ['高新技术产业开发区', 'High-tech Industrial Development Zone', 'htz'],
  ['新材料产业园', 'New Materials Industrial Park', 'nmp'],
];

/** Words firm names are made of (字号), and the trades they name, by the kind of link. */
const WORDS = [
  '华宇',
  '鑫源',
  '恒通',
  '金泰',
  '中科',
  '瑞祥',
  '宏达',
  '天成',
  '新宙',
  '盛世',
  '博远',
  '长信',
  '海川',
  '东方',
  '永兴',
  '鼎盛',
  '嘉禾',
  '安和',
  '润达',
  '亿通',
  '晶华',
  '先导',
  '卓越',
  '振华',
  '联创',
  '信德',
  '泰和',
  '光华',
  '启明',
  '永安',
  '瑞丰',
  '宏远',
  '金鼎',
  '华信',
  '鑫泰',
  '恒瑞',
  '同创',
  '益华',
  '丰源',
  '众诚',
  '利民',
  '天润',
  '德源',
  '兴隆',
  '富源',
  '昌盛',
  '国泰',
  '新锐',
  '聚能',
  '鸿运',
  '祥和',
  '中天',
  '银河',
  '久安',
  '北辰',
  '万顺',
  '瀚海',
  '云峰',
  '澄明',
  '正源',
];

const TRADES: Record<string, readonly (readonly [string, string])[]> = {
  material: [
    ['新材料', 'New Materials'],
    ['锂业', 'Lithium'],
    ['矿业', 'Mining'],
    ['化工', 'Chemical'],
    ['材料科技', 'Materials Technology'],
    ['资源', 'Resources'],
    ['冶金', 'Metallurgy'],
  ],
  battery: [
    ['锂电', 'Lithium Battery'],
    ['新能源', 'New Energy'],
    ['电池', 'Battery'],
    ['能源科技', 'Energy Technology'],
    ['储能', 'Energy Storage'],
  ],
  equipment: [
    ['科技', 'Technology'],
    ['电子', 'Electronics'],
    ['智能装备', 'Intelligent Equipment'],
    ['电气', 'Electric'],
    ['汽车', 'Automotive'],
  ],
  recycling: [
    ['循环科技', 'Recycling Technology'],
    ['再生资源', 'Renewable Resources'],
    ['环保科技', 'Environmental Technology'],
  ],
};

const FORMS: readonly (readonly [string, string])[] = [
  ['有限公司', 'Co., Ltd.'],
  ['有限公司', 'Co., Ltd.'],
  ['有限公司', 'Co., Ltd.'],
  ['股份有限公司', 'Co., Ltd.'],
  ['科技有限公司', 'Technology Co., Ltd.'],
];

function tradeKind(link: ChainLink): keyof typeof TRADES {
  if (link.stage === 'recycling') return 'recycling';
  if (/^cell_|^pack$|^ess$/.test(link.id)) return 'battery';
  if (link.stage === 'application' || /^(bms|electronics|motor|motor_ctrl|pcs_ems)$/.test(link.id)) return 'equipment';
  return 'material';
}

/** The unit a firm's capacity for a link is given in. */
function capacityUnit(link: ChainLink): string {
  if (/^cell_|^pack$|^ess$/.test(link.id)) return 'GWh/a';
  if (/^(ev|consumer|motor|motor_ctrl|bms|pcs_ems|electronics)$/.test(link.id)) return 'units/a';
  if (link.id === 'power') return 'MW';
  return 't/a';
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * A unified social credit code for a firm registered in division `division` (6 digits): 9 (registered
 * by market regulation), 1 (an enterprise), the division, a 9-character organisation code whose own
 * check digit is right (GB 11714), and the check character (GB 32100).
 */
export function creditCodeFor(division: string, serial: number): string {
  const body = String(10_000_000 + (serial % 90_000_000)).slice(-8);
  let orgSum = 0;
  for (let i = 0; i < 8; i++) orgSum += Number(body[i]) * ORG_WEIGHTS[i]!;
  const orgCheck = 11 - (orgSum % 11);
  const org = body + (orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck));
  const first17 = `91${division}${org}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_CHARS.indexOf(first17[i]!) * CODE_WEIGHTS[i]!;
  return first17 + CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** The sources a workload cites: a firm register, a supplier survey, a project list. */
const WORKLOAD_SOURCES: readonly Source[] = [
  {
    id: 'wl-register',
    title: '新能源电池产业链企业名录（基准测试生成）',
    publisher: 'ChainAtlas bench',
    date: '2024',
    language: 'zh',
    note: 'Generated from a fixed seed for the benchmark and tests; not real firms.',
  },
  {
    id: 'wl-suppliers',
    title: '重点企业供应商调查（基准测试生成）',
    publisher: 'ChainAtlas bench',
    date: '2024-06',
    language: 'zh',
    note: 'Generated from a fixed seed for the benchmark and tests; not real relations.',
  },
  {
    id: 'wl-projects',
    title: '重点项目清单（基准测试生成）',
    publisher: 'ChainAtlas bench',
    date: '2024',
    language: 'zh',
    note: 'Generated from a fixed seed for the benchmark and tests; not real projects.',
  },
];

const PROJECT_STATUS_WEIGHTS: readonly [ProjectStatus, number][] = [
  ['planned', 0.2],
  ['attracting', 0.15],
  ['signed', 0.15],
  ['building', 0.25],
  ['operating', 0.2],
  ['halted', 0.05],
];

/** Builds a workload: a valid format-4 dataset on the template's first chain. */
export function buildWorkload(spec: WorkloadSpec, seed: ChainSeed = SHIPPED_CHAIN): Dataset {
  const next = random(spec.seed);
  const int = (n: number) => Math.floor(next() * n);
  const pickOf = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const template: ChainTemplate = seed.chains[0]!;
  const links = template.links;
  const linkById = new Map(links.map((l) => [l.id, l]));
  const inputsOf = new Map<string, string[]>();
  for (const e of template.edges) {
    const list = inputsOf.get(e.to) ?? [];
    list.push(e.from);
    inputsOf.set(e.to, list);
  }

  // Link weights: one heavy link (LFP cathode, a tenth of all firms), the rest at random, skewed.
  const heavy = linkById.has('lfp_cam') ? 'lfp_cam' : links[0]!.id;
  const weights = links.map((l) => (l.id === heavy ? 0 : 0.2 + next() ** 2));
  const rest = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [i, l] of links.entries()) {
    acc += l.id === heavy ? 0.105 : (0.9 * weights[i]!) / rest;
    cumulative.push(acc);
  }
  const pickLink = (): ChainLink => {
    const r = next() * acc;
    const i = cumulative.findIndex((c) => r < c);
    return links[i < 0 ? links.length - 1 : i]!;
  };

  // Regions: one per city, or several zones per city.
  interface RegionDraft {
    id: string;
    city: readonly [string, string, string];
    name: { zh: string; en: string };
    firms: Enterprise[];
    relations: SupplyRelation[];
    projects: Project[];
  }
  const drafts: RegionDraft[] = [];
  for (let i = 0; drafts.length < spec.regions; i++) {
    const city = spec.cities[Math.floor(i / spec.zonesPerCity) % spec.cities.length]!;
    const zone = ZONES[i % spec.zonesPerCity]!;
    const round = Math.floor(i / (spec.zonesPerCity * spec.cities.length));
    const suffix = round > 0 ? `${round + 1}` : '';
    drafts.push(
      spec.zonesPerCity === 1
        ? {
            id: `r-${city[2]}${suffix}`,
            city,
            name: { zh: `${city[0]}${AUTONOMOUS.has(city[0]) ? '州' : '市'}`, en: city[1] },
            firms: [],
            relations: [],
            projects: [],
          }
        : {
            id: `r-${city[2]}-${zone[2]}${suffix}`,
            city,
            name: { zh: `${city[0]}${zone[0]}${suffix}`, en: `${city[1]} ${zone[1]}${suffix ? ` ${suffix}` : ''}` },
            firms: [],
            relations: [],
            projects: [],
          },
    );
  }

  // Firms: unique names (by the key import matching uses: without the legal form).
  const usedNames = new Set<string>();
  const firmsByLink = new Map<string, { region: RegionDraft; firm: Enterprise }[]>();
  const all: { region: RegionDraft; firm: Enterprise }[] = [];
  for (let n = 0; n < spec.firms; n++) {
    const region = drafts[n < drafts.length ? n : int(drafts.length)]!;
    const link = pickLink();
    const second = next() < 0.25 ? inputsOf.get(link.id)?.[0] : undefined;
    const linkIds = second && second !== link.id ? [link.id, second] : [link.id];
    const [tradeZh, tradeEn] = pickOf(TRADES[tradeKind(link)]!);
    let word = pickOf(WORDS);
    let [formZh, formEn] = pickOf(FORMS);
    if (formZh.startsWith('科技') && tradeZh.endsWith('科技')) [formZh, formEn] = FORMS[0]!;
    let base = `${region.city[0]}${word}${tradeZh}`;
    for (let tries = 0; usedNames.has(firmNameKey(base + formZh)); tries++) {
      word = tries < 20 ? pickOf(WORDS) + pickOf(WORDS).slice(0, 1) : `${pickOf(WORDS)}${pickOf(WORDS)}`;
      base = `${region.city[0]}${word}${tradeZh}`;
    }
    usedNames.add(firmNameKey(base + formZh));
    const id = `f${String(n + 1).padStart(5, '0')}`;
    const cite: Citation = { sourceId: 'wl-register', locator: `row ${n + 2}` };
    const capacities: EnterpriseCapacity[] =
      next() < 0.5
        ? [
            {
              linkId: link.id,
              capacity: {
                value: capacityUnit(link) === 't/a' ? 1000 * (1 + int(100)) : 1 + int(40),
                unit: capacityUnit(link),
              },
              asOf: '2024',
              sources: [{ ...cite, locator: `row ${n + 2}, 产能` }],
            },
          ]
        : [];
    const firm: Enterprise = {
      id,
      name: { zh: base + formZh, en: `${region.city[1]} ${wordPinyin(word)} ${tradeEn} ${formEn}` },
      creditCode: creditCodeFor(region.city[2], spec.seed * 1_000_003 + n * 7919),
      ...(next() < 0.15 ? { aliases: [`${region.city[0].slice(0, 1)}${word}`] } : {}),
      linkIds,
      ...(capacities.length ? { capacities } : {}),
      sources: [cite],
    };
    region.firms.push(firm);
    all.push({ region, firm });
    for (const l of linkIds) {
      const list = firmsByLink.get(l) ?? [];
      list.push({ region, firm });
      firmsByLink.set(l, list);
    }
  }

  // Relations along supply edges, kept with the buyer's region.
  const regionLinkFirms = new Map<string, Enterprise[]>();
  for (const { region, firm } of all)
    for (const l of firm.linkIds) {
      const key = `${region.id}|${l}`;
      const list = regionLinkFirms.get(key) ?? [];
      list.push(firm);
      regionLinkFirms.set(key, list);
    }
  const seenPairs = new Set<string>();
  let made = 0;
  for (let guard = 0; made < spec.relations && guard < spec.relations * 20; guard++) {
    const buyer = all[int(all.length)]!;
    const outLink = pickOf(buyer.firm.linkIds);
    const inputs = inputsOf.get(outLink);
    if (!inputs?.length) continue;
    const inLink = pickOf(inputs);
    const local = regionLinkFirms.get(`${buyer.region.id}|${inLink}`);
    const supplier =
      local?.length && next() < 0.4
        ? { region: buyer.region, firm: pickOf(local) }
        : (() => {
            const anywhere = firmsByLink.get(inLink);
            return anywhere?.length ? pickOf(anywhere) : undefined;
          })();
    if (!supplier || supplier.firm.id === buyer.firm.id) continue;
    const pair = `${supplier.firm.id}>${buyer.firm.id}|${inLink}`;
    if (seenPairs.has(pair)) continue;
    seenPairs.add(pair);
    made++;
    const unit = capacityUnit(linkById.get(inLink)!) === 'GWh/a' ? 'GWh' : 't';
    buyer.region.relations.push({
      id: `rel${String(made).padStart(5, '0')}`,
      supplier: { regionId: supplier.region.id, enterpriseId: supplier.firm.id },
      buyer: { regionId: buyer.region.id, enterpriseId: buyer.firm.id },
      linkId: inLink,
      ...(next() < 0.6
        ? { volume: { value: unit === 't' ? 100 * (1 + int(500)) : 1 + int(20), unit }, period: '2024' }
        : {}),
      sources: [{ sourceId: 'wl-suppliers', locator: `row ${made + 1}` }],
    });
  }

  // Projects, by firms of their region.
  for (let n = 0; n < spec.projects; n++) {
    const { region, firm } = all[int(all.length)]!;
    const status = weighted(next(), PROJECT_STATUS_WEIGHTS);
    const linkId = firm.linkIds[0]!;
    const link = linkById.get(linkId)!;
    const unit = capacityUnit(link);
    region.projects.push({
      id: `p${String(n + 1).padStart(5, '0')}`,
      name: {
        zh: `${firm.name.zh.replace(/(股份)?有限公司$/, '')}年产${link.name.zh}项目${n + 1}`,
        en: `${firm.name.en}: ${link.name.en} project ${n + 1}`,
      },
      status,
      linkIds: [linkId],
      enterpriseIds: [firm.id],
      capacity: { value: unit === 't/a' ? 5000 * (1 + int(20)) : 1 + int(30), unit },
      investment: { value: 1e8 * (1 + int(100)), unit: 'CNY' },
      dates: { signed: `${2021 + int(4)}-${String(1 + int(12)).padStart(2, '0')}` },
      sources: [{ sourceId: 'wl-projects', locator: `row ${n + 2}` }],
    });
  }

  const regions: Region[] = drafts.map((d) => {
    const states: LinkState[] = [];
    const served = new Map<string, number>();
    for (const f of d.firms) for (const l of f.linkIds) served.set(l, (served.get(l) ?? 0) + 1);
    for (const link of links) {
      const count = served.get(link.id) ?? 0;
      let status: LinkStatus;
      if (count > 0) {
        // Most links with firms are present; a few are still stored as attracting or missing.
        const r = next();
        status = r < 0.04 ? 'attracting' : r < 0.06 ? 'missing' : count >= 5 || r > 0.8 ? 'strong' : 'present';
      } else {
        const r = next();
        status = r < 0.35 ? 'missing' : r < 0.45 ? 'attracting' : r < 0.5 ? 'building' : 'unknown';
      }
      if (status === 'unknown') continue;
      states.push({
        linkId: link.id,
        status,
        asOf: '2024',
        sources: [{ sourceId: 'wl-register', locator: `${d.name.zh}, ${link.name.zh}` }],
      });
    }
    return {
      id: d.id,
      name: d.name,
      parent: { zh: '合成数据', en: 'Synthetic data' },
      chainId: template.id,
      asOf: '2024',
      focus: {
        products: links.filter((l) => /^cell_(ncm|lfp)$/.test(l.id)).map((l) => l.id),
        applications: [],
        subChains: [],
        supporting: [],
        sources: [{ sourceId: 'wl-register', locator: d.name.zh }],
      },
      linkStates: states,
      enterprises: d.firms,
      projects: d.projects,
      indicators: [],
      relations: d.relations,
    };
  });

  return {
    format: FORMAT_VERSION,
    sources: [...seed.sources, ...WORKLOAD_SOURCES],
    chains: [template],
    regions,
  };
}

function weighted<T>(r: number, weights: readonly (readonly [T, number])[]): T {
  for (const [value, w] of weights) if ((r -= w) < 0) return value;
  return weights[weights.length - 1]![0];
}

/** A firm's word in pinyin, capitalised, for its English name (华宇 → Huayu). */
function wordPinyin(word: string): string {
  const spelled = pinyin(word, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}

/** The province workload: 14 regions, 2,000 firms, 5,000 relations, 300 projects. */
export function provinceWorkload(seed: ChainSeed = SHIPPED_CHAIN): Dataset {
  return buildWorkload(
    { seed: 14, regions: 14, firms: 2000, relations: 5000, projects: 300, cities: GANSU, zonesPerCity: 1 },
    seed,
  );
}

/** The nation workload: 300 regions, 20,000 firms, 50,000 relations, 5,000 projects. */
export function nationWorkload(seed: ChainSeed = SHIPPED_CHAIN): Dataset {
  return buildWorkload(
    { seed: 300, regions: 300, firms: 20_000, relations: 50_000, projects: 5000, cities: CITIES, zonesPerCity: 3 },
    seed,
  );
}

/**
 * A firm register as planners keep it (企业名录), from a dataset's firms: Chinese headers, firms by
 * name and credit code, regions and links by their Chinese names, a capacity per link, `;`-separated like the links.
 * `regionName` renames regions (to send the firms to another dataset's regions); `source` fills 来源.
 */
export function firmListRows(
  ds: Dataset,
  options: { readonly regionName?: (region: Region, index: number) => string; readonly source?: string } = {},
): string[][] {
  const links = new Map(ds.chains.flatMap((c) => c.links).map((l) => [l.id, l.name.zh]));
  const rows = [['企业名称', '统一社会信用代码', '地区', '环节', '产能', '产能单位', '来源']];
  for (const [i, r] of ds.regions.entries())
    for (const e of r.enterprises) {
      // One capacity per link, in the links' order (an empty place for a link without one).
      const caps = e.linkIds.map((id) => e.capacities?.find((c) => c.linkId === id));
      const listed = caps.some((c) => c !== undefined);
      rows.push([
        e.name.zh,
        e.creditCode ?? '',
        options.regionName?.(r, i) ?? r.name.zh,
        e.linkIds.map((id) => links.get(id) ?? id).join(';'),
        listed ? caps.map((c) => (c ? String(c.capacity.value) : '')).join(';') : '',
        listed ? caps.map((c) => c?.capacity.unit ?? '').join(';') : '',
        options.source ?? '',
      ]);
    }
  return rows;
}

/** A supplier list (供应关系名单) from a dataset's relations: supplier by name, buyer by credit code, link by name. */
export function relationListRows(ds: Dataset, options: { readonly source?: string } = {}): string[][] {
  const links = new Map(ds.chains.flatMap((c) => c.links).map((l) => [l.id, l.name.zh]));
  const firms = new Map(ds.regions.flatMap((r) => r.enterprises.map((e) => [`${r.id}/${e.id}`, e] as const)));
  const rows = [['供应方', '采购方', '环节', '数量', '数量单位', '期间', '来源']];
  for (const r of ds.regions)
    for (const x of r.relations ?? []) {
      const supplier = firms.get(`${x.supplier.regionId}/${x.supplier.enterpriseId}`)!;
      const buyer = firms.get(`${x.buyer.regionId}/${x.buyer.enterpriseId}`)!;
      rows.push([
        supplier.name.zh,
        buyer.creditCode ?? buyer.name.zh,
        links.get(x.linkId) ?? x.linkId,
        x.volume ? String(x.volume.value) : '',
        x.volume?.unit ?? '',
        x.period ?? '',
        options.source ?? '',
      ]);
    }
  return rows;
}
