/**
 * Saved views and briefings, and presenting them: which slide is up, whether the screen is blanked,
 * and the speaker-notes window kept in step over a BroadcastChannel (same origin, same machine).
 */
import type { Briefing, SavedView, ScenarioChange, ViewBox } from '../model/types';
import type { ChainAtlasDB } from '../store/db';
import * as views from '../store/viewRepository';
import type { AtlasState } from './atlas.svelte';
import { locale } from './locale.svelte';
import { parseRoute } from './route';
import type { Router } from './router.svelte';
import { freshId } from '../model/ids';

/** What the speaker-notes window (or its keyboard, or a remote plugged into it) asks the presenter to do. */
export type PresenterCommand = 'next' | 'prev' | 'first' | 'last' | 'blank';

/**
 * The presenter's keys, as a keyboard or a presentation remote sends them (arrows, PageUp/PageDown, B or
 * "."), for the presenting window and the notes window alike. Escape (ending) is the presenter's own.
 */
export const PRESENTER_KEYS: Readonly<Record<string, PresenterCommand>> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  ArrowLeft: 'prev',
  ArrowUp: 'prev',
  PageUp: 'prev',
  Home: 'first',
  End: 'last',
  b: 'blank',
  B: 'blank',
  '.': 'blank',
};

/** The presenter command a key press asks for, unless a modifier is held or the user is typing. */
export function presenterKey(event: KeyboardEvent): PresenterCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if ((event.target as HTMLElement | null)?.closest?.('input, textarea, select')) return undefined;
  return PRESENTER_KEYS[event.key];
}

/** What the presenter and the notes window tell each other. */
export type PresenterMessage =
  | { readonly type: 'slide'; readonly briefingId: string; readonly index: number; readonly blank: boolean }
  | { readonly type: 'ended' }
  | { readonly type: 'command'; readonly command: PresenterCommand | 'hello' };

export const PRESENTER_CHANNEL = 'chainatlas-presenter';

/** A request to move the camera; a new object each time. */
export interface CameraRequest {
  readonly box: ViewBox | undefined;
  readonly duration: number;
}

/** What a saved view needs of the gap view's what-if. */
export interface WhatIfHolder {
  readonly changes: readonly ScenarioChange[];
  show(changes: readonly ScenarioChange[]): void;
}

export class BriefingState {
  /** The briefing being presented and the slide shown, or null. */
  presenting = $state.raw<{ readonly briefingId: string; readonly index: number } | null>(null);
  blank = $state(false);
  /** Where the camera should go next (applied by the canvas once the chain is drawn). */
  camera = $state.raw<CameraRequest | null>(null);
  readonly #atlas: AtlasState;
  readonly #router: Router;
  readonly #whatIf: WhatIfHolder | undefined;
  #channel: BroadcastChannel | undefined;

  /**
   * @param whatIf the gap view's what-if: what a saved view records of it, and how showing a view puts
   *   its own back (a view saved without one shows the stored data).
   */
  constructor(atlas: AtlasState, router: Router, whatIf?: WhatIfHolder) {
    this.#atlas = atlas;
    this.#router = router;
    this.#whatIf = whatIf;
  }

  get views(): readonly SavedView[] {
    return this.#atlas.dataset?.views ?? [];
  }

  get briefings(): readonly Briefing[] {
    return this.#atlas.dataset?.briefings ?? [];
  }

  /** The views of a briefing, in its order (views deleted since are skipped). */
  slides(briefing: Briefing | undefined): SavedView[] {
    if (!briefing) return [];
    const byId = new Map(this.views.map((v) => [v.id, v]));
    return briefing.viewIds.map((id) => byId.get(id)).filter((v): v is SavedView => v !== undefined);
  }

  get current(): { briefing: Briefing; slides: SavedView[]; index: number } | undefined {
    const p = this.presenting;
    const briefing = p && this.briefings.find((b) => b.id === p.briefingId);
    return briefing ? { briefing, slides: this.slides(briefing), index: p.index } : undefined;
  }

  /** Writes views or briefings through the working copy, which reads them back and tells the other tabs. */
  #write(task: (db: ChainAtlasDB) => Promise<void>): Promise<void> {
    return this.#atlas.write('views', task);
  }

  /** Saves what is on screen as a view. */
  async saveView(title: string, notes: string, box: ViewBox | undefined): Promise<SavedView> {
    const view: SavedView = {
      id: freshId('view'),
      title: title.trim(),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      route: location.hash || '#/',
      lang: locale.lang,
      ...(box ? { box } : {}),
      ...(this.#router.route.view === 'gaps' && this.#whatIf?.changes.length ? { whatIf: this.#whatIf.changes } : {}),
      createdAt: new Date().toISOString(),
    };
    await this.#write((db) => views.addView(db, view));
    return view;
  }

  updateView(view: SavedView, change: { title?: string; notes?: string }): Promise<void> {
    const notes = (change.notes ?? view.notes ?? '').trim();
    const { notes: _old, ...rest } = view;
    return this.#write((db) =>
      views.putView(db, {
        ...rest,
        title: (change.title ?? view.title).trim() || view.title,
        ...(notes ? { notes } : {}),
      }),
    );
  }

  deleteView(view: SavedView): Promise<void> {
    return this.#write((db) => views.deleteView(db, view.id));
  }

  moveView(view: SavedView, by: -1 | 1): Promise<void> {
    return this.#write((db) => views.moveView(db, view.id, by));
  }

  async createBriefing(title: string, viewIds: readonly string[]): Promise<Briefing> {
    const briefing: Briefing = {
      id: freshId('briefing'),
      title: title.trim(),
      viewIds,
      createdAt: new Date().toISOString(),
    };
    await this.#write((db) => views.putBriefing(db, briefing));
    return briefing;
  }

  updateBriefing(briefing: Briefing, change: { title?: string; viewIds?: readonly string[] }): Promise<void> {
    return this.#write((db) =>
      views.putBriefing(db, {
        ...briefing,
        title: (change.title ?? briefing.title).trim() || briefing.title,
        viewIds: change.viewIds ?? briefing.viewIds,
      }),
    );
  }

  deleteBriefing(briefing: Briefing): Promise<void> {
    return this.#write((db) => views.deleteBriefing(db, briefing.id));
  }

  /** Shows a saved view: its route, its language, then its part of the chain. */
  show(view: SavedView, duration = 700): void {
    if (view.lang && view.lang !== locale.lang) void locale.set(view.lang);
    // A saved view shows what was saved: the region and date it names, or the first region as it stands.
    this.#router.go({ region: undefined, at: undefined, ...parseRoute(view.route) });
    this.#whatIf?.show(view.whatIf ?? []);
    this.camera = { box: view.box, duration };
  }

  /** Starts presenting a briefing, full screen where the browser allows. */
  async start(briefing: Briefing, index = 0): Promise<void> {
    if (this.slides(briefing).length === 0) return;
    this.presenting = { briefingId: briefing.id, index: 0 };
    this.blank = false;
    this.#listen();
    try {
      if (!document.fullscreenElement) await document.documentElement.requestFullscreen?.();
    } catch {
      // Full screen needs a user gesture and may be refused; presenting works in the window too.
    }
    this.go(index);
  }

  go(index: number): void {
    const c = this.current;
    if (!c) return;
    const i = Math.max(0, Math.min(c.slides.length - 1, index));
    this.presenting = { briefingId: c.briefing.id, index: i };
    this.blank = false;
    this.show(c.slides[i]!, 900);
    this.#announce();
  }

  /** The next slide; on a blanked screen, the same slide back first (as slide software does). */
  next(): void {
    if (this.#unblank()) return;
    if (this.current) this.go(this.current.index + 1);
  }

  prev(): void {
    if (this.#unblank()) return;
    if (this.current) this.go(this.current.index - 1);
  }

  #unblank(): boolean {
    if (!this.blank) return false;
    this.blank = false;
    this.#announce();
    return true;
  }

  /** Does what a key, a remote or the notes window asks. */
  command(c: PresenterCommand): void {
    if (c === 'next') this.next();
    else if (c === 'prev') this.prev();
    else if (c === 'first') this.go(0);
    else if (c === 'last')
      this.go(Number.MAX_SAFE_INTEGER); // go() stops at the last slide
    else this.toggleBlank();
  }

  toggleBlank(): void {
    this.blank = !this.blank;
    this.#announce();
  }

  stop(): void {
    this.presenting = null;
    this.blank = false;
    this.#channel?.postMessage({ type: 'ended' } satisfies PresenterMessage);
    if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
  }

  /** Opens the speaker notes in a second window, which follows the slides. */
  openNotes(): void {
    const c = this.current;
    if (!c) return;
    window.open(
      `${location.pathname}${location.search}#/notes/${encodeURIComponent(c.briefing.id)}`,
      'chainatlas-notes',
      'popup,width=720,height=520',
    );
  }

  #announce(): void {
    const p = this.presenting;
    if (p)
      this.#channel?.postMessage({
        type: 'slide',
        briefingId: p.briefingId,
        index: p.index,
        blank: this.blank,
      } satisfies PresenterMessage);
  }

  #listen(): void {
    if (this.#channel || typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(PRESENTER_CHANNEL);
    this.#channel.onmessage = (event: MessageEvent<PresenterMessage>) => {
      const m = event.data;
      if (m.type !== 'command' || !this.presenting) return;
      if (m.command === 'hello') this.#announce();
      else this.command(m.command);
    };
  }
}
