import { readFileSync } from 'node:fs';
import { imagePdf } from '../../src/io/syntax/pdf';
import { expect, openApp, storedAll, test } from './fixtures';

const workReport = readFileSync(new URL('../fixtures/reading/work-report-zh.txt', import.meta.url), 'utf8');

test('a pasted text is read into facts; two added cite it with their quote in the link details; undo takes both back', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/node/separator');
  const details = page.getByRole('region', { name: 'Link details' });
  await expect(details.locator('section[aria-labelledby="d-status"]')).toContainText('Attracting');

  await page.getByRole('button', { name: 'Read a source' }).click();
  const dialog = page.getByRole('dialog', { name: 'Read a source' });
  // Nothing to read: said, and nothing happens.
  await dialog.getByRole('button', { name: 'Find facts' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The text is empty: there is nothing to read.');

  // A PDF is read through pdf.js, loaded from the app itself; one of images only says it holds no text.
  const file = dialog.getByTestId('read-file');
  const poster = imagePdf({
    width: 200,
    height: 100,
    jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
    imageWidth: 2,
    imageHeight: 1,
  });
  await file.setInputFiles({ name: 'poster.pdf', mimeType: 'application/pdf', buffer: Buffer.from(poster) });
  await expect(dialog.getByRole('alert')).toHaveText(
    'This PDF holds no text (it may be scanned pages): there is nothing to read.',
  );
  await file.setInputFiles(new URL('../fixtures/reading/signed-zh.pdf', import.meta.url).pathname);
  await expect(dialog.getByRole('textbox', { name: 'Source text' })).toHaveValue(
    /^（测试用构造文本[^]*\n\n北辰隔膜一期项目开工建设，/,
  );
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('signed-zh');
  // Chinese text in a font the PDF does not embed is read through the character maps the app carries.
  await file.setInputFiles(new URL('../fixtures/reading/cid-font-zh.pdf', import.meta.url).pathname);
  await expect(dialog.getByRole('textbox', { name: 'Source text' })).toHaveValue('金昌市新能源电池产业');

  await dialog.getByRole('textbox', { name: 'Title' }).fill('2024年政府工作报告');
  await dialog.getByRole('textbox', { name: 'Publisher' }).fill('某市人民政府');
  await dialog.getByRole('textbox', { name: 'Date' }).fill('2024-01');
  await dialog.getByRole('textbox', { name: 'Source text' }).fill(workReport);
  await dialog.getByRole('button', { name: 'Find facts' }).click();

  const table = dialog.getByRole('table', { name: 'Facts found' });
  await expect(table).toBeVisible();
  await expect(dialog.getByText(/^13 facts found/)).toBeVisible();
  // Grouped by link: the separator's status conflicts with the stored one, shown with its source.
  const separator = table.locator('tbody[data-link="separator"] tr.fact[data-kind="linkState"]');
  await expect(separator).toContainText('Building');
  await expect(separator).toContainText('¶2 北辰隔膜一期项目开工建设');
  await expect(separator).toContainText('Conflicts');
  await expect(separator).toContainText('¶12');
  const electrolyte = table.locator('tbody[data-link="electrolyte"] tr.fact[data-kind="linkState"]');
  await expect(electrolyte).toContainText('New');

  await separator.getByRole('button', { name: 'Add', exact: true }).click();
  await electrolyte.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add 2 facts to the data' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Added 2 facts from “2024年政府工作报告”.' })).toBeVisible();
  await storedAll(page);

  const status = details.locator('section[aria-labelledby="d-status"]');
  await expect(status).toContainText('Building');
  await expect(status).toContainText('某市人民政府');
  await expect(status.locator('q')).toContainText(['北辰隔膜一期项目开工建设']);

  // One step in the history: one undo takes both facts and the source back.
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(status).toContainText('Attracting');
  await expect(status).not.toContainText('某市人民政府');
  await page.goto('./?lang=en#/node/electrolyte');
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(details.locator('section[aria-labelledby="d-status"]')).not.toContainText('Missing');
  void watch;
});
