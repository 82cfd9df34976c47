/**
 * Proposed facts and the stored records they are set beside, each said in one line of the reader's
 * language, and a planner's changes to a proposal before it is added.
 */
import { pick, translate, type Lang } from '../../i18n';
import { formatChange, formatDate, formatQuantity } from '../../i18n/format';
import type { Proposal, ProposedFact, StoredRecord } from '../../model/reading';
import type { LinkStatus, PartialDate, ProjectStatus, Quantity } from '../../model/types';

const join = (parts: readonly (string | false | undefined)[]) => parts.filter(Boolean).join(' · ');

/** One line for a proposed fact. */
export function factLine(f: ProposedFact, lang: Lang): string {
  switch (f.kind) {
    case 'linkState':
      return join([
        translate(lang, `status.${f.status}`),
        f.capacity && formatQuantity(f.capacity, lang),
        f.asOf && formatDate(f.asOf, lang),
      ]);
    case 'enterprise':
      return f.name;
    case 'project':
      return join([
        f.name,
        translate(lang, `project.${f.status}`),
        f.capacity && formatQuantity(f.capacity, lang),
        f.investment && formatQuantity(f.investment, lang),
        ...Object.values(f.dates ?? {}).map((d) => formatDate(d, lang)),
        f.enterprises.length > 0 && f.enterprises.join(lang === 'zh' ? '、' : ', '),
      ]);
    case 'indicator':
      return join([
        `${f.name}${lang === 'zh' ? '：' : ': '}${formatQuantity(f.value, lang, f.outOf)}`,
        f.changePercent !== undefined && formatChange(f.changePercent, lang),
        formatDate(f.period, lang),
        f.subject,
        f.target && translate(lang, 'read.target'),
      ]);
  }
}

/** One line for the stored record a proposal is compared with. */
export function storedLine(s: StoredRecord, lang: Lang): string {
  switch (s.kind) {
    case 'linkState':
      return join([
        translate(lang, `status.${s.record.status}`),
        s.record.capacity && formatQuantity(s.record.capacity, lang),
      ]);
    case 'enterprise':
      return pick(s.record.name, lang);
    case 'project':
      return join([
        pick(s.record.name, lang),
        translate(lang, `project.${s.record.status}`),
        s.record.capacity && formatQuantity(s.record.capacity, lang),
        s.record.investment && formatQuantity(s.record.investment, lang),
      ]);
    case 'indicator':
      return join([
        `${pick(s.record.name, lang)}${lang === 'zh' ? '：' : ': '}${formatQuantity(s.record.value, lang, s.record.outOf)}`,
        s.record.changePercent !== undefined && formatChange(s.record.changePercent, lang),
        formatDate(s.record.period, lang),
      ]);
  }
}

/** What a planner may change of a proposal before adding it. */
export interface FactFields {
  name?: string;
  status?: string;
  value?: string;
  date?: string;
}

/** The fields of a proposal as the form shows them. */
export function fieldsOf(f: ProposedFact): FactFields {
  switch (f.kind) {
    case 'linkState':
      return { status: f.status, value: f.capacity ? String(f.capacity.value) : '', date: f.asOf ?? '' };
    case 'enterprise':
      return { name: f.name };
    case 'project':
      return { name: f.name, status: f.status, value: f.capacity ? String(f.capacity.value) : '' };
    case 'indicator':
      return { name: f.name, value: String(f.value.value), date: f.period ?? '' };
  }
}

const withValue = (q: Quantity | undefined, value: string | undefined): Quantity | undefined => {
  if (!q || value === undefined || value.trim() === '') return q;
  const n = Number(value.trim());
  return Number.isFinite(n) ? { ...q, value: n } : q;
};
const dateOr = (d: string | undefined, old: PartialDate | undefined): PartialDate | undefined =>
  d === undefined ? old : d.trim() || undefined;

/** The proposal with the planner's changes; a field left out or unreadable keeps what was read. */
export function withFields(p: Proposal, fields: FactFields): Proposal {
  const f = p.fact;
  const name = fields.name?.trim() || undefined;
  let fact: ProposedFact;
  switch (f.kind) {
    case 'linkState': {
      const capacity = withValue(f.capacity, fields.value);
      const asOf = dateOr(fields.date, f.asOf);
      const { capacity: _c, asOf: _a, ...rest } = f;
      fact = {
        ...rest,
        status: (fields.status as LinkStatus | undefined) ?? f.status,
        ...(capacity && { capacity }),
        ...(asOf && { asOf }),
      };
      break;
    }
    case 'enterprise':
      fact = { ...f, name: name ?? f.name };
      break;
    case 'project': {
      const capacity = withValue(f.capacity, fields.value);
      fact = {
        ...f,
        name: name ?? f.name,
        status: (fields.status as ProjectStatus | undefined) ?? f.status,
        ...(capacity && { capacity }),
      };
      break;
    }
    case 'indicator': {
      const period = dateOr(fields.date, f.period);
      const { period: _p, ...rest } = f;
      fact = { ...rest, name: name ?? f.name, value: withValue(f.value, fields.value)!, ...(period && { period }) };
      break;
    }
  }
  return { ...p, fact };
}
