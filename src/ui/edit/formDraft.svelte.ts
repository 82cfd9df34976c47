/**
 * The lifecycle every edit form shares: the fields as typed, the record they were opened on (the
 * base), whether they hold changes not yet saved, and whether the stored record changed meanwhile
 * (another tab, an undo, a sync). A form nobody has typed in follows the stored record; one holding
 * typed changes keeps them and says what changed elsewhere, and saving it over the other change takes
 * the user's word for it ("Keep mine"): an edit is never saved over a change the user did not see.
 */
import { untrack } from 'svelte';
import { sameValue } from '../../model/edits';
import type { Localized } from '../../model/types';
import type { EditingState, EditOutcome } from '../../state/editing.svelte';
import { savedNotice } from './notice';
import { FieldVisits } from './visits.svelte';

let forms = 0;

export class FormDraft<F extends object, R> {
  /** The fields as typed (bound to the form's inputs). */
  fields: F;
  /** What the last save (or delete) said: shown by `EditProblems` when it was refused. */
  outcome = $state<EditOutcome | undefined>();
  /** Which fields the user has been in (a field's error shows once it was visited). */
  readonly visits = new FieldVisits();
  #saved = $state('');
  #base = $state.raw<R | undefined>(undefined);
  #saving = $state(false);
  readonly #current: () => R | undefined;
  readonly #toFields: (record: R | undefined) => F;

  /** The fields differ from what was last opened or saved. */
  declare readonly dirty: boolean;
  /** The stored record is no longer the one the form was opened on. */
  declare readonly changedElsewhere: boolean;

  /**
   * @param editing the editing state, told whether the form holds unsaved changes (`trackUnsaved`, with an
   *   id of the form's own)
   * @param current the record as stored now (undefined for a new record)
   * @param toFields the form's fields for a record
   */
  constructor(
    editing: () => Pick<EditingState, 'trackUnsaved'>,
    current: () => R | undefined,
    toFields: (record: R | undefined) => F,
  ) {
    this.#current = current;
    this.#toFields = toFields;
    const start = current();
    this.#base = start;
    this.fields = $state(toFields(start));
    this.#saved = JSON.stringify(this.fields);
    this.dirty = $derived(JSON.stringify(this.fields) !== this.#saved);
    this.changedElsewhere = $derived(!this.#saving && !sameValue(this.#current(), this.#base));
    const formId = `form-${++forms}`;
    $effect(() => editing().trackUnsaved(formId, this.dirty));
    $effect(() => {
      const now = this.#current();
      untrack(() => {
        if (!this.#saving && !this.dirty && !sameValue(now, this.#base)) this.#reset(now);
      });
    });
  }

  /** The record the form was opened on (or last saved, or last taken over). */
  get base(): R | undefined {
    return this.#base;
  }

  /** The stored record now. */
  get current(): R | undefined {
    return this.#current();
  }

  /** The top-level fields of the record that changed elsewhere since the form was opened. */
  get theirChanges(): string[] {
    return changedKeys(this.#base, this.#current());
  }

  /** Saving will go over the other change: the user has seen it and keeps what they typed. */
  keepMine(): void {
    this.#base = this.#current();
  }

  /** Drops what was typed and shows the record as stored now. */
  takeTheirs(): void {
    this.#reset(this.#current());
  }

  /**
   * Starts again from the record as stored now, with no field visited and no outcome: a dialog that
   * opens again opens afresh, and one closed with typing in it holds nothing unsaved.
   */
  restart(): void {
    untrack(() => {
      this.#reset(this.#current());
      this.outcome = undefined;
      this.visits.clear();
    });
  }

  /**
   * Runs a save: refused (without running it) while the record changed elsewhere and the user has not
   * said which to keep; on success the form starts again from what was saved.
   */
  async save(run: () => Promise<EditOutcome>): Promise<EditOutcome | 'changed-elsewhere'> {
    if (this.changedElsewhere) return 'changed-elsewhere';
    this.#saving = true;
    try {
      const outcome = await run();
      if (outcome.ok) {
        this.#saved = JSON.stringify(this.fields);
        this.#base = this.#current();
      }
      return outcome;
    } finally {
      this.#saving = false;
    }
  }

  /**
   * Saves (as `save`) and keeps the outcome in `outcome`; returns the notice to show when the edit
   * went through (undefined when refused, or when the record changed elsewhere).
   */
  async submit(run: () => Promise<EditOutcome>): Promise<string | undefined> {
    const result = await this.save(run);
    if (result === 'changed-elsewhere') return undefined;
    this.outcome = result;
    return result.ok ? savedNotice(result) : undefined;
  }

  /** Runs an edit beside the fields (a delete, a detach): its outcome shows as a save's would. */
  async commit(run: () => Promise<EditOutcome>): Promise<string | undefined> {
    const outcome = await run();
    this.outcome = outcome;
    return outcome.ok ? savedNotice(outcome) : undefined;
  }

  #reset(record: R | undefined): void {
    this.#base = record;
    this.fields = this.#toFields(record);
    this.#saved = JSON.stringify(this.fields);
  }
}

/** The top-level keys whose values differ between two records (either may be absent). */
export function changedKeys(a: unknown, b: unknown): string[] {
  const ra = (a ?? {}) as Record<string, unknown>;
  const rb = (b ?? {}) as Record<string, unknown>;
  const keys = [...Object.keys(ra), ...Object.keys(rb).filter((k) => !(k in ra))];
  return keys.filter((k) => !sameValue(ra[k], rb[k]));
}

/**
 * Text in both languages from a form's two fields: each falls back to the other (a record entered in
 * one language reads in both), and both empty is none.
 */
export function bilingual(zh: string, en: string): Localized | undefined {
  const z = zh.trim();
  const e = en.trim();
  return z || e ? { zh: z || e, en: e || z } : undefined;
}
