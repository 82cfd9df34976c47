// Sync figures for npm run bench: the built app (dist/) served by `vite preview` with its /couch/ proxy,
// the sync server (scripts/sync-server.mjs) on the loopback address, and headless Chromium.
//   - round trip: planner A saves a status in the edit form → planner B (another browser context,
//     signed in as another editor) shows it in the link details, through the server; 5 runs.
//   - a province workload into a new browser: 2,000 enterprises (deterministic, of today's Enterprise
//     type, spread over the chain's links, each citing a shipped source) are put on the server; a new
//     browser connects, and the time from "Connect" to all 2,000 stored in its IndexedDB is measured.
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOptions } from '../scripts/chromium.mjs';
import { startSyncServer, SYNC_ADMIN, SYNC_USERS } from '../scripts/sync-server.mjs';

const SYNC_PORT = Number(process.env.BENCH_SYNC_SERVER_PORT ?? 5985);
const APP_PORT = Number(process.env.BENCH_SYNC_APP_PORT ?? 4181);
const FIRMS = 2000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** 2,000 firms for Jinchang, the same every run. */
export function provinceFirms(count = FIRMS) {
  const chain = JSON.parse(readFileSync('seeds/battery-chain.json', 'utf8')).chains[0];
  const links = chain.links.map((l) => l.id);
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      id: `bench-firm-${n}`,
      name: { zh: `金昌基准企业${n}`, en: `Bench Firm ${n}` },
      linkIds: [links[i % links.length], links[(i * 7 + 3) % links.length]].filter((v, k, a) => a.indexOf(v) === k),
      note: { zh: '基准测试生成的企业', en: 'Generated for the benchmark' },
      sources: [{ sourceId: 'gsdaily-2024-jinchang', locator: `¶${(i % 20) + 1}` }],
    };
  });
}

export async function syncFigures() {
  process.env.SYNC_SERVER_PORT = String(SYNC_PORT);
  const { preview } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-bench-sync-'));
  const server = await startSyncServer({ port: SYNC_PORT, dir });
  const app = await preview({ preview: { port: APP_PORT, strictPort: true, open: false }, logLevel: 'error' });
  const browser = await chromium.launch(launchOptions);
  const base = `http://localhost:${APP_PORT}/`;
  const password = (name) => SYNC_USERS.find((u) => u.name === name).password;
  const figures = [];
  async function planner(user, path = '?lang=en#/node/separator') {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(base + path);
    await page.waitForSelector('[data-testid="chain-canvas"][data-ready="true"]', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    await page.getByRole('button', { name: 'Sync…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync' });
    await dialog.getByLabel('Database').fill('chainatlas');
    await dialog.getByLabel('User name').fill(user);
    await dialog.getByLabel('Password').fill(password(user));
    return { context, page, dialog };
  }
  const log = (...args) => process.env.BENCH_VERBOSE && console.error(...args);
  try {
    // Round trip.
    log('planners…');
    const a = await planner('editor');
    await a.dialog.getByRole('button', { name: 'Connect' }).click();
    await a.dialog.getByTestId('sync-connected').waitFor();
    await a.dialog.getByRole('button', { name: 'Close' }).click();
    const b = await planner('editor2');
    await b.dialog.getByRole('button', { name: 'Connect' }).click();
    await b.dialog.getByTestId('sync-connected').waitFor();
    await b.dialog.getByRole('button', { name: 'Close' }).click();
    log('planners connected');
    const trips = [];
    for (let run = 1; run <= 5; run++) {
      const note = `Round trip ${run}`;
      const seen = b.page.evaluate(
        (text) =>
          new Promise((done) => {
            const check = () => {
              if (document.querySelector('section[aria-label="Link details"]')?.textContent?.includes(text)) {
                observer.disconnect();
                done(Date.now());
              }
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            check();
          }),
        note,
      );
      await a.page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
      const form = a.page.getByRole('form', { name: 'Status in the region' });
      await form.getByRole('combobox', { name: /^Status/ }).selectOption(run % 2 ? 'building' : 'present');
      await form.getByRole('textbox', { name: 'Note (English)' }).fill(note);
      await form.getByRole('textbox', { name: /^Where in it/ }).fill(`Bench ${run}`);
      await form.getByRole('textbox', { name: /^Its words/ }).fill(note);
      const t0 = await a.page.evaluate(() => Date.now());
      await form.getByRole('button', { name: 'Save status' }).click();
      await a.page.getByRole('status').filter({ hasText: 'Saved: Set link state' }).first().waitFor();
      log('saved', run);
      trips.push((await seen) - t0);
      log('round trip', run, trips.at(-1));
      await a.page.getByRole('button', { name: 'Done' }).click();
    }
    figures.push({
      name: 'sync round trip: planner A saves a status → planner B shows it (through pouchdb-server)',
      size: 82,
      medianMs: median(trips),
      runs: trips.length,
      note: `runs: ${trips.join(', ')} ms; two browser contexts, loopback server`,
    });
    await a.context.close();
    await b.context.close();

    // A province workload into a new browser.
    const auth = `Basic ${Buffer.from(`${SYNC_ADMIN.name}:${SYNC_ADMIN.password}`).toString('base64')}`;
    const at = '2026-01-01T00:00:00.000Z';
    const docs = provinceFirms().map((firm) => ({
      _id: `enterprise:jinchang:${encodeURIComponent(firm.id)}`,
      type: 'record',
      ref: { kind: 'enterprise', regionId: 'jinchang', id: firm.id },
      value: firm,
      by: 'editor',
      at,
      label: { zh: '基准：添加企业', en: 'Bench: add enterprise' },
    }));
    const res = await fetch(`${server.url}/chainatlas/_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: auth },
      body: JSON.stringify({ docs }),
    });
    if (!res.ok) throw new Error(`could not put the firms: HTTP ${res.status}`);
    log('firms on the server');
    const runs = [];
    for (let run = 1; run <= 3; run++) {
      const c = await planner('editor');
      const count = () =>
        c.page.evaluate(
          () =>
            new Promise((done) => {
              const open = indexedDB.open('chainatlas');
              open.onsuccess = () => {
                const req = open.result.transaction('enterprises').objectStore('enterprises').count();
                req.onsuccess = () => {
                  open.result.close();
                  done(req.result);
                };
              };
            }),
        );
      const before = await count();
      const t0 = await c.page.evaluate(() => Date.now());
      await c.dialog.getByRole('button', { name: 'Connect' }).click();
      const t1 = await c.page.evaluate(
        (want) =>
          new Promise((done) => {
            const poll = () => {
              const open = indexedDB.open('chainatlas');
              open.onsuccess = () => {
                const db = open.result;
                const count = db.transaction('enterprises').objectStore('enterprises').count();
                count.onsuccess = () => {
                  db.close();
                  if (count.result >= want) done(Date.now());
                  else setTimeout(poll, 50);
                };
              };
            };
            poll();
          }),
        before + FIRMS,
      );
      runs.push(t1 - t0);
      log('province', run, t1 - t0);
      await c.context.close();
    }
    figures.push({
      name: `sync a province workload into a new browser: ${FIRMS.toLocaleString('en')} enterprises, Connect → all stored`,
      size: 82,
      medianMs: median(runs),
      runs: runs.length,
      note: `runs: ${runs.join(', ')} ms; replicated into the local replica, applied as one edit, stored in Dexie`,
    });
  } finally {
    await browser.close();
    app.httpServer.closeAllConnections?.();
    await new Promise((done) => app.httpServer.close(done));
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

// Run alone (`node bench/sync.mjs`, after a build), it writes its figures to bench/results/sync.json and
// bench/results/sync.md, with the machine's load; `npm run bench` puts them in latest.* with the rest.
if (import.meta.url === `file://${process.argv[1]}`) {
  const loadBefore = os.loadavg()[0];
  const figures = await syncFigures();
  const when = new Date().toISOString();
  const load = [loadBefore, os.loadavg()[0]].map((l) => l.toFixed(1));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/sync.json', JSON.stringify({ when, load, figures }, null, 2) + '\n');
  const lines = [
    `# ChainAtlas sync benchmark, ${when}`,
    '',
    `Load average (1 min) ${load[0]} at the start, ${load[1]} at the end, on ${os.cpus().length} cores.`,
    '',
    '| benchmark | links | median ms | runs | note |',
    '|---|---:|---:|---:|---|',
    ...figures.map((f) => `| ${f.name} | ${f.size} | ${f.medianMs} | ${f.runs} | ${f.note ?? ''} |`),
    '',
  ];
  writeFileSync('bench/results/sync.md', lines.join('\n'));
  console.log(lines.join('\n'));
}
