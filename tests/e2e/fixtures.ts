/**
 * Shared browser-test setup: every page records console errors and any request that leaves the app's
 * own origin, and each test asserts both stay empty.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface Watch {
  readonly consoleErrors: string[];
  readonly foreignRequests: string[];
}

export const test = base.extend<{ watch: Watch }>({
  watch: async ({ page, baseURL }, use) => {
    const watch: Watch = { consoleErrors: [], foreignRequests: [] };
    const origin = new URL(baseURL!).origin;
    page.on('console', (m) => {
      if (m.type() === 'error') watch.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => watch.consoleErrors.push(String(e)));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
        watch.foreignRequests.push(url);
    });
    await use(watch);
    expect(watch.consoleErrors, 'console errors').toEqual([]);
    expect(watch.foreignRequests, 'requests to other origins').toEqual([]);
  },
});

export { expect };

/** Opens the app and waits until the chain is laid out and drawn, and what it shows is stored. */
export async function openApp(page: Page, path = './?lang=en'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
  await storedAll(page);
}

/** Waits until everything the app shows is in IndexedDB (no write or read of the store under way). */
export async function storedAll(page: Page): Promise<void> {
  await expect(page.locator('[data-stored]')).toHaveAttribute('data-stored', 'true', { timeout: 45_000 });
}
