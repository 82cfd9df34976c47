/**
 * The app's data state: the database, the dataset it holds (kept current by a live query, so another
 * tab's edits show up here too) and the region being viewed.
 */
import { liveQuery, type Subscription } from 'dexie';
import { chainOf, reuseUnchanged } from '../model/dataset';
import { indexChain } from '../model/graph';
import type { Dataset, Region } from '../model/types';
import { ChainAtlasDB } from '../store/db';
import { readDataset } from '../store/datasetRepository';
import { ensureSeeded, loadShippedDataset, resetToShipped, type ShippedLoader } from '../store/seed';

export type Phase = 'loading' | 'ready' | 'error';

export class AtlasState {
  phase = $state<Phase>('loading');
  error = $state<string>('');
  /** The whole stored dataset; replaced, never mutated in place. */
  dataset = $state.raw<Dataset | undefined>(undefined);
  regionId = $state<string | undefined>(undefined);

  readonly region: Region | undefined = $derived(
    this.dataset?.regions.find((r) => r.id === this.regionId) ?? this.dataset?.regions[0],
  );
  readonly chain = $derived(this.dataset && this.region ? chainOf(this.dataset, this.region) : this.dataset?.chains[0]);
  readonly index = $derived(this.chain ? indexChain(this.chain) : undefined);

  #db: ChainAtlasDB | undefined;
  #subscription: Subscription | undefined;
  readonly #loadShipped: ShippedLoader;

  constructor(loadShipped: ShippedLoader = loadShippedDataset) {
    this.#loadShipped = loadShipped;
  }

  /** Opens the database, seeds it on first start, and follows its contents from then on. */
  async start(dbName?: string): Promise<void> {
    try {
      this.#db = new ChainAtlasDB(dbName);
      await ensureSeeded(this.#db, this.#loadShipped);
      const db = this.#db;
      await new Promise<void>((resolve, reject) => {
        this.#subscription = liveQuery(() => readDataset(db)).subscribe({
          next: (dataset) => {
            this.dataset = dataset && reuseUnchanged(this.dataset, dataset);
            this.phase = 'ready';
            resolve();
          },
          error: (e: unknown) => {
            this.fail(e);
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        });
      });
    } catch (e) {
      this.fail(e);
    }
  }

  /** Replaces all stored data with the shipped data. The caller has asked the user. */
  async reset(): Promise<void> {
    if (!this.#db) return;
    await resetToShipped(this.#db, this.#loadShipped);
  }

  /** The database, once started (for the layout and view repositories). */
  get db(): ChainAtlasDB | undefined {
    return this.#db;
  }

  fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
    this.phase = 'error';
  }

  stop(): void {
    this.#subscription?.unsubscribe();
    this.#db?.close();
  }
}
