/**
 * The reader's tokens, one rule at a time: paragraphs as the data format numbers them, quantities with
 * their units and bounds (Chinese numerals too), dates and periods, and the refusals of text it cannot read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDates } from './dates';
import { asQuantity, findQuantities } from './quantities';
import { checkText, foldWidth, MAX_READING_LENGTH, splitParagraphs, splitSentences } from './text';

const never = () => false;
/** The quantities of a phrase as the model stores them, `value unit qualifier`. */
function quantities(phrase: string): string[] {
  const w = foldWidth(phrase);
  return findQuantities(w, w.toLowerCase(), { start: 0, end: w.length }, { taken: never, rankBefore: () => false })
    .map(asQuantity)
    .map((q) => [q.value, q.unit, q.qualifier ?? ''].join(' ').trim());
}
function dates(phrase: string, sourceDate?: string): (string | undefined)[] {
  const w = foldWidth(phrase);
  const year = () => Number((sourceDate ?? '').slice(0, 4)) || undefined;
  return findDates(
    w,
    w.toLowerCase(),
    { start: 0, end: w.length },
    { taken: never, year, ...(sourceDate && { sourceDate }) },
  ).map((d) => d.date);
}

describe('paragraphs', () => {
  it('numbers the article as docs/data-format.md does: its non-empty blocks between blank lines, from 1', () => {
    const text = readFileSync(new URL('../../../seeds/sources/gsdaily-2024-jinchang.txt', import.meta.url), 'utf8');
    const blocks = text
      .split(/\n\s*\n/)
      .map((b) => b.trim())
      .filter(Boolean);
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => text.slice(p.start, p.end))).toEqual(blocks);
    expect(paragraphs.map((p) => p.n)).toEqual(blocks.map((_, i) => i + 1));
  });

  it('keeps a block of several lines as one paragraph and skips lines of spaces only', () => {
    const text = '  标题\n副标题  \n \t \n\n正文第一段。\n\u3000\n正文第二段。';
    expect(splitParagraphs(text).map((p) => text.slice(p.start, p.end))).toEqual([
      '标题\n副标题',
      '正文第一段。',
      '正文第二段。',
    ]);
  });

  it('ends sentences at Chinese stops and English full stops, not at decimals or Co., Ltd.', () => {
    const text =
      '产值216亿元，增长65.5%。项目建成投产！Gansu Keyuan Battery Co., Ltd. broke ground. It cost CNY 8.5 billion.';
    const w = foldWidth(text);
    const spans = splitSentences(text, w, { start: 0, end: text.length });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      '产值216亿元，增长65.5%。',
      '项目建成投产！',
      'Gansu Keyuan Battery Co., Ltd. broke ground.',
      'It cost CNY 8.5 billion.',
    ]);
  });
});

describe('quantities', () => {
  it('reads Chinese units into the app’s unit keys', () => {
    expect(quantities('25万吨')).toEqual(['250000 t']);
    expect(quantities('2万吨/年')).toEqual(['20000 t/a']);
    expect(quantities('18GWh')).toEqual(['18 GWh']);
    expect(quantities('200MWh')).toEqual(['200 MWh']);
    expect(quantities('1亿Ah')).toEqual(['100000000 Ah']);
    expect(quantities('60万只/天')).toEqual(['600000 cells/d']);
    expect(quantities('456.8亿元')).toEqual(['45680000000 CNY']);
    expect(quantities('3500万元')).toEqual(['35000000 CNY']);
    expect(quantities('77%')).toEqual(['77 percent']);
    expect(quantities('第65位')).toEqual(['65 rank']);
  });

  it('reads 多, 以上 and 超 as lower bounds, 约 and 左右 as approximate', () => {
    expect(quantities('1000多万吨')).toEqual(['10000000 t over']);
    expect(quantities('60多种')).toEqual(['60 count over']);
    expect(quantities('30个以上')).toEqual(['30 count over']);
    expect(quantities('约12.6亿元')).toEqual(['1260000000 CNY approx']);
    expect(quantities('65%左右')).toEqual(['65 percent approx']);
  });

  it('reads Chinese numerals', () => {
    expect(quantities('二十万吨')).toEqual(['200000 t']);
    expect(quantities('一百二十个项目')).toEqual(['120 count']);
  });

  it('reads English figures', () => {
    expect(quantities('20 GWh')).toEqual(['20 GWh']);
    expect(quantities('CNY 8.5 billion')).toEqual(['8500000000 CNY']);
    expect(quantities('about 250,000 tonnes a year')).toEqual(['250000 t/a approx']);
  });
});

describe('dates and periods', () => {
  it('reads full and partial dates', () => {
    expect(dates('2022年4月7日')).toEqual(['2022-04-07']);
    expect(dates('2023年5月')).toEqual(['2023-05']);
    expect(dates('2023年')).toEqual(['2023']);
    expect(dates('June 10, 2024')).toEqual(['2024-06-10']);
  });

  it('reads halves and quarters, and counts 今年 and 截至目前 from the source’s date', () => {
    expect(dates('2024年上半年')).toEqual(['2024-H1']);
    expect(dates('2022年一季度')).toEqual(['2022-Q1']);
    expect(dates('今年上半年', '2024-07')).toEqual(['2024-H1']);
    expect(dates('截至2023年6月30日')).toEqual(['2023-06-30']);
  });
});

describe('text it cannot read', () => {
  it('refuses an empty text and one of spaces only', () => {
    expect(checkText('')?.code).toBe('empty');
    expect(checkText(' \n\u3000\t\n')?.code).toBe('empty');
  });

  it('refuses a text over the limit before walking it', () => {
    const huge = 'x'.repeat(MAX_READING_LENGTH + 1);
    expect(checkText(huge)).toMatchObject({
      code: 'too-large',
      params: { length: MAX_READING_LENGTH + 1, max: MAX_READING_LENGTH },
    });
  });

  it('refuses binary data read as text, and lets a stray bad character pass', () => {
    const binary = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(i % 256)).join('');
    expect(checkText(binary)?.code).toBe('binary');
    expect(checkText(`金昌市新能源电池产业发展迅速\ufffd，产值260亿元。`.repeat(3))).toBeUndefined();
  });
});
