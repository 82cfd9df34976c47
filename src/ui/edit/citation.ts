/**
 * The citation a form collects: an existing source or a new one, where in it, and its words.
 */
import type { MessageKey } from '../../i18n';
import { addSource, thenEdit, type EditResult } from '../../model/edits';
import type { Citation, Dataset, Source } from '../../model/types';
import { readDateField } from './fields';
import { newId } from './fields';

export interface CitationDraft {
  /** An existing source's id, or '' for a new source. */
  sourceId: string;
  locator: string;
  quote: string;
  newTitle: string;
  newPublisher: string;
  newDate: string;
}

export const emptyCitation = (dataset: Dataset | undefined, from?: Citation): CitationDraft => ({
  sourceId: from?.sourceId ?? dataset?.sources[0]?.id ?? '',
  locator: from?.locator ?? '',
  quote: from?.quote ?? '',
  newTitle: '',
  newPublisher: '',
  newDate: '',
});

/** What is wrong with a draft, field by field (empty when it is fine). */
export function citationErrors(d: CitationDraft): Partial<Record<keyof CitationDraft, MessageKey>> {
  const errors: Partial<Record<keyof CitationDraft, MessageKey>> = {};
  if (!d.locator.trim()) errors.locator = 'edit.error.locator';
  if (!d.sourceId) {
    if (!d.newTitle.trim()) errors.newTitle = 'edit.error.required';
    if (!d.newPublisher.trim()) errors.newPublisher = 'edit.error.required';
    const date = readDateField(d.newDate);
    if (!date.ok) errors.newDate = date.error;
  }
  return errors;
}

/** The citation, and the new source to add first when the draft names one. */
export function citationOf(d: CitationDraft, dataset: Dataset): { citation: Citation; newSource?: Source } {
  let sourceId = d.sourceId;
  let newSource: Source | undefined;
  if (!sourceId) {
    sourceId = newId(d.newTitle, new Set(dataset.sources.map((s) => s.id)), 'source');
    const date = d.newDate.trim();
    newSource = { id: sourceId, title: d.newTitle.trim(), publisher: d.newPublisher.trim(), ...(date ? { date } : {}) };
  }
  const quote = d.quote.trim();
  return {
    citation: { sourceId, locator: d.locator.trim(), ...(quote ? { quote } : {}) },
    ...(newSource ? { newSource } : {}),
  };
}

/**
 * The edit `make` builds with the draft's citation, preceded, when the draft names a new source, by
 * adding that source: one undo step, stored whole or refused whole.
 */
export function withCitation(
  d: CitationDraft,
  dataset: Dataset,
  make: (dataset: Dataset, citation: Citation) => EditResult,
): EditResult {
  const { citation, newSource } = citationOf(d, dataset);
  if (!newSource) return make(dataset, citation);
  return thenEdit(addSource(dataset, newSource), (ds) => make(ds, citation));
}
