/**
 * Dates and periods as texts write them, to the app's PartialDate: 2022年4月7日, 2023年5月, 二〇二三年,
 * 2024年上半年 (2024-H1), 一季度 (Q1), 年底, 今年/去年, 截至目前; June 10, 2024, June 2024, in 2023,
 * the first half of 2024, H1 2024, this year. Relative ones are counted from the source's date.
 */
import type { PartialDate } from '../types';
import { isPartialDate } from '../validation/reader';
import { numberAt, parseChineseNumber } from './numbers';
import { isDigit, isLetter, type Span } from './text';

export interface FoundDate {
  readonly start: number;
  readonly end: number;
  /** Undefined when it is relative and the source's date is not known. */
  readonly date?: PartialDate;
  /** Counted from the source's date or an earlier date rather than written out. */
  readonly relative: boolean;
  /** Says "as of" (截至, as of): the date a stock figure holds for. */
  readonly asOf: boolean;
}

export interface DateContext {
  readonly taken: (a: number, b: number) => boolean;
  /** The year of the last date before this one in the paragraph, else of the source. */
  readonly year: () => number | undefined;
  /** The source's date, for "now" (目前, 截至目前). */
  readonly sourceDate?: PartialDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const CN_MONTH = (s: string) => parseChineseNumber(s);

const ZH_RELATIVE_YEARS: readonly (readonly [string, number])[] = [
  ['过去一年', -1],
  ['今年', 0],
  ['本年', 0],
  ['当年', 0],
  ['去年', -1],
  ['上年', -1],
  ['前年', -2],
  ['明年', 1],
];
const ZH_NOW = ['截至目前', '截止目前', '到目前为止', '目前', '当前', '至今', '现阶段'];
const ZH_PERIODS: readonly (readonly [string, string])[] = [
  ['上半年', 'H1'],
  ['下半年', 'H2'],
  ['第一季度', 'Q1'],
  ['第二季度', 'Q2'],
  ['第三季度', 'Q3'],
  ['第四季度', 'Q4'],
  ['一季度', 'Q1'],
  ['二季度', 'Q2'],
  ['三季度', 'Q3'],
  ['四季度', 'Q4'],
  ['1季度', 'Q1'],
  ['2季度', 'Q2'],
  ['3季度', 'Q3'],
  ['4季度', 'Q4'],
];
/** Words after a year that keep it a year (年底 is the year's end, still that year). */
const ZH_YEAR_TAILS = ['年底', '年末', '年初', '全年', '年内'];
const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const MONTH_SHORT = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const EN_PERIODS: readonly (readonly [string, string])[] = [
  ['first half of ', 'H1'],
  ['second half of ', 'H2'],
  ['first quarter of ', 'Q1'],
  ['second quarter of ', 'Q2'],
  ['third quarter of ', 'Q3'],
  ['fourth quarter of ', 'Q4'],
  ['h1 ', 'H1'],
  ['h2 ', 'H2'],
  ['q1 ', 'Q1'],
  ['q2 ', 'Q2'],
  ['q3 ', 'Q3'],
  ['q4 ', 'Q4'],
];
const EN_YEAR_CUES = [
  'in',
  'by',
  'since',
  'during',
  'of',
  'for',
  'from',
  'to',
  'until',
  'through',
  'throughout',
  'early',
  'late',
  'mid',
  'fiscal',
  'year',
  'before',
  'after',
];
const EN_RELATIVE: readonly (readonly [string, number])[] = [
  ['this year', 0],
  ['last year', -1],
  ['next year', 1],
];

const ok = (d: string | undefined) => (d !== undefined && isPartialDate(d) ? d : undefined);
const yearOf = (d: PartialDate | undefined) => (d ? Number(d.slice(0, 4)) : undefined);

/** A four-digit year at `i` (Arabic or Chinese digits), with its end. */
function yearAt(w: string, i: number): { year: number; end: number } | undefined {
  if (
    isDigit(w[i]) &&
    !isDigit(w[i - 1]) &&
    isDigit(w[i + 1]) &&
    isDigit(w[i + 2]) &&
    isDigit(w[i + 3]) &&
    !isDigit(w[i + 4])
  ) {
    const year = Number(w.slice(i, i + 4));
    return year >= 1900 && year <= 2100 ? { year, end: i + 4 } : undefined;
  }
  const run = w.slice(i, i + 4);
  if (/^[〇零一二三四五六七八九]{4}$/.test(run)) {
    const year = parseChineseNumber(run)!;
    return year >= 1900 && year <= 2100 ? { year, end: i + 4 } : undefined;
  }
  return undefined;
}

/** Month (and day) after a year or on their own: 4月7日, 十二月, 6月30号. */
function monthDayAt(w: string, i: number, end: number): { month: number; day?: number; end: number } | undefined {
  const m = numberAt(w, i, end);
  if (!m || w[m.end] !== '月') return undefined;
  const month = m.chinese ? CN_MONTH(w.slice(m.start, m.end)) : m.value;
  if (month === undefined || month < 1 || month > 12 || !Number.isInteger(month)) return undefined;
  const d = numberAt(w, m.end + 1, end);
  if (d && (w[d.end] === '日' || w[d.end] === '号') && Number.isInteger(d.value) && d.value >= 1 && d.value <= 31) {
    return { month, day: d.value, end: d.end + 1 };
  }
  return { month, end: m.end + 1 };
}

/** What follows a year (or a relative year): a month and day, a half or quarter, or the year's end. */
function afterYear(w: string, year: number, j: number, end: number): { date: string; end: number } {
  const md = monthDayAt(w, j, end);
  if (md) return { date: `${year}-${pad(md.month)}${md.day ? `-${pad(md.day)}` : ''}`, end: md.end };
  for (const [word, p] of ZH_PERIODS) if (w.startsWith(word, j)) return { date: `${year}-${p}`, end: j + word.length };
  return { date: String(year), end: j };
}

function chineseDateAt(w: string, i: number, span: Span, ctx: DateContext): FoundDate | undefined {
  const asOf = w.startsWith('截至', i - 2) || w.startsWith('截止', i - 2) || w.startsWith('到', i - 1);
  const y = yearAt(w, i);
  if (y && w[y.end] === '年') {
    for (const tail of ZH_YEAR_TAILS)
      if (w.startsWith(tail, y.end))
        return { start: i, end: y.end + tail.length, date: String(y.year), relative: false, asOf };
    if (w.startsWith('年上半年', y.end) || w.startsWith('年下半年', y.end)) {
      return {
        start: i,
        end: y.end + 4,
        date: `${y.year}-${w[y.end + 1] === '上' ? 'H1' : 'H2'}`,
        relative: false,
        asOf,
      };
    }
    const rest = afterYear(w, y.year, y.end + 1, span.end);
    return { start: i, end: rest.end, date: ok(rest.date), relative: false, asOf };
  }
  for (const [word, shift] of ZH_RELATIVE_YEARS) {
    if (!w.startsWith(word, i)) continue;
    const base = yearOf(ctx.sourceDate);
    if (base === undefined) return { start: i, end: i + word.length, relative: true, asOf };
    const rest = afterYear(w, base + shift, i + word.length, span.end);
    return { start: i, end: rest.end, date: ok(rest.date), relative: true, asOf };
  }
  for (const word of ZH_NOW) {
    if (w.startsWith(word, i))
      return { start: i, end: i + word.length, date: ctx.sourceDate, relative: true, asOf: true };
  }
  for (const [word, p] of ZH_PERIODS) {
    if (!w.startsWith(word, i)) continue;
    const year = ctx.year();
    return {
      start: i,
      end: i + word.length,
      date: year === undefined ? undefined : `${year}-${p}`,
      relative: true,
      asOf,
    };
  }
  const md = isDigit(w[i - 1]) ? undefined : monthDayAt(w, i, span.end);
  if (md) {
    const year = ctx.year();
    const date = year === undefined ? undefined : ok(`${year}-${pad(md.month)}${md.day ? `-${pad(md.day)}` : ''}`);
    return { start: i, end: md.end, date, relative: true, asOf };
  }
  return undefined;
}

const wordStart = (lw: string, i: number) => !isLetter(lw[i - 1]);

/** The English word that ends before `i`, skipping spaces. */
function previousWord(lw: string, i: number): string {
  let b = i;
  while (b > 0 && lw[b - 1] === ' ') b--;
  let a = b;
  while (a > 0 && isLetter(lw[a - 1])) a--;
  return lw.slice(a, b);
}

function englishDateAt(w: string, lw: string, i: number, span: Span, ctx: DateContext): FoundDate | undefined {
  if (!wordStart(lw, i)) return undefined;
  const asOf = lw.endsWith('as of ', i) || lw.endsWith('end of ', i);
  for (const [word, shift] of EN_RELATIVE) {
    if (lw.startsWith(word, i) && !isLetter(lw[i + word.length])) {
      const base = yearOf(ctx.sourceDate);
      return {
        start: i,
        end: i + word.length,
        ...(base !== undefined && { date: String(base + shift) }),
        relative: true,
        asOf,
      };
    }
  }
  for (const [word, p] of EN_PERIODS) {
    if (!lw.startsWith(word, i)) continue;
    const y = yearAt(w, i + word.length);
    if (y) return { start: i, end: y.end, date: `${y.year}-${p}`, relative: false, asOf };
    if (word.endsWith(' of ')) continue;
  }
  if (lw.startsWith('first half', i) || lw.startsWith('second half', i)) {
    const year = ctx.year();
    const p = lw[i] === 'f' ? 'H1' : 'H2';
    return {
      start: i,
      end: i + (p === 'H1' ? 10 : 11),
      ...(year !== undefined && { date: `${year}-${p}` }),
      relative: true,
      asOf,
    };
  }
  // Month names: June 10, 2024 · June 2024 · 10 June 2024 (the day before is picked up below).
  let month = MONTHS.findIndex((m) => lw.startsWith(m, i) && !isLetter(lw[i + m.length]));
  let len = month >= 0 ? MONTHS[month]!.length : 0;
  if (month < 0) {
    month = MONTH_SHORT.findIndex(
      (m) => lw.startsWith(m, i) && (lw[i + 3] === '.' || lw[i + 3] === ' ') && w[i] !== w[i]!.toLowerCase(),
    );
    len = month >= 0 ? (lw[i + 3] === '.' ? 4 : 3) : 0;
  }
  if (month >= 0) {
    let j = i + len;
    let day: number | undefined;
    const d = lw[j] === ' ' ? numberAt(w, j + 1, span.end) : undefined;
    if (d && !d.chinese && d.value >= 1 && d.value <= 31 && Number.isInteger(d.value) && d.end - d.start <= 2) {
      day = d.value;
      j = d.end;
    }
    let start = i;
    if (day === undefined) {
      // "10 June 2024": a day written before the month.
      const before = numberAt(w, i - 3, i) ?? numberAt(w, i - 2, i);
      if (before && before.end === i - 1 && before.value >= 1 && before.value <= 31) {
        day = before.value;
        start = before.start;
      }
    }
    let k = j;
    if (lw[k] === ',') k++;
    while (lw[k] === ' ') k++;
    const y = yearAt(w, k);
    const year = y?.year ?? ctx.year();
    if (!y && day === undefined) return undefined;
    const end = y ? y.end : j;
    const date = year === undefined ? undefined : ok(`${year}-${pad(month + 1)}${day ? `-${pad(day)}` : ''}`);
    return { start, end, ...(date && { date }), relative: !y, asOf };
  }
  const y = yearAt(w, i);
  if (
    y &&
    !isLetter(lw[y.end]) &&
    !(lw[y.end] === ' ' && /^ ?(t|gwh|mwh|yuan|tonnes?|tons?)\b/.test(lw.slice(y.end, y.end + 8)))
  ) {
    const cue = previousWord(lw, i);
    if (EN_YEAR_CUES.includes(cue) || lw.startsWith(' h1', y.end) || lw.startsWith(' h2', y.end)) {
      const half = lw.startsWith(' h1', y.end) ? 'H1' : lw.startsWith(' h2', y.end) ? 'H2' : undefined;
      return {
        start: i,
        end: half ? y.end + 3 : y.end,
        date: half ? `${y.year}-${half}` : String(y.year),
        relative: false,
        asOf,
      };
    }
  }
  return undefined;
}

/** The dates in `span`, in order. */
export function findDates(w: string, lw: string, span: Span, ctx: DateContext): FoundDate[] {
  const out: FoundDate[] = [];
  let last: number | undefined;
  const withLast: DateContext = { ...ctx, year: () => last ?? ctx.year() };
  for (let i = span.start; i < span.end; i++) {
    if (ctx.taken(i, i + 1)) continue;
    const found = chineseDateAt(w, i, span, withLast) ?? englishDateAt(w, lw, i, span, withLast);
    if (found) {
      out.push(found);
      last = yearOf(found.date) ?? last;
      i = found.end - 1;
    }
  }
  return out;
}
