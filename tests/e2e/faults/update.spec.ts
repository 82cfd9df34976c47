/**
 * An update with two tabs open. The old tab keeps running the previous version's code, now under the
 * new service worker: its lazy files must still come (the previous version's cache is kept while a tab
 * of that version is open, and deleted once none is). Where a lazy file cannot come after all, the
 * page says so and offers a reload. The data stays as it was throughout.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from '../fixtures';
import { DIST, previousBuild, serveApp } from './appServer';
import { appCaches, controlled, fault, readStore, watchContext } from './support';

async function exportItem(page: Page, item: string) {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: item }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

/** Waits until the page is controlled by the registration's active worker and no worker waits. */
async function underActiveWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return !!registration && !registration.waiting && registration.active === navigator.serviceWorker.controller;
  });
}

test('after an update, a tab of the previous version still loads its lazy files; its cache goes with its last tab', async ({
  browser,
}) => {
  fault('update with two tabs open');
  test.setTimeout(180_000);
  const previous = await previousBuild();
  const server = await serveApp(previous);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const watch = watchContext(context, server.origin);
  try {
    const first = await context.newPage();
    await openApp(first, `${server.url}?lang=en`);
    await controlled(first);
    const second = await context.newPage();
    await openApp(second, `${server.url}?lang=en`);
    await controlled(second);
    const stored = await readStore(first);
    expect(await appCaches(first)).toHaveLength(1);

    // The new version is deployed; the first tab finds it, and the user reloads that tab into it.
    server.deploy(DIST);
    await first.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = first.getByTestId('update-prompt');
    await expect(prompt).toContainText('A new version of ChainAtlas is ready.');
    const reloaded = first.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(first.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });

    // The second tab still runs the previous version, under the new worker. Its poster code was never
    // loaded and the server no longer has it: it comes from the previous version's cache.
    await underActiveWorker(second);
    expect(await appCaches(second)).toHaveLength(2);
    const poster = await exportItem(second, 'A3 poster (PDF)');
    expect(poster.name).toMatch(/poster-A3\.pdf$/);
    expect(poster.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Reloaded, the second tab is of the new version too: no tab needs the previous cache any more.
    const again = second.waitForEvent('load');
    await second.getByTestId('update-prompt').getByRole('button', { name: 'Reload' }).click();
    await again;
    await expect(second.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect.poll(() => appCaches(second)).toHaveLength(1);
    expect(await readStore(second)).toEqual(stored);
    watch.expectClean();
  } finally {
    await context.close();
    await server.close();
  }
});

test('a lazy file that cannot be loaded is said in words, with a reload that brings it; no data changes', async ({
  browser,
  baseURL,
}) => {
  fault('lazy file missing after an update');
  // No service worker: the server itself answers, as it does for a tab whose cache the browser evicted.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const origin = new URL(baseURL!).origin;
  const watch = watchContext(context, origin);
  try {
    const page = await context.newPage();
    await openApp(page, `${baseURL}?lang=en`);
    const stored = await readStore(page);
    const missing: string[] = [];
    await context.route(/\/assets\/pictures-[^/]+\.js$/, (route) => {
      missing.push(route.request().url());
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
    });

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'A3 poster (PDF)' }).click();
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toContainText('could not be loaded');
    expect(missing).toHaveLength(1);
    // The only errors are the missing file's own.
    expect(watch.consoleErrors.filter((e) => !/404|Failed to fetch dynamically imported module/.test(e))).toEqual([]);
    watch.consoleErrors.length = 0;

    await context.unroute(/\/assets\/pictures-[^/]+\.js$/);
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect(prompt).toHaveCount(0);
    const poster = await exportItem(page, 'A3 poster (PDF)');
    expect(poster.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await readStore(page)).toEqual(stored);
    watch.expectClean();
  } finally {
    await context.close();
  }
});

test('a first visit whose shipped data cannot be fetched says so in words and stores nothing; a reload brings it', async ({
  browser,
  baseURL,
}) => {
  fault('shipped data missing on a first visit');
  // No service worker: a first visit, answered by the server alone.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const watch = watchContext(context, new URL(baseURL!).origin);
  const shippedData = /\/assets\/shipped-dataset-[^/]+\.json$/;
  try {
    const missing: string[] = [];
    await context.route(shippedData, (route) => {
      missing.push(route.request().url());
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
    });
    const page = await context.newPage();
    await page.goto(`${baseURL}?lang=en`);
    await expect(page.getByRole('alert')).toContainText(
      'The data could not be opened: the shipped data could not be fetched (the server answered HTTP 404); reload the page',
    );
    expect(missing.length).toBeGreaterThan(0);
    // Nothing was stored: no database was made.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
    expect(watch.consoleErrors.filter((e) => !/404/.test(e))).toEqual([]);
    watch.consoleErrors.length = 0;

    await context.unroute(shippedData);
    await page.reload();
    await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
    watch.expectClean();
  } finally {
    await context.close();
  }
});
