/**
 * Hostile and corrupted files (tests/fixtures/faults/): each is refused with its place and nothing is
 * stored, or stored and shown as inert text. Places are worked out here from the files themselves.
 */
import { readFileSync } from 'node:fs';
import { expect, openApp, storedAll, test } from '../fixtures';
import { shippedDataset } from '../shipped';
import { downloadBackup, fault, jsonFile, openImport, readStore } from './support';

const fixture = (name: string) => ({
  name,
  buffer: readFileSync(new URL(`../../fixtures/faults/${name}`, import.meta.url)),
});

/** `line L, column C` (1-based) of offset `at` in `text`. */
function place(text: string, at: number): string {
  const before = text.slice(0, at).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/** The offset of the first bracket or brace that opens level 101 (outside strings). */
function tooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > 100) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  throw new Error('not nested too deep');
}

test('corrupted and hostile files are refused at their place, and nothing is stored', async ({ page, watch }) => {
  fault('corrupted files refused');
  await openApp(page, './?lang=en');
  const text = (name: string) => fixture(name).buffer.toString('utf8');
  const cases = [
    {
      file: 'deep-nesting.json',
      where: place(text('deep-nesting.json'), tooDeep(text('deep-nesting.json'))),
      what: 'nested more than 100 levels deep',
    },
    {
      file: 'truncated-backup.json',
      where: place(text('truncated-backup.json'), text('truncated-backup.json').length),
      what: 'The JSON is broken here.',
    },
    {
      file: 'infinite-capacity.json',
      where: `${place(text('infinite-capacity.json'), text('infinite-capacity.json').indexOf('"value": 1e999'))}, “regions[0].linkStates[0].capacity.value”`,
      what: 'Not a finite number.',
    },
    {
      // Entities are never expanded (no billion laughs, no file read): the first one is where it stops.
      file: 'billion-laughs.graphml',
      where: place(text('billion-laughs.graphml'), text('billion-laughs.graphml').indexOf('&lol9;</data>')),
      what: 'The XML is broken here.',
    },
  ];
  const before = await readStore(page);
  for (const c of cases) {
    const dialog = await openImport(page, fixture(c.file));
    const alert = dialog.getByRole('alert');
    await expect(alert, c.file).toContainText('The file cannot be imported');
    await expect(alert).toContainText('Nothing was changed.');
    await expect(alert.getByRole('listitem').filter({ hasText: `${c.file}, ${c.where}` })).toContainText(c.what);
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  await storedAll(page);
  expect(await readStore(page)).toEqual(before);
  void watch;
});

test('hostile content is stored as plain text and shown inert', async ({ page, watch }) => {
  fault('hostile content stored inert');
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openApp(page, './?lang=en');
  const file = fixture('hostile.json');
  const name = (JSON.parse(file.buffer.toString('utf8')) as { chains: { links: { name: { en: string } }[] }[] })
    .chains[0]!.links[0]!.name.en;
  const dialog = await openImport(page, file);
  // Replacing the shipped data with a three-link file removes most of it: said, and asked first.
  await dialog.getByRole('radio', { name: /^Replace/ }).check();
  await expect(dialog).toContainText('most of your data');
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /^Remove these \d+ records and import/ }).check();
  await importButton.click();
  await expect(page.getByText('Imported hostile.json.')).toBeVisible();

  await openApp(page, './?lang=en#/node/a');
  const details = page.getByRole('region', { name: 'Link details' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(name);
  await expect(details).toContainText('Source');
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
  expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
  const link = (await readStore(page)).links!.find((l) => l.id === 'a')!;
  expect(Object.keys(link)).not.toContain('__proto__');
  expect(Object.keys(link)).not.toContain('constructor');
  expect(link.name).toEqual({ zh: '甲', en: name });
  expect(dialogs).toEqual([]);
  void watch;
});

test('a backup holding a 9-million-character note restores', async ({ page, watch }) => {
  fault('huge note in a backup');
  test.setTimeout(120_000);
  await openApp(page, './?lang=en');
  const file = shippedDataset();
  Object.assign(file.regions[0]!.linkStates[0]!, { note: { zh: '长', en: 'x'.repeat(9_000_000) } });
  const dialog = await openImport(page, jsonFile('long-note.json', file));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported long-note.json.')).toBeVisible();
  await storedAll(page);
  const stored = await readStore(page);

  const backup = await downloadBackup(page);
  const restore = await openImport(page, backup);
  await expect(restore.getByRole('alert')).toHaveCount(0);
  await restore.getByRole('radio', { name: /^Replace/ }).check();
  await restore.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(`Imported ${backup.name}.`)).toBeVisible();
  await storedAll(page);
  expect(await readStore(page)).toEqual(stored);
  void watch;
});
