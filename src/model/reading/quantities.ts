/**
 * Quantities as texts write them, in Chinese and English: 25万吨, 2GWh, 1亿Ah, 456.8亿元, 77%, 第65位,
 * 60多种, 70,000-tonne, CNY 8.5 billion, 65th. Each becomes a value in one of the app's unit keys
 * (`units.ts`), with the bound the text gives (多/约/以上/近/超 → over, approx, under).
 */
import { isKnownUnit } from '../units';
import type { Quantity } from '../types';
import { decimal, magnitudeOf, numberAt } from './numbers';
import { isDigit, isHan, isLetter, type Span } from './text';

export type Qualifier = NonNullable<Quantity['qualifier']>;

export interface FoundQuantity {
  /** The whole expression, bound words included. */
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** A key of `UNITS`. */
  readonly unit: string;
  readonly qualifier?: Qualifier;
  /** The wording says "a year" (吨/年, 年产, per annum). */
  readonly perYear: boolean;
  /** For counts, the measure word or noun (家, 项, projects). */
  readonly classifier?: string;
  /** Written as an ordinal (第65位, 65th). */
  readonly ordinal: boolean;
  /** A lone Chinese digit (一个, 两家): too often a word to be a figure. */
  readonly bareDigit: boolean;
}

interface UnitWord {
  readonly text: string;
  /** The unit key, or '' for a unit the app does not hold (美元): the number is then no quantity. */
  readonly unit: string;
  readonly exp?: number;
  readonly perYear?: boolean;
  readonly count?: boolean;
}

const u = (text: string, unit: string, more: Partial<UnitWord> = {}): UnitWord => ({ text, unit, ...more });
const COUNT_WORDS = '家 项 个 种 座 条 台 套 辆 只 处 所 批 类 款 位 名'.split(' ');

/** Chinese units (and the ASCII ones Chinese text uses), matched on the lower-cased text. */
const ZH_UNITS: readonly UnitWord[] = [
  u('吨/年', 't', { perYear: true }),
  u('吨每年', 't', { perYear: true }),
  u('吨', 't'),
  u('gwh/年', 'GWh', { perYear: true }),
  u('gwh', 'GWh'),
  u('mwh/年', 'MWh', { perYear: true }),
  u('mwh', 'MWh'),
  u('kwh', 'kWh'),
  u('吉瓦时', 'GWh'),
  u('兆瓦时', 'MWh'),
  u('千瓦时', 'kWh'),
  u('gw', 'GW'),
  u('mw', 'MW'),
  u('吉瓦', 'GW'),
  u('兆瓦', 'MW'),
  u('千瓦', 'MW', { exp: -3 }),
  u('ah', 'Ah'),
  u('安时', 'Ah'),
  u('元', 'CNY'),
  u('美元', ''),
  u('欧元', ''),
  u('港元', ''),
  u('日元', ''),
  u('%', 'percent'),
  u('个百分点', ''),
  u('平方米', ''),
  u('只/天', 'cells/d'),
  u('只/日', 'cells/d'),
  u('只/年', 'units/a'),
  u('套/年', 'units/a'),
  u('台/年', 'units/a'),
  u('辆/年', 'units/a'),
  ...COUNT_WORDS.map((w) => u(w, 'count', { count: true })),
];

const EN_COUNT_NOUNS =
  'projects project companies company enterprises enterprise firms plants products production lines lines institutions'.split(
    ' ',
  );
/** English units, after a space or hyphen; matched on the lower-cased text at a word's end. */
const EN_UNITS: readonly UnitWord[] = [
  u('metric tonnes', 't'),
  u('metric tons', 't'),
  u('tonnes', 't'),
  u('tonne', 't'),
  u('tons', 't'),
  u('ton', 't'),
  u('t', 't'),
  u('kt', 't', { exp: 3 }),
  u('gwh', 'GWh'),
  u('mwh', 'MWh'),
  u('kwh', 'kWh'),
  u('gw', 'GW'),
  u('mw', 'MW'),
  u('ah', 'Ah'),
  u('amp-hours', 'Ah'),
  u('%', 'percent'),
  u('percent', 'percent'),
  u('per cent', 'percent'),
  u('percentage points', ''),
  u('yuan', 'CNY'),
  u('cny', 'CNY'),
  u('rmb', 'CNY'),
  u('dollars', ''),
  u('cells a day', 'cells/d'),
  u('cells per day', 'cells/d'),
  u('cells/day', 'cells/d'),
  ...EN_COUNT_NOUNS.map((w) => u(w, 'count', { count: true })),
];
const EN_MAGNITUDES: readonly (readonly [string, number])[] = [
  ['thousand', 3],
  ['million', 6],
  ['billion', 9],
  ['trillion', 12],
  ['bn', 9],
  ['mn', 6],
];
const EN_PER_YEAR = [' a year', ' per year', ' per annum', '/year', '/yr', ' annually', ' each year', '/a'];
const ZH_PER_YEAR_BEFORE = ['年产能', '年产', '年处理', '年加工', '年生产', '年回收', '年供应'];
const CURRENCY_BEFORE: readonly (readonly [string, string])[] = [
  ['cny ', 'CNY'],
  ['rmb ', 'CNY'],
  ['yuan ', 'CNY'],
  ['¥', 'CNY'],
  ['usd ', ''],
  ['us$', ''],
  ['$', ''],
];

const BOUNDS_BEFORE: readonly (readonly [string, Qualifier])[] = [
  ['大约', 'approx'],
  ['约为', 'approx'],
  ['约', 'approx'],
  ['将近', 'under'],
  ['接近', 'under'],
  ['近', 'under'],
  ['超过', 'over'],
  ['超', 'over'],
  ['逾', 'over'],
  ['突破', 'over'],
  ['不到', 'under'],
  ['不足', 'under'],
  ['approximately ', 'approx'],
  ['about ', 'approx'],
  ['around ', 'approx'],
  ['roughly ', 'approx'],
  ['some ', 'approx'],
  ['nearly ', 'under'],
  ['almost ', 'under'],
  ['close to ', 'under'],
  ['more than ', 'over'],
  ['over ', 'over'],
  ['above ', 'over'],
  ['in excess of ', 'over'],
  ['at least ', 'over'],
  ['less than ', 'under'],
  ['fewer than ', 'under'],
  ['under ', 'under'],
  ['below ', 'under'],
  ['up to ', 'under'],
];
const BOUNDS_AFTER: readonly (readonly [string, Qualifier])[] = [
  ['以上', 'over'],
  ['左右', 'approx'],
  ['以下', 'under'],
  ['以内', 'under'],
  [' or more', 'over'],
];

/** Whether `lw` holds `word` at `i`, ending at a word boundary when it ends in a letter. */
function wordAt(lw: string, i: number, word: string): boolean {
  if (!lw.startsWith(word, i)) return false;
  return !isLetter(word[word.length - 1]) || !isLetter(lw[i + word.length]);
}

function longestUnit(lw: string, i: number, units: readonly UnitWord[]): UnitWord | undefined {
  let best: UnitWord | undefined;
  for (const unit of units) if ((!best || unit.text.length > best.text.length) && wordAt(lw, i, unit.text)) best = unit;
  return best;
}

/** Context a quantity is read in. */
export interface QuantityContext {
  /** Whether the characters [a, b) are already part of something else (a date, a link's name). */
  readonly taken: (a: number, b: number) => boolean;
  /** Whether a rank word (排名, 位列, ranked) stands in the sentence before `i`. */
  readonly rankBefore: (i: number) => boolean;
}

/** The quantity whose number starts at `i`, or undefined. */
function quantityAt(w: string, lw: string, i: number, span: Span, ctx: QuantityContext): FoundQuantity | undefined {
  const num = numberAt(w, i, span.end);
  if (!num) return undefined;
  let j = num.end;
  let exp = 0;
  let qualifier: Qualifier | undefined;
  let ordinal = w[i - 1] === '第';
  // Currency written before the number: CNY 8.5 billion, ¥300.
  let currency: string | undefined;
  for (const [word, unit] of CURRENCY_BEFORE)
    if (lw.endsWith(word, i) && i - word.length >= span.start) currency = unit;
  if (currency === '') return undefined;

  const over = () => {
    if (w[j] === '多' || w[j] === '余') {
      qualifier = 'over';
      j++;
    }
  };
  over();
  let unit = longestUnit(lw, j, ZH_UNITS);
  // Magnitudes come before the unit unless the unit itself starts with one (千瓦时).
  if (!unit || unit.count) {
    let k = j;
    let m: number | undefined;
    let e = 0;
    while ((m = magnitudeOf(w[k])) !== undefined) {
      e += Math.log10(m);
      k++;
    }
    if (k > j && !num.chinese) {
      exp += e;
      j = k;
      over();
      unit = longestUnit(lw, j, ZH_UNITS);
    } else if (k > j && num.chinese) return undefined;
  }
  // English: a magnitude word, a unit after a space or hyphen, an ordinal suffix.
  if (!unit && !isHan(w[j])) {
    let k = j;
    while (w[k] === ' ') k++;
    for (const [word, e] of EN_MAGNITUDES) {
      if (wordAt(lw, k, word)) {
        exp += e;
        j = k + word.length;
        break;
      }
    }
    if (!num.chinese && /^(st|nd|rd|th)$/.test(lw.slice(j, j + 2)) && !isLetter(lw[j + 2]) && j === num.end) {
      ordinal = true;
      j += 2;
    }
    let s = j;
    while (lw[s] === ' ' || lw[s] === '-') s++;
    if (s - j <= 1) {
      unit = longestUnit(lw, s, EN_UNITS);
      if (unit) j = s;
    }
  }
  if (currency && !unit) unit = u('', currency);
  if (!unit && ordinal) unit = u('', 'rank');
  if (!unit || unit.unit === '') return undefined;
  j += unit.text.length;
  if (ctx.taken(num.start, j)) return undefined;

  let key = unit.unit;
  let classifier: string | undefined = unit.count ? unit.text : undefined;
  if (unit.text === '位' || unit.text === '名') {
    if (ordinal || ctx.rankBefore(i)) {
      key = 'rank';
      classifier = undefined;
    }
  }
  if (ordinal && key === 'count') key = 'rank';
  let perYear = unit.perYear === true;
  for (const word of EN_PER_YEAR) {
    if (lw.startsWith(word, j) && !isLetter(lw[j + word.length])) {
      perYear = true;
      j += word.length;
      break;
    }
  }
  if (w[j] === '/' && w[j + 1] === '年') {
    perYear = true;
    j += 2;
  }
  // Where the expression starts: bound words and 第 before the number.
  let start = ordinal && w[i - 1] === '第' ? i - 1 : i;
  if (currency) for (const [word] of CURRENCY_BEFORE) if (lw.endsWith(word, i)) start = i - word.length;
  for (const [word, q] of BOUNDS_BEFORE) {
    if (start - word.length >= span.start && lw.endsWith(word, start) && !isLetter(lw[start - word.length - 1])) {
      qualifier = q;
      start -= word.length;
      break;
    }
  }
  for (const [word, q] of BOUNDS_AFTER) {
    if (lw.startsWith(word, j)) {
      qualifier = q;
      j += word.length;
      break;
    }
  }
  if (!perYear) for (const word of ZH_PER_YEAR_BEFORE) if (w.endsWith(word, start)) perYear = true;
  const value = decimal(num.digits, num.fraction, exp + (unit.exp ?? 0));
  if (!Number.isFinite(value) || !isKnownUnit(key)) return undefined;
  return {
    start,
    end: j,
    value,
    unit: key,
    ...(qualifier && { qualifier }),
    perYear,
    ...(classifier !== undefined && { classifier }),
    ordinal,
    bareDigit: num.bareDigit,
  };
}

/** The quantities in `span` of the width-folded text `w` (`lw`: the same, lower-cased), in order. */
export function findQuantities(w: string, lw: string, span: Span, ctx: QuantityContext): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  for (let i = span.start; i < span.end; i++) {
    if (ctx.taken(i, i + 1)) continue;
    const q = quantityAt(w, lw, i, span, ctx);
    if (q) {
      out.push(q);
      i = q.end - 1;
    }
  }
  return out;
}

const PER_YEAR: Readonly<Record<string, readonly [string, number]>> = {
  t: ['t/a', 0],
  GWh: ['GWh/a', 0],
  MWh: ['GWh/a', -3],
  kWh: ['GWh/a', -6],
  Ah: ['Ah/a', 0],
  GW: ['GW/a', 0],
  MW: ['GW/a', -3],
};

/** A production capacity: the quantity per year (2 GWh of cells → 2 GWh/a; 500 MWh → 0.5 GWh/a). */
export function perYear(q: Quantity): Quantity {
  const to = PER_YEAR[q.unit];
  if (!to) return q;
  const value = to[1] === 0 ? q.value : Number((q.value * 10 ** to[1]).toPrecision(12));
  return { ...q, value, unit: to[0] };
}

/** A found quantity as the model stores it: per year when the wording says so. */
export function asQuantity(q: FoundQuantity): Quantity {
  const base: Quantity = { value: q.value, unit: q.unit, ...(q.qualifier && { qualifier: q.qualifier }) };
  return q.perYear ? perYear(base) : base;
}

/** Units that measure how much is made: what a capacity is given in. */
export const CAPACITY_UNITS = new Set([
  't',
  't/a',
  'GWh',
  'GWh/a',
  'MWh',
  'kWh',
  'GW',
  'GW/a',
  'MW',
  'Ah',
  'Ah/a',
  'cells/d',
  'units/a',
]);

/** Whether a model number like 18650型 starts at `i` (digits then 型 or 号): a product, not a quantity. */
export function modelAt(w: string, i: number): number | undefined {
  if (!isDigit(w[i]) || isDigit(w[i - 1])) return undefined;
  let j = i;
  while (isDigit(w[j])) j++;
  return w[j] === '型' ? j + 1 : undefined;
}
