import { describe, expect, it } from 'vitest';
import { citationOf, citesOldEvidence, emptyCitation, mostCited } from './citation';
import type { Dataset } from '../../model/types';

const cites = (...ids: string[]) => ({ sources: ids.map((sourceId) => ({ sourceId, locator: '¶1' })) });
const dataset = {
  format: 2,
  sources: [
    { id: 'notes', title: 'Notes', publisher: 'Us' },
    { id: 'article', title: 'Article', publisher: 'Daily' },
  ],
  chains: [],
  regions: [],
} as unknown as Dataset;

describe('the source a new citation starts from', () => {
  it('is the one the records around it cite most, the first met among equals', () => {
    expect(mostCited([cites('a'), cites('b', 'b'), cites('a')])).toBe('a');
    expect(mostCited([cites('b'), cites('a', 'a', 'b', 'b', 'b')])).toBe('b');
    expect(mostCited([])).toBeUndefined();
  });

  it("keeps a record's own citation, else the region's usual source, else the first source", () => {
    const own = { sourceId: 'notes', locator: 'p. 3', quote: 'q' };
    expect(emptyCitation(dataset, own, [cites('article')])).toMatchObject({ sourceId: 'notes', locator: 'p. 3' });
    expect(emptyCitation(dataset, undefined, [cites('article'), cites('article', 'notes')])).toMatchObject({
      sourceId: 'article',
      locator: '',
    });
    expect(emptyCitation(dataset).sourceId).toBe('notes');
    expect(emptyCitation(undefined).sourceId).toBe('');
  });
});

describe('a new status asks for new evidence', () => {
  const before = { sources: [{ sourceId: 'article', locator: '¶12', quote: '积极引进碳酸酯、隔膜、铝塑膜等项目' }] };
  const draft = (sourceId: string, locator: string, quote: string) => ({
    ...emptyCitation(dataset),
    sourceId,
    locator,
    quote,
  });

  it('finds the old citation kept as it was, at a new place with the old quote, or at the old place', () => {
    expect(citesOldEvidence(draft('article', '¶12', '积极引进碳酸酯、隔膜、铝塑膜等项目'), before)).toBe(true);
    expect(citesOldEvidence(draft('article', 'p. 2', ' 积极引进碳酸酯、隔膜、铝塑膜等项目 '), before)).toBe(true);
    expect(citesOldEvidence(draft('article', '¶12', ''), before)).toBe(true);
  });

  it('accepts another place with another quote, another document, or a new source', () => {
    expect(citesOldEvidence(draft('article', '¶14', '隔膜项目开工建设'), before)).toBe(false);
    expect(citesOldEvidence(draft('notes', '¶12', '积极引进碳酸酯、隔膜、铝塑膜等项目'), before)).toBe(false);
    expect(citesOldEvidence(draft('', '¶12', ''), before)).toBe(false);
    expect(citesOldEvidence(draft('article', '¶12', ''), undefined)).toBe(false);
  });
});

describe('a quote’s translation in a form', () => {
  const translated = {
    sourceId: 'article',
    locator: '¶12',
    quote: '积极引进隔膜项目',
    translation: { en: 'actively bringing in separator projects' },
  };
  it('is kept while the source, place and quote stay as they were', () => {
    const d = emptyCitation(dataset, translated);
    expect(citationOf(d, dataset).citation).toEqual(translated);
  });
  it('is dropped once the quote or the place changes, since it would translate other words', () => {
    expect(citationOf({ ...emptyCitation(dataset, translated), quote: '隔膜项目开工' }, dataset).citation).toEqual({
      sourceId: 'article',
      locator: '¶12',
      quote: '隔膜项目开工',
    });
    expect(citationOf({ ...emptyCitation(dataset, translated), locator: '¶13' }, dataset).citation).not.toHaveProperty(
      'translation',
    );
  });
});
