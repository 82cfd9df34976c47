/**
 * The lists planners keep, imported through the Import button: a 2,000-row firm register (XLSX,
 * Chinese headers) and a 5,000-row supplier list (CSV), generated from the province workload and
 * written with the app's own writers. The preview counts what they add, Import stores it, and the
 * same register again adds nothing.
 */
import type { Locator, Page } from '@playwright/test';
import { firmListRows, provinceWorkload, relationListRows } from '../../bench/workloads';
import { writeCsv } from '../../src/io/syntax/csvSyntax';
import { encodeUtf8 } from '../../src/io/syntax/text';
import { writeWorkbook } from '../../src/io/syntax/xlsxWrite';
import { dumpDb } from './db';
import { expect, openApp, test } from './fixtures';
import { shippedDataset } from './shipped';

const shipped = shippedDataset();
const province = provinceWorkload();
// The province's firms go to the shipped regions, named as planners write them (金昌市, 酒泉市 …).
const firmList = firmListRows(province, {
  regionName: (_r, i) => shipped.regions[i % shipped.regions.length]!.name.zh,
});
const relationList = relationListRows(province);
const files = {
  firms: {
    name: '企业名录.xlsx',
    buffer: Buffer.from(writeWorkbook([{ name: '企业名录', rows: firmList, header: true }])),
  },
  relations: { name: '供应商名单.csv', buffer: Buffer.from(encodeUtf8(writeCsv(relationList), true)) },
};

async function pickFile(page: Page, file: { name: string; buffer: Buffer }): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ ...file, mimeType: 'application/octet-stream' });
  const dialog = page.getByRole('dialog', { name: `Import “${file.name}”` });
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeVisible({ timeout: 60_000 });
  return dialog;
}

/** The preview's counts: row label → [added, changed, removed]. */
async function countsIn(dialog: Locator): Promise<Record<string, number[]>> {
  const table = dialog.getByRole('table', { name: 'What the import changes' });
  await expect(table).toBeVisible();
  const rows = await table
    .locator('tbody tr[data-kind]')
    .evaluateAll((trs) =>
      trs.map((r) => [
        r.querySelector('th')!.textContent!.trim(),
        [...r.querySelectorAll('td')].map((td) => Number(td.textContent)),
      ]),
    );
  return Object.fromEntries(rows);
}

async function commit(page: Page, dialog: Locator, fileName: string): Promise<void> {
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByText(`Imported ${fileName}.`)).toBeVisible();
}

const stored = async (page: Page, table: string) => JSON.parse((await dumpDb(page, [table]))[table]!) as unknown[];

test('a 2,000-firm register and a 5,000-row supplier list import through the Import button; the register again adds nothing', async ({
  page,
  watch,
}) => {
  test.setTimeout(180_000);
  await openApp(page, './?lang=en');
  const shippedFirms = shipped.regions.reduce((n, r) => n + r.enterprises.length, 0);

  const firms = await pickFile(page, files.firms);
  // Rows cite the imported file: it becomes a source.
  expect(await countsIn(firms)).toEqual({ Enterprises: [2000, 0, 0], Sources: [1, 0, 0] });
  await commit(page, firms, files.firms.name);
  expect(await stored(page, 'enterprises')).toHaveLength(shippedFirms + 2000);

  const relations = await pickFile(page, files.relations);
  expect(await countsIn(relations)).toEqual({ 'Firm supply relations': [5000, 0, 0], Sources: [1, 0, 0] });
  await commit(page, relations, files.relations.name);
  const rows = (await stored(page, 'relations')) as { regionId: string; buyer: { regionId: string } }[];
  expect(rows).toHaveLength(5000);
  expect(rows.every((r) => r.regionId === r.buyer.regionId)).toBe(true);

  // The same register again: every firm matches a stored one, and nothing changes.
  const again = await pickFile(page, files.firms);
  await expect(again.getByText('The file adds and changes nothing.')).toBeVisible();
  expect(await countsIn(again)).toEqual({});
  void watch;
});
