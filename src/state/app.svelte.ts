/**
 * The app, made once: every state object the views read (the working copy, the chain view, gaps,
 * briefings, import, editing, sync, firms, notices), wired to each other here and nowhere else, and
 * what more than one view derives from them (the region as a what-if leaves it, the chain's
 * elements, the gap rows). `App.svelte` makes it and puts it in the Svelte context; each view takes
 * it with `useApp()` instead of a dozen props and callbacks.
 */
import { createContext, tick, untrack } from 'svelte';
import { buildChainElements } from '../graph/elements';
import { toLayoutInput } from '../graph/layout';
import type { GraphSnapshot } from '../graph/chainGraph';
import { canvasTextMeasurer } from '../graph/renderer';
import { GRAPH_FONT } from '../graph/style';
import { regionSources, statesByLink } from '../model/dataset';
import { linkDetails } from '../model/details';
import { changesBetween } from '../model/timeline';
import type { LinkStatus, ViewBox } from '../model/types';
import type { SyncState } from '../sync/sync.svelte';
import { failureText } from './failureText';
import type { GapRow } from './gapRows';
import { AtlasState } from './atlas.svelte';
import { BriefingState } from './briefing.svelte';
import { ChainViewState } from './chainView.svelte';
import { EditingState } from './editing.svelte';
import { FirmsState } from './firms.svelte';
import { GapsState } from './gaps.svelte';
import type { ImporterState } from './importer.svelte';
import { locale } from './locale.svelte';
import { NoticeState } from './notice.svelte';
import { PanoramaState } from './panorama.svelte';
import { lastLayoutKey, readPref, writePref } from './prefs';
import { formatRoute, type Route } from './route';
import { router } from './router.svelte';
import { SafetyState } from './safety.svelte';
import { SearchState } from './search.svelte';

/** What the views ask of the drawn chain (the canvas component registers itself here). */
export interface CanvasHandle {
  zoomBy(factor: number): void;
  fit(): void;
  viewBox(): ViewBox | undefined;
  pngBlob(scale: number): Promise<Blob> | undefined;
  snapshot(): GraphSnapshot | undefined;
}

const OUTLINE_KEY = 'chainatlas.outline';

/** The dialogs the app can open, each by a flag (mounted in one place: `ui/common/Dialogs.svelte`). */
export class DialogFlags {
  sync = $state(false);
  addRegion = $state(false);
  editRegion = $state(false);
  saveView = $state(false);
  readSource = $state(false);
  confirmReset = $state(false);
  /** Whether a reset goes to the team (asked while sync is on; see `ui/sync/ResetShare.svelte`). */
  readonly resetShare = $state({ send: false });
}

export class AppState {
  readonly atlas: AtlasState;
  /** Team sync, after the first draw (a chunk of its own): see `loadSync`. */
  sync = $state.raw<SyncState | undefined>();
  #sync: Promise<SyncState> | undefined;
  readonly view: ChainViewState;
  readonly search: SearchState;
  readonly firms: FirmsState;
  readonly panorama: PanoramaState;
  readonly gaps: GapsState;
  readonly briefing: BriefingState;
  /** The import, from its first use (a chunk of its own, with the validators): see `loadImporter`. */
  importer = $state.raw<ImporterState | undefined>();
  #importer: Promise<ImporterState> | undefined;
  readonly editing: EditingState;
  readonly safety: SafetyState;
  readonly notices = new NoticeState();
  readonly dialogs = new DialogFlags();
  /** Measures label text as the canvas draws it (for node sizes, the SVG and the poster). */
  readonly measure = canvasTextMeasurer(GRAPH_FONT);

  /** A new link is being entered in the side panel. */
  addingLink = $state(false);
  /** The link being edited (null: none): the editor stays on it until editing ends. */
  editedId = $state<string | null>(null);
  /** The drawn chain, once there (set by the chain view). */
  canvas = $state.raw<CanvasHandle | undefined>();
  /** The details panel, when open (set by it through `showDetailsPanel`): search moves the keyboard
   * focus to its heading. */
  detailsPanel = $state.raw<{ focusHeading(): void } | undefined>();
  /** A search asked for the focus before the panel's part had loaded: it takes it once shown. */
  #focusDetailsWhenShown = false;
  /** The outline of the chain is shown beside it (remembered on this device). */
  outlineOpen = $state(readPref(OUTLINE_KEY) !== 'closed');

  /** The view the address names. */
  readonly routeView = $derived(router.route.view);
  readonly inGaps = $derived(this.routeView === 'gaps');
  /** The details panel is wider in presenting's large type. */
  readonly detailsWidth = $derived.by(() => (this.briefing.presenting ? 480 : 360));

  /** The region the graph shows: in the gap view, as a what-if scenario would leave it. */
  declare readonly shownRegion: AtlasState['region'];
  /** How many what-if changes are in effect (0: the stored data is shown). */
  declare readonly whatIfCount: number;
  declare readonly shownAnalysis: GapsState['analysis'];
  declare readonly elements: ReturnType<typeof buildChainElements> | undefined;
  /** The gap list's rows, once their module is there (see `loadGapRows`); empty before. */
  declare readonly rows: GapRow[];
  declare readonly layoutInput: ReturnType<typeof toLayoutInput> | undefined;
  declare readonly sources: ReturnType<typeof regionSources>;
  declare readonly details: ReturnType<typeof linkDetails> | undefined;
  /** How many links of each status the chain shows (the legend, the exports). */
  declare readonly statusCounts: Record<string, number>;
  /** With `?since=`: the links whose status or projects changed between then and the date shown. */
  declare readonly changedSince: Set<string> | undefined;

  readonly #firstDraw: () => Promise<void>;

  constructor(firstDraw: () => Promise<void>) {
    this.#firstDraw = firstDraw;
    const atlas = new AtlasState(undefined, firstDraw);
    this.atlas = atlas;
    // The region as shown: a what-if in the gap view changes the legend and filters too.
    this.view = new ChainViewState(atlas, router, () => this.shownRegion);
    this.search = new SearchState(atlas);
    this.firms = new FirmsState(() => atlas.shown ?? atlas.dataset);
    this.panorama = new PanoramaState(
      () => atlas.database(),
      () => atlas.firstVisit,
      firstDraw,
    );
    this.gaps = new GapsState(atlas);
    this.briefing = new BriefingState(atlas, router, this.gaps);
    this.editing = new EditingState(atlas);
    this.safety = new SafetyState(atlas);

    this.shownRegion = $derived(this.inGaps ? (this.gaps.whatIfRegion ?? atlas.region) : atlas.region);
    this.whatIfCount = $derived(this.gaps.whatIfRegion ? this.gaps.changes.length : 0);
    this.shownAnalysis = $derived(this.inGaps ? (this.gaps.whatIf ?? this.gaps.analysis) : this.gaps.analysis);
    this.elements = $derived(
      atlas.index ? buildChainElements(atlas.index, this.shownRegion, locale.lang, this.measure) : undefined,
    );
    this.rows = $derived(
      this.#gapRows && this.shownAnalysis && atlas.index && atlas.shown
        ? this.#gapRows.gapRows(this.shownAnalysis, atlas.index, this.shownRegion, atlas.shown, locale.lang)
        : [],
    );
    // The gap view needs the rows at once; the exports (from any view) soon after the first draw.
    $effect(() => {
      if (this.inGaps) this.loadGapRows().catch(() => undefined);
    });
    void firstDraw().then(() => this.loadGapRows().catch(() => undefined));
    this.layoutInput = $derived(
      this.elements && atlas.chain ? toLayoutInput(this.elements, atlas.chain.subChains) : undefined,
    );
    this.sources = $derived(atlas.region ? regionSources(atlas.sources, atlas.region) : []);
    this.details = $derived(
      atlas.index && this.view.selectedId
        ? linkDetails(atlas.index, this.shownRegion, this.view.selectedId, { loops: this.view.loops })
        : undefined,
    );
    this.statusCounts = $derived.by(() => {
      const counts: Record<string, number> = {};
      for (const s of this.view.statuses.values()) counts[s] = (counts[s] ?? 0) + 1;
      return counts;
    });

    this.changedSince = $derived.by(() => {
      const since = router.route.since;
      if (!since || !atlas.dataset || !atlas.storedRegion) return undefined;
      const until = router.route.at ?? '9999';
      const region = atlas.storedRegion;
      const ids = changesBetween(atlas.dataset, region.id, since, until).flatMap((c) =>
        c.kind === 'status'
          ? [c.linkId]
          : c.kind === 'project'
            ? (region.projects.find((p) => p.id === c.projectId)?.linkIds ?? [])
            : [],
      );
      return new Set(ids);
    });

    // The region and the date shown come from the address.
    $effect.pre(() => {
      atlas.regionId = router.route.region;
      atlas.at = router.route.at;
    });
    // The undo history and the backup state are not part of the first draw (and on a first visit the
    // database is made only after it): followed once the chain is drawn.
    $effect(() => {
      if (atlas.phase !== 'ready') return;
      void firstDraw().then(() => {
        void this.editing.follow();
        void this.safety.follow();
      });
    });
    // Editing ends when the selection moves on; with typed changes not yet saved, only if the user says
    // so (else the selection goes back to the link being edited).
    $effect(() => {
      const id = this.view.selectedId;
      untrack(() => {
        if (this.editedId === null || id === this.editedId) return;
        if (this.editing.hasUnsaved && !confirm(locale.t('edit.leaveConfirm'))) {
          this.view.select(this.editedId);
          return;
        }
        this.editedId = null;
      });
    });
    $effect(() => writePref(OUTLINE_KEY, this.outlineOpen ? 'open' : 'closed'));
    this.#announceMissing();
    // Presenting uses a larger type everywhere (every size is in rem).
    $effect(() => {
      document.documentElement.classList.toggle('presenting', this.briefing.presenting !== null);
    });
  }

  /**
   * A link named in an address that the data lacks is announced; a link that was on screen and that
   * an import or edit has since removed is closed quietly, so the import's own notice stays readable.
   * A region named in the address that the data lacks is announced; the first region is shown instead.
   */
  #announceMissing(): void {
    let lastShown: string | null = null;
    $effect(() => {
      if (this.view.selectedId) lastShown = this.view.selectedId;
    });
    $effect(() => {
      const missing = this.view.missingId;
      // The dossier page says it in its own place.
      if (!missing || this.routeView === 'dossier') return;
      if (lastShown === missing) this.view.dropMissing();
      else this.notices.show(locale.t('route.unknownLink', { id: missing }));
    });
    $effect(() => {
      const asked = router.route.region;
      const { dataset } = this.atlas;
      if (!asked || !dataset || dataset.regions.some((r) => r.id === asked)) return;
      untrack(() => {
        this.notices.show(
          locale.t('route.unknownRegion', {
            id: asked.length > 40 ? `${asked.slice(0, 40)}…` : asked,
            region: this.atlas.region ? locale.name(this.atlas.region.name) : '',
          }),
        );
      });
    });
  }

  /** Opens the store, then the team sync if it was set up; asks for the last layout beside it; returns the cleanup. */
  start(): () => void {
    // Sync resumes once the data is there and the chain drawn: it is not part of the first draw.
    // The region asked for, before the address effect first runs: start-up reads its records first.
    this.atlas.regionId = router.route.region;
    void Promise.all([this.atlas.start(undefined, lastLayoutKey()), this.#firstDraw()]).then(() =>
      this.atlas.phase === 'ready' ? this.loadSync().then((sync) => sync.resume()) : undefined,
    );
    this.panorama.prefetch(this.atlas.startLayout);
    return () => this.atlas.stop();
  }

  /** The gap rows' module (a chunk of its own): loaded for the gap view, or after the first draw for
   * the exports. */
  #gapRows = $state.raw<typeof import('./gapRows') | undefined>();
  #gapRowsLoad: Promise<unknown> | undefined;

  /** Loads the gap rows' module once; rejects when its file cannot be loaded (the gap view says so). */
  loadGapRows(): Promise<unknown> {
    this.#gapRowsLoad ??= Promise.all([import('./gapRows'), locale.whole()]).then(([m]) => (this.#gapRows = m));
    return this.#gapRowsLoad;
  }

  /** Team sync's state, made once (its module loads after the first draw, or when a part needs it). */
  loadSync(): Promise<SyncState> {
    this.#sync ??= Promise.all([import('../sync/sync.svelte'), locale.whole()]).then(
      ([{ SyncState }]) => (this.sync = new SyncState(this.atlas)),
    );
    return this.#sync;
  }

  /** The import, made on first use: loads its chunk once (the Import button, a dropped file, the
   * import dialog after the first draw). */
  loadImporter(): Promise<ImporterState> {
    this.#importer ??= Promise.all([import('./importer.svelte'), locale.whole()]).then(
      ([{ ImporterState }]) => (this.importer = new ImporterState(this.atlas)),
    );
    return this.#importer;
  }

  /** A link's stored status when the what-if in effect changes its state (else undefined). */
  whatIfStored(linkId: string): LinkStatus | undefined {
    const { region } = this.atlas;
    const shown = this.shownRegion;
    if (shown === region || !region || !shown) return undefined;
    const stored = statesByLink(region).get(linkId);
    const now = statesByLink(shown).get(linkId);
    return stored === now ? undefined : (stored?.status ?? 'unknown');
  }

  /** The route of a firm's page (`key`: `<region id>/<enterprise id>`). */
  firmRoute(key: string): Route {
    const [regionId = '', enterpriseId = ''] = key.split('/');
    return { view: 'firm', firm: { regionId, enterpriseId }, filters: router.route.filters };
  }

  /** The address of a firm's page, in the region and at the date shown. */
  firmHref = (key: string): string =>
    formatRoute({ ...this.firmRoute(key), region: router.route.region, at: router.route.at });

  /** Selects a link picked in the search and moves the keyboard focus to its details. */
  async selectFromSearch(id: string): Promise<void> {
    this.view.select(id);
    await tick();
    if (this.detailsPanel) this.detailsPanel.focusHeading();
    else this.#focusDetailsWhenShown = true;
  }

  /** The details panel registers itself when shown (it is a part loaded after the first draw). */
  showDetailsPanel(panel: { focusHeading(): void } | undefined): void {
    this.detailsPanel = panel;
    if (!panel || !this.#focusDetailsWhenShown) return;
    this.#focusDetailsWhenShown = false;
    panel.focusHeading();
  }

  /** Closes the link's details; the keyboard focus goes back to where the link lives in the outline. */
  closeDetails(): void {
    const id = this.view.selectedId;
    const hadFocus = document.activeElement?.closest('[data-panel="details"]') !== null;
    this.view.select(null);
    if (hadFocus && id)
      void tick().then(() => document.querySelector<HTMLElement>(`nav button[data-link="${CSS.escape(id)}"]`)?.focus());
  }

  /** Undoes or redoes the last edit and says which, or why not. */
  async undoOrRedo(direction: 'undo' | 'redo'): Promise<void> {
    const outcome = await (direction === 'undo' ? this.editing.undo() : this.editing.redo());
    if (!outcome) return;
    this.notices.show(
      outcome.ok
        ? locale.t(direction === 'undo' ? 'edit.undone' : 'edit.redone', { label: locale.name(outcome.label) })
        : failureText(outcome.failure),
    );
  }

  /** Downloads a backup and says which file. */
  async backup(): Promise<void> {
    const file = await this.safety.downloadBackup();
    if (file) this.notices.show(locale.t('safety.backedUp', { file }));
  }

  /** Saves the view shown (with the canvas's frame) and says so. */
  async saveView(title: string, notes: string): Promise<void> {
    this.dialogs.saveView = false;
    await this.#report(async () => {
      const saved = await this.briefing.saveView(title, notes, this.canvas?.viewBox());
      return locale.t('views.saved', { title: saved.title });
    });
  }

  /** Resets the data to the shipped data and says so. */
  async reset(): Promise<void> {
    this.dialogs.confirmReset = false;
    await this.#report(async () => {
      const { RESET_LABEL, sharesWithTeam } = await import('../sync/share');
      await this.atlas.reset(sharesWithTeam('reset', this.dialogs.resetShare.send) ? RESET_LABEL : undefined);
      return locale.t('reset.done');
    });
  }

  async #report(task: () => Promise<string>): Promise<void> {
    try {
      this.notices.show(await task());
    } catch (e) {
      this.notices.show(locale.t('app.loadFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  }
}

const [getApp, setApp] = createContext<AppState>();

/** The app, for a component under `App.svelte`. */
export const useApp = getApp;
/** Puts the app in the context of the component tree (`App.svelte` only). */
export const provideApp = setApp;
