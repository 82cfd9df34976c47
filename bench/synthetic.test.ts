import { expect, it } from 'vitest';
import { validateDataset } from '../src/model/validate';
import { loadShippedDataset } from '../src/store/seed';
import { syntheticDataset } from './synthetic';

// The benchmark stores and edits this data the way the app does, so it must be data the app accepts.
it('the benchmark data is a valid dataset of the size asked for', async () => {
  const data = syntheticDataset(await loadShippedDataset(), 1000);
  const checked = validateDataset(data);
  expect(checked.ok ? [] : checked.issues.filter((i) => i.severity === 'error').slice(0, 3)).toEqual([]);
  expect(data.chains[0]!.links.length).toBeGreaterThanOrEqual(1000);
});
