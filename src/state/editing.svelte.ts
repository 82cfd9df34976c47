/**
 * Editing: edits (each one an undoable step) shown at once and stored behind by the working copy
 * (`AtlasState`), undo and redo, and what the buttons show. The history lives in IndexedDB and is
 * followed by a live query on that table alone, so it survives a reload and two tabs share it; an edit
 * made on data another tab has changed meanwhile is refused, never merged blindly.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { EditResult } from '../model/edits';
import type { ValidationIssue } from '../model/issues';
import type { Localized } from '../model/types';
import { ConflictError, historyState, type HistoryState } from '../store/editRepository';
import type { Subscription } from '../store/db';
import { describeStorageError } from '../store/storageError';
import type { AtlasState } from './atlas.svelte';

/** Why an edit was not stored. */
export type EditFailure =
  | { readonly kind: 'invalid'; readonly issues: readonly ValidationIssue[] }
  | { readonly kind: 'conflict' | 'quota' | 'blocked' | 'unknown'; readonly detail: string }
  /** A record it touches was changed by another planner through team sync (`at`: ISO time). */
  | { readonly kind: 'remote'; readonly detail: string; readonly by: string; readonly at: string };

export type EditOutcome =
  | {
      readonly ok: true;
      readonly label: Localized;
      /** False when the edit found nothing to change (the form was saved as it was): nothing was stored. */
      readonly changed: boolean;
    }
  | { readonly ok: false; readonly failure: EditFailure };

const EMPTY: HistoryState = { canUndo: false, canRedo: false, count: 0 };

export class EditingState {
  history = $state.raw<HistoryState>(EMPTY);
  readonly #atlas: AtlasState;
  #subscription: Subscription | undefined;
  #following = false;
  /** Open forms holding typed changes not yet saved, by form. */
  readonly #unsaved = new SvelteSet<string>();

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
  }

  /** Whether some open form holds changes not yet saved (leaving the page would lose them). */
  get hasUnsaved(): boolean {
    return this.#unsaved.size > 0;
  }

  /**
   * A form says whether it holds unsaved changes; a form that closes says false. Returns the cleanup
   * for the form's effect.
   */
  trackUnsaved(formId: string, unsaved: boolean): () => void {
    if (unsaved) this.#unsaved.add(formId);
    else this.#unsaved.delete(formId);
    return () => this.#unsaved.delete(formId);
  }

  /** Starts following the history (once the chain is drawn: the store's code loads then). */
  async follow(): Promise<void> {
    if (this.#following) return;
    this.#following = true;
    const [db, { liveQuery }] = await Promise.all([this.#atlas.database(), import('../store/db')]);
    this.#subscription = liveQuery(() => historyState(db)).subscribe({ next: (h) => (this.history = h) });
  }

  stop(): void {
    this.#subscription?.unsubscribe();
  }

  /**
   * Applies the edit an operation made: shown at once, stored behind. Resolves once it is stored, or
   * says why not (the edit is then taken back off the screen).
   */
  async commit(result: EditResult): Promise<EditOutcome> {
    if (!result.ok) return { ok: false, failure: { kind: 'invalid', issues: result.issues } };
    try {
      await this.#atlas.apply(result.edit);
      return { ok: true, label: result.edit.label, changed: result.edit.changes.length > 0 };
    } catch (e) {
      return { ok: false, failure: failureOf(e) };
    }
  }

  async undo(): Promise<EditOutcome | undefined> {
    return this.#move('undo');
  }

  async redo(): Promise<EditOutcome | undefined> {
    return this.#move('redo');
  }

  async #move(direction: 'undo' | 'redo'): Promise<EditOutcome | undefined> {
    // The history shown follows the store through a live query and may lag a step just stored (an
    // Undo pressed right after a Redo). Undo means "the last step": decide on the history as stored
    // once the writes already asked for are done.
    await this.#atlas.settled();
    const db = this.#atlas.db;
    const h = db ? await historyState(db).catch(() => this.history) : this.history;
    if (!(direction === 'undo' ? h.canUndo : h.canRedo)) return undefined;
    try {
      const step = await (direction === 'undo' ? this.#atlas.undo(h.undoId) : this.#atlas.redo(h.redoId));
      return step ? { ok: true, label: step.label, changed: true } : undefined;
    } catch (e) {
      return { ok: false, failure: failureOf(e) };
    }
  }
}

function failureOf(e: unknown): EditFailure {
  if (e instanceof ConflictError) {
    if (e.changedBy) return { kind: 'remote', detail: e.message, ...e.changedBy };
    return e.issues.length ? { kind: 'invalid', issues: e.issues } : { kind: 'conflict', detail: e.message };
  }
  const info = describeStorageError(e);
  return { kind: info.code, detail: info.message };
}
