/**
 * A stored record's fields in words, for the panel that says what changed elsewhere while a form was
 * open (`ChangedElsewhere.svelte`): names in the current language, statuses and stages by their labels,
 * links and sub-chains by their names, quantities and dates as the rest of the app writes them.
 */
import type { Lang, MessageKey, Params } from '../../i18n';
import { formatDate, formatQuantity, listSeparator } from '../../i18n/format';
import type { Citation, Dataset, Localized, PartialDate, ProjectDates, Quantity } from '../../model/types';

/** What the words are made with: the current language's messages and names. */
export interface Words {
  readonly lang: Lang;
  t(key: MessageKey, params?: Params): string;
  name(text: Localized): string;
}

/** The label of each field a form edits. */
const FIELD: Readonly<Record<string, MessageKey>> = {
  name: 'edit.field.name',
  aliases: 'details.aliases',
  description: 'edit.field.description',
  subChain: 'filter.subChain',
  stage: 'filter.stage',
  status: 'details.statusLabel',
  capacity: 'details.capacity',
  investment: 'details.investment',
  asOf: 'details.asOf',
  note: 'edit.field.note',
  sources: 'edit.source',
  linkIds: 'edit.field.links',
  enterpriseIds: 'details.enterprises',
  dates: 'edit.field.dates',
  parent: 'edit.field.parent',
  focusProducts: 'region.focusProducts',
  focusApplications: 'region.focusApplications',
  focusSubChains: 'region.focusSubChains',
};
/** Fields that list links, or sub-chains, by id: shown by their names. */
const ID_LISTS: Readonly<Record<string, 'links' | 'subChains'>> = {
  linkIds: 'links',
  focusProducts: 'links',
  focusApplications: 'links',
  focusSubChains: 'subChains',
};
/** A project's dates, in the order they happen, with their labels. */
const PROJECT_DATES: readonly (readonly [keyof ProjectDates, MessageKey])[] = [
  ['signed', 'details.signed'],
  ['started', 'details.started'],
  ['operating', 'details.operating'],
];

const isLocalized = (v: unknown): v is Localized => typeof v === 'object' && v !== null && 'zh' in v && 'en' in v;
const isQuantity = (v: unknown): v is Quantity => typeof v === 'object' && v !== null && 'value' in v && 'unit' in v;
const isCitation = (v: unknown): v is Citation => typeof v === 'object' && v !== null && 'sourceId' in v;

/** A field's label: its message, or its key for a field no form edits. */
export function fieldLabel(key: string, w: Words): string {
  const label = FIELD[key];
  return label ? w.t(label) : key;
}

/** A value as stored now, in words. */
export function valueWords(value: unknown, dataset: Dataset, w: Words): string {
  const list = (parts: readonly string[]) => parts.join(listSeparator(w.lang));
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
    return w.t('edit.elsewhere.none');
  if (isLocalized(value)) return w.name(value);
  if (isQuantity(value)) return formatQuantity(value, w.lang);
  if (Array.isArray(value))
    return list(
      value.map((v) =>
        isCitation(v)
          ? `${dataset.sources.find((s) => s.id === v.sourceId)?.title ?? v.sourceId} ${v.locator}`
          : valueWords(v, dataset, w),
      ),
    );
  if (typeof value === 'object')
    return list(Object.entries(value).map(([k, v]) => `${fieldLabel(k, w)} ${valueWords(v, dataset, w)}`));
  return String(value);
}

/** A field of `record` as stored now, in words. */
export function fieldWords(key: string, record: object, dataset: Dataset, w: Words): string {
  const value = (record as Readonly<Record<string, unknown>>)[key];
  const list = ID_LISTS[key];
  if (list && Array.isArray(value) && value.length > 0) {
    const named = dataset.chains.flatMap((c): readonly { id: string; name: Localized }[] => c[list]);
    return value
      .map((id) => {
        const item = named.find((x) => x.id === id);
        return item ? w.name(item.name) : String(id);
      })
      .join(listSeparator(w.lang));
  }
  if (key === 'dates' && typeof value === 'object' && value !== null) {
    const dates = value as ProjectDates;
    const given = PROJECT_DATES.filter(([k]) => dates[k]);
    if (given.length)
      return given
        .map(([k, label]) => `${w.t(label)} ${formatDate(dates[k] as PartialDate, w.lang)}`)
        .join(listSeparator(w.lang));
  }
  if (typeof value === 'string' && value) {
    if (key === 'status') return w.t(('name' in record ? `project.${value}` : `status.${value}`) as MessageKey);
    if (key === 'stage') return w.t(`stage.${value}` as MessageKey);
    if (key === 'subChain') {
      const subChain = dataset.chains.flatMap((c) => c.subChains).find((c) => c.id === value);
      if (subChain) return w.name(subChain.name);
    }
  }
  return valueWords(value, dataset, w);
}
