import { describe, expect, it } from 'vitest';
import { describeView } from './viewWords';

const names = {
  link: (id: string) => ({ separator: 'Separator', ncm_cam: 'NCM cathode material' })[id],
  subChain: (id: string) => ({ cathode: 'Cathode materials' })[id],
};
const zhNames = {
  link: (id: string) => ({ separator: '隔膜' })[id],
  subChain: (id: string) => ({ cathode: '正极材料' })[id],
};

describe('a saved view in words', () => {
  it('says what each kind of view shows, its filters and its language', () => {
    expect(describeView('#/?sub=cathode', 'zh', 'en', names)).toBe(
      'The whole chain · filtered to Cathode materials · in Chinese',
    );
    expect(describeView('#/node/separator?trace=up', undefined, 'en', names)).toBe('Separator and what feeds it');
    expect(describeView('#/gaps', 'en', 'en', names)).toBe('Gap analysis · in English');
    expect(describeView('#/dossier/ncm_cam', undefined, 'en', names)).toBe('Dossier: NCM cathode material');
    expect(describeView('#/?status=attracting&stage=component', undefined, 'en', names)).toBe(
      'The whole chain · filtered to Attracting, Components',
    );
  });

  it('in Chinese', () => {
    expect(describeView('#/?sub=cathode', 'zh', 'zh', zhNames)).toBe('整条产业链 · 筛选：正极材料 · 中文');
    expect(describeView('#/node/separator?trace=down', undefined, 'zh', zhNames)).toBe('隔膜及其下游');
  });
});
