/**
 * Addresses and headers: any address below the app opens the app (it was a blank page), served by the
 * server or by the offline copy, and no other site may show the app in a frame.
 */
import { expect, openApp, test } from '../fixtures';
import { controlled, fault, watchContext } from './support';

test('an address below the app opens the app with its query and hash, online and from the offline copy', async ({
  browser,
  baseURL,
}) => {
  fault('address below the app');
  const origin = new URL(baseURL!).origin;
  for (const serviceWorkers of ['block', 'allow'] as const) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers });
    const watch = watchContext(context, origin);
    try {
      const page = await context.newPage();
      if (serviceWorkers === 'allow') {
        await openApp(page, `${baseURL}?lang=en`);
        await controlled(page);
      }
      await page.goto(`${baseURL}some/path/deeper?lang=zh#/gaps`);
      await expect(page).toHaveURL(`${baseURL}?lang=zh#/gaps`);
      await expect(page.getByRole('heading', { name: '缺链分析' })).toBeVisible({ timeout: 45_000 });
      // A missing file is still a missing file, not the app's page.
      const missing = await page.request.get(`${baseURL}assets/no-such-file.js`);
      expect(missing.status()).toBe(404);
      watch.expectClean();
    } finally {
      await context.close();
    }
  }
});

test('the server forbids framing the app by any site', async ({ request }) => {
  fault('framed by another site');
  for (const path of ['./', './index.html', './some/path']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-frame-options'], path).toBe('DENY');
  }
});
