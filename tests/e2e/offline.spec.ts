/**
 * The offline copy: the install manifest, starting and working with the network off after one visit,
 * and a new version that waits for the user before it takes over.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';
import { ELECTROLYTE_MISSING, putRow } from './db';
import { expect, openApp, test } from './fixtures';
import { drawnLinks } from './graph';
import { SHIPPED_LINKS } from './shipped';

const DIST = new URL('../../dist/', import.meta.url).pathname;

/** Every file of the build the app needs: all of dist/ but source maps and the worker script itself. */
function builtFiles(dir = DIST): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return builtFiles(path);
    const file = relative(DIST, path).split(sep).join('/');
    return file.endsWith('.map') || file === 'sw.js' ? [] : [file];
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until a service worker controls the page, and returns the URLs in its cache. */
async function offlineCopy(page: Page): Promise<string[]> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 45_000 });
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('chainatlas:'));
    if (names.length !== 1) throw new Error(`expected one app cache, found ${JSON.stringify(names)}`);
    const cache = await caches.open(names[0]!);
    return (await cache.keys()).map((r) => r.url);
  });
}

/** Changes a stored link status directly in IndexedDB, as an edit would. */
async function markElectrolyteMissing(page: Page): Promise<void> {
  await putRow(page, 'linkStates', ELECTROLYTE_MISSING);
}

/** Added to the installed worker in the update test, so the test can tell the two versions apart. */
const PREVIOUS_VERSION_PROBE = `self.addEventListener('message', (e) => {
  if (e.data === 'which-version') e.ports[0]?.postMessage('previous');
});`;

/** Asks the worker in control which version it is: only the previous one answers. */
function askVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(String(event.data));
        navigator.serviceWorker.controller!.postMessage('which-version', [channel.port2]);
        setTimeout(() => resolve('no answer'), 1000);
      }),
  );
}

test('the install manifest is valid and every icon it lists loads at its size', async ({ page, request, watch }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href!, page.url());
  const response = await request.get(manifestUrl.href);
  expect(response.status()).toBe(200);
  const manifest = JSON.parse(await response.text());
  expect(manifest).toMatchObject({
    name: '链图 ChainAtlas',
    short_name: '链图',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    lang: 'zh-CN',
    theme_color: '#00694a',
    background_color: '#ffffff',
  });
  // start_url and scope are this folder: the app itself, wherever it is served from.
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(new URL('./', page.url()).href);

  // Chromium's own reading of it: no errors, and the icons it will install.
  const cdp = await page.context().newCDPSession(page);
  const { errors, url } = await cdp.send('Page.getAppManifest');
  expect(url).toBe(manifestUrl.href);
  expect(errors).toEqual([]);

  const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
  const pngSizes = new Set<string>();
  for (const icon of icons) {
    const res = await request.get(new URL(icon.src, manifestUrl).href);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type'], icon.src).toContain(icon.type);
    const body = await res.body();
    if (icon.type === 'image/png') {
      const { width, height } = pngSize(body);
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
      pngSizes.add(`${icon.sizes} ${icon.purpose ?? 'any'}`);
    } else {
      expect(icon.type).toBe('image/svg+xml');
      expect(body.toString('utf8')).toMatch(/^<svg[^>]*viewBox/);
    }
  }
  expect([...pngSizes]).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));

  // The home-screen icon for iOS, linked from the page.
  const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  const touchIcon = await request.get(new URL(touch!, page.url()).href);
  expect(touchIcon.status()).toBe(200);
  expect(pngSize(await touchIcon.body())).toEqual({ width: 180, height: 180 });
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#00694a');
  void watch;
});

test('a later visit draws the region its address asks for, with what is stored for it', async ({ page, watch }) => {
  await openApp(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 45_000 });
  // Stored for two regions, as edits would: the first read of a later visit is begun by the page's head
  // script, before the app's code has loaded, for the region the address names.
  await putRow(page, 'linkStates', { ...ELECTROLYTE_MISSING, regionId: 'wuwei', status: 'present' });
  await markElectrolyteMissing(page);
  const electrolyte = async () => (await drawnLinks(page)).find((l) => l.id === 'electrolyte')?.status;
  const canvas = page.getByTestId('chain-canvas');

  await page.goto('./?lang=en#/?region=wuwei');
  await page.reload();
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
  await expect(page.getByRole('combobox', { name: 'Region' })).toHaveValue('wuwei');
  expect(await electrolyte()).toBe('present');

  await page.goto('./?lang=en#/');
  await page.reload();
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
  await expect(page.getByRole('combobox', { name: 'Region' })).toHaveValue('jinchang');
  expect(await electrolyte()).toBe('missing');
  void watch;
});

test('after one visit the app starts, shows the user’s data and changes view with the network off', async ({
  page,
  context,
  baseURL,
  watch,
}) => {
  await openApp(page);
  // Every file of the build is on the device: the entry, the lazy chunks, the workers, CSS, icons.
  const cached = await offlineCopy(page);
  expect(cached.map((url) => url.slice(baseURL!.length)).sort()).toEqual(builtFiles().sort());

  const missing = page.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Missing' });
  await markElectrolyteMissing(page);
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
  await expect(missing).toHaveText(/Missing\s*1$/);
  await expect(page.getByTestId('offline-indicator')).toHaveCount(0);

  // Cut the network: the browser is offline, and any request that still got past the service worker
  // — from the page, a worker or the service worker itself — is recorded and refused.
  const reachedNetwork: string[] = [];
  await context.route('**/*', (route) => {
    reachedNetwork.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await context.setOffline(true);
  const notFromCopy: string[] = [];
  const watchPage = (p: Page) => {
    p.on('requestfinished', async (request) => {
      const response = await request.response();
      if (!request.url().startsWith('data:') && !response?.fromServiceWorker()) notFromCopy.push(request.url());
    });
    p.on('requestfailed', (request) => notFromCopy.push(`${request.url()} (${request.failure()?.errorText})`));
  };
  watchPage(page);

  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(SHIPPED_LINKS));
  await expect(missing).toHaveText(/Missing\s*1$/);
  await expect(page.getByTestId('offline-indicator')).toHaveText('Offline · working from this device’s copy');

  // Search by pinyin: the dictionary is a lazy chunk, loaded now for the first time.
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('gemo');
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toContainText(
    'Separator',
  );
  await box.fill('');

  // Every file of the build, lazy chunks and workers included, comes from the device.
  const files = builtFiles();
  const served = await page.evaluate(
    (urls) =>
      Promise.all(
        urls.map((url) =>
          fetch(url).then(
            (r) => `${url} ${r.status}`,
            () => `${url} failed`,
          ),
        ),
      ),
    files,
  );
  expect(served).toEqual(files.map((url) => `${url} 200`));

  // Another view, opened in a new tab so that it really loads, offline.
  const gapsPage = await context.newPage();
  watchPage(gapsPage);
  gapsPage.on('console', (m) => m.type() === 'error' && watch.consoleErrors.push(m.text()));
  gapsPage.on('pageerror', (e) => watch.consoleErrors.push(String(e)));
  await openApp(gapsPage, './?lang=en#/gaps');
  await expect(gapsPage.getByRole('table', { name: 'Gaps' })).toBeVisible();
  await expect(gapsPage.getByTestId('offline-indicator')).toBeVisible();
  await gapsPage.close();
  await page.goto('./?lang=en#/gaps');
  await expect(page.getByRole('table', { name: 'Gaps' })).toBeVisible();

  expect(reachedNetwork, 'requests that reached the network').toEqual([]);
  expect(notFromCopy, 'requests not answered from the offline copy').toEqual([]);
  void watch;
});

test('a new version waits for the user, then reloads once into it', async ({ page, context, watch }) => {
  // The device holds an older version of the worker: the same files, one comment different. (Chromium
  // checks for updates from its browser process, where routes cannot reach, so the test changes the
  // installed copy rather than what the server returns; the result is the same: server and device
  // differ.)
  await context.route('**/sw.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n${PREVIOUS_VERSION_PROBE}\n` });
  });
  await openApp(page);
  await offlineCopy(page);
  await context.unroute('**/sw.js');
  expect(await askVersion(page)).toBe('previous');

  let loads = 0;
  page.on('load', () => loads++);
  await page.evaluate(() => ((window as any).beforeUpdate = true));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

  const prompt = page.getByTestId('update-prompt');
  await expect(prompt).toContainText('A new version of ChainAtlas is ready. Reload when convenient.');
  // It waits: no reload, the new worker still waiting, the old one still in control.
  await page.waitForTimeout(1500);
  expect(loads).toBe(0);
  expect(await page.evaluate(() => (window as any).beforeUpdate)).toBe(true);
  const waiting = () =>
    page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: registration.waiting?.state ?? null, active: registration.active?.state ?? null };
    });
  expect(await waiting()).toEqual({ waiting: 'installed', active: 'activated' });
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');

  const reloaded = page.waitForEvent('load');
  await prompt.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
  expect(await page.evaluate(() => (window as any).beforeUpdate)).toBeUndefined();
  expect(await waiting()).toEqual({ waiting: null, active: 'activated' });
  // The page runs under the new worker, the server's sw.js, which has no probe.
  expect(await askVersion(page)).toBe('no answer');
  await expect(prompt).toHaveCount(0);
  await page.waitForTimeout(1000);
  expect(loads).toBe(1);
  void watch;
});
