import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../model/reading';
import { factLine, fieldsOf, withFields } from './factText';

const evidence = [{ locator: '¶12', paragraph: 12, quote: 'q', sentence: 'q', start: 0, end: 1 }];
const proposal = (fact: Proposal['fact']): Proposal => ({ id: 'f1', fact, linkIds: [], evidence, rules: [] });

describe('a proposal as the review shows and edits it', () => {
  it('says each kind of fact in one line, in both languages', () => {
    const project = proposal({
      kind: 'project',
      name: '金车18GWh磷酸铁锂电池项目',
      status: 'building',
      linkIds: ['cell_lfp'],
      enterprises: ['金车储能'],
      capacity: { value: 18, unit: 'GWh/a' },
      dates: { started: '2022-08' },
    });
    expect(factLine(project.fact, 'en')).toBe('金车18GWh磷酸铁锂电池项目 · Building · 18 GWh/yr · 2022-08 · 金车储能');
    expect(factLine(project.fact, 'zh')).toContain('在建');
    const figure = proposal({
      kind: 'indicator',
      name: '产值',
      value: { value: 26e9, unit: 'CNY' },
      period: '2023',
      changePercent: 40.5,
      linkIds: [],
    });
    expect(factLine(figure.fact, 'en')).toBe('产值: CNY 26 billion · +40.5% · 2023');
  });

  it('takes the planner’s changes; an unreadable number keeps the figure read, a blank date leaves it to the source’s date', () => {
    const state = proposal({
      kind: 'linkState',
      linkId: 'ni_metal',
      status: 'present',
      capacity: { value: 250000, unit: 't/a' },
      asOf: '2024',
    });
    expect(fieldsOf(state.fact)).toEqual({ status: 'present', value: '250000', date: '2024' });
    expect(withFields(state, { status: 'strong', value: '260000', date: '2024-06' }).fact).toEqual({
      kind: 'linkState',
      linkId: 'ni_metal',
      status: 'strong',
      capacity: { value: 260000, unit: 't/a' },
      asOf: '2024-06',
    });
    expect(withFields(state, { value: 'lots', date: '' }).fact).toEqual({
      kind: 'linkState',
      linkId: 'ni_metal',
      status: 'present',
      capacity: { value: 250000, unit: 't/a' },
    });
    const firm = proposal({ kind: 'enterprise', name: '金车', linkIds: [] });
    expect(withFields(firm, { name: '  金车储能 ' }).fact).toMatchObject({ name: '金车储能' });
    expect(withFields(firm, { name: '' }).fact).toMatchObject({ name: '金车' });
    expect(withFields(firm, {}).evidence).toBe(evidence);
  });
});
