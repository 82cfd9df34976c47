/**
 * Team sync through the real server: two browser contexts are two planners, each with their own
 * IndexedDB, signed in to the pouchdb-server the test starts on the loopback address.
 */
import { details, done, expect, planner, setStatus, synced, test } from './server';

// One server port for the file: its tests take turns.
test.describe.configure({ mode: 'default' });

const PATH = './?lang=en#/node/separator';

test('one planner’s edit reaches the other without a reload, also when made offline, with who and when', async ({
  browser,
  baseURL,
  server,
}) => {
  void server;
  const a = await planner(browser, baseURL!, 'editor', PATH);
  const b = await planner(browser, baseURL!, 'editor2', PATH);
  await setStatus(a.page, 'building', 'Line 2 started');
  await expect(details(b.page)).toContainText('Line 2 started');
  await expect(details(b.page)).toContainText('Building');
  // The History list says who changed the link, and when.
  await expect(b.page.getByTestId('link-history')).toContainText('editor,');

  // Offline: the edit is kept and counted, then sent when the network returns.
  await b.context.setOffline(true);
  await setStatus(b.page, 'present', 'Producing since May');
  await expect(b.page.getByTestId('sync-waiting')).toHaveText('1 waiting to send');
  await expect(b.page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'offline');
  await b.context.setOffline(false);
  await expect(details(a.page)).toContainText('Producing since May');
  await synced(b.page);
  await expect(a.page.getByTestId('link-history')).toContainText('editor2,');
  await done(a);
  await done(b);
});

test('the same link changed by both while apart shows a conflict; once resolved both see the same', async ({
  browser,
  baseURL,
  server,
}) => {
  void server;
  const a = await planner(browser, baseURL!, 'editor', PATH);
  const b = await planner(browser, baseURL!, 'editor2', PATH);
  await a.context.setOffline(true);
  await setStatus(a.page, 'building', 'A: under construction');
  await setStatus(b.page, 'missing', 'B: the project was cancelled');
  await synced(b.page);
  await a.context.setOffline(false);

  // Both see one conflict; A opens it: both sides, with who.
  await expect(a.page.getByTestId('sync-conflicts')).toHaveText('1 conflict');
  await expect(b.page.getByTestId('sync-conflicts')).toHaveText('1 conflict');
  await a.page.getByTestId('sync-conflicts').click();
  const dialog = a.page.getByRole('dialog', { name: 'Conflicts' });
  const sideA = dialog.locator('article').filter({ hasText: 'By editor,' });
  const sideB = dialog.locator('article').filter({ hasText: 'By editor2,' });
  await expect(sideA).toContainText('A: under construction');
  await expect(sideB).toContainText('B: the project was cancelled');
  await sideB.getByRole('button', { name: 'Keep this one' }).click();
  await expect(a.page.getByTestId('sync-conflicts')).toHaveCount(0);
  await expect(b.page.getByTestId('sync-conflicts')).toHaveCount(0);
  for (const p of [a, b]) {
    await expect(details(p.page)).toContainText('B: the project was cancelled');
    await expect(details(p.page)).toContainText('Missing');
  }
  await done(a);
  await done(b);
});

test('stopping the server in the middle of sync and starting it again loses nothing', async ({
  browser,
  baseURL,
  server,
}) => {
  const a = await planner(browser, baseURL!, 'editor', PATH);
  const b = await planner(browser, baseURL!, 'editor2', PATH);
  await server.stop();
  await setStatus(a.page, 'building', 'Sent while the server was down');
  await expect(a.page.getByTestId('sync-waiting')).toHaveText('1 waiting to send');
  await server.start();
  await expect(details(b.page)).toContainText('Sent while the server was down');
  await synced(a.page);
  // Nothing was lost on the server either: a third browser gets it from scratch.
  const c = await planner(browser, baseURL!, 'editor', PATH);
  await expect(details(c.page)).toContainText('Sent while the server was down');
  await done(a);
  await done(b);
  await done(c);
});

test('a reader’s write is refused by the server, and the UI says so', async ({ browser, baseURL, server }) => {
  void server;
  const r = await planner(browser, baseURL!, 'reader', PATH);
  await r.page.getByRole('button', { name: 'Data', exact: true }).click();
  await r.page.getByRole('button', { name: 'Sync…' }).click();
  await expect(r.page.getByRole('dialog', { name: 'Sync' })).toContainText('This account may only read');
  await r.page.getByRole('dialog', { name: 'Sync' }).getByRole('button', { name: 'Close' }).click();
  await setStatus(r.page, 'present', 'A reader tries to write');
  await expect(r.page.getByTestId('sync-refused')).toHaveText('1 change refused');
  await r.page.getByTestId('sync-refused').click();
  const dialog = r.page.getByRole('dialog', { name: 'Changes refused by the server' });
  await expect(dialog).toContainText('Only editors may change this atlas; reader may only read it.');
  // The refused edit stayed on this side until the reader puts the server's version back.
  await expect(details(r.page)).toContainText('A reader tries to write');
  await dialog.getByRole('button', { name: 'Put back the server’s version' }).click();
  await expect(details(r.page)).not.toContainText('A reader tries to write');
  await expect(r.page.getByTestId('sync-refused')).toHaveCount(0);
  await done(r);
});
