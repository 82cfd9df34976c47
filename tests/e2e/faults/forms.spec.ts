/**
 * Two tabs × every form. Tab A opens a form and types; tab B saves a change to the same record. Tab A
 * keeps what was typed, shows what changed elsewhere, and refuses to save until the user keeps theirs
 * or takes the stored version: never a silent revert of B's change, never a silent loss of A's typing.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, storedAll, test } from '../fixtures';
import { fault, readStore } from './support';

const editPanel = (page: Page) => page.getByRole('region', { name: /^Editing / });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Saved:' });
const elsewhere = (page: Page) => page.getByRole('alert').filter({ hasText: 'was changed elsewhere' });

/** Two tabs on one link, each with its edit panel open. */
async function twoTabs(page: Page, linkId: string): Promise<[Page, Page]> {
  const other = await page.context().newPage();
  for (const p of [page, other]) {
    await openApp(p, `./?lang=en#/node/${linkId}`);
    await p.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  }
  return [page, other];
}

/** Saving in tab A is refused while the change elsewhere stands unanswered: nothing is stored. */
async function saveIsRefused(a: Page, save: () => Promise<void>) {
  const before = await readStore(a);
  await save();
  await expect(elsewhere(a)).toBeVisible();
  await storedAll(a);
  expect(await readStore(a)).toEqual(before);
  await expect(saved(a)).toHaveCount(0);
}

test('status form: another tab’s save is shown beside what was typed, and taking it drops the typing', async ({
  page,
  watch,
}) => {
  fault('two tabs: status form');
  const [a, b] = await twoTabs(page, 'separator');
  const formA = a.getByRole('form', { name: 'Status in the region' });
  await formA.getByRole('textbox', { name: 'Note (English)' }).fill('Typed in tab A');

  const formB = b.getByRole('form', { name: 'Status in the region' });
  await formB.getByRole('combobox', { name: /^Status/ }).selectOption('present');
  await formB.getByRole('textbox', { name: /^Where in it/ }).fill('Site visit, 2025-04');
  // A new status cites its own evidence (the form opens on the old status's quote).
  await formB.getByRole('textbox', { name: /^Its words/ }).fill('现场看到隔膜生产线');
  await formB.getByRole('button', { name: 'Save status' }).click();
  await expect(saved(b)).toBeVisible();

  // A's typing is still there (the form was rebuilt and emptied before), and the change is named.
  await expect(elsewhere(a)).toContainText('Status: Present');
  await expect(formA.getByRole('textbox', { name: 'Note (English)' })).toHaveValue('Typed in tab A');
  await saveIsRefused(a, () => formA.getByRole('button', { name: 'Save status' }).click());
  const state = (await readStore(a)).linkStates!.find((s) => s.regionId === 'jinchang' && s.linkId === 'separator');
  expect(state).toMatchObject({ status: 'present' });

  await elsewhere(a).getByRole('button', { name: 'Take the stored version' }).click();
  await expect(elsewhere(a)).toHaveCount(0);
  await expect(formA.getByRole('combobox', { name: /^Status/ })).toHaveValue('present');
  await expect(formA.getByRole('textbox', { name: 'Note (English)' })).toHaveValue('');
  void watch;
});

test('link form: a rename in one tab and a description in the other are both kept, never silently reverted', async ({
  page,
  watch,
}) => {
  fault('two tabs: link form');
  const [a, b] = await twoTabs(page, 'ni_metal');
  const formA = editPanel(a).getByRole('form', { name: 'Edit the link' });
  const formB = editPanel(b).getByRole('form', { name: 'Edit the link' });
  await formB.getByRole('textbox', { name: 'Description (English)' }).fill('Typed in tab B');

  await formA.getByRole('textbox', { name: 'Name (English)' }).fill('Nickel cathode');
  await formA.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saved(a)).toBeVisible();

  await expect(elsewhere(b)).toContainText('Name: Nickel cathode');
  await saveIsRefused(b, () => formB.getByRole('button', { name: 'Save', exact: true }).click());
  await elsewhere(b).getByRole('button', { name: 'Take the stored version' }).click();
  await expect(formB.getByRole('textbox', { name: 'Name (English)' })).toHaveValue('Nickel cathode');
  await formB.getByRole('textbox', { name: 'Description (English)' }).fill('Typed in tab B');
  await formB.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saved(b)).toBeVisible();

  await storedAll(b);
  expect((await readStore(b)).links!.find((l) => l.id === 'ni_metal')).toMatchObject({
    name: { en: 'Nickel cathode' },
    description: { en: 'Typed in tab B' },
  });
  void watch;
});

test('enterprise form: keeping what was typed saves it over the other tab’s change, knowingly', async ({
  page,
  watch,
}) => {
  fault('two tabs: record form');
  const [a, b] = await twoTabs(page, 'ncm_pcam');
  const open = async (p: Page) => {
    await editPanel(p).getByRole('listitem').filter({ hasText: 'Jinchuan Group' }).first().getByRole('button').click();
    return editPanel(p).getByRole('form', { name: 'Edit the enterprise' });
  };
  const formA = await open(a);
  await formA.getByRole('textbox', { name: 'Note (English)' }).fill('Typed in tab A');
  const formB = await open(b);
  await formB.getByRole('textbox', { name: 'Name (English)' }).fill('Jinchuan Group Co., Ltd.');
  await formB.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saved(b)).toBeVisible();

  await expect(elsewhere(a)).toContainText('Name: Jinchuan Group Co., Ltd.');
  await saveIsRefused(a, () => formA.getByRole('button', { name: 'Save', exact: true }).click());
  await elsewhere(a).getByRole('button', { name: 'Keep mine and save' }).click();
  await expect(saved(a)).toBeVisible();

  await storedAll(a);
  expect((await readStore(a)).enterprises!.find((e) => e.id === 'jinchuan')).toMatchObject({
    name: { en: 'Jinchuan Group' },
    note: { en: 'Typed in tab A' },
  });
  void watch;
});

test('supply edge form: the same edge added in another tab is shown, and keeping mine cites my source', async ({
  page,
  watch,
}) => {
  fault('two tabs: edge form');
  const [a, b] = await twoTabs(page, 'ni_metal');
  const add = async (p: Page, locator: string) => {
    await editPanel(p).getByRole('button', { name: '+ Add an input' }).click();
    const form = editPanel(p).getByRole('form', { name: 'Add an input' });
    await form.getByRole('combobox', { name: 'Input' }).selectOption({ label: 'Nickel ore' });
    await form.getByRole('textbox', { name: /^Where in it/ }).fill(locator);
    return form;
  };
  const formA = await add(a, 'Typed in tab A');
  const formB = await add(b, 'Typed in tab B');
  await formB.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saved(b)).toBeVisible();

  await expect(elsewhere(a)).toContainText('Typed in tab B');
  await expect(formA.getByRole('combobox', { name: 'Input' })).toHaveValue('ni_ore');
  await saveIsRefused(a, () => formA.getByRole('button', { name: 'Save', exact: true }).click());
  await elsewhere(a).getByRole('button', { name: 'Keep mine and save' }).click();
  await expect(saved(a)).toBeVisible();

  await storedAll(a);
  const added = (await readStore(a)).edges!.filter((e) => e.from === 'ni_ore' && e.to === 'ni_metal');
  expect(added).toHaveLength(1);
  expect((added[0]!.sources as { locator: string }[]).map((s) => s.locator)).toEqual(['Typed in tab A']);
  void watch;
});
