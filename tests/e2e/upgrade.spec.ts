/**
 * Data written by the previous version opens unchanged. The fixture is what the released version
 * (9f650e6) stored after a user set the separator to "building" through the edit form and saved a view
 * (captured by scripts/capture-upgrade.mjs): every object store, its schema and its rows. The test puts
 * it into a fresh browser's IndexedDB exactly so, opens the current app on it, and compares.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DATA_TABLES, dumpDb } from './db';
import { expect, openApp, test } from './fixtures';
import { drawnLinks } from './graph';

interface StoreDump {
  readonly keyPath: string | string[] | null;
  readonly autoIncrement: boolean;
  readonly indexes: readonly { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  readonly rows: readonly unknown[];
}
interface Capture {
  readonly version: number;
  readonly stores: Readonly<Record<string, StoreDump>>;
}

const previous = JSON.parse(
  readFileSync(new URL('../fixtures/upgrade/9f650e6.json', import.meta.url), 'utf8'),
) as Capture;

/** Writes the captured database into this origin's IndexedDB from a blank page (no app code runs). */
async function restoreCapture(page: Page, capture: Capture): Promise<void> {
  await page.route('**/blank-for-upgrade', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
  );
  await page.goto('./blank-for-upgrade');
  await page.evaluate(
    (c) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('chainatlas', c.version);
        open.onupgradeneeded = () => {
          for (const [name, s] of Object.entries(c.stores)) {
            const store = open.result.createObjectStore(name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
            for (const i of s.indexes)
              store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
            for (const row of s.rows) store.put(row);
          }
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
    capture,
  );
  await page.unroute('**/blank-for-upgrade');
}

test('data written by the previous version opens unchanged, and its undo history still works', async ({
  page,
  watch,
}) => {
  await restoreCapture(page, previous);
  await openApp(page, './?lang=en#/node/separator');

  // Every record the user had, the saved view and the undo history, as the previous version stored them.
  const tables = [...DATA_TABLES, 'history', 'scenarios'];
  const stored = await dumpDb(page, [...tables, 'layouts']);
  for (const table of tables) expect(JSON.parse(stored[table]!), table).toEqual(previous.stores[table]?.rows ?? []);
  // Layouts are kept too; the current version may add its own (one is stored per drawing of the chain).
  expect(JSON.parse(stored.layouts!)).toEqual(expect.arrayContaining([...previous.stores.layouts!.rows]));
  // The meta facts it had are kept (the current version may add its own).
  const meta = JSON.parse((await dumpDb(page, ['meta'])).meta!) as { key: string }[];
  expect(meta).toEqual(expect.arrayContaining(previous.stores.meta!.rows as { key: string }[]));

  // The screen shows the user's data, not the newer shipped data.
  const links = previous.stores.links!.rows.length;
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(links));
  expect((await drawnLinks(page)).find((l) => l.id === 'separator')?.status).toBe('building');

  // The previous version's step can be undone: the separator is attracting again, stored so.
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect.poll(async () => (await drawnLinks(page)).find((l) => l.id === 'separator')?.status).toBe('attracting');
  const states = JSON.parse((await dumpDb(page, ['linkStates'])).linkStates!) as { linkId: string; status: string }[];
  expect(states.find((s) => s.linkId === 'separator')?.status).toBe('attracting');

  // The saved view is listed with the briefings.
  await page.getByRole('link', { name: 'Briefings' }).click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Separator plant');
  void watch;
});
