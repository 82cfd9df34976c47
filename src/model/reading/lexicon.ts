/**
 * The words a reading knows besides the chain's own names: industry terms of the battery chain,
 * elements read by context, and the cue words of its rules (project verbs, "rich in", "produced
 * locally", targets). Data only. Terms name links of the shipped battery chain by id; a chain without
 * those ids simply does not use them.
 */
import type { ProjectStatus } from '../types';

/** Chinese and English industry terms that name links but are not their names or aliases. */
export const INDUSTRY_TERMS: readonly { readonly term: string; readonly linkIds: readonly string[] }[] = [
  // Both solvent families: the text does not say cyclic or linear.
  { term: '碳酸酯', linkIds: ['cyc_carb', 'lin_carb'] },
  { term: 'carbonate solvents', linkIds: ['cyc_carb', 'lin_carb'] },
  // 三酸两碱: sulphuric, hydrochloric and nitric acid; caustic soda and soda ash.
  { term: '三酸两碱', linkIds: ['h2so4', 'chlor_alkali', 'soda_ash'] },
  { term: '风光资源', linkIds: ['power'] },
  { term: '风光电', linkIds: ['power'] },
  { term: '风能', linkIds: ['power'] },
  { term: '太阳能', linkIds: ['power'] },
  { term: '三元动力电池', linkIds: ['cell_ncm'] },
  { term: '三元锂离子电池', linkIds: ['cell_ncm'] },
  { term: '镍钴锰酸锂电池', linkIds: ['cell_ncm'] },
  { term: '磷酸铁锂储能电池', linkIds: ['cell_lfp'] },
  { term: '磷酸铁锂动力电池', linkIds: ['cell_lfp'] },
  { term: '储能电池', linkIds: ['cell_lfp'] },
  { term: '磷酸铁锂正极材料', linkIds: ['lfp_cam'] },
  { term: '三元前驱体材料', linkIds: ['ncm_pcam'] },
  { term: 'ncm precursor', linkIds: ['ncm_pcam'] },
  { term: 'lfp cell', linkIds: ['cell_lfp'] },
  { term: 'lfp battery', linkIds: ['cell_lfp'] },
  { term: 'lfp batteries', linkIds: ['cell_lfp'] },
  { term: 'lfp cathode', linkIds: ['lfp_cam'] },
  { term: 'ternary cathode', linkIds: ['ncm_cam'] },
];

/**
 * Terms that name no single link. They are found so that a shorter name inside them is not:
 * 锂离子电池 is no particular cell, and 新能源电池 does not name 电池 of any one kind.
 */
export const GENERIC_TERMS: readonly string[] = [
  '锂离子电池',
  '锂电池',
  '新能源电池',
  '动力锂电池',
  '电池材料',
  '化工材料',
  '化工产品',
  '新能源',
  '清洁能源',
  'lithium-ion battery',
  'lithium-ion batteries',
  'battery industry',
  'battery materials',
];

/**
 * Elements, which name different links by context: 镍资源 is nickel ore, 25万吨镍 refined nickel, and
 * 镍 among the raw materials (of battery salts) the refined metal Jinchang makes, not ore, which the
 * text would call a resource; manganese has no metal link, so as a raw material it names none. Lithium as a raw material names no link: the text does not say
 * which compound (carbonate, hydroxide) or whether it is ore, as the shipped data's note on li2co3 says.
 */
export interface ElementSenses {
  readonly zh: string;
  readonly en: string;
  readonly resource?: string;
  readonly raw?: string;
  readonly metal?: string;
}
export const ELEMENTS: readonly ElementSenses[] = [
  { zh: '镍', en: 'nickel', resource: 'ni_ore', raw: 'ni_metal', metal: 'ni_metal' },
  { zh: '钴', en: 'cobalt', resource: 'co_feed', raw: 'co_refined', metal: 'co_refined' },
  { zh: '铜', en: 'copper', raw: 'cu', metal: 'cu' },
  { zh: '锰', en: 'manganese', resource: 'mn_ore' },
  { zh: '锂', en: 'lithium', resource: 'li_res' },
  { zh: '铁', en: 'iron', resource: 'fe_src', raw: 'fe_src' },
  { zh: '磷', en: 'phosphorus', resource: 'phos_rock', raw: 'phos_rock' },
  { zh: '铝', en: 'aluminium', raw: 'al', metal: 'al' },
  { zh: '硅', en: 'silicon', raw: 'silicon', metal: 'silicon' },
  { zh: '石墨', en: 'graphite', resource: 'nat_graphite', raw: 'nat_graphite' },
];

/** What a cue word signals. */
export type Cue =
  | 'verb'
  | 'richness'
  | 'local'
  | 'complete'
  | 'capacity'
  | 'regionWide'
  | 'missing'
  | 'target'
  | 'negation'
  | 'project'
  | 'investment'
  | 'listIntro'
  | 'none';

export interface CueWord {
  readonly text: string;
  readonly cue: Cue;
  readonly status?: ProjectStatus;
}

const words = (cue: Cue, list: string, status?: ProjectStatus): CueWord[] =>
  list.split('|').map((text) => ({ text, cue, ...(status && { status }) }));

/** Chinese cue words. The longest match wins, so 建成后 (a condition) is not 建成 (built). */
export const ZH_CUES: readonly CueWord[] = [
  ...words('verb', '签约|签署|签订|集中签约|成功签约', 'signed'),
  ...words(
    'verb',
    '开工|开工建设|在建|动工|加快建设|正在建设|建设中|全面建设|启动建设|开建|加紧建设|推进建设|新开工',
    'building',
  ),
  ...words(
    'verb',
    '建成|投产|建成投产|达产|量产|实现量产|投入运营|投运|并网|竣工|正式投产|试生产|全面投产|建成并投产',
    'operating',
  ),
  ...words('verb', '引进|招引|积极引进|洽谈|正在洽谈|招商', 'attracting'),
  ...words('verb', '拟建|规划建设|计划建设|拟投资|筹建|谋划', 'planned'),
  ...words('verb', '停建|停产|暂停建设|搁置', 'halted'),
  ...words('richness', '丰富|富集|储量|蕴藏|充足|富足'),
  ...words('local', '本地生产供应|本地生产|本地供应|就地供应|就近供应|本地配套|就地转化|本地即可生产'),
  ...words('complete', '俱全|齐全|完备'),
  ...words('capacity', '生产能力|产能|年产|年产能|具备'),
  ...words('regionWide', '全市|全区|全县|全省|全州|本地|当地|本市|我市|全域'),
  ...words('missing', '空白|缺乏|缺少|缺失|尚无|短板|依赖外购|依赖外地|外购'),
  ...words('target', '目标|力争|争取|预计|预期|有望|将于|将在|将达到|将新增|确保|建成后|投产后|达产后|可年产|规划到'),
  ...words('negation', '尚未|未|没有|暂未'),
  ...words('project', '项目'),
  ...words('investment', '总投资|投资|计划投资|拟投资'),
  ...words('listIntro', '如下'),
  // Words holding a cue word that mean something else.
  ...words('none', '招商引资|签约大会|签约仪式|签约金额|签约总金额|本地供应率|本地配套率|资源优势|未来|资源型'),
];

/** English cue words, matched lower-cased on word boundaries. */
export const EN_CUES: readonly CueWord[] = [
  ...words('verb', 'signed|inked|signing', 'signed'),
  ...words(
    'verb',
    'broke ground|breaks ground|groundbreaking|under construction|began construction|started construction|start construction|being built|construction began|construction started',
    'building',
  ),
  ...words(
    'verb',
    'began production|started production|start production|began operation|began operations|started operation|started operations|went into production|went into operation|put into operation|put into production|commissioned|came on stream|came online|in operation|in production|mass production|completed',
    'operating',
  ),
  ...words(
    'verb',
    'being sought|sought|seeking investors|to attract|attracting|introduce|introduced|being introduced',
    'attracting',
  ),
  ...words('verb', 'planned|plans to build|proposed|will build', 'planned'),
  ...words('verb', 'halted|suspended|shelved', 'halted'),
  ...words('richness', 'rich in|abundant|rich'),
  ...words(
    'local',
    'produced locally|locally produced|made locally|supplied locally|local supply of|local production of',
  ),
  ...words('complete', 'full range'),
  ...words('capacity', 'capacity|capacities'),
  ...words('regionWide', 'the city|the region|the province|the county|citywide'),
  ...words('missing', 'lacks|lack of|no local|is missing|are missing|bought in|imported from'),
  ...words(
    'target',
    'target|targets|aims to|aim to|expected to|expects to|is set to|are set to|scheduled to|will|forecast',
  ),
  ...words('negation', 'not|yet to|no longer'),
  ...words('project', 'project|projects|plant|plants'),
  ...words('investment', 'investment|invest|invested|investing'),
  ...words('listIntro', 'as follows|following projects'),
];

/** Nouns whose count is worth recording: enterprises, projects, products, institutions, sub-chains. */
export const COUNTED_NOUNS = [
  '企业',
  '公司',
  '项目',
  '产品',
  '机构',
  '孵化器',
  '产业链',
  '生产线',
  '产线',
  '品种',
  '平台',
  'project',
  'compan',
  'enterprise',
  'firm',
  'product',
  'plant',
  'line',
  'institution',
];

/** Words that make the next figure a change, not a level (增长40.5%); followed by 到/至 they give the level. */
export const CHANGE_WORDS = [
  '同比增长',
  '同比下降',
  '同比增加',
  '同比减少',
  '增长',
  '下降',
  '增加',
  '减少',
  '提高',
  '降低',
  '增速',
  '上涨',
  '同比',
  'up ',
  'down ',
  'rose ',
  'fell ',
  'grew ',
  'growth of ',
  'increase of ',
  'decrease of ',
];
export const FALLING_WORDS = ['下降', '减少', '降低', 'down ', 'fell ', 'decrease of '];

/** Words for "ranked" before a figure, which makes 65位 a rank rather than 65 people. */
export const RANK_WORDS = ['排名', '位列', '排在', '排第', '居于', 'ranked', 'ranking', 'rank', 'placed'];
