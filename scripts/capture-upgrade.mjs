// Captures what a released version of ChainAtlas stores, for the upgrade test (tests/e2e/upgrade.spec.ts):
// serves a build of that version, opens it in Chromium as a user would, makes a status edit through
// the edit form and saves a view, then writes every IndexedDB object store (its schema and rows) to
// tests/fixtures/upgrade/<name>.json.
//
//   git worktree add --detach /tmp/prev <commit> && (cd /tmp/prev && npm ci && npx vite build --outDir /tmp/prev-dist)
//   node scripts/capture-upgrade.mjs /tmp/prev-dist <commit>
import { chromium } from '@playwright/test';
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { launchOptions } from './chromium.mjs';

const [dir, name] = process.argv.slice(2);
if (!dir || !name) throw new Error('usage: node scripts/capture-upgrade.mjs <built app folder> <version name>');
const root = normalize(dir);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const server = createServer((req, res) => {
  let path = normalize(join(root, new URL(req.url, 'http://localhost').pathname));
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  if (!path.startsWith(root) || !existsSync(path)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch(launchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${url}?lang=en#/node/separator`);
  await page.waitForSelector('[data-testid="chain-canvas"][data-ready="true"]', { timeout: 60_000 });
  // The status edit, through the form.
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Status in the region' });
  await form.getByRole('combobox', { name: /^Status/ }).selectOption('building');
  await form.getByRole('textbox', { name: /^Capacity/ }).fill('5万');
  await form.getByRole('textbox', { name: /^Where in it/ }).fill('Company notice, 2025-03');
  await form.getByRole('button', { name: 'Save status' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved: Set link state' }).waitFor();
  // A saved view.
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: /name/i }).first().fill('Separator plant');
  await page.getByRole('textbox', { name: /name/i }).first().press('Enter');
  await page.waitForFunction(
    async () =>
      new Promise((resolve) => {
        const open = indexedDB.open('chainatlas');
        open.onsuccess = () => {
          const r = open.result.transaction('views').objectStore('views').count();
          r.onsuccess = () => (open.result.close(), resolve(r.result > 0));
        };
      }),
  );
  const dump = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('chainatlas');
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const stores = {};
          await Promise.all(
            names.map(
              (n) =>
                new Promise((done) => {
                  const store = tx.objectStore(n);
                  const indexes = [...store.indexNames].map((i) => {
                    const index = store.index(i);
                    return { name: i, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
                  });
                  const rows = store.getAll();
                  rows.onsuccess = () => {
                    stores[n] = {
                      keyPath: store.keyPath,
                      autoIncrement: store.autoIncrement,
                      indexes,
                      rows: rows.result,
                    };
                    done();
                  };
                }),
            ),
          );
          db.close();
          resolve({ version: db.version, stores });
        };
      }),
  );
  const out = `tests/fixtures/upgrade/${name}.json`;
  writeFileSync(out, JSON.stringify({ version: name, ...dump }) + '\n');
  console.log(`${out}: IndexedDB version ${dump.version}, ${Object.keys(dump.stores).length} stores`);
} finally {
  await browser.close();
  server.close();
}
