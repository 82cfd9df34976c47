/**
 * Firms of the data shown: the index of firms and relations (made when first read, again after the
 * data changes) and the firm search. The search index is built off the first draw: at the first firm
 * search, names and credit codes at once, pinyin in slices between frames so typing stays smooth.
 */
import { indexFirms, type FirmIndex } from '../model/firms';
import {
  buildFirmSearchIndex,
  searchFirms,
  type FirmSearchEntry,
  type FirmSearchHit,
  type FirmSearchInput,
  type PinyinConverter,
} from '../model/search';
import type { Dataset } from '../model/types';

/** Firms given pinyin per slice of the background build. */
const SLICE = 1500;

export class FirmsState {
  readonly #dataset: () => Dataset | undefined;
  /** The firm index of the data shown; made only when something reads it. */
  readonly index: FirmIndex | undefined = $derived.by(() => {
    const dataset = this.#dataset();
    return dataset ? indexFirms(dataset) : undefined;
  });
  #search = $state.raw<{ of: FirmIndex; entries: readonly FirmSearchEntry[]; pinyin: boolean } | undefined>(undefined);
  #building: FirmIndex | undefined;

  constructor(dataset: () => Dataset | undefined) {
    this.#dataset = dataset;
  }

  /** Starts building the search index of the current firms (once per change of the data). */
  prepareSearch(): void {
    const index = this.index;
    if (!index || this.#building === index || this.#search?.of === index) return;
    this.#building = index;
    const inputs: FirmSearchInput[] = [...index.firms.values()].map((f) => ({
      key: f.key,
      name: f.firm.name,
      aliases: f.firm.aliases,
      creditCode: f.firm.creditCode,
    }));
    this.#search = { of: index, entries: buildFirmSearchIndex(inputs), pinyin: false };
    void import('pinyin-pro').then(async ({ pinyin }) => {
      const convert: PinyinConverter = (text) => pinyin(text, { toneType: 'none', type: 'array' });
      const entries: FirmSearchEntry[] = [];
      for (let i = 0; i < inputs.length; i += SLICE) {
        if (this.#building !== index) return;
        entries.push(...buildFirmSearchIndex(inputs.slice(i, i + SLICE), convert));
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (this.#building === index) this.#search = { of: index, entries, pinyin: true };
    });
  }

  /** Whether pinyin search of firms is ready (names and codes are found before it is). */
  get pinyinReady(): boolean {
    return this.#search?.pinyin === true && this.#search.of === this.index;
  }

  /** Firms matching `query`, best first. */
  find(query: string, limit = 6): FirmSearchHit[] {
    const search = this.#search;
    if (!search || search.of !== this.index) return [];
    return searchFirms(search.entries, query, limit);
  }
}
