/**
 * A browser killed in the middle of a write, then opened again: during an import, an edit, an undo and
 * a restore. The data must be all-old or all-new, with the undo history agreeing: all-old leaves the
 * history as it was, all-new is one step that undoes (or redoes) back to exactly the old data.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, openApp, storedAll, test } from '../fixtures';
import { shippedDataset } from '../shipped';
import {
  downloadBackup,
  expectWhole,
  fault,
  jsonFile,
  killAndReopen,
  openImport,
  readHistory,
  readStore,
  watchContext,
} from './support';

const snapshot = async (page: Page) => ({ store: await readStore(page), history: await readHistory(page) });
const outcome = (what: 'old' | 'new') => test.info().annotations.push({ type: 'outcome', description: what });

/** Sets the separator to present, citing a site visit, through its status form (not yet saved). */
async function editSeparator(page: Page): Promise<() => Promise<void>> {
  await page.goto('./?lang=en#/node/separator');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Status in the region' });
  await form.getByRole('combobox', { name: /^Status/ }).selectOption('present');
  await form.getByRole('textbox', { name: /^Where in it/ }).fill('Site visit, 2025-04');
  // A new status cites its own evidence (the form opens on the old status's quote).
  await form.getByRole('textbox', { name: /^Its words/ }).fill('现场看到隔膜生产线');
  return () => form.getByRole('button', { name: 'Save status' }).click();
}

/** Opens the app in `page`, watching every page of its context for errors and foreign requests. */
async function start({ page, context, baseURL }: { page: Page; context: BrowserContext; baseURL?: string }) {
  const watch = watchContext(context, new URL(baseURL!).origin);
  await openApp(page, './?lang=en');
  return watch;
}

test('killed during an import: all-old or all-new, and the history agrees', async ({ page, context, baseURL }) => {
  fault('kill during import');
  const watch = await start({ page, context, baseURL });
  const file = shippedDataset();
  for (const state of file.regions[0]!.linkStates) Object.assign(state, { note: { zh: '核对', en: 'Checked' } });
  const old = await snapshot(page);
  const dialog = await openImport(page, jsonFile('checked.json', file));
  const again = await killAndReopen(page, () => dialog.getByRole('button', { name: 'Import', exact: true }).click());
  outcome(await expectWhole(again, old, 'Undo'));
  watch.expectClean();
});

test('killed during an edit: all-old or all-new, and the history agrees', async ({ page, context, baseURL }) => {
  fault('kill during edit');
  const watch = await start({ page, context, baseURL });
  const save = await editSeparator(page);
  const old = await snapshot(page);
  const again = await killAndReopen(page, save);
  outcome(await expectWhole(again, old, 'Undo'));
  watch.expectClean();
});

test('killed during an undo: all-old or all-new, and the history agrees', async ({ page, context, baseURL }) => {
  fault('kill during undo');
  const watch = await start({ page, context, baseURL });
  await (
    await editSeparator(page)
  )();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  await storedAll(page);
  const old = await snapshot(page);
  const again = await killAndReopen(page, () => page.getByRole('button', { name: /Undo$/ }).click());
  outcome(await expectWhole(again, old, 'Redo'));
  watch.expectClean();
});

test('killed during a restore: all-old or all-new, and the history agrees', async ({ page, context, baseURL }) => {
  fault('kill during restore');
  const watch = await start({ page, context, baseURL });
  const backup = await downloadBackup(page);
  await (
    await editSeparator(page)
  )();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  await storedAll(page);
  const old = await snapshot(page);
  const dialog = await openImport(page, backup);
  await dialog.getByRole('radio', { name: /^Replace/ }).check();
  const again = await killAndReopen(page, () => dialog.getByRole('button', { name: 'Import', exact: true }).click());
  outcome(await expectWhole(again, old, 'Undo'));
  watch.expectClean();
});
