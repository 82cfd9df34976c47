/**
 * A full disk, for real: the browser's storage quota for the app's origin is set to 3 MB and to 10 MB
 * (Chromium's Storage.overrideQuotaForOrigin), then a file bigger than the room left is imported. The
 * import is refused in words with nothing stored, and the data the user had is all there and editable.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, storedAll, test } from '../fixtures';
import { shippedDataset } from '../shipped';
import { fault, jsonFile, openImport, readStore } from './support';

const MB = 1024 * 1024;

// The quota is for the user's data here. The offline copy (the service worker's cache, about 3 MB with
// pdf.js) shares the origin's quota; whether it is cached before the edit below depends on timing, and
// on a 3 MB disk it alone fills it. So no service worker runs in these tests.
test.use({ serviceWorkers: 'block' });

/** Text that does not compress: letters from a fixed pseudo-random sequence. */
function noise(length: number, seed: number): string {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(String.fromCharCode(97 + (x % 26)));
  }
  return out.join('');
}

async function withQuota(page: Page, baseURL: string, bytes: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL).origin, quotaSize: bytes });
}

for (const quota of [3, 10]) {
  test(`with ${quota} MB of storage, an import that does not fit is refused and nothing is lost`, async ({
    page,
    baseURL,
    watch,
  }) => {
    fault(`quota ${quota} MB`);
    await withQuota(page, baseURL!, quota * MB);
    await openApp(page, './?lang=en');
    const before = await readStore(page);

    // Notes of 1 MB each on as many statuses as it takes to pass the quota.
    const file = shippedDataset();
    const states = file.regions[0]!.linkStates;
    for (let i = 0; i <= quota; i++) Object.assign(states[i]!, { note: { zh: '备注', en: noise(MB, i + 1) } });
    const dialog = await openImport(page, jsonFile(`notes-${quota}mb.json`, file));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'There is no room left in this browser’s storage. Nothing was stored.',
    );
    await storedAll(page);
    expect(await readStore(page)).toEqual(before);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // What was there still works: an edit is stored, and kept over a reload.
    await page.goto('./?lang=en#/node/separator');
    await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Status in the region' });
    await form.getByRole('textbox', { name: 'Note (English)' }).fill('Checked on a full disk');
    await form.getByRole('button', { name: 'Save status' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
    await expect(page.getByRole('region', { name: 'Link details' })).toContainText('Checked on a full disk');
    void watch;
  });
}
