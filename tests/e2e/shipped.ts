/**
 * The shipped data, read from the repository as the app reads it, for tests to compare the screen
 * against the model (link names, closure sizes).
 */
import { readFileSync } from 'node:fs';
import { mergeDatasets } from '../../src/model/dataset';
import { indexChain, type ChainIndex } from '../../src/model/graph';
import type { Dataset } from '../../src/model/types';
import { validateDataset } from '../../src/model/validate';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../seeds/${file}`, import.meta.url), 'utf8'));

export function shippedDataset(): Dataset {
  const result = validateDataset(mergeDatasets(read('battery-chain.json'), read('jinchang.json'), read('hexi.json')));
  if (!result.ok) throw new Error('the shipped data does not validate');
  return result.dataset;
}

export function shippedIndex(): ChainIndex {
  return indexChain(shippedDataset().chains[0]!);
}

/** How many links the shipped chain has. */
export const SHIPPED_LINKS = shippedDataset().chains[0]!.links.length;

/** How many of Jinchang's links the shipped data gives a status. */
export function shippedStatusCount(status: string): number {
  return shippedDataset().regions[0]!.linkStates.filter((s) => s.status === status).length;
}
