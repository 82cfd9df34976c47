/**
 * The rules a reading applies, each with a short explanation in both languages. A proposal lists the
 * rules that made it, so the review can show why a fact was proposed; nothing is decided out of sight.
 */
import type { Localized } from '../types';

export const RULES = {
  'mention.link': {
    zh: '文中出现环节的名称、别名或行业用语。',
    en: 'The text names the link: its name, an alias or an industry term.',
  },
  'mention.element': {
    zh: '元素按上下文对应环节：“资源”指矿产，“原材料”指原料，产能数字后指金属。',
    en: 'An element read by its context: resources mean the ore, raw materials the feed, a capacity figure the metal.',
  },
  'status.localSupply': {
    zh: '文中称可本地生产或供应：记为本地已有。',
    en: 'The text says it is produced or supplied locally: present.',
  },
  'status.complete': {
    zh: '文中称品类俱全：记为本地已有。',
    en: 'The text says the whole range is made: present.',
  },
  'status.capacity': {
    zh: '文中给出生产能力：记为本地已有，并记下产能。',
    en: 'The text gives a production capacity: present, with that capacity.',
  },
  'status.scale': {
    zh: '全地区产能达万吨级（或10 GWh）以上，且句中有骨干企业：记为优势环节；仅有产能记为已有。',
    en: 'A region-wide capacity of 10,000 t or 10 GWh a year or more, with an anchor firm named: strong; a capacity alone is present.',
  },
  'status.missing': {
    zh: '文中称空白、缺乏或依赖外购：记为缺失。',
    en: 'The text calls it a gap, lacking or bought in: missing.',
  },
  'status.project': {
    zh: '环节状态随项目：投产为已有，在建为在建，签约或引进为招引中。',
    en: 'The link follows its project: operating is present, building is building, signed or introduced is attracting.',
  },
  'project.verb': {
    zh: '项目动词定状态：签约、开工/在建、建成/投产/达产/量产、引进/招引、拟建。',
    en: 'A project verb sets the status: signed, started or under construction, operating, attracting, planned.',
  },
  'project.item': {
    zh: '动词所及的每一列举项为一个项目，含其企业、产能和环节。',
    en: 'Each listed item the verb governs is one project, with its enterprise, capacity and links.',
  },
  'project.listIntro': {
    zh: '以“如下：”引出的列表，各项沿用引语中的动词和日期。',
    en: 'A list introduced with a colon takes the verb and date of its introduction.',
  },
  'project.investment': {
    zh: '同句中的投资金额记为项目投资。',
    en: 'An investment amount in the same sentence is the project’s investment.',
  },
  'project.date': {
    zh: '动词所在处的日期记为签约、开工或投产日期。',
    en: 'The date by the verb is the signing, start or operating date.',
  },
  'project.capacity': {
    zh: '生产性项目的产能按年计（GWh 计为 GWh/年）。',
    en: 'A production project’s capacity is per year (GWh is read as GWh a year).',
  },
  'enterprise.legal': {
    zh: '以有限公司、集团、股份等结尾的名称为企业。',
    en: 'A name ending in Co., Ltd., Group or the like (有限公司, 集团, 股份) is an enterprise.',
  },
  'enterprise.english': {
    zh: '英文名称以 Co., Ltd.、Group、Inc. 等结尾者为企业。',
    en: 'An English name ending in Co., Ltd., Group, Inc. or the like is an enterprise.',
  },
  'enterprise.known': {
    zh: '数据中已有的企业名称。',
    en: 'An enterprise name already in the data.',
  },
  'enterprise.industry': {
    zh: '以行业词（锂电、储能、科技、新能源等）结尾的简称为企业。',
    en: 'A short name ending in an industry word (lithium battery, energy storage, technology, new energy) is an enterprise.',
  },
  'enterprise.projectHead': {
    zh: '项目列举项开头、紧接产能或型号的简称为企业（如“汉星1亿Ah”）；分期项目名中产品前的字号连同产品名为企业（如“北辰隔膜一期项目”）。',
    en: 'A short name heading a project item, right before its capacity or model (“Hanxing 100 million Ah”), or a brand before the product a project phase is named by (“Beichen separator phase 1”), is an enterprise.',
  },
  'enterprise.shortForm': {
    zh: '简称是文中另一企业全称的开头，视为同一企业（“金车”即“金车储能”）。',
    en: 'A short form that begins another enterprise name in the text is taken as that enterprise.',
  },
  'indicator.figure': {
    zh: '带名称的数字（产值、金额、比率、产能）记为指标。',
    en: 'A figure with its name (output, amount, share, capacity) is an indicator.',
  },
  'indicator.count': {
    zh: '企业、项目、产品、机构等的个数记为指标；其他个数不记。',
    en: 'A count of enterprises, projects, products or institutions is an indicator; other counts are not.',
  },
  'indicator.rank': {
    zh: '“第N位”是排名；“M家……第N位”中的M是参与排名的总数。',
    en: '“No. N” is a rank; in “N-th of M” M is the size of the field.',
  },
  'indicator.change': {
    zh: '紧随其后的“同比增长x%”记为同比变化。',
    en: 'A following “up x% year on year” is the change.',
  },
  'indicator.target': {
    zh: '目标、力争、预计等所述数字是目标，不是实际数字。',
    en: 'A figure the text sets as a goal (target, strive for, expected) is a target, not a result.',
  },
  'indicator.subject': {
    zh: '句中主体为开发区等时，记为该指标的主体。',
    en: 'When the sentence is about a development zone or park, it is the figure’s subject.',
  },
  'quantity.bound': {
    zh: '“多、以上、超、逾”为下限，“约、左右”为约数，“近、不到”为上限。',
    en: '“Over, more than” is a lower bound, “about” approximate, “nearly, under” an upper bound.',
  },
  'date.explicit': {
    zh: '日期取自句中。',
    en: 'The date is the sentence’s own.',
  },
  'date.context': {
    zh: '句中无日期，取本段前文的日期。',
    en: 'The sentence has no date: the paragraph’s earlier date.',
  },
  'date.relative': {
    zh: '“今年、去年、上半年、目前”按来源日期换算。',
    en: '“This year, last year, first half, now” are counted from the source’s date.',
  },
  'date.source': {
    zh: '文中无日期，取来源的日期。',
    en: 'The text gives no date: the source’s date.',
  },
  merge: {
    zh: '同一事实在多处出现，合为一条，列出各处引文。',
    en: 'The same fact stated in several places is one proposal, citing each place.',
  },
} as const satisfies Record<string, Localized>;

export type RuleId = keyof typeof RULES;

/** A rule with its explanation, as a proposal records it. */
export const ruleUse = (rule: RuleId) => ({ rule, why: RULES[rule] });
