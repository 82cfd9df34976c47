/**
 * Writing figures the way each language reads them: 25万吨/年 and 250,000 t/yr, 456.8亿元 and
 * CNY 45.68 billion, 2024年上半年 and 2024 H1. Values are stored in base units (see units.ts).
 */
import type { PartialDate, Quantity } from '../model/types';
import { type Lang, langTag, translate } from './index';

function num(value: number, lang: Lang, maxFraction = 2): string {
  // Chinese scales large numbers to 万 and 亿 instead of grouping digits.
  return new Intl.NumberFormat(langTag(lang), {
    maximumFractionDigits: maxFraction,
    useGrouping: lang === 'en',
  }).format(value);
}

/** A number scaled to 万 or 亿 when that reads better in Chinese. */
function zhScaled(value: number): { text: string; scale: '' | '万' | '亿' } {
  const abs = Math.abs(value);
  if (abs >= 1e8) return { text: num(value / 1e8, 'zh', 2), scale: '亿' };
  if (abs >= 1e4) return { text: num(value / 1e4, 'zh', 2), scale: '万' };
  return { text: num(value, 'zh', 3), scale: '' };
}

/** A number scaled to million or billion in English when it is large. */
function enScaled(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${num(value / 1e9, 'en', 2)} billion`;
  if (abs >= 1e6 && abs % 1e4 === 0) return `${num(value / 1e6, 'en', 2)} million`;
  return num(value, 'en', 3);
}

const ZH_UNIT: Record<string, string> = {
  t: '吨',
  't/a': '吨/年',
  'GWh/a': 'GWh/年',
  'GW/a': 'GW/年',
  'Ah/a': 'Ah/年',
  'cells/d': '只/日',
  'units/a': '台/年',
  'kg/kWh': 'kg/kWh',
  't/t': '吨/吨',
  't/GWh': '吨/GWh',
};
const EN_UNIT: Record<string, string> = {
  't/a': 't/yr',
  'GWh/a': 'GWh/yr',
  'GW/a': 'GW/yr',
  'Ah/a': 'Ah/yr',
  'cells/d': 'cells/day',
  'units/a': 'units/yr',
};

/** The value and unit without the qualifier. */
function bare(q: Quantity, lang: Lang): string {
  const { value, unit } = q;
  if (unit === 'percent') return `${num(value, lang, 1)}%`;
  if (unit === 'count') return lang === 'zh' ? zhCount(value) : num(value, lang);
  if (unit === 'CNY') {
    if (lang === 'en') return `CNY ${enScaled(value)}`;
    const s = zhScaled(value);
    return `${s.text}${s.scale}元`;
  }
  if (lang === 'zh') {
    const s = ['t', 't/a', 'Ah/a', 'cells/d', 'units/a'].includes(unit)
      ? zhScaled(value)
      : { text: num(value, 'zh', 3), scale: '' };
    const u = ZH_UNIT[unit] ?? unit;
    const join = /^[A-Za-z]/.test(u) && !s.scale ? ' ' : '';
    return `${s.text}${s.scale}${join}${u}`;
  }
  return `${enScaled(value)} ${EN_UNIT[unit] ?? unit}`;
}

function zhCount(value: number): string {
  const s = zhScaled(value);
  return `${s.text}${s.scale}`;
}

/**
 * A quantity for display.
 *
 * @example
 * formatQuantity({ value: 250000, unit: 't/a' }, 'zh'); // "25万吨/年"
 * formatQuantity({ value: 45680000000, unit: 'CNY' }, 'en'); // "CNY 45.68 billion"
 */
export function formatQuantity(q: Quantity, lang: Lang, outOf?: number): string {
  if (q.unit === 'rank') {
    return outOf !== undefined
      ? translate(lang, 'qty.rankOf', { rank: num(q.value, lang), of: num(outOf, lang) })
      : translate(lang, 'qty.rank', { rank: num(q.value, lang) });
  }
  const text = bare(q, lang);
  return q.qualifier ? translate(lang, `qty.${q.qualifier}`, { value: text }) : text;
}

/** A partial date for display: 2024, 2024-06, 2024年上半年 / 2024 H1. */
export function formatDate(date: PartialDate | undefined, lang: Lang): string {
  if (!date) return translate(lang, 'date.undated');
  const half = /^(\d{4})-H([12])$/.exec(date);
  if (half)
    return translate(lang, 'date.half', {
      year: half[1]!,
      half: lang === 'zh' ? (half[2] === '1' ? '上' : '下') : half[2]!,
    });
  const quarter = /^(\d{4})-Q([1-4])$/.exec(date);
  if (quarter) return translate(lang, 'date.quarter', { year: quarter[1]!, quarter: quarter[2]! });
  // Chinese writes a date as 2024年6月30日; English keeps the ISO form the data has.
  const ymd = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (ymd && lang === 'zh') {
    const [, year, month, day] = ymd;
    if (day) return translate(lang, 'date.day', { year: year!, month: String(+month!), day: String(+day) });
    if (month) return translate(lang, 'date.month', { year: year!, month: String(+month) });
    return translate(lang, 'date.year', { year: year! });
  }
  return date;
}

/** A year-on-year change: +40.5% or -3%. */
export function formatChange(percent: number, lang: Lang): string {
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return `${sign}${num(Math.abs(percent), lang, 1)}%`;
}

/**
 * A share as a percentage, or a range of two when unknown links could go either way (`22%–90%`: the low
 * end counts them as not local, the high end as local). Equal ends give one figure.
 */
export function formatShare(low: number, high: number = low): string {
  const a = Math.round(low * 100);
  const b = Math.round(high * 100);
  return a === b ? `${a}%` : `${a}%–${b}%`;
}

/** What separates the items of a list in running text: 、 in Chinese, a comma in English. */
export const listSeparator = (lang: Lang): string => (lang === 'zh' ? '、' : ', ');
