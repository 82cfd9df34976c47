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

/** Firms given pinyin per slice of the background build (four times as many without pinyin). */
const SLICE = 500;

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
    const next = () => new Promise((resolve) => setTimeout(resolve, 0));
    const build = async (convert?: PinyinConverter): Promise<FirmSearchEntry[] | undefined> => {
      const entries: FirmSearchEntry[] = [];
      const slice = convert ? SLICE : 4 * SLICE;
      for (let i = 0; i < inputs.length; i += slice) {
        if (this.#building !== index) return undefined;
        entries.push(...buildFirmSearchIndex(inputs.slice(i, i + slice), convert));
        await next();
      }
      return entries;
    };
    void (async () => {
      // Names and codes first (quick), then pinyin, each in slices between frames.
      const plain = await build();
      if (plain && this.#building === index) this.#search = { of: index, entries: plain, pinyin: false };
      const { pinyin } = await import('pinyin-pro');
      const withPinyin = await build((text) => pinyin(text, { toneType: 'none', type: 'array' }));
      if (withPinyin && this.#building === index) this.#search = { of: index, entries: withPinyin, pinyin: true };
    })();
  }

  /** Firms matching `query`, best first. */
  find(query: string, limit = 6): FirmSearchHit[] {
    const search = this.#search;
    if (!search || search.of !== this.index) return [];
    return searchFirms(search.entries, query, limit);
  }
}
