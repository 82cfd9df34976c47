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
  /**
   * The translation of the quote the form opened with; kept while source, place and quote stay as they
   * were, dropped once any of them changes (it would no longer translate the words cited).
   */
  readonly kept?: Citation;
}

/**
 * A draft to start a form with: the citation the record has, or else the source the records around it
 * (`near`: the region's or the chain's) cite most, since a planner entering data usually works from
 * one document at a time; failing both, the first source.
 */
export function emptyCitation(
  dataset: Dataset | undefined,
  from?: Citation,
  near: readonly { readonly sources: readonly Citation[] }[] = [],
): CitationDraft {
  return {
    sourceId: from?.sourceId ?? mostCited(near) ?? dataset?.sources[0]?.id ?? '',
    locator: from?.locator ?? '',
    quote: from?.quote ?? '',
    newTitle: '',
    newPublisher: '',
    newDate: '',
    ...(from?.translation ? { kept: from } : {}),
  };
}

/** The source id cited most often by `records` (the first of equals in the order met), if any. */
export function mostCited(records: readonly { readonly sources: readonly Citation[] }[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of records) for (const c of r.sources) counts.set(c.sourceId, (counts.get(c.sourceId) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, n] of counts) if (best === undefined || n > counts.get(best)!) best = id;
  return best;
}

/** The fields a planner types (all but the kept translation). */
export type DraftField = Exclude<keyof CitationDraft, 'kept'>;

/** What is wrong with a draft, field by field (empty when it is fine). */
export function citationErrors(d: CitationDraft): Partial<Record<DraftField, MessageKey>> {
  const errors: Partial<Record<DraftField, MessageKey>> = {};
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
  const locator = d.locator.trim();
  const k = d.kept;
  const same = k?.translation && k.sourceId === sourceId && k.locator === locator && k.quote === quote;
  return {
    citation: { sourceId, locator, ...(quote ? { quote } : {}), ...(same ? { translation: k.translation } : {}) },
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

/**
 * Whether a draft citation is still the evidence for the status a link had: the same source at the same
 * place, or the same quote. A new status needs a citation that says so; the old one stays with the old
 * status in the edit history.
 */
export function citesOldEvidence(
  d: CitationDraft,
  before: { readonly sources: readonly Citation[] } | undefined,
): boolean {
  const locator = d.locator.trim();
  const quote = d.quote.trim();
  return (before?.sources ?? []).some(
    (c) =>
      d.sourceId !== '' && c.sourceId === d.sourceId && (c.locator === locator || (!!c.quote && c.quote === quote)),
  );
}

/** Every record of a region that cites sources: its link states, enterprises and projects. */
export function regionRecords(dataset: Dataset, regionId: string): { readonly sources: readonly Citation[] }[] {
  const r = dataset.regions.find((x) => x.id === regionId);
  return r ? [...r.linkStates, ...r.enterprises, ...r.projects] : [];
}
