/**
 * The search index of the current chain. Pinyin comes from a dictionary loaded on first use (its own
 * chunk, from this origin); until it arrives, search works on names, ids and aliases.
 */
import { buildSearchIndex, searchLinks, type PinyinConverter, type SearchEntry, type SearchHit } from '../model/search';
import type { AtlasState } from './atlas.svelte';

export class SearchState {
  #converter = $state.raw<PinyinConverter | undefined>(undefined);
  #loading: Promise<void> | undefined;
  readonly #atlas: AtlasState;
  declare readonly index: readonly SearchEntry[];

  constructor(atlas: AtlasState) {
    this.#atlas = atlas;
    this.index = $derived(buildSearchIndex(this.#atlas.chain?.links ?? [], this.#converter));
  }

  /** Loads the pinyin dictionary (once). */
  preparePinyin(): Promise<void> {
    this.#loading ??= import('pinyin-pro').then(({ pinyin }) => {
      this.#converter = (text) => pinyin(text, { toneType: 'none', type: 'array' });
    });
    return this.#loading;
  }

  find(query: string, limit?: number): SearchHit[] {
    return searchLinks(this.index, query, limit);
  }
}
