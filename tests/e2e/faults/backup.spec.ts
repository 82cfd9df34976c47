/**
 * Everything a user makes survives an import that would thin the store, and a backup and restore: the
 * chain data, an edit, a saved view and briefing, a saved what-if scenario and a saved arrangement of the chain. An import that would remove most of it asks first; its undo puts back exactly what was
 * there; a backup holds every kind, and restoring it gives back the store record for record.
 */
import { readFileSync } from 'node:fs';
import { putRow } from '../db';
import { expect, openApp, storedAll, test } from '../fixtures';
import { downloadBackup, fault, jsonFile, openImport, readStore } from './support';

const tiny = {
  name: 'tiny.json',
  buffer: readFileSync(new URL('../../fixtures/import/valid-tiny.json', import.meta.url)),
};

test('an import that would thin the store asks first and undoes exactly; a backup of every kind restores', async ({
  page,
  watch,
}) => {
  fault('import that would empty the store');
  fault('restore of a backup of every kind of data');
  test.setTimeout(120_000);
  await openApp(page, './?lang=en');
  // Saved work of every kind: a what-if scenario and an arrangement of the chain as the app stores
  // them, then a saved view, a briefing and an edit through the app.
  const at = '2025-05-01T08:00:00.000Z';
  await putRow(page, 'scenarios', {
    id: 's1',
    regionId: 'jinchang',
    name: 'Separator built',
    changes: [{ kind: 'link', linkId: 'separator', action: 'build' }],
    savedAt: at,
  });
  await putRow(page, 'layouts', {
    key: 'arranged',
    positions: { separator: { x: 10, y: 20 } },
    savedAt: at,
    custom: true,
  });
  await openApp(page, './?lang=en#/node/separator');
  await page.getByRole('button', { name: 'Save view' }).first().click();
  const saveView = page.getByRole('dialog', { name: 'Save this view' });
  await saveView.getByRole('textbox', { name: 'Title' }).fill('Separator');
  await saveView.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByText('View “Separator” saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Briefings' }).click();
  await page.getByRole('checkbox', { name: 'Choose Separator for a new briefing' }).check();
  await page.getByRole('textbox', { name: 'Name of a new briefing' }).fill('Board meeting');
  await page.getByRole('button', { name: 'Create briefing from 1 view' }).click();
  await expect(page.locator('[data-briefing] li')).toHaveCount(1);
  await page.goto('./?lang=en#/node/separator');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Status in the region' });
  await form.getByRole('textbox', { name: 'Note (English)' }).fill('Checked before the backup');
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await storedAll(page);
  const everything = await readStore(page);
  for (const kind of ['views', 'briefings', 'scenarios', 'layouts', 'linkStates', 'indicators', 'projects'])
    expect(everything[kind]!.length, kind).toBeGreaterThan(0);
  const backup = await downloadBackup(page);

  // A file with no chain at all is refused; one that replaces nearly everything asks first.
  const empty = await openImport(
    page,
    jsonFile('empty-store.json', { format: 2, sources: [], chains: [], regions: [] }),
  );
  await expect(empty.getByRole('alert')).toContainText('The file cannot be imported');
  await empty.getByRole('button', { name: 'Cancel' }).click();
  const thin = await openImport(page, tiny);
  await thin.getByRole('radio', { name: /^Replace/ }).check();
  await expect(thin).toContainText('most of your data');
  await expect(thin.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await thin.getByRole('checkbox', { name: /^Remove these \d+ records and import/ }).check();
  await thin.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported tiny.json.')).toBeVisible();
  await storedAll(page);
  expect((await readStore(page)).links).toHaveLength(3);

  // Undo puts back exactly what was there, saved work included.
  await page.getByRole('button', { name: /Undo$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone:' })).toBeVisible();
  await storedAll(page);
  expect(await readStore(page)).toEqual(everything);

  // Thinned again, then the backup restored: the same store, record for record.
  const again = await openImport(page, tiny);
  await again.getByRole('radio', { name: /^Replace/ }).check();
  await again.getByRole('checkbox', { name: /^Remove these \d+ records and import/ }).check();
  await again.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported tiny.json.')).toBeVisible();
  const restore = await openImport(page, backup);
  await restore.getByRole('radio', { name: /^Replace/ }).check();
  // Over the three-link file, the backup removes most of what is stored now: asked too.
  await restore.getByRole('checkbox', { name: /^Remove these \d+ records and import/ }).check();
  await restore.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(`Imported ${backup.name}.`)).toBeVisible();
  await storedAll(page);
  expect(await readStore(page)).toEqual(everything);
  void watch;
});
