/**
 * What the fault suite shares: each case names the fault it keeps found (for `npm run faults`), reads
 * back everything the user made straight from IndexedDB to compare record for record, and watches
 * pages of contexts it opens itself for console errors and requests to other origins, as the shared
 * fixture does for its page.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { DATA_TABLES, dumpDb } from '../db';

/** Names the fault a case keeps found; `npm run faults` counts runs and intact data per name. */
export function fault(name: string): void {
  test.info().annotations.push({ type: 'fault', description: name });
}

type Row = Record<string, unknown> & { seq?: number };

/**
 * Everything the user made, as stored: every record of every data table (without the store's `seq`,
 * in the order `seq` gives), the saved scenarios, and the layouts the user saved. Equal values mean the
 * same data, record for record.
 */
export async function readStore(page: Page): Promise<Record<string, Row[]>> {
  const dump = await dumpDb(page, [...DATA_TABLES, 'scenarios', 'layouts']);
  const out: Record<string, Row[]> = {};
  for (const [table, json] of Object.entries(dump)) {
    const rows = (JSON.parse(json) as Row[]).filter((r) => table !== 'layouts' || r.custom === true);
    out[table] = rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).map(({ seq: _seq, ...rest }) => rest);
  }
  return out;
}

/** Console errors and requests to other origins of every page `context` opens. */
export function watchContext(context: BrowserContext, origin: string) {
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  context.on('page', (page) => {
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  return {
    consoleErrors,
    foreignRequests,
    expectClean(): void {
      expect(consoleErrors, 'console errors').toEqual([]);
      expect(foreignRequests, 'requests to other origins').toEqual([]);
    },
  };
}

/** Waits until a service worker controls the page (every file of the app is then cached). */
export async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** The names of the app's version caches this origin holds. */
export function appCaches(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('chainatlas:')));
}
