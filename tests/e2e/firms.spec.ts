/**
 * Firms in the browser: a firm list with its supply relations imported through the Import button, then
 * found by name, pinyin and credit code, shown in the firm view with its suppliers, and a link with
 * 2,000 firms expanded to them on the chain's canvas, the rest in a virtualised table.
 */
import type { Page } from '@playwright/test';
import { firmSample } from '../../src/model/firmSample';
import { expect, openApp, storedAll, test } from './fixtures';
import { FIRM_SOURCE, firmFile } from './firmFile';
import { dragLink, modelPosition } from './graph';

/** Imports the shipped data with `count` cathode makers in Jinchang and their relations. */
async function importFirms(page: Page, count: number): Promise<void> {
  const file = firmFile(count);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ ...file, mimeType: 'application/octet-stream' });
  const dialog = page.getByRole('dialog', { name: `Import “${file.name}”` });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 45_000 });
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Imported ${file.name}.`)).toBeVisible();
  await storedAll(page);
}

test('a firm is found by name, pinyin and credit code, and its view shows its suppliers', async ({ page, watch }) => {
  void watch;
  await openApp(page);
  await importFirms(page, 200);
  const sample = firmSample('jinchang', 'wuwei', 200, FIRM_SOURCE);
  const firm = sample.firms[3]!; // 金昌新锐鑫源新能源材料有限公司
  const search = page.getByRole('searchbox', { name: 'Search', exact: true });
  const option = page.getByRole('option', { name: new RegExp(`^${firm.name.en.replace(/[.()]/g, '\\$&')} `) });

  for (const query of ['Xinrui Xinyuan New Energy', 'jinchangxinruixinyuan', firm.creditCode!.toLowerCase()]) {
    await search.fill(query);
    await expect(option, query).toBeVisible();
  }
  await option.click();

  const view = page.getByTestId('firm-view');
  await expect(view.getByRole('heading', { level: 1 })).toHaveText(firm.name.en);
  await expect(view.getByText(firm.creditCode!)).toBeVisible();
  // Its supplier in Jinchang one step up, and that supplier's own supplier in Wuwei one step further.
  const suppliers = view.getByTestId('firm-suppliers');
  const direct = sample.firms.find((f) => f.id === 'fp3')!;
  const furtherId = sample.relations.find((r) => r.buyer.enterpriseId === direct.id)!.supplier.enterpriseId;
  const further = sample.outside.find((f) => f.id === furtherId)!;
  const row = (name: string) =>
    suppliers.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row(direct.name.en)).toContainText('Local');
  await expect(row(further.name.en)).toContainText('Outside · Wuwei');
  await expect(view.getByTestId('firm-buyers').getByRole('link')).toHaveCount(1);

  // A supplier's name opens its own view.
  await suppliers.getByRole('link', { name: direct.name.en }).click();
  await expect(view.getByRole('heading', { level: 1 })).toHaveText(direct.name.en);
});

test('a link with 2,000 firms expands to its largest, and the rest open in a table', async ({ page, watch }) => {
  void watch;
  await openApp(page);
  await importFirms(page, 2000);
  await page.goto('./?lang=en#/node/ncm_cam');
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });

  const canvas = page.getByTestId('chain-canvas');
  await page.getByRole('button', { name: 'Expand to all 2,000 firms' }).click();
  const expanded = page.getByTestId('link-firms');
  await expect(expanded.getByRole('status')).toContainText('2,000 firms (Jinchang)');
  // The 16 largest are drawn on the chain's canvas with their suppliers and buyers, and reached by the
  // keyboard through the list that stands for them.
  const keys = expanded.getByTestId('link-firms-keys');
  await expect(keys.locator('a.centre')).toHaveCount(16);
  const drawn = 16 + (await keys.locator('a:not(.centre)').count());
  await expect(canvas).toHaveAttribute('data-firms', String(drawn));
  // Collapsing takes them off the canvas; expanding again draws them again.
  await expanded.getByRole('button', { name: 'Back to the chain' }).click();
  await expect(canvas).toHaveAttribute('data-firms', '0');
  await page.getByRole('button', { name: 'Expand to all 2,000 firms' }).click();
  await expect(canvas).toHaveAttribute('data-firms', String(drawn));
  // Dragging the link takes its firms along: the frame moves as far as the link.
  const [link, frame] = [await modelPosition(page, 'ncm_cam'), await modelPosition(page, 'firms:frame')];
  await dragLink(page, 'ncm_cam', 60, -30);
  const [linkMoved, frameMoved] = [await modelPosition(page, 'ncm_cam'), await modelPosition(page, 'firms:frame')];
  expect(Math.abs(linkMoved.x - link.x)).toBeGreaterThan(10);
  expect(frameMoved.x - frame.x).toBeCloseTo(linkMoved.x - link.x, 3);
  expect(frameMoved.y - frame.y).toBeCloseTo(linkMoved.y - link.y, 3);
  // A firm drawn on the canvas opens its view when clicked, as a link does; back returns to the firms.
  const largest = await page.evaluate(() => {
    // The graph's probe: used only to find where the firm is drawn.
    const el = document.querySelector<import('./graph').ProbeHost>('[data-testid="chain-canvas"]')!;
    const firm = el.chainProbe!.centreFirm()!;
    const at = el.chainProbe!.box(firm.id, false)!;
    const box = el.getBoundingClientRect();
    return { x: box.x + (at.x1 + at.x2) / 2, y: box.y + (at.y1 + at.y2) / 2, title: firm.title };
  });
  await page.mouse.click(largest.x, largest.y);
  await expect(page.getByTestId('firm-view').getByRole('heading', { level: 1 })).toHaveText(largest.title);
  await page.goBack();
  await expect(canvas).toHaveAttribute('data-firms', String(drawn));
  const more = keys.getByRole('button', { name: '1,984 more…' });
  await more.focus();
  await more.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'NCM cathode material: firms and relations (Jinchang)' });
  const table = dialog.getByRole('table', { name: 'Firm list' });
  await expect(dialog.getByRole('status')).toHaveText('2,000 of 2,000 rows');
  // Only the rows in view are in the page, whatever the list's length.
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  await dialog.getByRole('searchbox', { name: 'Filter Firm list' }).fill('Xinrui Xinyuan');
  await expect(dialog.getByRole('status')).toHaveText('4 of 2,000 rows');
  await table.getByRole('row').filter({ hasText: 'Jinchang Xinrui Xinyuan New Energy Materials Co., Ltd.' }).click();
  await expect(page.getByTestId('firm-view').getByRole('heading', { level: 1 })).toHaveText(
    'Jinchang Xinrui Xinyuan New Energy Materials Co., Ltd.',
  );
});
