/**
 * The shipped data, merged from the seed files and validated at build time, for the
 * `virtual:shipped-dataset` module that vite.config.ts serves (and for the build-time layouts,
 * build/shippedLayouts.ts). Loaded through Vite's module runner when the app is built, so the config
 * itself imports none of the app's code. The build fails when the shipped data does not validate, so
 * the app takes it as it is on a first visit rather than checking it then.
 */
import { readFileSync } from 'node:fs';
import { mergeDatasets } from '../src/model/dataset';
import type { Dataset } from '../src/model/types';
import { validateDataset } from '../src/model/validate';

/** The seed files merged in order and validated (the validator's own copy, as the app stores it). */
export function shippedDatasetOf(seedFiles: readonly string[]): Dataset {
  const parts = seedFiles.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Dataset);
  const checked = validateDataset(mergeDatasets(...parts));
  if (!checked.ok) {
    const errors = checked.issues.filter((i) => i.severity === 'error').map((i) => i.message);
    throw new Error(`the shipped data does not validate:\n${errors.join('\n')}`);
  }
  return checked.dataset;
}
