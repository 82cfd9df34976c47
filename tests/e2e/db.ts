/**
 * Reading and writing the app's IndexedDB straight from a test, as another tab or an edit would, to
 * check what is stored without going through the app.
 */
import type { Page } from '@playwright/test';

/** The tables that hold the user's data (everything but the undo history, the meta facts and layouts). */
export const DATA_TABLES = [
  'sources',
  'chains',
  'links',
  'edges',
  'regions',
  'linkStates',
  'enterprises',
  'projects',
  'indicators',
  'relations',
  'views',
  'briefings',
];

/** Every row of `tables`, as JSON text per table, read straight from IndexedDB. */
export async function dumpDb(page: Page, tables: readonly string[] = DATA_TABLES): Promise<Record<string, string>> {
  return page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('chainatlas');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const tx = db.transaction(names, 'readonly');
      const out: Record<string, string> = {};
      await Promise.all(
        names.map(
          (name) =>
            new Promise<void>((resolve, reject) => {
              const request = tx.objectStore(name).getAll();
              request.onsuccess = () => {
                out[name] = JSON.stringify(request.result);
                resolve();
              };
              request.onerror = () => reject(request.error);
            }),
        ),
      );
      return out;
    } finally {
      db.close();
    }
  }, tables);
}

/** Puts one row into a store, as another tab or an edit would. */
export async function putRow(page: Page, store: string, row: unknown): Promise<void> {
  await page.evaluate(
    async ({ store, row }) => {
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('chainatlas');
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          tx.objectStore(store).put(row);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      });
    },
    { store, row },
  );
}

/** A stored state that makes electrolyte missing in Jinchang: a change no shipped record holds. */
export const ELECTROLYTE_MISSING = {
  regionId: 'jinchang',
  linkId: 'electrolyte',
  status: 'missing',
  asOf: '2025',
  sources: [{ sourceId: 'gsdaily-2024-jinchang', locator: '¶12' }],
  seq: 999,
};
