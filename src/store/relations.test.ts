/**
 * Supply relations in the store (schema v3): one row each under the buyer's region, read back in
 * order, and written, removed and restored by edits and undo like every other record.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { addRelation, removeEnterprise } from '../model/edits';
import { tinyFirmsDataset } from '../model/testing';
import { readDataset, replaceDataset } from './datasetRepository';
import { commitEdit, undo } from './editRepository';
import { editOf, openDb } from './testing';

it('stores relations and capacities, and edits and undo write their rows', async () => {
  const db = openDb();
  const data = tinyFirmsDataset();
  await replaceDataset(db, data);
  expect(await readDataset(db)).toEqual(data);
  expect(await db.relations.toArray()).toEqual([{ ...data.regions[0]!.relations![0], regionId: 'r1', seq: 0 }]);
  // Region rows do not carry the relations.
  expect((await db.regions.get('r1')) as object).not.toHaveProperty('relations');

  const rel = { ...data.regions[0]!.relations![0]!, id: 'rel2', supplier: { regionId: 'r2', enterpriseId: 'e3' } };
  await commitEdit(db, editOf(addRelation(data, rel)));
  expect((await readDataset(db))!.regions[0]!.relations!.map((r) => r.id)).toEqual(['rel1', 'rel2']);

  const stored = (await readDataset(db))!;
  const removal = removeEnterprise(stored, 'r2', 'e2');
  await commitEdit(db, editOf(removal));
  expect((await db.relations.toArray()).map((r) => r.id)).toEqual(['rel2']);
  await undo(db);
  expect(await readDataset(db)).toEqual(stored);
});
