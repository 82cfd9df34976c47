/**
 * Numbers as texts write them: Arabic (1,400, 456.8), Chinese (三十万, 一亿五千万, 二〇二三), and the
 * Chinese magnitudes that follow either (1.2万, 3千万). Values are computed from the digits as decimal
 * text, so 456.8亿 is exactly 45,680,000,000.
 */
import { isDigit, isLetter } from './text';

const CN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const CN_LARGE: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

export const isChineseNumeral = (c: string | undefined) =>
  c !== undefined && (c in CN_DIGITS || c in CN_SMALL || c in CN_LARGE);

/** A magnitude character that may follow a number (1.2万, 3千万); 十 and 百 too (5百万). */
export const magnitudeOf = (c: string | undefined): number | undefined =>
  c === undefined ? undefined : (CN_SMALL[c] ?? CN_LARGE[c]);

/**
 * The value of a run of Chinese numerals, or undefined when it is not a number. A run without any
 * magnitude (二〇二三) reads digit by digit, as years are written.
 *
 * @example
 * parseChineseNumber('三十万'); // 300000
 */
export function parseChineseNumber(run: string): number | undefined {
  if (!run) return undefined;
  if ([...run].every((c) => c in CN_DIGITS)) {
    return run.length === 1 ? CN_DIGITS[run]! : Number([...run].map((c) => CN_DIGITS[c]).join(''));
  }
  let total = 0; // whole 亿 groups and 万 groups already closed
  let wan = 0;
  let section = 0; // below 万
  let digit = 0;
  let sawDigit = false;
  for (const c of run) {
    if (c in CN_DIGITS) {
      digit = CN_DIGITS[c]!;
      sawDigit = true;
    } else if (c in CN_SMALL) {
      section += (sawDigit ? digit : 1) * CN_SMALL[c]!;
      digit = 0;
      sawDigit = false;
    } else if (c === '万') {
      wan += (section + digit) * 1e4;
      section = digit = 0;
      sawDigit = false;
    } else if (c === '亿') {
      total = (total + wan + section + digit) * 1e8;
      wan = section = digit = 0;
      sawDigit = false;
    } else return undefined;
  }
  return total + wan + section + digit;
}

/** A number found in the text. */
export interface NumberAt {
  readonly start: number;
  readonly end: number;
  /** The value, before any magnitude that follows (万, million). */
  readonly value: number;
  /** The value's digits and how many of them are decimals, so a magnitude can be applied exactly. */
  readonly digits: string;
  readonly fraction: number;
  /** Written in Chinese numerals. */
  readonly chinese: boolean;
  /** A lone 一 to 九 or 两: as often a word (一个问题, 两个方向) as a count. */
  readonly bareDigit: boolean;
}

/** An exact decimal: `digits` with the decimal point `fraction` places from the right, times 10^`exp`. */
export const decimal = (digits: string, fraction: number, exp: number) => Number(`${digits}e${exp - fraction}`);

/**
 * The number starting at `i` in the width-folded text `w`, or undefined. A number glued to letters or
 * digits before it (NCM811, H2SO4) is not one. Thousands separators count only in groups of three
 * (1,400,000); the Chinese comma written as ASCII (373亿元,增长) is not one.
 */
export function numberAt(w: string, i: number, end: number): NumberAt | undefined {
  const c = w[i];
  const before = w[i - 1];
  if (isDigit(c)) {
    if (isDigit(before) || isLetter(before) || (before === '.' && isDigit(w[i - 2]))) return undefined;
    let j = i;
    let digits = '';
    while (j < end && isDigit(w[j])) digits += w[j++];
    // Thousands groups: ",ddd" not followed by another digit.
    while (
      w[j] === ',' &&
      j + 4 <= end &&
      isDigit(w[j + 1]) &&
      isDigit(w[j + 2]) &&
      isDigit(w[j + 3]) &&
      !isDigit(w[j + 4])
    ) {
      digits += w.slice(j + 1, j + 4);
      j += 4;
    }
    let fraction = 0;
    if (w[j] === '.' && isDigit(w[j + 1])) {
      j++;
      while (j < end && isDigit(w[j])) {
        digits += w[j++];
        fraction++;
      }
    }
    return {
      start: i,
      end: j,
      value: decimal(digits, fraction, 0),
      digits,
      fraction,
      chinese: false,
      bareDigit: false,
    };
  }
  if (c === undefined || !(c in CN_DIGITS || c === '十') || isChineseNumeral(before)) return undefined;
  let j = i;
  while (j < end && isChineseNumeral(w[j])) j++;
  const value = parseChineseNumber(w.slice(i, j));
  if (value === undefined) return undefined;
  const bareDigit = j - i === 1 && c !== '十';
  return { start: i, end: j, value, digits: String(value), fraction: 0, chinese: true, bareDigit };
}
