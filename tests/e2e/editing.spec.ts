import { en } from '../../src/i18n/testing';
import { expect, openApp, test } from './fixtures';
import { dragLink, drawnLinks, modelPosition } from './graph';
import { SHIPPED_LINKS, shippedStatusCount } from './shipped';

const panel = (page: import('@playwright/test').Page) => page.getByRole('region', { name: /^Editing / });
const statusForm = (page: import('@playwright/test').Page) => page.getByRole('form', { name: 'Status in the region' });

/** Sets the separator to "building" with a capacity and a source, through the edit form. */
async function editSeparator(page: import('@playwright/test').Page) {
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const form = statusForm(page);
  await form.getByRole('combobox', { name: /^Status/ }).selectOption('building');
  await form.getByRole('textbox', { name: /^Capacity/ }).fill('5万');
  await form.getByRole('textbox', { name: /^Where in it/ }).fill('Company notice, 2025-03');
  await form.getByRole('textbox', { name: /^Its words/ }).fill('隔膜项目开工建设');
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Set link state' })).toBeVisible();
}

const statusOf = async (page: import('@playwright/test').Page, id: string) =>
  (await drawnLinks(page)).find((l) => l.id === id);

test('an edit is checked as typed, saved, and still there after a reload', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/separator');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const form = statusForm(page);
  // Text in a number field is refused where it is typed, and saving is blocked.
  await form.getByRole('textbox', { name: /^Capacity/ }).fill('10 tonnes');
  await expect(form.getByText('Not a number (e.g. 250000, 25万, 2.5).')).toBeVisible();
  // Saving anyway saves nothing and takes the keyboard to the field at fault.
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(form.getByRole('textbox', { name: /^Capacity/ })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toHaveCount(0);
  await form.getByRole('textbox', { name: /^Capacity/ }).fill('');
  // Esc in a field does not close the editor and lose what was typed.
  await form.getByRole('textbox', { name: 'Note (English)' }).fill('Typed, not saved yet');
  await page.keyboard.press('Escape');
  await expect(form.getByRole('textbox', { name: 'Note (English)' })).toHaveValue('Typed, not saved yet');
  await form.getByRole('textbox', { name: 'Note (English)' }).fill('');
  // Saving the form as it was stores nothing, and says so.
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'No changes to save (Set link state: Separator).' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: '↶ Undo' })).toBeDisabled();
  await page.getByRole('button', { name: 'Done' }).click();

  await editSeparator(page);
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  const details = page.getByRole('region', { name: 'Link details' });
  await expect(details.getByTestId('capacity')).toHaveText('50,000 t/yr');
  await expect(details).toContainText('Company notice, 2025-03');
  void watch;
});

test('undo and redo work across a reload, by button and by keyboard', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/separator');
  await editSeparator(page);
  await page.getByRole('button', { name: 'Done' }).click();
  const details = page.getByRole('region', { name: 'Link details' });
  await expect(details.getByTestId('capacity')).toHaveText('50,000 t/yr');

  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: Set link state' })).toBeVisible();
  await expect(details.getByTestId('capacity')).toHaveCount(0);
  await expect(details).toContainText('Attracting');

  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await page.locator('body').click({ position: { x: 3, y: 3 } });
  await page.keyboard.press('Control+Shift+Z');
  await expect(details.getByTestId('capacity')).toHaveText('50,000 t/yr');
  await page.keyboard.press('Control+z');
  await expect(details.getByTestId('capacity')).toHaveCount(0);
  void watch;
});

test('two tabs on the same data stay in step without a reload, and both keep their edits', async ({
  context,
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/node/separator');
  const other = await context.newPage();
  await openApp(other, './?lang=en#/node/pouch_film');

  await editSeparator(page);
  // The other tab sees it without reloading: in its graph and its legend.
  await expect.poll(async () => (await statusOf(other, 'separator'))?.status).toBe('building');
  await expect(other.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Building' })).toHaveText(
    /Building\s*2$/,
  );

  // An edit in the other tab, on another link, is kept alongside.
  await other.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const form = statusForm(other);
  await form.getByRole('combobox', { name: /^Status/ }).selectOption('present');
  await form.getByRole('textbox', { name: /^Where in it/ }).fill('Site visit, 2025-04');
  await form.getByRole('textbox', { name: /^Its words/ }).fill('铝塑膜生产线已投产');
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Saved: Set link state' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Present' })).toHaveText(
    // pouch_film was attracting; now it is present too.
    new RegExp(`Present\\s*${shippedStatusCount('present') + 1}$`),
  );
  await expect(page.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Building' })).toHaveText(
    /Building\s*2$/,
  );
  void watch;
});

test('a link can be added, renamed and deleted, with what depends on it shown first', async ({ page, watch }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Add a link…' }).click();
  const add = page.getByRole('form', { name: 'Add a link' });
  // A new form does not open with every empty field marked wrong; a refused save marks them all.
  await expect(add.locator('.err')).toHaveCount(0);
  await add.getByRole('button', { name: 'Save' }).click();
  await expect(add.getByText('Give a name in Chinese or in English.')).toBeVisible();
  await expect(add.getByText('Say where in the source (a paragraph, page or table).')).toBeVisible();
  await expect(add.getByRole('textbox', { name: 'Name (Chinese)' })).toBeFocused();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(SHIPPED_LINKS));
  await add.getByRole('textbox', { name: 'Name (Chinese)' }).fill('钠离子电芯');
  await add.getByRole('textbox', { name: 'Name (English)' }).fill('Sodium-ion cells');
  await add
    .getByRole('combobox', { name: /^Sub-chain/ })
    .selectOption({ label: 'Cells, motors and electric controls' });
  await add.getByRole('combobox', { name: /^Stage/ }).selectOption('product');
  await add.getByRole('textbox', { name: /^Where in it/ }).fill('Planning note');
  await add.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/node\/sodium-ion-cells$/);
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(SHIPPED_LINKS + 1));
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Add link: Sodium-ion cells' })).toBeVisible();
  await expect(page.getByText('There is no link')).toHaveCount(0);

  // Rename it.
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit the link' });
  await edit.getByRole('textbox', { name: 'Name (English)' }).fill('Sodium-ion battery cells');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved: Edit link: Sodium-ion battery cells' }),
  ).toBeVisible();
  await expect
    .poll(async () => (await drawnLinks(page)).find((l) => l.id === 'sodium-ion-cells')?.label)
    .toBe('Sodium-ion battery cells');

  // Give it an input, then delete it: the warning lists the edge that goes with it.
  await expect(panel(page)).toBeVisible();
  await panel(page).getByRole('button', { name: '+ Add an input' }).click();
  const edge = page.getByRole('form', { name: 'Add an input' });
  await edge.getByRole('combobox', { name: /^Input/ }).selectOption({ label: 'Electrolyte' });
  await edge.getByRole('textbox', { name: /^Where in it/ }).fill('Planning note');
  await edge.getByRole('button', { name: 'Save' }).click();
  await expect(
    panel(page).getByRole('button', { name: 'Remove the supply edge Electrolyte → Sodium-ion battery cells' }),
  ).toBeVisible();

  await panel(page).getByRole('button', { name: 'Delete this link…' }).click();
  await expect(panel(page).getByRole('alert')).toContainText('Deleting this link also changes 1 record:');
  await expect(panel(page).getByRole('alert')).toContainText('Electrolyte → Sodium-ion battery cells');
  await panel(page).getByRole('button', { name: 'Delete the link and all of this' }).click();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(SHIPPED_LINKS));
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(SHIPPED_LINKS + 1));
  void watch;
});

test('links the user moved stay put when an edit or an undo changes the data', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/separator');
  const before = await modelPosition(page, 'cu');
  await dragLink(page, 'cu', 60, 40);
  const moved = await modelPosition(page, 'cu');
  expect(moved.x).toBeGreaterThan(before.x + 20);

  await editSeparator(page);
  await expect.poll(async () => (await statusOf(page, 'separator'))?.status).toBe('building');
  expect(await modelPosition(page, 'cu')).toEqual(moved);
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect.poll(async () => (await statusOf(page, 'separator'))?.status).toBe('attracting');
  expect(await modelPosition(page, 'cu')).toEqual(moved);
  await expect(page.getByRole('button', { name: 'Save layout' })).toBeVisible();
  void watch;
});

test('citing a new source is one step: one undo takes back the status and the source', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/separator');
  const details = page.getByRole('region', { name: 'Link details' });
  await details.getByRole('button', { name: 'Edit' }).click();
  const form = statusForm(page);
  await form.getByRole('combobox', { name: /^Status/ }).selectOption('building');
  await form.getByRole('combobox', { name: /^Document/ }).selectOption({ label: 'New source…' });
  await form.getByRole('textbox', { name: /^Title/ }).fill('Separator plant notice');
  await form.getByRole('textbox', { name: /^Publisher/ }).fill('Jinchang Daily');
  await form.getByRole('textbox', { name: /^Where in it/ }).fill('p. 1');
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Set link state' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(details).toContainText('Separator plant notice');

  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: Set link state' })).toBeVisible();
  await expect(details).toContainText('Attracting');
  await expect(details).not.toContainText('Separator plant notice');
  // Nothing is left to undo from this session: the source went with the status.
  await expect(page.getByRole('button', { name: '↶ Undo' })).toBeDisabled();
  void watch;
});

test('a change of status that keeps the old evidence is refused, and saved once it cites new evidence', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/node/separator');
  const details = page.getByRole('region', { name: 'Link details' });
  await details.getByRole('button', { name: 'Edit' }).click();
  const form = statusForm(page);
  // The form opens on the citation for "attracting": 积极引进…隔膜 says nothing of building.
  await expect(form.getByRole('textbox', { name: /^Its words/ })).toHaveValue('积极引进碳酸酯、隔膜、铝塑膜等项目');
  await form.getByRole('combobox', { name: /^Status/ }).selectOption('building');
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'A new status needs its own evidence: the citation below is the one for “Attracting”. Cite where a source says it is “Building” (another place and quote); the old citation stays in the edit history.',
  );
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toHaveCount(0);
  // A new place with the old quote is still the old evidence.
  await form.getByRole('textbox', { name: /^Where in it/ }).fill('¶14');
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toHaveCount(0);
  expect((await statusOf(page, 'separator'))?.status).toBe('attracting');
  // Its own quote is accepted; the old citation goes back with an undo.
  await form.getByRole('textbox', { name: /^Its words/ }).fill('隔膜项目开工建设');
  await expect(form.getByTestId('stale-evidence')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Set link state' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  const status = details.getByRole('region', { name: 'Status in the region' });
  await expect(status).toContainText('隔膜项目开工建设');
  await expect(status).not.toContainText('积极引进碳酸酯、隔膜、铝塑膜等项目');
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(status).toContainText('积极引进碳酸酯、隔膜、铝塑膜等项目');
  void watch;
});

test('a status set to unknown keeps no capacity, since unknown cites no source', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/ni_metal');
  const details = page.getByRole('region', { name: 'Link details' });
  await expect(details.getByTestId('capacity')).toHaveText('250,000 t/yr');
  await details.getByRole('button', { name: 'Edit' }).click();
  const form = statusForm(page);
  await form.getByRole('combobox', { name: /^Status/ }).selectOption('unknown');
  await expect(form.getByRole('textbox', { name: /^Capacity/ })).toBeDisabled();
  await expect(form.getByText('Unknown cites no source, so no capacity is kept.')).toBeVisible();
  await form.getByRole('button', { name: 'Save status' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(details.getByTestId('capacity')).toHaveCount(0);
  void watch;
});

test('a project shared by two links can be taken off one and stays on the other', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/cyc_carb');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  await panel(page)
    .getByRole('listitem')
    .filter({ hasText: 'Carbonate solvent projects' })
    .getByRole('button', { name: 'Edit' })
    .click();
  const form = page.getByRole('form', { name: 'Edit the project' });
  await expect(form.getByRole('button', { name: 'Remove from all 2 links' })).toBeVisible();
  await form.getByRole('button', { name: en['edit.detach'] }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Take project off Cyclic carbonates' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  const details = page.getByRole('region', { name: 'Link details' });
  await expect(details).toContainText('No project recorded.');
  await page.goto('./?lang=en#/node/lin_carb');
  await expect(details).toContainText('Carbonate solvent projects');
  void watch;
});

test('an enterprise keeps its credit code, checked as typed, and its other names', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/niso4');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  await panel(page)
    .getByRole('listitem')
    .filter({ hasText: 'Jinchuan Group' })
    .getByRole('button', { name: 'Edit' })
    .click();
  const form = page.getByRole('form', { name: 'Edit the enterprise' });
  const code = form.getByRole('textbox', { name: /^Unified social credit code/ });
  // One character wrong: the check character does not match, and saving is refused.
  await code.fill('91350100M000100Y44');
  await expect(form.getByText(/^Not a unified social credit code/)).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(code).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toHaveCount(0);
  // As people type it: with spaces and in lower case.
  await code.fill('9135 0100 m000 100y43');
  await expect(form.getByText(/^Not a unified social credit code/)).toHaveCount(0);
  await form.getByRole('textbox', { name: /^Other names/ }).fill('金川公司; JNMC');
  await form.getByRole('textbox', { name: /^Where in it/ }).fill('Company register');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  const firm = page
    .getByRole('region', { name: 'Link details' })
    .getByRole('article')
    .filter({ hasText: 'Jinchuan Group' });
  await expect(firm).toContainText(/Credit code\s*91350100M000100Y43/);
  await expect(firm).toContainText(/Also called\s*金川公司 · JNMC/);
  void watch;
});

test('leaving the page with typed changes not yet saved asks first; once saved, it does not', async ({
  page,
  context,
  watch,
}) => {
  await openApp(page, './?lang=en#/node/separator');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const note = statusForm(page).getByRole('textbox', { name: 'Note (English)' });
  await note.click();
  await note.fill('Typed, not saved yet');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);

  // Saved, the same form lets the page go without a question.
  await statusForm(page).getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Set link state' })).toBeVisible();
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(context.pages()).not.toContain(page);
  void watch;
});

test('opening another link with typed changes not yet saved asks first, and staying keeps them', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/node/separator');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const note = statusForm(page).getByRole('textbox', { name: 'Note (English)' });
  await note.fill('Typed, not saved yet');
  const outline = page.getByRole('navigation', { name: 'Chain outline' });

  page.once('dialog', (d) => void d.dismiss());
  await outline.getByRole('button', { name: /^Electrolyte ,/ }).click();
  await expect(page).toHaveURL(/#\/node\/separator$/);
  await expect(note).toHaveValue('Typed, not saved yet');

  page.once('dialog', (d) => void d.accept());
  await outline.getByRole('button', { name: /^Electrolyte ,/ }).click();
  await expect(page).toHaveURL(/#\/node\/electrolyte$/);
  await expect(page.getByRole('region', { name: 'Link details' }).getByRole('heading', { level: 2 })).toHaveText(
    'Electrolyte',
  );
  void watch;
});
