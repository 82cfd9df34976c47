import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/io/syntax/csvSyntax';
import { en } from '../../src/i18n/testing';
import { dumpDb } from './db';
import { expect, openApp, test } from './fixtures';
import { drawnLinks } from './graph';

const table = (page: import('@playwright/test').Page) => page.getByRole('table', { name: 'Gaps' });
const rowLinks = (page: import('@playwright/test').Page) =>
  table(page)
    .locator('tbody tr[data-link]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-link')));

test('the gap list ranks the attracted links and the unknown links the focus needs, sorts by any column and a row opens the link', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/gaps');
  await expect(table(page)).toBeVisible();
  const ranked = await rowLinks(page);
  expect(ranked).toEqual(expect.arrayContaining(['separator', 'cyc_carb', 'lin_carb', 'ncm_pcam']));
  expect(ranked).not.toContain('ni_metal');
  // No source says whether Jinchang makes either cathode, and its cells need both: they are on the list,
  // to verify, near the top (ranked by what their absence would cost), with who could settle it.
  for (const [id, buyer] of [
    ['ncm_cam', 'NCM (ternary) cells'],
    ['lfp_cam', 'LFP cells'],
  ]) {
    const row = table(page).locator(`tbody tr[data-link="${id}"]`);
    await expect(row.locator('.kind')).toHaveText('To verify');
    await expect(row).toContainText(`To verify with its local buyers: ${buyer}`);
    expect(ranked.indexOf(id!)).toBeLessThan(5);
  }
  // The key figure counts gaps as the table's kinds do.
  await expect(page.getByTestId('gap-count')).toHaveText(/^3\s*\+ 42 to verify · \+ 5 weak$/);
  // Completeness, like local supply, gives both ends while links are unknown, says what they mean in
  // words, and one figure when the rules count unknown links as missing.
  await expect(page.getByTestId('completeness-card')).toHaveText(
    /^23%–93%\s*at least 23%; 93% if the 42 unknown links are local$/,
  );

  // An enterprise and a project the source names without saying which link they serve are still shown.
  await expect(page.locator('[data-record="hanxing-1e8ah"]')).toContainText(
    'Hanxing 100 million Ah lithium-ion cells project · Operating · 100 million Ah/yr',
  );
  // Figures the source reports about the region as a whole are there, with where they stand in it.
  await expect(page.locator('[data-indicator="battery-output-2023"]')).toHaveText(
    /Battery industry output\s*CNY 26 billion\s*\+40.5% year on year\s*2023\s*.*¶13/,
  );

  // Sort by link name, then back by score (highest first).
  await table(page).getByRole('button', { name: /^Link/ }).click();
  await expect(table(page).getByRole('columnheader', { name: /^Link/ })).toHaveAttribute('aria-sort', 'ascending');
  const byName = await rowLinks(page);
  expect(byName).not.toEqual(ranked);
  await table(page)
    .getByRole('button', { name: /^Score/ })
    .click();
  await expect(table(page).getByRole('columnheader', { name: /^Score/ })).toHaveAttribute('aria-sort', 'descending');
  const scores = await table(page).locator('tbody td.score').allInnerTexts();
  expect(scores.map(Number)).toEqual([...scores.map(Number)].sort((a, b) => b - a));

  // The name filter finds what the search box finds: pinyin too.
  await page.getByRole('textbox', { name: 'Filter by name' }).fill('gemo');
  await expect.poll(() => rowLinks(page)).toEqual(['separator']);
  await page.getByRole('textbox', { name: 'Filter by name' }).fill('');

  // Filter to gaps only.
  await page.getByRole('checkbox', { name: /^Gap/ }).check();
  expect((await rowLinks(page)).sort()).toEqual(['cyc_carb', 'lin_carb', 'separator']);

  // A row selects the link: its details open, with the verdict, and the graph marks it.
  await table(page).locator('tbody tr[data-link="separator"]').click();
  const panel = page.getByRole('region', { name: 'Link details' });
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Separator');
  await expect(panel).toContainText('The focus products need it');
  await expect(page).toHaveURL(/#\/gaps\?link=separator/);
  const drawn = await drawnLinks(page);
  expect(drawn.find((l) => l.id === 'separator')?.classes).toEqual(expect.arrayContaining(['focus', 'act-gap']));
  void watch;
});

test('a what-if shows what it changes, and discarding it leaves no trace', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/gaps');
  const storedStates = async () => (await dumpDb(page, ['linkStates'])).linkStates;
  const before = await storedStates();
  await page
    .getByRole('combobox', { name: 'Choose a project…' })
    .selectOption({ label: 'Carbonate solvent projects · Attracting' });
  await page.getByRole('button', { name: 'What if completed' }).first().click();
  const diff = page.getByTestId('whatif-diff');
  await expect(diff).toContainText('Completeness 23% → 27%');
  await expect(diff).toContainText('Local supply of NCM (ternary) cells 16% → 20%');
  await expect(page.getByText('What-if: 1 change, not stored')).toBeVisible();
  // The graph shows the solvents as present now.
  expect((await drawnLinks(page)).find((l) => l.id === 'cyc_carb')?.status).toBe('present');

  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(diff).toHaveCount(0);
  await expect(page.getByText(/What-if:/)).toHaveCount(0);
  expect(await storedStates()).toEqual(before);
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByText(/What-if:/)).toHaveCount(0);
  expect(await storedStates()).toEqual(before);
  void watch;
});

test('a what-if from a link’s details can be saved as a named scenario and opened again', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/gaps?link=separator');
  const panel = page.getByRole('region', { name: 'Link details' });
  const legend = page.getByRole('group', { name: 'Status' });
  await expect(legend.locator('li', { hasText: 'Attracting' })).toHaveText(/Attracting\s*4$/);
  await panel.getByRole('button', { name: 'What if built here' }).click();
  await expect(page.getByTestId('whatif-diff')).toContainText('Separator: Gap → Local, no weakness');
  // Everything that shows the what-if says so: the details, the legend's counts, exported files.
  await expect(panel.getByTestId('whatif-tag')).toHaveText('What-if');
  await expect(panel.getByRole('note')).toHaveText('A what-if, not stored data: the stored status is Attracting.');
  await expect(legend.locator('li', { hasText: 'Attracting' })).toHaveText(/Attracting\s*3$/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^chainatlas-gaps-jinchang-what-if-\d{4}-\d{2}-\d{2}\.csv$/);
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('Separator plant');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await page.getByRole('button', { name: 'Discard' }).click();
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Separator plant', exact: true }).click();
  await expect(page.getByTestId('whatif-diff')).toContainText('Separator: Gap → Local, no weakness');
  void watch;
});

test('the gap list downloads as CSV (Excel-ready UTF-8) and XLSX', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/gaps');
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^chainatlas-gaps-jinchang-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await csvDownload.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // TextDecoder drops the byte-order mark, as Excel does.
  const parsed = await parseCsv(new TextDecoder().decode(bytes));
  const rows = parsed.rows.map((r) => r.cells);
  // Title rows say what the list is, for which region and date, and by which rules.
  expect(rows[1]).toEqual(['Region', 'Jinchang']);
  expect(rows[4]?.[0]).toBe('Rules');
  const at = rows.findIndex((r) => r[0] === 'Rank');
  expect(rows[at]?.slice(0, 3)).toEqual(['Rank', 'Id', 'Link']);
  expect(rows.length - at - 1).toBe(await table(page).locator('tbody tr[data-link]').count());
  expect(rows[at + 1]?.[1]).toBe('ncm_cam');

  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'XLSX' }).click(),
  ]);
  const xlsx = readFileSync((await xlsxDownload.path())!);
  expect([...xlsx.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip, as every .xlsx is

  // The export holds the rows as the table shows them: filtered to weak links, five rows.
  await page.getByRole('checkbox', { name: /^Weak/ }).check();
  const [weakDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV' }).click(),
  ]);
  const weak = await parseCsv(new TextDecoder().decode(readFileSync((await weakDownload.path())!)));
  const weakRows = weak.rows.map((r) => r.cells);
  const weakAt = weakRows.findIndex((r) => r[0] === 'Rank');
  expect(weakRows.slice(weakAt + 1).map((r) => r[1])).toEqual(
    await table(page)
      .locator('tbody tr[data-link]')
      .evaluateAll((trs) => trs.map((r) => r.getAttribute('data-link'))),
  );
  expect(weakRows.length - weakAt - 1).toBe(5);
  void watch;
});

test('the dossier of a gap prints as a clean page with its sources', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/gaps?link=separator');
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Open the dossier' }).click();
  await expect(page).toHaveURL(/#\/dossier\/separator$/);
  const dossier = page.getByRole('article');
  await expect(dossier.getByRole('heading', { level: 1 })).toContainText('Separator');
  await expect(dossier).toContainText('Why it is on the list');
  await expect(dossier).toContainText('NCM (ternary) cells');
  await expect(dossier).toContainText('积极引进碳酸酯、隔膜、铝塑膜等项目');
  // The Chinese quote stands verbatim, and after it its English translation, labelled and set apart.
  const quoted = dossier.locator('.sources li').filter({ hasText: '积极引进碳酸酯、隔膜、铝塑膜等项目' }).first();
  const translation = quoted.getByTestId('quote-translation');
  await expect(translation).toHaveText(
    `${en['citation.translation']} actively bringing in projects for carbonates, separators, aluminium-plastic film and others`,
  );
  await expect(translation).toHaveCSS('font-style', 'italic');
  await expect(quoted).toHaveText(/“积极引进碳酸酯、隔膜、铝塑膜等项目”\s*Translation/);
  // Saved as PDF, the page offers a file name that says which dossier it is.
  await expect(page).toHaveTitle('Investment dossier · Separator · Jinchang');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  void watch;
});

test('a dossier names only the buyers a link feeds, explains its score and quotes no data line', async ({
  page,
  watch,
}) => {
  // Pouch film cases pouch cells only: Jinchang's 18650 cylindrical NCM cells use none.
  await page.goto('./?lang=en#/dossier/pouch_film');
  const dossier = page.getByRole('article');
  await expect(dossier.getByRole('heading', { level: 1 })).toContainText('Pouch film');
  const buyers = dossier.locator('section', { has: page.getByRole('heading', { name: 'Local buyers' }) });
  await expect(buyers).toContainText('No local link uses it yet.');
  await expect(dossier).not.toContainText('18650');
  await expect(dossier).not.toContainText(/Cylindrical cells|NCM \(ternary\) cells/);
  // Its taxonomy entry is said in words, not as the data line it is stored as.
  await expect(dossier).not.toContainText('<-');
  await expect(dossier).toContainText('lists Pouch film under Components, made from');

  // A link to verify: its score in a sentence, what would settle it, its own enterprises' section.
  await page.goto('./?lang=en#/dossier/ncm_cam');
  await expect(dossier.getByRole('heading', { level: 1 })).toContainText('NCM cathode material');
  await expect(dossier.getByTestId('dossier-score')).toContainText(
    'Score 25.1: 2 points for the 1 local link that depends on it (2 each), 13.1 for carrying 44%',
  );
  await expect(dossier.getByTestId('dossier-score')).toContainText('the score it would have if it were missing');
  await expect(dossier.getByTestId('dossier-settle')).toContainText('NCM (ternary) cells saying where they buy it');
  await expect(dossier.getByRole('heading', { name: 'Enterprises on this link in the region' })).toBeVisible();
  void watch;
});

test('the rules stay open while the user works with the list; a filter menu closes on a click outside', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/gaps');
  const rules = page.locator('details', { has: page.locator('summary', { hasText: 'Rules and thresholds' }) });
  await rules.locator('summary').click();
  await expect(rules).toHaveAttribute('open', '');
  await page.getByRole('checkbox', { name: /^Gap/ }).check();
  await table(page).getByRole('button', { name: /^Link/ }).click();
  await expect(rules).toHaveAttribute('open', '');

  // A menu in the toolbar is a popover: a click elsewhere closes it, the rules stay.
  const menu = page.locator('details', { has: page.getByText('Sub-chain', { exact: true }) }).first();
  await menu.locator('summary').click();
  await expect(menu).toHaveAttribute('open', '');
  await table(page)
    .getByRole('button', { name: /^Score/ })
    .click();
  await expect(menu).not.toHaveAttribute('open', '');
  await expect(rules).toHaveAttribute('open', '');

  // A threshold that is not a number of 0 or more is refused aloud; a changed rule says so until reset.
  const tonnes = rules.getByRole('spinbutton').first();
  await tonnes.fill('-5');
  await tonnes.press('Enter');
  await expect(rules.getByRole('alert')).toHaveText('Not a number of 0 or more: the threshold stays 10,000 t/yr.');
  await expect(page.getByTestId('rules-changed')).toHaveCount(0);
  await tonnes.fill('20000');
  await tonnes.press('Enter');
  await expect(rules.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('rules-changed')).toHaveText('changed from the defaults');
  await rules.getByRole('button', { name: 'Restore the defaults' }).click();
  await expect(page.getByTestId('rules-changed')).toHaveCount(0);
  // Counting unknown links as missing leaves one figure, the low end.
  await expect(page.getByTestId('completeness-card')).toHaveText(/^23%–\d+%\s*at least/);
  await rules.getByRole('checkbox', { name: /unknown/i }).check();
  await expect(page.getByTestId('completeness-card')).toHaveText(/^23%\s*$/);
  void watch;
});

test('a part of the app whose file cannot be loaded says so and offers a reload, instead of showing nothing', async ({
  page,
}) => {
  // The gap panel is a part loaded on demand; here its file fails, as when a new version replaced it.
  await page.route(/\/assets\/GapPanel-[^/]*\.js$/, (route) => route.abort());
  await openApp(page, './?lang=en#/gaps');
  const alert = page.locator('.gaps-panel').getByRole('alert');
  await expect(alert).toContainText('This part could not be loaded. Reload to try again.');
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  // The rest of the app still works: the chain is drawn beside it.
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  // Said once, where the part would be: not again by the reload prompt at the foot of the window.
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);
});
