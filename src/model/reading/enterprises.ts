/**
 * Enterprise names: names the data already holds; names with a legal ending (…有限公司, …集团,
 * …股份, "… Co., Ltd.", "… Group"); short names with an industry ending (金拓锂电, 金车储能). A short
 * name heading a project item (汉星1亿Ah) is found later, once the item is known (`facts.ts`).
 */
import type { RuleId } from './rules';
import { isHan, isLetter, type Span } from './text';
import { KeywordTrie } from './trie';

export interface FoundEnterprise {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly rule: RuleId;
}

const ZH_LEGAL = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '集团股份有限公司',
  '集团公司',
  '有限公司',
  '股份公司',
  '集团',
  '股份',
  '公司',
];
const ZH_INDUSTRY = ['锂电', '储能', '科技', '新能源', '新材料', '能源科技', '矿业', '实业', '电气'];
const EN_LEGAL = [
  'co., ltd.',
  'co. ltd.',
  'co., ltd',
  'co.,ltd.',
  'company limited',
  'co. limited',
  'limited',
  'ltd.',
  'inc.',
  'corp.',
  'corporation',
  'group',
  'holdings',
  'co.',
];

/** Function words: a name never holds them, so it starts after the last one. */
const NAME_STOP_CHARS = new Set('的了在是为和与及等共该本其从向对把将被由以于经据受给让跟“”"、'.split(''));
/** Words after which a legal name starts (全资子公司金昌恒远…有限公司). */
const NAME_STARTERS = [
  '子公司',
  '分公司',
  '母公司',
  '公司',
  '全资',
  '控股',
  '旗下',
  '下属',
  '联合',
  '携手',
  '通过',
  '签约',
  '引进',
  '落户',
  '投资',
  '其中',
  '包括',
  '以及',
  '同时',
  '目前',
  '已经',
  '正在',
];
/** A short name (no legal ending) holds no place, measure or figure word either. */
const SHORT_STOP_CHARS = new Set([
  ...NAME_STOP_CHARS,
  ...'年月日市县区省乡镇村个项家种座条台套只我这那每此某第全各达到约近超多余'.split(''),
]);
const SHORT_STOP_WORDS = [
  ...NAME_STARTERS,
  '建成',
  '建设',
  '实现',
  '新增',
  '累计',
  '项目',
  '产能',
  '具备',
  '拥有',
  '形成',
  '投产',
  '开工',
  '招引',
  '拟建',
  '在建',
  '生产',
  '供应',
  '发展',
  '打造',
  '推进',
  '加快',
  '积极',
  '重点',
  '主要',
  '计划',
  '预计',
  '力争',
  '围绕',
  '依托',
  '聚焦',
  '成为',
  '国家',
  '全国',
  '西部',
  '规上',
  '规模',
  '企业',
  '产业',
  '经济',
  '园区',
  '基地',
  '电池',
  '材料',
  '动力',
  '金额',
  '总计',
  '合计',
];
const GENERIC_NAMES = new Set([
  '国资',
  '国有',
  '民营',
  '投资',
  '全资子',
  '控股子',
  '合资',
  '外资',
  '上市',
  '龙头',
  '头部',
  '骨干',
  '重点',
  '国有独资',
  '平台',
  '运营',
  '建设',
  '国企',
  '央企',
  '民企',
  '科技',
  '新能源',
  '储能',
  '锂电',
]);

/** Where a Chinese name that ends at `end` begins: after the last function word or name starter, at most `max` characters back. */
function nameStart(w: string, end: number, floor: number, max: number, stops: ReadonlySet<string>): number {
  let a = end;
  let depth = 0;
  while (a > floor && end - a < max) {
    const c = w[a - 1]!;
    if (c === ')' || c === '）') depth++;
    else if (c === '(' || c === '（') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (!isHan(c) || stops.has(c))) break;
    a--;
  }
  // The name starts after the last starter word that ends inside it (全资子公司 overlaps where the scan stopped).
  for (let k = end - 1; k >= Math.max(floor, a - 3); k--) {
    const word = NAME_STARTERS.find((sw) => w.startsWith(sw, k) && k + sw.length > a && k + sw.length <= end);
    if (word) return k + word.length;
  }
  return a;
}

/** Whether `s` can be a short Chinese name: 2 to 6 characters, none a function word, not a generic or place word. */
export function looksLikeShortName(s: string, places: ReadonlySet<string>): boolean {
  if (s.length < 2 || s.length > 6 || [...s].some((c) => !isHan(c) || SHORT_STOP_CHARS.has(c))) return false;
  if (GENERIC_NAMES.has(s) || places.has(s)) return false;
  return !SHORT_STOP_WORDS.some((sw) => s.includes(sw));
}

/** Words that follow an enterprise's name in a sentence (金川集团联合召开, 金拓锂电生产车间). */
const FOLLOWERS = [
  '生产',
  '投资',
  '建设',
  '实现',
  '签约',
  '公司',
  '项目',
  '年产',
  '的',
  '已',
  '在',
  '与',
  '和',
  '及',
  '新建',
  '一期',
  '二期',
  '联合',
  '召开',
  '共同',
  '合作',
  '签署',
  '携手',
  '旗下',
  '下属',
  '所属',
  '投建',
  '等',
  '将',
  '正',
  '拟',
  '计划',
  '牵头',
  '控股',
  '是',
  '为',
  '作为',
  '也',
];

/** Whether a short name may end before `i`: at a boundary, a figure, or a verb that follows names. */
function endsName(w: string, i: number): boolean {
  const c = w[i];
  if (c === undefined || !isHan(c)) return true;
  return FOLLOWERS.some((x) => w.startsWith(x, i));
}

/** What scanning enterprise names needs to know. */
export interface EnterpriseIndex {
  /** Names already in the data (both languages), matched as written. */
  readonly known: KeywordTrie<string>;
  readonly places: ReadonlySet<string>;
  /** Whether a link's name starts at `i` of the width-folded text: 磷酸铁锂储能 is a product, not a firm. */
  readonly linkTermAt?: (w: string, i: number) => boolean;
}

/** Builds the index of known names (at least two characters each) and place names. */
export function buildEnterpriseIndex(
  knownNames: readonly string[],
  places: readonly string[],
  linkTermAt?: (w: string, i: number) => boolean,
): EnterpriseIndex {
  const known = new KeywordTrie<string>();
  for (const n of knownNames) if (n.trim().length >= 2) known.add(n.trim(), n.trim());
  return { known, places: new Set(places), ...(linkTermAt && { linkTermAt }) };
}

function englishName(text: string, w: string, i: number, suffix: string, floor: number): FoundEnterprise | undefined {
  // Capitalised words (and "&", "-") before the legal ending.
  let a = i;
  let words = 0;
  for (;;) {
    let b = a;
    while (b > floor && w[b - 1] === ' ') b--;
    let s = b;
    while (s > floor && (isLetter(w[s - 1]) || w[s - 1] === '-' || w[s - 1] === '&' || w[s - 1] === '.')) s--;
    if (s === b || !(w[s]! >= 'A' && w[s]! <= 'Z') || ['The', 'A', 'An'].includes(w.slice(s, b))) break;
    a = s;
    words++;
  }
  if (words === 0) return undefined;
  const end = i + suffix.length;
  return { start: a, end, name: text.slice(a, end), rule: 'enterprise.english' };
}

/** The enterprise names in `span`, in order. */
export function findEnterprises(
  index: EnterpriseIndex,
  text: string,
  w: string,
  lw: string,
  span: Span,
): FoundEnterprise[] {
  const out: FoundEnterprise[] = [];
  const taken = new Uint8Array(span.end - span.start);
  const isTaken = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (taken[k - span.start]) return true;
    return false;
  };
  const add = (e: FoundEnterprise) => {
    out.push(e);
    taken.fill(1, e.start - span.start, e.end - span.start);
  };
  for (let i = span.start; i < span.end; i++) {
    const hit = index.known.longest(w, i, span.end);
    if (hit) {
      add({ start: i, end: hit.end, name: hit.values[0]!, rule: 'enterprise.known' });
      i = hit.end - 1;
    }
  }
  // Legal endings, longest first at each place; the name runs back to a stop word.
  for (let i = span.start; i < span.end; i++) {
    if (isTaken(i, i + 1)) continue;
    const zh = ZH_LEGAL.find((s) => w.startsWith(s, i));
    if (zh) {
      // 集团/股份 followed by more Chinese is a word (集团作战), unless it is a longer legal ending.
      const end = i + zh.length;
      const a = nameStart(w, i, span.start, 20, NAME_STOP_CHARS);
      const body = w.slice(a, i);
      const standalone = zh !== '集团' && zh !== '股份' ? true : endsName(w, end);
      if (body.length >= 2 && standalone && !GENERIC_NAMES.has(body) && !isTaken(a, end)) {
        add({ start: a, end, name: text.slice(a, end), rule: 'enterprise.legal' });
      }
      i = end - 1;
      continue;
    }
    const en =
      lw[i - 1] === ' ' && isLetter(lw[i - 2])
        ? EN_LEGAL.find((s) => lw.startsWith(s, i) && !isLetter(lw[i + s.length]))
        : undefined;
    if (en && w[i]! >= 'A' && w[i]! <= 'Z') {
      const found = englishName(text, w, i, en, span.start);
      if (found && !isTaken(found.start, found.end)) add(found);
      i += en.length - 1;
    }
  }
  // Industry endings: a short name at a boundary (金拓锂电、 · 金车储能2GWh).
  for (let i = span.start; i < span.end; i++) {
    if (isTaken(i, i + 1)) continue;
    const suffix = ZH_INDUSTRY.filter((s) => w.startsWith(s, i)).sort((x, y) => y.length - x.length)[0];
    if (!suffix || !endsName(w, i + suffix.length)) continue;
    const a = nameStart(w, i, span.start, 4, SHORT_STOP_CHARS);
    const body = w.slice(a, i);
    if (body.length >= 2 && !isTaken(a, i) && looksLikeShortName(body, index.places) && !index.linkTermAt?.(w, a)) {
      add({ start: a, end: i + suffix.length, name: text.slice(a, i + suffix.length), rule: 'enterprise.industry' });
    }
    i += suffix.length - 1;
  }
  return out.sort((x, y) => x.start - y.start);
}
