/**
 * Files as Excel writes them, through the Import button: a links sheet whose sub-chain is one merged
 * cell reaches every row, and a CSV whose encoding cannot be told waits for the user to choose,
 * showing the text each way, and is stored as read in the encoding chosen.
 */
import type { Locator, Page } from '@playwright/test';
import { mergedSubChainWorkbook } from '../../src/io/testkit';
import { dumpDb } from './db';
import { expect, openApp, test } from './fixtures';

async function pick(page: Page, name: string, bytes: Uint8Array): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  return page.getByRole('dialog', { name: `Import “${name}”` });
}

const stored = async (page: Page, table: string) =>
  JSON.parse((await dumpDb(page, [table]))[table]!) as Record<string, unknown>[];

test('Excel files: merged cells fill their range; an unclear encoding waits for the user’s choice', async ({
  page,
  watch,
}) => {
  await openApp(page);

  // The sub-chain 负极材料 is written once and merged down the three links' rows.
  const book = await pick(page, 'links-merged.xlsx', mergedSubChainWorkbook());
  const links = book.getByRole('table', { name: 'What the import changes' }).locator('tr[data-kind="links"] td');
  await expect(links).toHaveText(['3', '0', '0']);
  await book.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported links-merged.xlsx.')).toBeVisible();
  const added = (await stored(page, 'links')).filter((l) => String(l.id).startsWith('x_'));
  expect(added.map((l) => [l.id, l.subChain])).toEqual([
    ['x_a', 'anode'],
    ['x_b', 'anode'],
    ['x_c', 'anode'],
  ]);

  // "±5%" in UTF-8 is valid GBK too ("卤5%"): the preview asks, and Import waits.
  const csv = new TextEncoder().encode('link_id,status,note_en\r\nni_metal,present,±5%\r\n');
  const dialog = await pick(page, 'tolerance.csv', csv);
  const choice = dialog.getByTestId('encoding-choice');
  await expect(choice.getByRole('alert')).toContainText('cannot tell how this file’s characters are encoded');
  await expect(choice.getByText('ni_metal,present,±5%')).toBeVisible();
  await expect(choice.getByText('ni_metal,present,卤5%')).toBeVisible();
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();

  // Reading it as GBK shows the wrong characters; reading it as UTF-8 again is right, and is stored.
  await choice.getByRole('radio', { name: /GBK/ }).click();
  await expect(dialog.getByText('Text encoding: GBK / GB18030 (Simplified Chinese Windows)')).toBeVisible();
  await expect(importButton).toBeEnabled();
  await dialog.getByText('Text encoding: GBK').click();
  await dialog.getByRole('radio', { name: /UTF-8/ }).click();
  await expect(dialog.getByText('Text encoding: UTF-8')).toBeVisible();
  await importButton.click();
  await expect(page.getByText('Imported tolerance.csv.')).toBeVisible();
  const ni = (await stored(page, 'linkStates')).find((s) => s.linkId === 'ni_metal' && s.regionId === 'jinchang');
  expect((ni!.note as { en: string }).en).toBe('±5%');
  void watch;
});
