/**
 * Team sync through the real server: two browser contexts are two planners, each with their own
 * IndexedDB, signed in to the pouchdb-server the test starts on the loopback address.
 */
import { drawnLinks } from '../graph';
import { details, done, expect, planner, setStatus, synced, test, writeOnServer } from './server';

// One server port for the file: its tests take turns.
test.describe.configure({ mode: 'default' });

const PATH = './?lang=en#/node/separator';

test('two planners: edits travel both ways without a reload, offline edits are sent on reconnect, a conflict is shown and resolved, a server restart loses nothing', async ({
  browser,
  baseURL,
  server,
}) => {
  const b = await planner(browser, baseURL!, 'editor2', PATH);
  // Planner A edited before switching sync on: what their browser held is sent on the first connect.
  const a = await planner(browser, baseURL!, 'editor', PATH, (page) => setStatus(page, 'missing', 'Held before sync'));

  await test.step('what a planner held before sync reaches the team without a reload, and the Sync dialog says so', async () => {
    await expect(details(b.page)).toContainText('Held before sync');
    await a.page.getByRole('button', { name: 'Data', exact: true }).click();
    await a.page.getByRole('button', { name: 'Sync…' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Sync' });
    await expect(dialog.getByTestId('sync-held')).toHaveText('Sent 1 record this browser held before sync.');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('one planner’s edit appears for the other without a reload, with who in the History', async () => {
    await setStatus(a.page, 'building', 'Line 2 started');
    await expect(details(b.page)).toContainText('Line 2 started');
    await expect(details(b.page)).toContainText('Building');
    await expect(b.page.getByTestId('link-history')).toContainText('editor,');
  });

  await test.step('one planner’s import reaches the other, record by record, with the import named in the History', async () => {
    const name = 'statuses.csv';
    const csv =
      'link_id,status,as_of,note_en,source_id,locator\nseparator,present,2026,Imported: made in the zone,gsdaily-2024-jinchang,para 9\n';
    const chooser = a.page.waitForEvent('filechooser');
    await a.page.getByRole('button', { name: 'Import', exact: true }).click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = a.page.getByRole('dialog', { name: `Import “${name}”` });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(details(b.page)).toContainText('Imported: made in the zone');
    await expect(b.page.getByTestId('link-history')).toContainText('Import statuses.csv');
    await synced(a.page);
  });

  await test.step('an edit made offline is counted, then sent when the network returns', async () => {
    await b.context.setOffline(true);
    await setStatus(b.page, 'present', 'Producing since May');
    await expect(b.page.getByTestId('sync-waiting')).toHaveText('1 waiting to send');
    await expect(b.page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'offline');
    await b.context.setOffline(false);
    await expect(details(a.page)).toContainText('Producing since May');
    await synced(b.page);
    await expect(a.page.getByTestId('link-history')).toContainText('editor2,');
  });

  await test.step('the same link changed by both while apart: a conflict, both sides shown, one kept', async () => {
    await a.context.setOffline(true);
    await setStatus(a.page, 'building', 'A: under construction');
    await setStatus(b.page, 'missing', 'B: the project was cancelled');
    await synced(b.page);
    await a.context.setOffline(false);
    await expect(a.page.getByTestId('sync-conflicts')).toHaveText('1 conflict');
    await expect(b.page.getByTestId('sync-conflicts')).toHaveText('1 conflict');
    // The link is marked on the chain until the conflict is resolved.
    const marked = async () => (await drawnLinks(a.page)).find((l) => l.id === 'separator')?.classes ?? [];
    await expect.poll(marked).toContain('sync-conflict');
    await a.page.getByTestId('sync-conflicts').click();
    const dialog = a.page.getByRole('dialog', { name: 'Conflicts' });
    const sideA = dialog.locator('article').filter({ hasText: 'By editor,' });
    const sideB = dialog.locator('article').filter({ hasText: 'By editor2,' });
    await expect(sideA).toContainText('A: under construction');
    await expect(sideB).toContainText('B: the project was cancelled');
    await sideB.getByRole('button', { name: 'Keep this one' }).click();
    await expect(a.page.getByTestId('sync-conflicts')).toHaveCount(0);
    await expect(b.page.getByTestId('sync-conflicts')).toHaveCount(0);
    await expect.poll(marked).not.toContain('sync-conflict');
    for (const p of [a, b]) {
      await expect(details(p.page)).toContainText('B: the project was cancelled');
      await expect(details(p.page)).toContainText('Missing');
    }
  });

  await test.step('the server stopped in the middle of sync and started again: nothing lost', async () => {
    await server.stop();
    await setStatus(a.page, 'building', 'Sent while the server was down');
    await expect(a.page.getByTestId('sync-waiting')).toHaveText('1 waiting to send');
    await server.start();
    await expect(details(b.page)).toContainText('Sent while the server was down');
    await synced(a.page);
  });
  await done(a);
  await done(b);
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
  // The server never had this link's status: the team's is the shipped one.
  await expect(details(r.page)).toContainText('Attracting');
  await expect(r.page.getByTestId('link-history')).not.toContainText('reader,');
  await expect(r.page.getByTestId('sync-refused')).toHaveCount(0);
  // The refused revision is gone from the reader's replica too: an editor's later change of the same
  // link arrives as the team's value, not as a conflict with the refused one.
  await writeOnServer('linkState:jinchang:separator', {
    type: 'record',
    ref: { kind: 'linkState', regionId: 'jinchang', linkId: 'separator' },
    value: {
      linkId: 'separator',
      status: 'building',
      asOf: '2026',
      note: { zh: '编辑：隔膜项目开工', en: 'Editor: separator plant started' },
      sources: [{ sourceId: 'gsdaily-2024-jinchang', locator: '¶12' }],
    },
    by: 'editor',
    at: new Date().toISOString(),
    label: { zh: '设置环节状态', en: 'Set link state' },
  });
  await expect(details(r.page)).toContainText('Editor: separator plant started');
  await expect(r.page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'synced');
  await expect(r.page.getByTestId('sync-conflicts')).toHaveCount(0);
  await done(r);
});
