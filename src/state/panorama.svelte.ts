/**
 * The panorama's layout: positions from the store when this chain structure was laid out before (so
 * the chain stands where it stood), otherwise from the ELK worker; and the user's own arrangement,
 * dragged and then saved or discarded.
 */
import { digestText } from '../model/digest';
import { layoutKey, type LayoutInput, type Positions } from '../graph/layout';
import { layoutInWorker } from '../graph/layoutClient';
import { fittingLayout } from '../graph/shippedLayout';
import shippedLayouts from 'virtual:shipped-layouts';
import type { ChainAtlasDB } from '../store/db';
import { deleteLayout, getLayout, putLayout } from '../store/layoutRepository';

export class PanoramaState {
  /** Where the links stand, once known. */
  positions = $state.raw<Positions | undefined>(undefined);
  /** Bumped when positions must be applied again although unchanged (after a discard). */
  revision = $state(0);
  /** The stored layout is the user's own arrangement. */
  custom = $state(false);
  /** The user has moved links since the layout was last saved. */
  dirty = $state(false);
  error = $state('');
  #key = '';
  #moved: Positions | undefined;
  readonly #db: () => ChainAtlasDB | undefined;

  constructor(db: () => ChainAtlasDB | undefined) {
    this.#db = db;
  }

  /** Makes sure positions exist for this layout input: stored ones if any, else a fresh layout. */
  async ensure(input: LayoutInput): Promise<void> {
    const key = digestText(layoutKey(input));
    if (key === this.#key) return;
    this.#key = key;
    this.dirty = false;
    this.error = '';
    try {
      const db = this.#db();
      const stored = db ? await getLayout(db, key) : undefined;
      if (key !== this.#key) return;
      if (stored && input.links.every((l) => stored.positions[l.id])) {
        this.custom = stored.custom;
        this.positions = stored.positions;
        return;
      }
      // The shipped chain as the build laid it out, when this browser's labels fit it: no ELK to load.
      const shipped = fittingLayout(input, shippedLayouts);
      if (shipped) {
        this.custom = false;
        this.positions = shipped;
        return;
      }
      const positions = await layoutInWorker(input);
      if (key !== this.#key) return;
      this.custom = false;
      this.positions = positions;
      if (db) await putLayout(db, key, positions, false);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** The user dragged links. */
  moved(positions: Positions): void {
    this.#moved = positions;
    this.dirty = true;
  }

  /** Keeps the user's arrangement for the next visits. */
  async save(): Promise<void> {
    const db = this.#db();
    if (!db || !this.#moved) return;
    await putLayout(db, this.#key, this.#moved, true);
    this.positions = this.#moved;
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
    const db = this.#db();
    if (db) await deleteLayout(db, this.#key);
    this.#key = '';
    this.custom = false;
    await this.ensure(input);
    this.revision++;
  }
}
