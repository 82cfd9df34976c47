/**
 * The tables CSV files and workbook sheets hold: their names and columns in English and Chinese, what
 * each column takes, and a help text for the template's read-me sheet. CSV and XLSX share them, so a
 * sheet saved as CSV imports the same way.
 */
import type { Localized } from '../../model/types';

export type TableKey =
  | 'sources'
  | 'chains'
  | 'subChains'
  | 'links'
  | 'edges'
  | 'intensities'
  | 'regions'
  | 'focus'
  | 'statuses'
  | 'enterprises'
  | 'projects'
  | 'indicators'
  | 'capacities'
  | 'relations'
  | 'firms';

/** What a column takes; decides how a cell is read and, in workbooks, written (numbers as numbers). */
export type ColumnKind =
  'text' | 'id' | 'ids' | 'list' | 'number' | 'date' | 'stage' | 'status' | 'project-status' | 'unit' | 'qualifier';

export interface ColumnSpec {
  readonly key: string;
  readonly en: string;
  readonly zh: string;
  readonly kind: ColumnKind;
  /** The header must be there, and (unless `optionalValue`) every row must fill it. */
  readonly required?: boolean;
  readonly help: Localized;
  readonly example: string | number;
  /** Other headers that name the column, as planners' own lists write them (供应商 for 供应方). */
  readonly alt?: readonly string[];
}

export interface TableSpec {
  readonly key: TableKey;
  readonly sheet: Localized;
  /** Columns that identify a record; a row repeating them with only citation columns adds a citation. */
  readonly keyColumns: readonly string[];
  /**
   * The column that says which chain or region a row belongs to. It may also be the key (a region's
   * focus: one record per region).
   */
  readonly scopeColumn?: 'chain_id' | 'region_id';
  readonly help: Localized;
  readonly columns: readonly ColumnSpec[];
  /** A list planners keep (a firm register), read on import but not written by exports. */
  readonly importOnly?: boolean;
}

/** A column whose English header is its key. */
const col = (
  key: string,
  zh: string,
  kind: ColumnKind,
  help: [string, string],
  example: string | number,
  required = false,
  alt?: readonly string[],
): ColumnSpec => ({
  key,
  en: key,
  zh,
  kind,
  required,
  help: { zh: help[0], en: help[1] },
  example,
  ...(alt && { alt }),
});

const chainId = col(
  'chain_id',
  '产业链编号',
  'id',
  ['所属产业链的编号；留空则为当前产业链', 'The chain the row belongs to; empty means the current chain'],
  'li-ion-battery',
);
const regionId = col(
  'region_id',
  '地区编号',
  'id',
  ['所属地区的编号；留空则为当前地区', 'The region the row belongs to; empty means the current region'],
  'jinchang',
);
const id = (example: string) =>
  col('id', '编号', 'id', ['唯一编号：字母、数字、_ . : -', 'Unique id: letters, digits, _ . : -'], example, true);
const nameZh = (example: string) => col('name_zh', '中文名称', 'text', ['中文名称', 'Name in Chinese'], example, true);
const nameEn = (example: string) => col('name_en', '英文名称', 'text', ['英文名称', 'Name in English'], example, true);
const noteZh = col('note_zh', '中文备注', 'text', ['中文备注（可选）', 'Note in Chinese (optional)'], '');
const noteEn = col('note_en', '英文备注', 'text', ['英文备注（可选）', 'Note in English (optional)'], '');
const linkIds = col(
  'link_ids',
  '相关环节编号',
  'ids',
  ['相关环节编号，多个用 ; 分隔', 'Link ids, separated by ;'],
  'cell_lfp',
);
/** The citation columns every record table ends with. */
const citation = [
  col(
    'source_id',
    '来源编号',
    'id',
    ['来源表中的编号；留空则引用导入的文件本身', 'An id from the Sources table; empty cites the imported file itself'],
    'example-source',
  ),
  col(
    'locator',
    '出处位置',
    'text',
    ['来源中的位置，如 ¶7、第3页、表2', 'Where in the source: ¶7, page 3, table 2'],
    '¶1',
  ),
  col('quote', '原文摘录', 'text', ['来源原文（逐字）', "The source's own words, verbatim"], '示例原文'),
  col(
    'translation_en',
    '英文译文',
    'text',
    ['原文摘录的英文译文（可选）', 'The quote in English, if it is in another language (optional)'],
    '',
  ),
  col(
    'translation_zh',
    '中文译文',
    'text',
    ['原文摘录的中文译文（可选）', 'The quote in Chinese, if it is in another language (optional)'],
    '',
  ),
];
export const CITATION_COLUMNS: readonly string[] = [
  'source_id',
  'locator',
  'quote',
  'translation_en',
  'translation_zh',
];

/**
 * The citation columns of firm tables: the source by id or by title (planners write titles), where in
 * it (optional), and its words.
 */
const firmCitation = [
  col(
    'source',
    '来源',
    'text',
    [
      '来源表中的编号或标题；留空则引用导入的文件本身',
      'An id or title from the Sources table; empty cites the imported file itself',
    ],
    'example-source',
    false,
    ['source_id', '来源编号', '来源标题'],
  ),
  col('locator', '出处位置', 'text', ['来源中的位置（可选）', 'Where in the source (optional)'], ''),
  col('quote', '原文摘录', 'text', ['来源原文（逐字，可选）', "The source's own words (optional)"], ''),
];

export const TABLES: readonly TableSpec[] = [
  {
    key: 'sources',
    sheet: { zh: '来源', en: 'Sources' },
    keyColumns: ['id'],
    help: { zh: '数据出处：文章、报告、统计表', en: 'Where figures come from: articles, reports, tables' },
    columns: [
      id('example-source'),
      col('title', '标题', 'text', ['标题', 'Title'], '示例报告', true),
      col('publisher', '发布者', 'text', ['发布机构或媒体', 'Publisher'], '示例日报', true),
      col(
        'date',
        '日期',
        'date',
        ['发布日期：2024、2024-06 或 2024-06-30', 'Publication date: 2024, 2024-06 or 2024-06-30'],
        '2024',
      ),
      col('url', '网址', 'text', ['网址（仅作记录，应用不会访问）', 'Address (kept as a record; never opened)'], ''),
      col('language', '语言', 'text', ['语言：zh 或 en', 'Language: zh or en'], 'zh'),
      col('note', '备注', 'text', ['备注', 'Note'], ''),
    ],
  },
  {
    key: 'chains',
    sheet: { zh: '产业链', en: 'Chains' },
    keyColumns: ['id'],
    help: { zh: '产业链模板', en: 'Chain templates' },
    columns: [id('li-ion-battery'), nameZh('新能源电池产业链'), nameEn('New-energy battery chain'), ...citation],
  },
  {
    key: 'subChains',
    sheet: { zh: '子链', en: 'SubChains' },
    keyColumns: ['id'],
    scopeColumn: 'chain_id',
    help: { zh: '产业链中的子链（分组）', en: 'Sub-chains (groups of links)' },
    columns: [
      chainId,
      id('example_sub'),
      nameZh('示例子链'),
      nameEn('Example sub-chain'),
      col('order', '顺序', 'number', ['排列顺序（数字）', 'Reading order (a number)'], 1, true),
      col('column', '列', 'number', ['全景图中的列（0 为最左，可选）', 'Panorama column (0 = leftmost, optional)'], ''),
    ],
  },
  {
    key: 'links',
    sheet: { zh: '环节', en: 'Links' },
    keyColumns: ['id'],
    scopeColumn: 'chain_id',
    help: { zh: '产业链环节（产品或工序）', en: 'Links of the chain (products or processes)' },
    columns: [
      chainId,
      id('example_link'),
      nameZh('示例环节'),
      nameEn('Example link'),
      col('sub_chain', '子链', 'text', ['子链编号或名称', 'Sub-chain id or name'], 'example_sub', true),
      col(
        'stage',
        '环节类型',
        'stage',
        [
          '原材料/中间品/零部件/产品/应用/回收（或 raw, intermediate, component, product, application, recycling）',
          'raw, intermediate, component, product, application or recycling (or the Chinese words)',
        ],
        'intermediate',
        true,
      ),
      col(
        'aliases',
        '别名',
        'list',
        ['别名、缩写、化学式，多个用 ; 分隔', 'Aliases, abbreviations, formulas, separated by ;'],
        'EX; 示例',
      ),
      col('description_zh', '中文说明', 'text', ['中文说明（可选）', 'Description in Chinese (optional)'], ''),
      col('description_en', '英文说明', 'text', ['英文说明（可选）', 'Description in English (optional)'], ''),
      ...citation,
    ],
  },
  {
    key: 'edges',
    sheet: { zh: '供应关系', en: 'Edges' },
    keyColumns: ['from', 'to'],
    scopeColumn: 'chain_id',
    help: { zh: '供应关系：上游环节是下游环节的投入', en: 'Supply edges: "from" is an input of "to"' },
    columns: [
      chainId,
      col('from', '上游环节', 'id', ['上游（投入）环节编号', 'Input link id'], 'example_link', true),
      col('to', '下游环节', 'id', ['下游（使用）环节编号', 'Link id that uses it'], 'cell_lfp', true),
      noteZh,
      noteEn,
      ...citation,
    ],
  },
  {
    key: 'intensities',
    sheet: { zh: '物料强度', en: 'Intensities' },
    keyColumns: [],
    scopeColumn: 'chain_id',
    help: { zh: '供应关系的物料强度，每行一个数值', en: 'Material intensities of supply edges, one figure a row' },
    columns: [
      chainId,
      col('from', '上游环节', 'id', ['上游环节编号', 'Input link id'], 'example_link', true),
      col('to', '下游环节', 'id', ['下游环节编号', 'Output link id'], 'cell_lfp', true),
      col('value', '数值', 'number', ['数值', 'Value'], 0.5, true),
      col('unit', '单位', 'unit', ['kg/kWh、t/t 或 t/GWh', 'kg/kWh, t/t or t/GWh'], 'kg/kWh', true),
      col('range_low', '下限', 'number', ['范围下限（可选）', 'Low end of a range (optional)'], ''),
      col('range_high', '上限', 'number', ['范围上限（可选）', 'High end of a range (optional)'], ''),
      col('measure', '计量对象', 'text', ['计量的元素，如 Ni（可选）', 'What is counted, e.g. Ni (optional)'], ''),
      col('chemistry', '电池体系', 'text', ['电池体系，如 LFP（可选）', 'Cell chemistry, e.g. LFP (optional)'], 'LFP'),
      ...citation,
    ],
  },
  {
    key: 'regions',
    sheet: { zh: '地区', en: 'Regions' },
    keyColumns: ['id'],
    help: { zh: '地区', en: 'Regions' },
    columns: [
      id('jinchang'),
      nameZh('金昌市'),
      nameEn('Jinchang'),
      col('parent_zh', '上级地区中文', 'text', ['上级地区（中文，可选）', 'Larger area in Chinese (optional)'], ''),
      col('parent_en', '上级地区英文', 'text', ['上级地区（英文，可选）', 'Larger area in English (optional)'], ''),
      { ...chainId, required: true },
      col('as_of', '数据日期', 'date', ['数据所属日期', 'The date the data holds for'], '2024', true),
    ],
  },
  {
    key: 'focus',
    sheet: { zh: '发展重点', en: 'Focus' },
    keyColumns: ['region_id'],
    scopeColumn: 'region_id',
    help: {
      zh: '地区的重点产品、应用、子链和配套产业',
      en: "A region's focus products, uses, sub-chains and supporting industries",
    },
    columns: [
      regionId,
      col('products', '重点产品', 'ids', ['环节编号，用 ; 分隔', 'Link ids, separated by ;'], 'cell_lfp'),
      col('applications', '应用领域', 'ids', ['环节编号，用 ; 分隔', 'Link ids, separated by ;'], 'ess'),
      col('sub_chains', '重点子链', 'ids', ['子链编号，用 ; 分隔', 'Sub-chain ids, separated by ;'], 'cells'),
      col('supporting', '配套产业', 'ids', ['环节编号，用 ; 分隔', 'Link ids, separated by ;'], ''),
      ...citation,
    ],
  },
  {
    key: 'statuses',
    sheet: { zh: '环节状态', en: 'Statuses' },
    keyColumns: ['link_id'],
    scopeColumn: 'region_id',
    help: { zh: '地区在各环节的情况', en: "The region's state in each link" },
    columns: [
      regionId,
      col('link_id', '环节编号', 'id', ['环节编号', 'Link id'], 'example_link', true),
      col(
        'status',
        '状态',
        'status',
        [
          '优势/已有/在建/招引中/缺失/未知（或 strong, present, building, attracting, missing, unknown）',
          'strong, present, building, attracting, missing or unknown (or the Chinese words)',
        ],
        '已有',
        true,
      ),
      col(
        'capacity',
        '产能',
        'number',
        ['产能数值，按单位的基本量填写（25万吨填 250000）', 'Capacity in the unit itself (250000 for 250,000 t)'],
        250000,
      ),
      col('capacity_unit', '产能单位', 'unit', ['单位，如 t/a、GWh/a', 'Unit, e.g. t/a, GWh/a'], 't/a'),
      col(
        'capacity_qualifier',
        '产能限定',
        'qualifier',
        ['over（以上）、under（以下）或 approx（约）', 'over, under or approx'],
        '',
      ),
      col(
        'as_of',
        '数据日期',
        'date',
        ['状态所属日期；留空取地区日期', "The date the state holds for; empty takes the region's"],
        '2024',
      ),
      noteZh,
      noteEn,
      ...citation,
    ],
  },
  {
    key: 'enterprises',
    sheet: { zh: '企业', en: 'Enterprises' },
    keyColumns: ['id'],
    scopeColumn: 'region_id',
    help: { zh: '地区的企业', en: "The region's enterprises" },
    columns: [
      regionId,
      id('example-firm'),
      nameZh('示例企业'),
      nameEn('Example Co.'),
      col(
        'credit_code',
        '统一社会信用代码',
        'text',
        ['18 位统一社会信用代码（可选）', 'Unified social credit code, 18 characters (optional)'],
        '91350100M000100Y43',
      ),
      col(
        'aliases',
        '别名',
        'list',
        ['曾用名、简称，多个用 ; 分隔', 'Former names and short names, separated by ;'],
        '示例; Example',
      ),
      linkIds,
      noteZh,
      noteEn,
      ...citation,
    ],
  },
  {
    key: 'projects',
    sheet: { zh: '项目', en: 'Projects' },
    keyColumns: ['id'],
    scopeColumn: 'region_id',
    help: { zh: '地区的项目', en: "The region's projects" },
    columns: [
      regionId,
      id('example-project'),
      nameZh('示例项目'),
      nameEn('Example project'),
      col(
        'status',
        '状态',
        'project-status',
        [
          '规划/招引中/已签约/在建/投产/停建（或 planned, attracting, signed, building, operating, halted）',
          'planned, attracting, signed, building, operating or halted',
        ],
        '在建',
        true,
      ),
      linkIds,
      col(
        'enterprise_ids',
        '企业编号',
        'ids',
        ['企业编号，多个用 ; 分隔', 'Enterprise ids, separated by ;'],
        'example-firm',
      ),
      col('capacity', '产能', 'number', ['产能数值', 'Capacity'], 10),
      col('capacity_unit', '产能单位', 'unit', ['产能单位', 'Capacity unit'], 'GWh/a'),
      col('capacity_qualifier', '产能限定', 'qualifier', ['over、under 或 approx', 'over, under or approx'], ''),
      col(
        'investment',
        '投资额',
        'number',
        ['投资额（元填 CNY 的数值：50亿元填 5000000000）', 'Investment (5000000000 CNY for 50亿元)'],
        5000000000,
      ),
      col('investment_unit', '投资单位', 'unit', ['投资单位，一般为 CNY', 'Investment unit, usually CNY'], 'CNY'),
      col('investment_qualifier', '投资限定', 'qualifier', ['over、under 或 approx', 'over, under or approx'], ''),
      col('signed', '签约日期', 'date', ['签约日期', 'Date signed'], ''),
      col('started', '开工日期', 'date', ['开工日期', 'Date construction started'], '2024-03'),
      col('operating', '投产日期', 'date', ['投产日期', 'Date in operation'], ''),
      noteZh,
      noteEn,
      ...citation,
    ],
  },
  {
    key: 'indicators',
    sheet: { zh: '指标', en: 'Indicators' },
    keyColumns: ['id'],
    scopeColumn: 'region_id',
    help: { zh: '来源报告的数字（产值、占比、排名）', en: 'Figures a source reports (output, shares, ranks)' },
    columns: [
      regionId,
      id('example-output'),
      nameZh('示例产值'),
      nameEn('Example output'),
      col(
        'value',
        '数值',
        'number',
        ['数值（260亿元填 26000000000）', 'Value (26000000000 for 260亿元)'],
        26000000000,
        true,
      ),
      col('unit', '单位', 'unit', ['单位，如 CNY、percent、rank', 'Unit, e.g. CNY, percent, rank'], 'CNY', true),
      col('qualifier', '限定', 'qualifier', ['over、under 或 approx', 'over, under or approx'], ''),
      col(
        'period',
        '统计期',
        'date',
        ['统计期：2023、2024-H1、2024-Q3', 'Period: 2023, 2024-H1, 2024-Q3'],
        '2023',
        true,
      ),
      col('change_percent', '同比变化', 'number', ['同比变化（%）', 'Year-on-year change (%)'], 40.5),
      col('out_of', '排名总数', 'number', ['排名时的总数', 'For ranks: size of the field'], ''),
      col(
        'subject_zh',
        '统计对象中文',
        'text',
        ['数字所指对象（中文，可选）', 'Who the figure is about, Chinese (optional)'],
        '',
      ),
      col(
        'subject_en',
        '统计对象英文',
        'text',
        ['数字所指对象（英文，可选）', 'Who the figure is about, English (optional)'],
        '',
      ),
      { ...linkIds, example: '' },
      noteZh,
      noteEn,
      col(
        'target',
        '目标',
        'text',
        [
          '填“目标”表示这是目标而非实际数值（统计期为目标年份）',
          '“target” when the figure is a target, not a result (the period is the target year)',
        ],
        '',
      ),
      col(
        'series',
        '序列',
        'text',
        [
          '同一指标不同日期的数值填同一序列名；目标填它所衡量的序列',
          'One key for one measure reported at several dates; a target names the series it measures',
        ],
        '',
      ),
      ...citation,
    ],
  },
  {
    key: 'capacities',
    sheet: { zh: '企业产能', en: 'Capacities' },
    keyColumns: [],
    help: {
      zh: '企业在各环节的产能，每行一个数值（同一企业同一环节再起一行只填出处，即增加一个出处）',
      en: "Firms' capacity per link, one figure a row (a further row with only the source adds a source)",
    },
    columns: [
      col('region', '地区', 'text', ['企业所在地区的编号或名称', "The firm's region, id or name"], 'jinchang', false, [
        'region_id',
        '地区编号',
      ]),
      col(
        'enterprise',
        '企业',
        'text',
        ['企业编号、名称或信用代码', 'Firm id, name or credit code'],
        'example-firm',
        true,
        ['enterprise_id', '企业编号'],
      ),
      col('link', '环节', 'text', ['环节编号或名称', 'Link id or name'], 'cell_lfp', true, ['link_id', '环节编号']),
      col('capacity', '产能', 'number', ['产能数值', 'Capacity'], 10, true),
      col('capacity_unit', '产能单位', 'unit', ['单位，如 t/a、GWh/a', 'Unit, e.g. t/a, GWh/a'], 'GWh/a', true),
      col('capacity_qualifier', '产能限定', 'qualifier', ['over、under 或 approx', 'over, under or approx'], ''),
      col('as_of', '数据日期', 'date', ['产能所属日期（可选）', 'The date the figure is for (optional)'], '2024'),
      ...firmCitation,
    ],
  },
  {
    key: 'relations',
    sheet: { zh: '企业供应关系', en: 'Relations' },
    keyColumns: [],
    help: {
      zh: '企业之间的供应关系：供应方向采购方供应某环节的产品；企业可填编号、名称、简称或信用代码',
      en: 'Firm-to-firm supply: the supplier sells the buyer one link’s product; a firm may be given by id, name, alias or credit code',
    },
    columns: [
      col('id', '编号', 'id', ['关系编号（可选，留空自动生成）', 'Relation id (optional; made up when empty)'], ''),
      col(
        'region',
        '采购方地区',
        'text',
        ['采购方所在地区的编号或名称（可选）', "The buyer's region, id or name (optional)"],
        'jinchang',
        false,
        ['region_id', '地区', '地区编号', 'buyer_region'],
      ),
      col('supplier', '供应方', 'text', ['供应企业', 'Supplying firm'], '示例供应商', true, [
        '供应商',
        '供应企业',
        'supplier_id',
      ]),
      col('supplier_region', '供应方地区', 'text', ['供应方所在地区（可选）', "The supplier's region (optional)"], ''),
      col('buyer', '采购方', 'text', ['采购企业', 'Buying firm'], '示例企业', true, [
        '采购商',
        '采购企业',
        '客户',
        'buyer_id',
      ]),
      col(
        'link',
        '环节',
        'text',
        ['所供产品的环节编号或名称', 'Link id or name of what is supplied'],
        'cell_lfp',
        true,
        ['link_id', '环节编号', '供应环节'],
      ),
      col('volume', '数量', 'number', ['供应数量（可选）', 'Volume supplied (optional)'], 2000, false, ['供应量']),
      col('volume_unit', '数量单位', 'unit', ['数量单位，如 t、GWh', 'Unit, e.g. t, GWh'], 't', false, ['单位']),
      col('volume_qualifier', '数量限定', 'qualifier', ['over、under 或 approx', 'over, under or approx'], ''),
      col('period', '期间', 'date', ['数量或关系所属期间：2024、2024-H1', 'The period: 2024, 2024-H1'], '2024', false, [
        '年份',
        '统计期',
      ]),
      noteZh,
      noteEn,
      ...firmCitation,
    ],
  },
  {
    key: 'firms',
    sheet: { zh: '企业名录', en: 'Firms' },
    keyColumns: [],
    importOnly: true,
    help: {
      zh: '企业名录：与已有企业（按信用代码，否则按去掉“有限公司”等后的名称）相同的视为更新，不重复添加',
      en: 'A firm register: firms matching stored ones (by credit code, else by name without 有限公司 and the like) update them, and are not added again',
    },
    columns: [
      col(
        'region',
        '地区',
        'text',
        ['所在地区的编号或名称；留空为当前地区', 'Region id or name; empty means the current region'],
        '金昌市',
        false,
        ['region_id', '地区编号', '所在地区'],
      ),
      col('name', '企业名称', 'text', ['企业全称', 'Full name of the firm'], '示例新材料有限公司', true, [
        '名称',
        '企业',
        'company',
        'firm',
        'name_zh',
      ]),
      col('name_en', '英文名称', 'text', ['英文名称（可选）', 'Name in English (optional)'], ''),
      col(
        'credit_code',
        '统一社会信用代码',
        'text',
        ['18 位统一社会信用代码（可选）', 'Unified social credit code, 18 characters (optional)'],
        '91350100M000100Y43',
        false,
        ['信用代码', '社会信用代码'],
      ),
      col('aliases', '别名', 'list', ['曾用名、简称，用 ; 分隔', 'Former and short names, separated by ;'], '', false, [
        '简称',
        '曾用名',
      ]),
      col(
        'link',
        '环节',
        'text',
        ['环节编号或名称，多个用 ; 分隔', 'Link ids or names, separated by ;'],
        '磷酸铁锂正极材料',
        false,
        ['link_ids', '环节编号', '主营环节', '产品'],
      ),
      col(
        'capacity',
        '产能',
        'number',
        [
          '产能数值；多个环节时按环节顺序各写一个，用 ; 分隔（如 50000;30000）',
          'Capacity; with several links, one per link in their order, separated by ; (e.g. 50000;30000)',
        ],
        50000,
      ),
      col(
        'capacity_unit',
        '产能单位',
        'unit',
        ['单位，如 t/a、GWh/a；可每个环节一个，用 ; 分隔', 'Unit, e.g. t/a, GWh/a; or one per link, separated by ;'],
        't/a',
      ),
      col(
        'as_of',
        '数据日期',
        'date',
        ['产能所属日期（可选）', 'The date the capacity is for (optional)'],
        '2024',
        false,
        ['年份'],
      ),
      col('note', '备注', 'text', ['备注（可选）', 'Note (optional)'], '', false, ['note_zh']),
      ...firmCitation,
    ],
  },
];

/** The table spec by key. */
export function tableSpec(key: TableKey): TableSpec {
  return TABLES.find((t) => t.key === key)!;
}

/** A header or sheet name reduced for matching: lower case, no spaces, `_` or `-`. */
export function normalizeName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_\-–—]+/g, '');
}
