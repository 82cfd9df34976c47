/**
 * The panorama's layout: positions from the store when this chain structure was laid out before (so
 * the chain stands where it stood), otherwise from the ELK worker; and the user's own arrangement,
 * dragged and then saved or discarded. On a first visit nothing is stored yet (the database is made
 * after the first draw): the first draw takes the shipped positions without asking the store, and
 * they are stored once the chain is drawn.
 */
import { digestText } from '../model/digest';
import { chainDrawn, markPhase, measurePhase } from '../graph/startPhases';
import { layoutKey, type LayoutInput, type Positions } from '../graph/layout';
import { layoutInWorker } from '../graph/layoutClient';
import { fittingLayout, type ShippedLayout } from '../graph/shippedLayout';
import type { ChainAtlasDB, LayoutRow } from '../store/db';
import { describeStorageError, type StorageErrorInfo } from '../store/storageError';
import { deleteLayout, getLayout, putLayout } from '../store/layoutRepository';
import { LAST_LAYOUT_KEY, lastLayoutKey, readPref, writePref } from './prefs';
import { load as loadLayouts } from 'virtual:shipped-layouts';

/** A layout that is shown but could not be stored: when saving the user's arrangement, or one computed. */
export interface LayoutStorageFailure {
  readonly saving: boolean;
  readonly code: StorageErrorInfo['code'];
}

/** A layout row asked for early, and once the store answered, the answer. */
interface EarlyRow {
  readonly key: string;
  readonly row: Promise<LayoutRow | undefined>;
  settled?: boolean;
  value?: LayoutRow | undefined;
}

/** The shipped layouts, once fetched: then taken at once, without a wait. */
let shippedLayouts: readonly ShippedLayout[] | undefined;
let shippedLoad: Promise<readonly ShippedLayout[]> | undefined;

function loadShippedLayouts(): Promise<readonly ShippedLayout[]> {
  shippedLoad ??= loadLayouts().then((layouts) => (shippedLayouts = layouts));
  // A failed load is tried again next time.
  shippedLoad.catch(() => (shippedLoad = undefined));
  return shippedLoad;
}

export class PanoramaState {
  /** Where the links stand, once known. */
  positions = $state.raw<Positions | undefined>(undefined);
  /** Bumped when positions must be applied again although unchanged (after a discard). */
  revision = $state(0);
  /** The stored layout is the user's own arrangement. */
  custom = $state(false);
  /** The user has moved links since the layout was last saved. */
  dirty = $state(false);
  /** Why no layout could be made (nothing is drawn). */
  error = $state('');
  /** The layout is shown, but storing it failed (a full disk, say): a storage problem, not a layout one. */
  storageFailure = $state.raw<LayoutStorageFailure | undefined>(undefined);
  #key = '';
  #moved: Positions | undefined;
  /** The layout last shown, asked for at start-up before its key can be worked out from the data. */
  #early: EarlyRow | undefined;
  readonly #db: () => Promise<ChainAtlasDB>;
  readonly #firstVisit: () => boolean;
  readonly #afterFirstDraw: () => Promise<unknown>;

  /**
   * @param db the database, loading its code when first asked (`AtlasState.database`)
   * @param firstVisit whether no database existed at start (`AtlasState.firstVisit`)
   * @param afterFirstDraw resolves once the chain is drawn: on a first visit, layouts are stored then
   */
  constructor(
    db: () => Promise<ChainAtlasDB>,
    firstVisit: () => boolean = () => false,
    afterFirstDraw: () => Promise<unknown> = async () => {},
  ) {
    this.#db = db;
    this.#firstVisit = firstVisit;
    this.#afterFirstDraw = afterFirstDraw;
  }

  /** Before the first draw of a first visit: nothing is stored, and the database is not made yet. */
  #unstored(): boolean {
    return this.#firstVisit() && !chainDrawn();
  }

  /**
   * Takes, at start-up, the layout shown last time (`lastLayoutKey`), read from the store beside the
   * data (`stored`, `AtlasState.startLayout`): the chain most likely has the same structure and
   * language, so its positions are there without a second wait for the store once the data is read
   * (`ensure` uses them only when the key matches). With none shown before (a first visit), the
   * shipped layouts are fetched instead.
   */
  prefetch(stored: Promise<LayoutRow | undefined> | undefined): void {
    const key = lastLayoutKey();
    if (!key) loadShippedLayouts().catch(() => undefined);
    if (!stored || !key || this.#key) return;
    const early: EarlyRow = { key, row: stored };
    early.row.then(
      (value) => Object.assign(early, { settled: true, value }),
      () => Object.assign(early, { settled: true, value: undefined }),
    );
    this.#early = early;
  }

  /**
   * Makes sure positions exist for this layout input: stored ones if any, else a fresh layout. When
   * the answer is already at hand (the row asked for by `prefetch`, or on a first visit the shipped
   * layouts), the positions are set before this returns, so the chain is drawn in the same turn as
   * its data rather than a frame later.
   */
  async ensure(input: LayoutInput): Promise<void> {
    const key = digestText(layoutKey(input));
    if (key === this.#key) return;
    this.#key = key;
    this.dirty = false;
    this.error = '';
    this.storageFailure = undefined;
    const unstored = this.#unstored();
    const early = this.#early?.key === key ? this.#early : undefined;
    this.#early = undefined;
    if (readPref(LAST_LAYOUT_KEY) !== key) writePref(LAST_LAYOUT_KEY, key);
    // A store that cannot be read (storage blocked) only means laying the chain out afresh.
    const stored = unstored
      ? undefined
      : early?.settled
        ? early.value
        : await measurePhase('stored-layout', async () => (early ? early.row : getLayout(await this.#db(), key))).catch(
            () => undefined,
          );
    if (key !== this.#key) return;
    if (stored && input.links.every((l) => stored.positions[l.id])) {
      this.custom = stored.custom;
      this.positions = stored.positions;
      markPhase('positions');
      return;
    }
    let positions: Positions;
    try {
      // The shipped chain as the build laid it out, when this browser's labels fit it: no ELK to load. A
      // file of its own, fetched only when the store has no layout (a first visit asks for it early:
      // `prefetch`); a later visit that finds its layout stored fetches and parses none of it.
      const layouts = shippedLayouts ?? (await measurePhase('shipped-layout', loadShippedLayouts));
      positions = fittingLayout(input, layouts) ?? (await measurePhase('worker-layout', () => layoutInWorker(input)));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return;
    }
    if (key !== this.#key) return;
    this.custom = false;
    this.positions = positions;
    markPhase('positions');
    // On a first visit, stored once the chain is drawn: writing now would make the database while
    // the first frame is being drawn.
    await this.#store(async () => putLayout(await this.#db(), key, positions, false), false, unstored);
  }

  /** Runs a layout write; a failure is noted as a storage problem (the layout on screen stays). */
  async #store(write: () => Promise<void>, saving: boolean, afterDraw = false): Promise<boolean> {
    try {
      if (afterDraw) await this.#afterFirstDraw();
      await write();
      if (this.storageFailure?.saving === saving) this.storageFailure = undefined;
      return true;
    } catch (e) {
      this.storageFailure = { saving, code: describeStorageError(e).code };
      return false;
    }
  }

  /** The user dragged links. */
  moved(positions: Positions): void {
    this.#moved = positions;
    this.dirty = true;
  }

  /** Keeps the user's arrangement for the next visits. */
  async save(): Promise<void> {
    const moved = this.#moved;
    if (!moved) return;
    // Not stored: the arrangement stays on screen, still marked as moved, to be saved again.
    if (!(await this.#store(async () => putLayout(await this.#db(), this.#key, moved, true), true))) return;
    this.positions = moved;
    this.custom = true;
    this.dirty = false;
  }

  /** Puts moved links back where they stood. */
  discard(): void {
    this.dirty = false;
    this.#moved = undefined;
    this.revision++;
  }

  /** Forgets the user's arrangement and lays the chain out afresh. */
  async relayout(input: LayoutInput): Promise<void> {
    // Not forgotten in the store: the arrangement stays, or it would come back on the next visit.
    if (!(await this.#store(async () => deleteLayout(await this.#db(), this.#key), true))) return;
    this.#key = '';
    this.custom = false;
    await this.ensure(input);
    this.revision++;
  }
}
