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
import { expect, openApp, storedAll, test } from './fixtures';
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

test('a firm register and a supplier list chosen together import as one step, and one undo removes both', async ({
  page,
  watch,
}) => {
  // A register of 300 firms, and the province's supply relations between those firms only.
  const register = firmList.slice(0, 301);
  const names = new Set(register.slice(1).map((r) => r[0]));
  const codes = new Set(register.slice(1).map((r) => r[1]));
  const supplies = [relationList[0]!, ...relationList.slice(1).filter((r) => names.has(r[0]) && codes.has(r[1]))];
  expect(supplies.length).toBeGreaterThan(20);
  const csv = (rows: string[][]) => Buffer.from(encodeUtf8(writeCsv(rows), true));
  await openApp(page, './?lang=en');
  const before = {
    enterprises: (await stored(page, 'enterprises')).length,
    relations: (await stored(page, 'relations')).length,
  };

  // Each file is read once, each in a worker of its own.
  const readers: string[] = [];
  page.on('worker', (w) => {
    if (w.url().includes('import.worker')) readers.push(w.url());
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // The supplier list comes first: it names the register's firms, so it is read after it. The status
  // table's "±5%" in UTF-8 is valid GBK too ("卤5%"): its encoding is asked for in the list.
  await (
    await chooser
  ).setFiles([
    { name: '供应商名单.csv', mimeType: 'text/csv', buffer: csv(supplies) },
    { name: '企业名录.csv', mimeType: 'text/csv', buffer: csv(register) },
    {
      name: '状态.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('link_id,status,note_en\r\nni_metal,present,±5%\r\n'),
    },
  ]);
  const dialog = page.getByRole('dialog', { name: 'Import “供应商名单.csv, 企业名录.csv, 状态.csv”' });
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeVisible({ timeout: 60_000 });
  const files = dialog.getByRole('list', { name: 'Files read together' }).getByRole('listitem');
  await expect(files).toHaveText([
    /^状态\.csv\s+a CSV table · Link statuses · 1 row\s+its text encoding is unclear: choose it below\s*$/,
    /^企业名录\.csv\s+a CSV table · Enterprises · 300 rows\s+ready\s*$/,
    new RegExp(`^供应商名单\\.csv\\s+a CSV table · Firm supply relations · ${supplies.length - 1} rows\\s+ready\\s*$`),
  ]);
  await expect(importButton).toBeDisabled();
  const choice = dialog.getByRole('group', { name: 'Text encoding · 状态.csv' });
  await expect(choice.getByRole('alert')).toContainText('cannot tell how this file’s characters are encoded');
  await expect(choice.getByText('ni_metal,present,卤5%')).toBeVisible();
  await choice.getByRole('radio', { name: /UTF-8/ }).click();
  await expect(files.first()).toHaveText(/ready\s*$/);
  await expect(importButton).toBeEnabled();
  expect(readers).toHaveLength(3);
  // Each file cites itself: three sources.
  expect(await countsIn(dialog)).toMatchObject({
    Enterprises: [300, 0, 0],
    'Firm supply relations': [supplies.length - 1, 0, 0],
    Sources: [3, 0, 0],
  });
  await commit(page, dialog, '供应商名单.csv, 企业名录.csv, 状态.csv');
  expect(await stored(page, 'enterprises')).toHaveLength(before.enterprises + 300);
  expect(await stored(page, 'relations')).toHaveLength(before.relations + supplies.length - 1);

  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Undone: Import 供应商名单.csv, 企业名录.csv, 状态.csv' }),
  ).toBeVisible();
  await storedAll(page);
  expect(await stored(page, 'enterprises')).toHaveLength(before.enterprises);
  expect(await stored(page, 'relations')).toHaveLength(before.relations);
  void watch;
});
