/**
 * A keyword trie: finds the longest of many words starting at a place in the text in time bounded by
 * the longest word, so scanning a text for thousands of names stays linear in the text.
 */
import { isDigit, isLetter } from './text';

interface Node<T> {
  readonly next: Map<string, Node<T>>;
  values?: T[];
}

const alnum = (c: string | undefined) => isLetter(c) || isDigit(c);

/** Whether `word` may be found in `text` at [i, i + word.length): Latin words and numbers stand alone; a plural s or es is allowed. */
export function boundaryEnd(text: string, i: number, word: string): number | undefined {
  const first = word[0];
  const last = word[word.length - 1];
  if (alnum(first) && alnum(text[i - 1])) return undefined;
  let end = i + word.length;
  if (isLetter(last)) {
    if (text[end] === 's' && !alnum(text[end + 1])) end++;
    else if (text[end] === 'e' && text[end + 1] === 's' && !alnum(text[end + 2])) end += 2;
  }
  if (alnum(last) && alnum(text[end])) return undefined;
  return end;
}

export class KeywordTrie<T> {
  readonly #root: Node<T> = { next: new Map() };

  add(word: string, value: T): void {
    let node = this.#root;
    for (const c of word) {
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map() };
        node.next.set(c, child);
      }
      node = child;
    }
    (node.values ??= []).push(value);
  }

  /**
   * The longest word at `i` of `text` (scanning no further than `limit`) that stands on its own, with
   * where its match ends (past a plural ending) and its values.
   */
  longest(
    text: string,
    i: number,
    limit = text.length,
  ): { word: string; end: number; values: readonly T[] } | undefined {
    let node = this.#root;
    let best: { word: string; end: number; values: readonly T[] } | undefined;
    for (let j = i; j < limit; j++) {
      const child = node.next.get(text[j]!);
      if (!child) break;
      node = child;
      if (node.values) {
        const word = text.slice(i, j + 1);
        const end = boundaryEnd(text, i, word);
        if (end !== undefined && end <= limit) best = { word, end, values: node.values };
      }
    }
    return best;
  }
}
