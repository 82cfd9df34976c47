/**
 * Reading form fields as typed: numbers (with thousands separators, 万 and 亿), dates and ids, each
 * with the catalogue key of what is wrong, so forms can say it next to the field before saving.
 */
import type { MessageKey } from '../../i18n';
import { isPartialDate, isValidId } from '../../model/validation/reader';

export type FieldResult<T> =
  { readonly ok: true; readonly value: T | undefined } | { readonly ok: false; readonly error: MessageKey };

/**
 * A number as people type it: `250000`, `250,000`, `25万`, `1.7万`, `456.8亿`. Empty is "no value".
 * Text that is not a number (`10 吨`) is an error, never silently zero.
 */
export function readNumberField(text: string, { min }: { min?: number } = {}): FieldResult<number> {
  const t = text.trim().replace(/[,，\s]/g, '');
  if (t === '') return { ok: true, value: undefined };
  const m = /^([-+]?\d*\.?\d+(?:e[-+]?\d+)?)(万|亿)?$/i.exec(t);
  if (!m) return { ok: false, error: 'edit.error.number' };
  const value = Number(m[1]) * (m[2] === '万' ? 1e4 : m[2] === '亿' ? 1e8 : 1);
  if (!Number.isFinite(value)) return { ok: false, error: 'edit.error.number' };
  if (min !== undefined && value < min) return { ok: false, error: 'edit.error.negative' };
  return { ok: true, value };
}

/** A date as precise as known: 2024, 2024-06, 2024-06-30, 2024-H1 or 2024-Q3. Empty is "no value". */
export function readDateField(text: string): FieldResult<string> {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  return isPartialDate(t) ? { ok: true, value: t } : { ok: false, error: 'edit.error.date' };
}

/** Text that must not be empty. */
export function readRequired(text: string): FieldResult<string> {
  const t = text.trim();
  return t ? { ok: true, value: t } : { ok: false, error: 'edit.error.required' };
}

/** An id typed by hand. */
export function readIdField(text: string): FieldResult<string> {
  const t = text.trim();
  if (!t) return { ok: false, error: 'edit.error.required' };
  return isValidId(t) ? { ok: true, value: t } : { ok: false, error: 'edit.error.id' };
}

export { newId } from '../../model/ids';
