import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../../i18n';
import { shippedDataset } from '../../model/testing';
import { fieldLabel, fieldWords, type Words } from './changedWords';

const words = (lang: Lang): Words => ({
  lang,
  t: (key, params) => translate(lang, key, params),
  name: (text) => text[lang],
});

describe('what changed elsewhere, in words', () => {
  const dataset = shippedDataset();
  const project = dataset.regions[0]!.projects.find((p) => p.dates?.operating)!;

  it("says a project's dates by their labels and as dates, in the reader's language", () => {
    const record = { ...project, dates: { signed: '2023-01', operating: '2024-06-15' } };
    expect(fieldWords('dates', record, dataset, words('en'))).toBe('Signed 2023-01, Operating 2024-06-15');
    expect(fieldWords('dates', record, dataset, words('zh'))).toBe(
      `${translate('zh', 'details.signed')} 2023年1月、${translate('zh', 'details.operating')} 2024年6月15日`,
    );
  });

  it('names links, statuses and quantities as the rest of the app does', () => {
    const en = words('en');
    const link = dataset.chains[0]!.links.find((l) => l.id === project.linkIds[0])!;
    expect(fieldWords('linkIds', project, dataset, en)).toContain(link.name.en);
    expect(fieldWords('status', project, dataset, en)).toBe(translate('en', 'project.operating'));
    expect(fieldLabel('dates', en)).toBe(translate('en', 'edit.field.dates'));
    expect(fieldWords('note', { ...project, note: undefined }, dataset, en)).toBe(
      translate('en', 'edit.elsewhere.none'),
    );
  });
});
