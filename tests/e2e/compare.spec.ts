/**
 * Regions and dates: the corridor side by side, the chain as it stood at a date, what changed between
 * two dates, and targets with their progress.
 */
import { expect, openApp, storedAll, test } from './fixtures';

test('#/compare puts the seven shipped regions side by side, each status with its cue and source', async ({
  page,
  watch,
}) => {
  await page.goto('./?lang=en#/compare');
  const table = page.getByRole('table', { name: 'Region comparison' });
  await expect(table).toBeVisible({ timeout: 45_000 });
  await storedAll(page);
  const regions = table.locator('thead th[data-region]');
  await expect(regions).toHaveText([
    /Jinchang/,
    /Jiuquan/,
    /Wuwei/,
    /Jiayuguan/,
    /Zhangye/,
    /Lanzhou New Area/,
    /Baiyin/,
  ]);
  // Baiyin's iron phosphate: present, in words and shape, with where it comes from.
  const fepo4 = table.locator('tr[data-link="fepo4"] td').nth(6);
  await expect(fepo4.locator('[data-status="present"]')).toHaveText('Present');
  await expect(fepo4.locator('[data-status="present"] img')).toHaveCount(1);
  await expect(fepo4.locator('.src')).not.toBeEmpty();
  // Completeness is a range while links are unknown.
  await expect(table.getByRole('row', { name: /^Completeness/ })).toContainText(/\d+%–\d+%/);
  // Jinchang's gaps say whether the corridor has them; the separator no region makes.
  await expect(page.locator('.corridor li[data-link="separator"] [data-corridor]')).toHaveText('None in the corridor');

  // Switching the region keeps the view and changes the basis.
  await page.getByRole('combobox', { name: 'Region' }).selectOption('baiyin');
  await expect(page).toHaveURL(/#\/compare\?region=baiyin/);
  await expect(table.locator('thead th.shown')).toContainText('Baiyin');

  // A region the data lacks is said, and the first region shown.
  await page.goto('./?lang=en#/compare?region=atlantis');
  await expect(
    page.getByRole('status').filter({ hasText: 'The data has no region “atlantis”; showing Jinchang.' }),
  ).toBeVisible();
  await expect(table.locator('thead th.shown')).toContainText('Jinchang');

  // In Chinese the table has its Chinese name.
  await page.goto('./?lang=zh#/compare');
  await expect(page.getByRole('table', { name: '地区对比' })).toBeVisible();
  void watch;
});

test('?at= shows the chain as it stood: 金车 18 GWh building in 2022-09, not started and output unreported in 2022-06', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/node/cell_lfp?at=2022-09');
  const details = page.locator('[data-panel="details"]');
  const project = details.locator('article', { hasText: 'Jinche 18 GWh LFP cells' });
  await expect(project.locator('.pstatus')).toHaveText('Building');
  // Editing is off at a past date.
  await expect(details.getByRole('button', { name: 'Edit' })).toHaveCount(0);

  // The Date control sets the date in the address.
  const date = page.getByRole('textbox', { name: 'Date' });
  await expect(date).toHaveValue('2022-09');
  await date.fill('June');
  await date.press('Enter');
  await expect(page.getByRole('alert')).toContainText('“June” is not a date');
  await expect(page).toHaveURL(/at=2022-09/);
  await date.fill('2022-06');
  await date.press('Enter');
  await expect(page).toHaveURL(/at=2022-06/);
  await expect(details.locator('article', { hasText: 'Jinche 18 GWh LFP cells' })).toHaveCount(0);
  const banner = page.getByRole('region', { name: 'The data as it stood on 2022-06' });
  await banner.locator('summary').click();
  await expect(banner.locator('[data-later="jinche-lfp-18gwh"]')).toHaveText(
    'Jinche 18 GWh LFP cells: not started yet (broke ground 2022-08-03)',
  );
  await expect(banner.locator('[data-later="battery-output-2023"]')).toContainText(
    'Battery industry output, 2023: not yet reported',
  );

  // The gap view at that date: the 2023 output is not among the figures; the 2022 local supply is.
  await page.getByRole('link', { name: 'Gaps' }).click();
  await expect(page).toHaveURL(/#\/gaps\?at=2022-06/);
  await expect(page.locator('[data-indicator="local-supply-share-2022"]')).toBeVisible();
  await expect(page.locator('[data-indicator="battery-output-2023"]')).toHaveCount(0);

  // Back to the latest data.
  await banner.getByRole('button', { name: 'Show the latest data' }).click();
  await expect(page.locator('[data-indicator="battery-output-2023"]')).toBeVisible();
  void watch;
});

test('#/changes lists what changed between two dates, each with its source', async ({ page, watch }) => {
  await page.goto('./?lang=en#/changes?from=2022&to=2024');
  const table = page.getByRole('table', { name: 'Changes' });
  await expect(table).toBeVisible({ timeout: 45_000 });
  await storedAll(page);
  // 金宏翔's first cells came on 2023-05-28.
  const project = table.getByRole('row', { name: /Jinhongxiang 18650/ });
  await expect(project).toContainText(/not started or not reported\s*Operating/);
  const output = table.getByRole('row', { name: /Battery industry output 2023/ });
  await expect(output).toContainText('CNY 26 billion');
  for (const row of [project, output, table.locator('tr[data-kind="status"]').first()]) {
    await expect(row.locator('td.source')).toContainText(/Gansu Daily|Economic Daily|notes/);
  }
  // The same changes as marks on the chain.
  await page.getByRole('button', { name: 'Show on the chain' }).click();
  await expect(page).toHaveURL(/#\/\?at=2024&since=2022$/);
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'changed since 2022' })).toContainText(/Marked: \d+ links/);
  await page.goto('./?lang=zh#/changes?from=2022&to=2024');
  await expect(page.getByRole('table', { name: '变化' })).toBeVisible();
  void watch;
});

test('the gap view shows each target with its progress and the local-supply series with sources', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/gaps');
  const target = page.locator('[data-target="local-supply-target-2022"]');
  await expect(target).toContainText('82%');
  await expect(target).toContainText('77% (2024)');
  await expect(target).toContainText('5 percentage points');
  await expect(target).toContainText('Economic Daily');
  await expect(page.locator('[data-target="target-cells-2025"]')).toContainText('No figure reported yet');
  const chart = page.locator('figure[data-series="local-supply"]');
  await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /over 65%.*→ 75%.*→ 77%/);
  await expect(chart.locator('.sources li')).toHaveCount(3);
  void watch;
});

test('a planner adds a region, which opens with every link unknown and joins the comparison', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en');
  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Add a region…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a region' });
  await dialog.getByLabel('Name in Chinese').fill('金川区');
  await dialog.getByLabel('Name in English').fill('Jinchuan District');
  await dialog.getByLabel('Province or larger area, English (optional)').fill('Gansu');
  // A taken id is refused, with the store unchanged.
  await dialog.getByLabel('Id (letters, digits, -)').fill('jinchang');
  await dialog.getByRole('button', { name: 'Add region' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This id is used twice');
  await dialog.getByLabel('Id (letters, digits, -)').fill('jinchuan-district');
  await dialog.getByRole('button', { name: 'Add region' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/region=jinchuan-district/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jinchuan District, Gansu');
  // A new region has no focus, so the gap analysis has nothing to measure; the planner sets it, and a
  // changed focus needs the source that names it.
  await page.getByRole('link', { name: 'Gaps' }).click();
  await expect(page.getByTestId('gap-count')).toHaveText(/^0\b/);
  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Edit this region…' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Jinchuan District' });
  await expect(edit.getByLabel('Id (letters, digits, -)')).toHaveValue('jinchuan-district');
  await edit.getByRole('checkbox', { name: 'LFP cells' }).check();
  await edit.getByRole('checkbox', { name: 'Energy storage system' }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('Say where in the source')).toBeVisible();
  await edit.getByLabel('Where in it').fill('¶3');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('gap-count')).toHaveText(/to verify/);
  await expect(
    page.getByRole('table', { name: 'Gaps' }).getByRole('row', { name: /LFP cathode material/ }),
  ).toBeVisible();
  await storedAll(page);
  await page.reload();
  await expect(page.getByTestId('gap-count')).toHaveText(/to verify/);
  await page.getByRole('link', { name: 'Compare' }).click();
  const table = page.getByRole('table', { name: 'Region comparison' });
  await expect(table.locator('thead th[data-region]')).toHaveCount(8);
  await expect(table.locator('thead th.shown')).toContainText('Jinchuan District');
  void watch;
});
