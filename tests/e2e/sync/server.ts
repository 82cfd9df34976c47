/**
 * The sync tests' own CouchDB-compatible server (pouchdb-server, scripts/sync-server.mjs) on the
 * loopback address, in a fresh folder per test, at the port the app's /couch/ proxy forwards to
 * (SYNC_SERVER_PORT, see playwright.config.ts). A test can stop it and start it again on the same data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
// @ts-expect-error: a plain ES module script without types
import { startSyncServer, SYNC_ADMIN, SYNC_USERS } from '../../../scripts/sync-server.mjs';
import { expect, openApp, test as base } from '../fixtures';

export const SYNC_PORT = Number(process.env.SYNC_SERVER_PORT ?? 5981);
export const DB = 'chainatlas';

interface Running {
  stop(): Promise<void>;
}
export interface SyncServer {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface Planner {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors other than failed requests (those are expected while the server is away or refuses). */
  readonly errors: string[];
  readonly foreign: string[];
}

export const test = base.extend<{ server: SyncServer }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'chainatlas-sync-'));
    let running: Running | undefined = await startSyncServer({ port: SYNC_PORT, dir, db: DB });
    await use({
      stop: async () => {
        await running?.stop();
        running = undefined;
      },
      start: async () => {
        running ??= await startSyncServer({ port: SYNC_PORT, dir, db: DB });
      },
    });
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  },
});
export { expect };

const password = (user: string) =>
  (SYNC_USERS as { name: string; password: string }[]).find((u) => u.name === user)!.password;

/**
 * A planner: their own browser context (own IndexedDB), the app open on `path`, signed in to sync as
 * `user`; `before` runs on the page before sync is switched on.
 */
export async function planner(
  browser: Browser,
  baseURL: string,
  user: string,
  path: string,
  before?: (page: Page) => Promise<void>,
): Promise<Planner> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      foreign.push(r.url());
  });
  await openApp(page, path);
  await before?.(page);
  await page.getByRole('button', { name: 'Data', exact: true }).click();
  await page.getByRole('button', { name: 'Sync…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync' });
  await dialog.getByLabel('Server address').fill('/couch');
  await dialog.getByLabel('Database').fill(DB);
  await dialog.getByLabel('User name').fill(user);
  await dialog.getByLabel('Password').fill(password(user));
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByTestId('sync-connected')).toContainText(`as ${user}`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('sync-status')).toBeVisible();
  return { context, page, errors, foreign };
}

/** Ends a planner's context, checking their page logged no errors and asked no other origin. */
export async function done(p: Planner): Promise<void> {
  expect(p.errors, 'console errors').toEqual([]);
  expect(p.foreign, 'requests to other origins').toEqual([]);
  await p.context.close();
}

/** Sets a link's status in the shown region through the edit form, with a note. */
export async function setStatus(page: Page, status: string, note: string): Promise<void> {
  await page.getByRole('region', { name: 'Link details' }).getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Status in the region' });
  await form.getByRole('combobox', { name: /^Status/ }).selectOption(status);
  await form.getByRole('textbox', { name: 'Note (English)' }).fill(note);
  await form.getByRole('textbox', { name: /^Where in it/ }).fill(`Briefing, ${note}`);
  await form.getByRole('textbox', { name: /^Its words/ }).fill(note);
  await form.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Set link state' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
}

/** Writes a record document straight to the server as an editor's (on top of the server's revision, if any). */
export async function writeOnServer(id: string, doc: Record<string, unknown>): Promise<void> {
  const { name, password: pw } = SYNC_ADMIN as { name: string; password: string };
  const headers = {
    Authorization: `Basic ${Buffer.from(`${name}:${pw}`).toString('base64')}`,
    'Content-Type': 'application/json',
  };
  const url = `http://127.0.0.1:${SYNC_PORT}/${DB}/${encodeURIComponent(id)}`;
  const current = await fetch(url, { headers });
  const rev = current.ok ? ((await current.json()) as { _rev: string })._rev : undefined;
  const put = await fetch(url, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...doc, _id: id, ...(rev && { _rev: rev }) }),
  });
  expect(put.ok, `PUT ${id}: HTTP ${put.status}`).toBe(true);
}

/** The link details panel. */
export const details = (page: Page) => page.getByRole('region', { name: 'Link details' });

/** Waits until nothing is waiting to be sent and the status says synced. */
export async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'synced');
  await expect(page.getByTestId('sync-waiting')).toHaveCount(0);
}
