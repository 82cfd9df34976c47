import { describe, expect, it } from 'vitest';
import { en } from './en';
import { chooseLang, translate } from './index';
import { zhCN } from './zh-CN';
import { formatChange, formatDate, formatQuantity, formatShare } from './format';

describe('figures as each language reads them', () => {
  it('writes a share as one percentage, or as a range when its ends differ', () => {
    expect(formatShare(0.2727)).toBe('27%');
    expect(formatShare(0.22, 0.9)).toBe('22%–90%');
    expect(formatShare(0.271, 0.274)).toBe('27%');
  });

  it('writes capacities in 万吨 for Chinese and in full for English', () => {
    expect(formatQuantity({ value: 250000, unit: 't/a' }, 'zh')).toBe('25万吨/年');
    expect(formatQuantity({ value: 1400000, unit: 't/a' }, 'zh')).toBe('140万吨/年');
    expect(formatQuantity({ value: 17000, unit: 't/a' }, 'zh')).toBe('1.7万吨/年');
    expect(formatQuantity({ value: 250000, unit: 't/a' }, 'en')).toBe('250,000 t/yr');
    expect(formatQuantity({ value: 2, unit: 'GWh/a' }, 'zh')).toBe('2 GWh/年');
    expect(formatQuantity({ value: 18, unit: 'GWh/a' }, 'en')).toBe('18 GWh/yr');
    expect(formatQuantity({ value: 100000000, unit: 'Ah/a' }, 'zh')).toBe('1亿Ah/年');
    expect(formatQuantity({ value: 100000000, unit: 'Ah/a' }, 'en')).toBe('100 million Ah/yr');
  });

  it('writes money in 亿元 and in CNY billions', () => {
    expect(formatQuantity({ value: 45680000000, unit: 'CNY' }, 'zh')).toBe('456.8亿元');
    expect(formatQuantity({ value: 45680000000, unit: 'CNY' }, 'en')).toBe('CNY 45.68 billion');
    expect(formatQuantity({ value: 21600000000, unit: 'CNY' }, 'zh')).toBe('216亿元');
  });

  it('keeps a bound the source gives, and writes shares and ranks', () => {
    expect(formatQuantity({ value: 60, unit: 'count', qualifier: 'over' }, 'zh')).toBe('60以上');
    expect(formatQuantity({ value: 60, unit: 'count', qualifier: 'over' }, 'en')).toBe('over 60');
    expect(formatQuantity({ value: 10000000, unit: 't/a', qualifier: 'over' }, 'zh')).toBe('1000万吨/年以上');
    expect(formatQuantity({ value: 77, unit: 'percent' }, 'en')).toBe('77%');
    expect(formatQuantity({ value: 65, unit: 'rank' }, 'zh', 230)).toBe('第65位（共230）');
    expect(formatQuantity({ value: 65, unit: 'rank' }, 'en', 230)).toBe('65 of 230');
  });

  it('writes partial dates and changes', () => {
    expect(formatDate('2024-H1', 'zh')).toBe('2024年上半年');
    expect(formatDate('2024', 'zh')).toBe('2024年');
    expect(formatDate('2022-06', 'zh')).toBe('2022年6月');
    expect(formatDate('2022-04-07', 'zh')).toBe('2022年4月7日');
    expect(formatDate('2024-H1', 'en')).toBe('2024 H1');
    expect(formatDate('2022-04-07', 'en')).toBe('2022-04-07');
    expect(formatDate(undefined, 'en')).toBe('undated');
    expect(formatChange(40.5, 'en')).toBe('+40.5%');
    expect(formatChange(-3, 'zh')).toBe('−3%');
  });
});

describe('catalogues and language choice', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?::[^{}]*)?\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key]?.trim(), key).toBeTruthy();
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders, with the word that agrees with a count', () => {
    expect(translate('en', 'header.asOf', { date: '2024' })).toBe('Data as of 2024');
    expect(translate('en', 'import.warnings', { count: 1 })).toBe('1 warning');
    expect(translate('en', 'import.warnings', { count: 3 })).toBe('3 warnings');
    expect(translate('zh', 'import.warnings', { count: 3 })).toBe('3 条警告');
  });

  it('lets ?lang= win over a saved choice, and a saved choice over the browser', () => {
    expect(chooseLang('?lang=en', 'zh', ['zh-CN'])).toBe('en');
    expect(chooseLang('', 'en', ['zh-CN'])).toBe('en');
    expect(chooseLang('', null, ['fr-FR', 'zh-TW'])).toBe('zh');
    expect(chooseLang('', null, ['en-GB'])).toBe('en');
    expect(chooseLang('?lang=xx', null, ['de'])).toBe('zh');
  });
});
