import { expect, openApp, test } from './fixtures';

async function saveView(page: import('@playwright/test').Page, title: string, notes: string) {
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('textbox', { name: 'Speaker notes' }).fill(notes);
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByRole('status').filter({ hasText: `View “${title}” saved.` })).toBeVisible();
}

test('a briefing of three views is made, presented with the keyboard, and survives a reload', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await saveView(page, 'The whole chain', 'Start here: what Jinchang has.');
  await page.goto('./?lang=en#/node/separator?trace=up');
  await expect(page.getByTestId('trace-count')).toBeVisible();
  await saveView(page, 'What separators need', 'Ten links feed a separator plant.');
  await page.goto('./?lang=en#/gaps');
  await expect(page.getByRole('table', { name: 'Gaps' })).toBeVisible();
  await saveView(page, 'The gap list', 'Four gaps, all being attracted.');

  await page.getByRole('link', { name: 'Briefings' }).click();
  for (const title of ['The whole chain', 'What separators need', 'The gap list']) {
    await page.getByRole('checkbox', { name: `Choose ${title} for a new briefing` }).check();
  }
  await page.getByRole('textbox', { name: 'Name of a new briefing' }).fill('Board meeting');
  await page.getByRole('button', { name: 'Create briefing from 3 views' }).click();
  await expect(page.locator('[data-briefing] li')).toHaveCount(3);

  await page.reload();
  await expect(page.locator('[data-briefing] li')).toHaveText([
    /The whole chain/,
    /What separators need/,
    /The gap list/,
  ]);

  await page.getByRole('button', { name: /Present/ }).click();
  const title = page.getByTestId('slide-title');
  const counter = page.getByTestId('slide-counter');
  await expect(title).toContainText('The whole chain');
  await expect(counter).toHaveText('1 / 3');
  await expect(page.getByRole('banner')).toBeHidden();

  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveText('2 / 3');
  await expect(page).toHaveURL(/#\/node\/separator\?trace=up/);
  await expect(page.getByRole('region', { name: 'Link details' })).toContainText('Separator');
  await page.keyboard.press('PageDown');
  await expect(counter).toHaveText('3 / 3');
  await expect(page).toHaveURL(/#\/gaps/);
  // A gap-view slide shows the list itself, without the tools around it.
  await expect(page.getByRole('table', { name: 'Gaps' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'CSV' })).toBeHidden();
  await page.keyboard.press('PageUp');
  await expect(counter).toHaveText('2 / 3');
  await page.keyboard.press('Home');
  await expect(counter).toHaveText('1 / 3');
  await page.keyboard.press('End');
  await expect(counter).toHaveText('3 / 3');
  await page.keyboard.press('b');
  await expect(page.getByTestId('blank')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('blank')).toHaveCount(0);
  // On a blanked screen, "back" brings the same slide back rather than skipping one unseen.
  await page.keyboard.press('.');
  await expect(page.getByTestId('blank')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('blank')).toHaveCount(0);
  await expect(counter).toHaveText('3 / 3');
  await page.keyboard.press('Escape');
  await expect(title).toHaveCount(0);
  await expect(page.getByRole('banner')).toBeVisible();

  // Deleting a view asks first, and says which briefing loses it.
  await page.getByRole('link', { name: 'Briefings' }).click();
  await page.getByRole('button', { name: 'Delete view The gap list' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the view “The gap list”?' });
  await expect(confirm).toContainText('It is also taken out of 1 briefing: Board meeting.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('[data-briefing] li')).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete view The gap list' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('[data-briefing] li')).toHaveCount(2);
  void watch;
});

test('speaker notes follow the slides in a second window and can drive them', async ({ page, context, watch }) => {
  await openApp(page);
  await saveView(page, 'First', 'Notes for the first view.');
  await page.goto('./?lang=en#/gaps');
  await expect(page.getByRole('table', { name: 'Gaps' })).toBeVisible();
  await saveView(page, 'Second', 'Notes for the second view.');
  await page.getByRole('link', { name: 'Briefings' }).click();
  await page.getByRole('checkbox', { name: 'Choose First for a new briefing' }).check();
  await page.getByRole('checkbox', { name: 'Choose Second for a new briefing' }).check();
  await page.getByRole('textbox', { name: 'Name of a new briefing' }).fill('Two views');
  await page.getByRole('button', { name: 'Create briefing from 2 views' }).click();
  await page.getByRole('button', { name: /Present/ }).click();
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 2');

  const [notes] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Speaker notes' }).click(),
  ]);
  await expect(notes.getByTestId('notes-text')).toHaveText('Notes for the first view.');
  await notes.getByRole('button', { name: /Next/ }).click();
  await expect(page.getByTestId('slide-counter')).toHaveText('2 / 2');
  await expect(notes.getByTestId('notes-text')).toHaveText('Notes for the second view.');
  // A remote's keys reach the notes window when it has the focus.
  await notes.keyboard.press('PageUp');
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 2');
  await expect(notes.getByTestId('notes-text')).toHaveText('Notes for the first view.');
  await notes.keyboard.press('End');
  await expect(page.getByTestId('slide-counter')).toHaveText('2 / 2');
  await page.keyboard.press('Escape');
  await expect(notes.getByText('The briefing has ended.')).toBeVisible();
  void watch;
});

test('a briefing travels inside the native export and comes back on import', async ({ page, watch }) => {
  await openApp(page);
  await saveView(page, 'Overview', 'The whole chain.');
  await page.getByRole('link', { name: 'Briefings' }).click();
  await page.getByRole('checkbox', { name: 'Choose Overview for a new briefing' }).check();
  await page.getByRole('textbox', { name: 'Name of a new briefing' }).fill('Investors');
  await page.getByRole('button', { name: 'Create briefing from 1 view' }).click();
  // Export once the briefing is stored and listed.
  await expect(page.locator('[data-briefing] li')).toHaveText([/Overview/]);

  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'ChainAtlas file (JSON, everything)' }).click(),
  ]);
  const file = (await download.path())!;

  // Start over from the shipped data: the briefing is gone.
  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Reset to shipped data…' }).click();
  await page.getByRole('dialog', { name: 'Reset to shipped data?' }).getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByText('No briefing yet.', { exact: false })).toBeVisible();

  // Import the export: the preview counts, then the briefing is back with its view and notes.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (
    await chooser
  ).setFiles({
    name: 'investors.json',
    mimeType: 'application/json',
    buffer: (await import('node:fs')).readFileSync(file),
  });
  const dialog = page.getByRole('dialog', { name: 'Import “investors.json”' });
  await expect(dialog.getByRole('radio', { name: /^Replace/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('[data-briefing] li')).toHaveText([/Overview/]);
  await expect(page.getByRole('textbox', { name: 'Speaker notes of Overview' })).toHaveValue('The whole chain.');
  void watch;
});

test('a view saved during a what-if shows that what-if again; a view saved without one shows the data', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/gaps?link=separator');
  await saveView(page, 'As it is', 'The stored data.');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'What if built here' }).click();
  await expect(page.getByTestId('whatif-diff')).toContainText('Separator: Gap → Local, no weakness');
  await saveView(page, 'If a separator plant is built', 'The what-if.');
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('whatif-diff')).toHaveCount(0);

  await page.getByRole('link', { name: 'Briefings' }).click();
  await page.getByRole('button', { name: 'Show If a separator plant is built' }).click();
  await expect(page.getByTestId('whatif-diff')).toContainText('Separator: Gap → Local, no weakness');
  await expect(page.getByText('What-if: 1 change, not stored')).toBeVisible();

  await page.getByRole('link', { name: 'Briefings' }).click();
  await page.getByRole('button', { name: 'Show As it is' }).click();
  await expect(page.getByRole('table', { name: 'Gaps' })).toBeVisible();
  await expect(page.getByTestId('whatif-diff')).toHaveCount(0);
  void watch;
});
