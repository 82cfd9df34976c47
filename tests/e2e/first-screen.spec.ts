import type { Page } from '@playwright/test';
import { en } from '../../src/i18n/testing';
import { ELECTROLYTE_MISSING, putRow } from './db';
import { expect, openApp, test } from './fixtures';
import { SHIPPED_LINKS } from './shipped';

/** Message keys shown as text: a message looked up before its part of the catalogue was there. */
async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return Object.keys(en).filter((key) => text.includes(key));
}

test('opens on the Jinchang chain, drawn, with its title, data date and source', async ({ page, watch }) => {
  await openApp(page, './?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jinchang');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('New-energy battery chain');
  await expect(page.getByTestId('data-date')).toHaveText('Data as of 2024');
  await expect(page.getByTestId('main-source')).toContainText('Gansu Daily');
  await expect(page.getByTestId('main-source')).toContainText('取舍之间的发展智慧');
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(SHIPPED_LINKS));

  // The canvas really has something on it: many distinct pixel colours, not a blank sheet.
  const colours = await page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="chain-canvas"] canvas')];
    const seen = new Set<number>();
    for (const c of canvases) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) continue;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < data.length; i += 4 * 97)
        if (data[i + 3]! > 0) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    return seen.size;
  });
  expect(colours).toBeGreaterThan(20);
  expect(watch.foreignRequests).toEqual([]);
});

test('follows the browser language and lets ?lang= force one', async ({ browser, baseURL }) => {
  for (const [browserLocale, path, heading, date] of [
    ['zh-CN', './', '金昌市', '数据截至2024年'],
    ['en-US', './', 'Jinchang', 'Data as of 2024'],
    ['zh-CN', './?lang=en', 'Jinchang', 'Data as of 2024'],
  ] as const) {
    const context = await browser.newContext({ locale: browserLocale, baseURL });
    const page = await context.newPage();
    await openApp(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expect(page.getByTestId('data-date')).toHaveText(date);
    await expect(page.locator('html')).toHaveAttribute(
      'lang',
      browserLocale === 'en-US' || path.includes('en') ? 'en' : 'zh-CN',
    );
    // The page starts with the first part of its language's catalogue: no message is ever a raw key,
    // neither on the first screen nor in the menu opened next (its words load after the first draw).
    expect(await rawKeys(page)).toEqual([]);
    const data = heading === 'Jinchang' ? 'Data' : '数据';
    await page.getByRole('button', { name: data, exact: true }).click();
    await expect(page.getByRole('group', { name: data })).toBeVisible();
    expect(await rawKeys(page)).toEqual([]);
    await context.close();
  }
});

test('the language switch changes the interface and keeps a forced ?lang= in step', async ({ page, watch }) => {
  await openApp(page, './?lang=zh');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('金昌市');
  await page.getByRole('button', { name: '切换到英文' }).click();
  await expect(page.getByTestId('data-date')).toHaveText('Data as of 2024');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jinchang');
  await expect(page).toHaveURL(/lang=en/);
  void watch;
});

test('keeps a user change across a reload and restores the shipped data only after asking', async ({ page, watch }) => {
  await openApp(page);
  const legendCount = page.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Missing' });
  await expect(legendCount).toHaveText(/Missing\s*$/); // no missing links in the shipped data

  // Change a stored status directly in IndexedDB, as an edit would.
  await putRow(page, 'linkStates', ELECTROLYTE_MISSING);
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(legendCount).toHaveText(/Missing\s*1$/);

  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Reset to shipped data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset to shipped data?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(legendCount).toHaveText(/Missing\s*1$/);

  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Reset to shipped data…' }).click();
  await dialog.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('status')).toHaveText(/shipped data has been restored/);
  await expect(legendCount).toHaveText(/Missing\s*$/);
  void watch;
});
