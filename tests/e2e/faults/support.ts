/**
 * What the fault suite shares: each case names the fault it keeps found (for `npm run faults`), reads
 * back everything the user made straight from IndexedDB to compare record for record, and watches
 * pages of contexts it opens itself for console errors and requests to other origins, as the shared
 * fixture does for its page.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect, openApp, storedAll, test } from '../fixtures';
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

/** Picks `file` through the header's Import button and waits until it is read; returns the dialog. */
export async function openImport(page: Page, file: { name: string; buffer: Buffer }): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ ...file, mimeType: 'application/octet-stream' });
  const dialog = page.getByRole('dialog', { name: `Import “${file.name}”` });
  // Read: Import is offered, or the file is refused.
  const offered = dialog.getByRole('button', { name: 'Import', exact: true }).and(dialog.locator(':enabled'));
  await expect(offered.or(dialog.getByRole('alert')).first()).toBeVisible({ timeout: 45_000 });
  return dialog;
}

/** A file of `dataset` in the app's own format. */
export const jsonFile = (name: string, dataset: unknown) => ({ name, buffer: Buffer.from(JSON.stringify(dataset)) });

/** Downloads a backup through the Data menu. */
export async function downloadBackup(page: Page): Promise<{ name: string; buffer: Buffer }> {
  await page.getByRole('button', { name: 'Data', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('group', { name: 'Data' }).getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  return { name: download.suggestedFilename(), buffer: readFileSync((await download.path())!) };
}

/** The undo history as stored (its rows, in order). */
export async function readHistory(page: Page): Promise<unknown[]> {
  return JSON.parse((await dumpDb(page, ['history'])).history!) as unknown[];
}

/**
 * After a kill: the data is all-old (and the history holds no step for what was killed) or all-new (and
 * the step that made it, taken back with `reverse`, gives back exactly the old data).
 */
export async function expectWhole(
  page: Page,
  old: { store: Record<string, Row[]>; history: unknown[] },
  reverse: 'Undo' | 'Redo',
): Promise<'old' | 'new'> {
  const now = await readStore(page);
  if (JSON.stringify(now) === JSON.stringify(old.store)) {
    expect(await readHistory(page), 'the history, with the data all-old').toEqual(old.history);
    return 'old';
  }
  await page.getByRole('button', { name: new RegExp(`${reverse}$`) }).click();
  await expect(page.getByRole('status').filter({ hasText: reverse === 'Undo' ? 'Undone:' : 'Redone:' })).toBeVisible();
  await storedAll(page);
  expect(await readStore(page), `the data all-new, and ${reverse} gives back the old`).toEqual(old.store);
  return 'new';
}

/**
 * When a kill lands, by run (`npm run faults` repeats each case): at the first write to IndexedDB (the
 * page is closed while the write's transaction runs), as soon as the click that starts it is done, or
 * the moment the first read-write transaction has committed (before the page has taken it in).
 */
const KILL_POINTS = ['first write', 'at click', 'first commit'] as const;

/**
 * Kills the page once `start` has set a write going (closed as a crash would: no unload handlers), then
 * opens the app again in a new page of the same browser profile.
 */
export async function killAndReopen(page: Page, start: () => Promise<void>): Promise<Page> {
  const when = KILL_POINTS[test.info().repeatEachIndex % KILL_POINTS.length]!;
  test.info().annotations.push({ type: 'kill', description: when });
  let closing: Promise<void> | undefined;
  let killed = () => {};
  const wrote = new Promise<void>((resolve) => (killed = resolve));
  const kill = () => {
    closing ??= page.close({ runBeforeUnload: false });
    killed();
    return closing;
  };
  if (when !== 'at click') {
    await page.exposeFunction('__chainatlasKill', () => void kill());
    await page.evaluate((atCommit) => {
      const killNow = () => (window as unknown as { __chainatlasKill: () => void }).__chainatlasKill();
      const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
      for (const name of ['put', 'add', 'delete', 'clear']) {
        const original = proto[name]!;
        proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
          if (atCommit) this.transaction.addEventListener('complete', killNow);
          else killNow();
          return original.apply(this, args);
        };
      }
    }, when === 'first commit');
  }
  // The kill may close the page while the action that set it off is still settling (a click's own
  // bookkeeping); that error is the kill working, not the action failing.
  await start().catch((e: unknown) => {
    if (!closing) throw e;
  });
  if (when === 'at click') kill();
  await wrote; // every case writes: a case that never does fails by its time limit
  await closing;
  const again = await page.context().newPage();
  await openApp(again, './?lang=en');
  return again;
}
