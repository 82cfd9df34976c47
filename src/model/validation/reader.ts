/**
 * Field readers for validating untrusted JSON. Each reader checks one field, records a precise issue
 * when it is wrong, and returns a clean value (or undefined) so validation can go on and report every
 * problem at once rather than the first.
 */
import type { IssueCode, IssueRecord, ValidationIssue } from '../issues';
import { describeRecord } from '../issues';
import type { Citation, Localized, PartialDate, Quantity, Translation } from '../types';
import { isKnownUnit } from '../units';

export type Json = Record<string, unknown>;

/** Where a reader is: the JSON path of the record and which record it is. */
export interface Place {
  readonly path: string;
  readonly record: IssueRecord;
  /** Set inside a nested object: the fields it reports become `capacity.value`, `name.zh`. */
  readonly prefix?: string;
}

/** The place of a nested object `key` inside the record at `place`. */
export function nested(place: Place, key: string): Place {
  return { ...place, prefix: place.prefix ? `${place.prefix}.${key}` : key };
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const DATE_PATTERN = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|H[12]|Q[1-4]))?$/;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `text` is a PartialDate that names a real calendar date. */
export function isPartialDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

export function isValidId(text: string): boolean {
  return ID_PATTERN.test(text);
}

/** Longest text of a value quoted in a message; a file's value can be megabytes. */
const QUOTED_MAX = 100;

/**
 * A value as a message shows it: text (cut to QUOTED_MAX characters), a number, or what kind of value
 * it is. Never the whole of a list or object: printing one walks its nesting, as deep as a file makes it.
 */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}…` : value;
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Collects issues and reads fields. One instance per validation run. */
export class Reader {
  readonly issues: ValidationIssue[] = [];
  #errors = 0;

  report(
    severity: 'error' | 'warning',
    code: IssueCode,
    place: Place,
    field: string,
    message: string,
    params: Record<string, string | number> = {},
  ): void {
    const fullField = place.prefix ? (field ? `${place.prefix}.${field}` : place.prefix) : field;
    const path = fullField ? `${place.path}.${fullField}` : place.path;
    if (severity === 'error') this.#errors++;
    this.issues.push({
      severity,
      code,
      path,
      record: place.record,
      field: fullField,
      params,
      message: `${describeRecord(place.record)}${fullField ? `, field "${fullField}"` : ''} (${path}): ${message}`,
    });
  }

  error(code: IssueCode, place: Place, field: string, message: string, params?: Record<string, string | number>): void {
    this.report('error', code, place, field, message, params);
  }

  warn(code: IssueCode, place: Place, field: string, message: string, params?: Record<string, string | number>): void {
    this.report('warning', code, place, field, message, params);
  }

  /** Errors reported so far (counted as they come: read per record, so never recounted). */
  get errorCount(): number {
    return this.#errors;
  }

  private present(obj: Json, key: string, place: Place, required: boolean): unknown {
    const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
    if (value === undefined || value === null) {
      if (required) this.error('required', place, key, 'is required but missing');
      return undefined;
    }
    return value;
  }

  private wrongType(place: Place, key: string, expected: string, value: unknown): undefined {
    this.error('type', place, key, `must be ${expected}, not ${typeName(value)}`, {
      expected,
      actual: typeName(value),
    });
    return undefined;
  }

  string(obj: Json, key: string, place: Place, required = false): string | undefined {
    const value = this.present(obj, key, place, required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.wrongType(place, key, 'text', value);
    if (value.trim() === '') {
      if (required) this.error('empty', place, key, 'must not be empty');
      return undefined;
    }
    return value;
  }

  /** A true/false field; absent or false reads as undefined (the field is left out). */
  flag(obj: Json, key: string, place: Place): true | undefined {
    const value = this.present(obj, key, place, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') return this.wrongType(place, key, 'true or false', value);
    return value || undefined;
  }

  id(obj: Json, key: string, place: Place): string | undefined {
    const value = this.string(obj, key, place, true);
    if (value === undefined) return undefined;
    if (!isValidId(value)) {
      this.error(
        'id-pattern',
        place,
        key,
        `"${valueText(value)}" is not a valid id (letters, digits, "_", ".", ":" or "-", at most 128)`,
        { value: valueText(value) },
      );
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(obj: Json, key: string, place: Place, allowed: readonly T[], required = true): T | undefined {
    const value = this.string(obj, key, place, required);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.error('enum', place, key, `"${valueText(value)}" is not one of ${allowed.join(', ')}`, {
        value: valueText(value),
        allowed: allowed.join(', '),
      });
      return undefined;
    }
    return value as T;
  }

  date(obj: Json, key: string, place: Place, required = false): PartialDate | undefined {
    const value = this.string(obj, key, place, required);
    if (value === undefined) return undefined;
    if (!isPartialDate(value)) {
      this.error(
        'date',
        place,
        key,
        `"${valueText(value)}" is not a date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1 or YYYY-Q1)`,
        { value: valueText(value) },
      );
      return undefined;
    }
    return value;
  }

  number(
    obj: Json,
    key: string,
    place: Place,
    opts: { required?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const value = this.present(obj, key, place, opts.required ?? false);
    if (value === undefined) return undefined;
    if (typeof value !== 'number') return this.wrongType(place, key, 'a number', value);
    if (!Number.isFinite(value)) {
      this.error('number', place, key, 'must be a finite number');
      return undefined;
    }
    if (opts.min !== undefined && value < opts.min) {
      this.error(opts.min === 0 ? 'negative' : 'out-of-range', place, key, `${value} is below ${opts.min}`, {
        value,
        min: opts.min,
      });
      return undefined;
    }
    if (opts.max !== undefined && value > opts.max) {
      this.error('out-of-range', place, key, `${value} is above ${opts.max}`, { value, max: opts.max });
      return undefined;
    }
    return value;
  }

  object(obj: Json, key: string, place: Place, required = false): Json | undefined {
    const value = this.present(obj, key, place, required);
    if (value === undefined) return undefined;
    return isObject(value) ? value : this.wrongType(place, key, 'an object', value);
  }

  array(obj: Json, key: string, place: Place, required = true): unknown[] | undefined {
    const value = this.present(obj, key, place, required);
    if (value === undefined) return required ? undefined : [];
    return Array.isArray(value) ? value : this.wrongType(place, key, 'a list', value);
  }

  /** A list of ids (as in `linkIds`); invalid entries are reported and dropped. */
  idList(obj: Json, key: string, place: Place, required = true): string[] {
    const list = this.array(obj, key, place, required) ?? [];
    const ids: string[] = [];
    list.forEach((item, i) => {
      if (typeof item !== 'string' || !isValidId(item)) {
        const shown = typeof item === 'string' ? `"${valueText(item)}"` : valueText(item);
        this.error('id-pattern', place, `${key}[${i}]`, `${shown} is not a valid id`, { value: valueText(item) });
      } else ids.push(item);
    });
    return ids;
  }

  /** Optional list of plain strings (aliases). */
  stringList(obj: Json, key: string, place: Place): string[] | undefined {
    const list = this.array(obj, key, place, false);
    if (!list || list.length === 0) return undefined;
    const out: string[] = [];
    list.forEach((item, i) => {
      if (typeof item !== 'string') this.wrongType(place, `${key}[${i}]`, 'text', item);
      else if (item.trim()) out.push(item);
    });
    return out;
  }

  localized(obj: Json, key: string, place: Place, required = true): Localized | undefined {
    const value = this.object(obj, key, place, required);
    if (!value) return undefined;
    const inner = nested(place, key);
    const zh = this.string(value, 'zh', inner, true);
    const en = this.string(value, 'en', inner, true);
    return zh === undefined || en === undefined ? undefined : { zh, en };
  }

  quantity(obj: Json, key: string, place: Place, required = false): Quantity | undefined {
    const value = this.object(obj, key, place, required);
    if (!value) return undefined;
    const sub = nested(place, key);
    const amount = this.number(value, 'value', sub, { required: true });
    const unit = this.unit(value, 'unit', sub);
    const qualifier = this.oneOf(value, 'qualifier', sub, ['over', 'under', 'approx'] as const, false);
    if (amount === undefined || unit === undefined) return undefined;
    return qualifier ? { value: amount, unit, qualifier } : { value: amount, unit };
  }

  unit(obj: Json, key: string, place: Place): string | undefined {
    const unit = this.string(obj, key, place, true);
    if (unit === undefined) return undefined;
    if (!isKnownUnit(unit)) {
      this.error('unit', place, key, `"${valueText(unit)}" is not a known unit`, { value: valueText(unit) });
      return undefined;
    }
    return unit;
  }

  citation(value: unknown, place: Place, field: string): Citation | undefined {
    if (!isObject(value)) return this.wrongType(place, field, 'a citation object', value);
    const sub = nested(place, field);
    const sourceId = this.id(value, 'sourceId', sub);
    const locator = this.string(value, 'locator', sub, true);
    const quote = this.string(value, 'quote', sub);
    const translation = this.translation(value, sub, quote);
    if (sourceId === undefined || locator === undefined) return undefined;
    if (!quote) return { sourceId, locator };
    return translation ? { sourceId, locator, quote, translation } : { sourceId, locator, quote };
  }

  /**
   * A citation's `translation` (format 4): `{ en?, zh? }`, each a non-empty text; empty ones are left out.
   * A translation needs the quote it translates.
   */
  private translation(citation: Json, place: Place, quote: string | undefined): Translation | undefined {
    const value = this.present(citation, 'translation', place, false);
    if (value === undefined) return undefined;
    if (!isObject(value)) return this.wrongType(place, 'translation', 'an object', value);
    const sub = nested(place, 'translation');
    const en = this.string(value, 'en', sub);
    const zh = this.string(value, 'zh', sub);
    if (en === undefined && zh === undefined) return undefined;
    if (quote === undefined) {
      this.error(
        'required',
        place,
        'quote',
        'is required with a translation: a translation needs the quote it translates',
      );
      return undefined;
    }
    return { ...(en !== undefined && { en }), ...(zh !== undefined && { zh }) };
  }

  /** A record's `sources`: a list of citations, at least one when `required`. */
  citations(obj: Json, place: Place, required: boolean): Citation[] {
    const list = this.array(obj, 'sources', place, false) ?? [];
    const out: Citation[] = [];
    list.forEach((item, i) => {
      const c = this.citation(item, place, `sources[${i}]`);
      if (c) out.push(c);
    });
    if (required && list.length === 0) {
      this.error('no-citation', place, 'sources', 'must cite at least one source');
    }
    return out;
  }
}
