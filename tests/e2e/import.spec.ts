/**
 * Importing files through the UI: the preview's counts for every format the app reads, what Import
 * stores (read back from IndexedDB and validated here), that an export imports back unchanged, that
 * a broken file is refused precisely and changes nothing, that labels stay text, that a big file is
 * read off the main thread with progress and can be cancelled, drag and drop, and merge vs replace.
 * Expected counts are worked out here from the files and the shipped data, never copied from the app.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page, Worker } from '@playwright/test';
import { unzipSync } from 'fflate';
import { MAX_IMPORT_BYTES } from '../../src/io/types';
import { FORMAT_VERSION, type Dataset } from '../../src/model/types';
import { validateDataset } from '../../src/model/validate';
import { DATA_TABLES, dumpDb, putRow } from './db';
import { expect, openApp, test } from './fixtures';
import { shippedDataset } from './shipped';

const shipped = shippedDataset();
const chain = shipped.chains[0]!;
const region = shipped.regions[0]!;
const shippedLinkIds = new Set(chain.links.map((l) => l.id));
const shippedStateIds = new Set(region.linkStates.map((s) => s.linkId));
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

const ALL_TABLES = [...DATA_TABLES, 'history', 'meta', 'scenarios'];

type Row = Record<string, unknown> & { seq: number };
const rowsOf = (dump: Record<string, string>, table: string): Row[] => JSON.parse(dump[table]!) as Row[];

/** The dataset the stored rows make (in `seq` order, grouped by chain and region, storage fields dropped). */
function storedDataset(dump: Record<string, string>): Dataset {
  const ordered = (table: string) => rowsOf(dump, table).sort((a, b) => a.seq - b.seq);
  const strip = (row: Row, ...keys: string[]) => {
    const copy: Record<string, unknown> = { ...row };
    for (const k of ['seq', ...keys]) delete copy[k];
    return copy;
  };
  const owned = (table: string, key: string, owner: string) =>
    ordered(table)
      .filter((r) => r[key] === owner)
      .map((r) => strip(r, key));
  const views = ordered('views').map((r) => strip(r));
  const briefings = ordered('briefings').map((r) => strip(r));
  return {
    format: FORMAT_VERSION,
    sources: ordered('sources').map((r) => strip(r)),
    chains: ordered('chains').map((c) => ({
      ...strip(c),
      links: owned('links', 'chainId', c.id as string),
      edges: owned('edges', 'chainId', c.id as string),
    })),
    regions: ordered('regions').map((r) => ({
      ...strip(r),
      linkStates: owned('linkStates', 'regionId', r.id as string),
      enterprises: owned('enterprises', 'regionId', r.id as string),
      projects: owned('projects', 'regionId', r.id as string),
      indicators: owned('indicators', 'regionId', r.id as string),
    })),
    ...(views.length ? { views } : {}),
    ...(briefings.length ? { briefings } : {}),
  } as unknown as Dataset;
}

/** Reads the stored data back and checks that it validates; returns it. */
async function expectStoredValid(page: Page): Promise<Dataset> {
  const stored = storedDataset(await dumpDb(page));
  const checked = validateDataset(stored);
  expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(checked.ok).toBe(true);
  return stored;
}

/** The import workers the page starts, each with a promise that settles when it is terminated. */
function watchImportWorkers(page: Page): { worker: Worker; closed: Promise<unknown> }[] {
  const started: { worker: Worker; closed: Promise<unknown> }[] = [];
  page.on('worker', (worker) => {
    if (worker.url().includes('import.worker'))
      started.push({ worker, closed: new Promise((resolve) => worker.on('close', resolve)) });
  });
  return started;
}

/** Picks `file` through the header's Import button; returns the import dialog. */
async function pickFile(page: Page, file: { name: string; buffer: Buffer } | string): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const name = typeof file === 'string' ? file.split('/').at(-1)! : file.name;
  await (await chooser).setFiles(typeof file === 'string' ? file : { ...file, mimeType: 'application/octet-stream' });
  return page.getByRole('dialog', { name: `Import “${name}”` });
}

/** Opens a file and waits until it has been read (the dialog then offers Import). */
async function importFile(page: Page, file: { name: string; buffer: Buffer } | string): Promise<Locator> {
  const dialog = await pickFile(page, file);
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeVisible({ timeout: 45_000 });
  return dialog;
}

type Counts = Record<string, [number, number, number]>;

/** The preview's counts: row label → [added, changed, removed]. */
async function countsIn(dialog: Locator): Promise<Counts> {
  const table = dialog.getByRole('table', { name: 'What the import changes' });
  await expect(table).toBeVisible();
  const rows = await table
    .locator('tbody tr[data-kind]')
    .evaluateAll((trs) =>
      trs.map((r) => [
        r.querySelector('th')!.textContent!.trim(),
        [...r.querySelectorAll('td')].map((td) => Number(td.textContent)),
      ]),
    );
  return Object.fromEntries(rows) as Counts;
}

/** Expected counts with the kinds that change nothing left out, as the preview leaves them out. */
function expected(counts: Counts): Counts {
  return Object.fromEntries(Object.entries(counts).filter(([, c]) => c.some((n) => n > 0)));
}

/** Presses Import and waits until the data is stored. */
async function commit(page: Page, dialog: Locator, fileName: string): Promise<void> {
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Imported ${fileName}.`)).toBeVisible();
}

async function reopen(page: Page, path = './?lang=en'): Promise<void> {
  await openApp(page, path);
}

async function exportFile(page: Page, item: string): Promise<{ name: string; buffer: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: item }).click(),
  ]);
  return { name: download.suggestedFilename(), buffer: readFileSync((await download.path())!) };
}

/** A minimal CSV reader for the test's own expectations (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** Link statuses as the tables write them, Chinese or English. */
const STATUS_WORDS: Record<string, string> = {
  优势: 'strong',
  已有: 'present',
  在建: 'building',
  招引中: 'attracting',
  缺失: 'missing',
  未知: 'unknown',
};
const statusWord = (w: string) => STATUS_WORDS[w] ?? w;

/** Expected counts of a statuses table with these rows merged into the shipped region. */
function statusTableCounts(rows: { linkId: string; sourceId: string }[]): Counts {
  const ids = [...new Set(rows.map((r) => r.linkId))];
  return expected({
    'Link statuses': [
      ids.filter((id) => !shippedStateIds.has(id)).length,
      ids.filter((id) => shippedStateIds.has(id)).length,
      0,
    ],
    // A row that names no source cites the imported file itself: one new source.
    Sources: [rows.some((r) => !r.sourceId) ? 1 : 0, 0, 0],
  });
}

/** The statuses sheet of a workbook: each data row's link id, status and source id (inline strings). */
function workbookStatuses(bytes: Buffer, sheet = 'xl/worksheets/sheet1.xml') {
  const xml = new TextDecoder().decode(unzipSync(new Uint8Array(bytes))[sheet]!);
  const decode = (s: string) => s.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
  return [...xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)]
    .filter(([, r]) => r !== '1')
    .map(([, r, cells]) => {
      const cell = (col: string) =>
        decode(new RegExp(`<c r="${col}${r}"[^>]*>(?:<is><t>([^<]*)</t></is>|<v>([^<]*)</v>)`).exec(cells!)?.[1] ?? '');
      return { linkId: cell('A'), status: statusWord(cell('B')), sourceId: cell('H') };
    });
}

test.describe('preview and commit, format by format', () => {
  test('native JSON exported from the app, one status edited: one change, stored and valid', async ({
    page,
    watch,
  }) => {
    await openApp(page);
    const exported = await exportFile(page, 'ChainAtlas file (JSON, everything)');
    const data = JSON.parse(exported.buffer.toString('utf8')) as Dataset;
    const target = data.regions[0]!.linkStates.find((s) => s.status !== 'missing')!;
    (target as { status: string }).status = 'missing';
    const before = await dumpDb(page, ALL_TABLES);
    const dialog = await importFile(page, { name: 'edited.json', buffer: Buffer.from(JSON.stringify(data, null, 2)) });
    await expect(dialog).toContainText('Read as a ChainAtlas file · utf-8');
    // A whole dataset replaces what is stored, unless the user says otherwise.
    await expect(dialog.getByRole('radio', { name: /^Replace/ })).toBeChecked();
    expect(await countsIn(dialog)).toEqual({ 'Link statuses': [0, 1, 0] });
    expect(await dumpDb(page, ALL_TABLES)).toEqual(before); // nothing stored while previewing
    await commit(page, dialog, 'edited.json');

    await reopen(page);
    const missing = region.linkStates.filter((s) => s.status === 'missing').length + 1;
    const legendMissing = page.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Missing' });
    await expect(legendMissing).toHaveText(new RegExp(`Missing\\s*${missing}$`));
    const stored = await expectStoredValid(page);
    const file = validateDataset(data);
    expect(file.ok).toBe(true);
    expect(stored).toEqual(file.ok && file.dataset); // exactly the file, read back
    // The import is one undo step.
    const history = rowsOf(await dumpDb(page, ['history']), 'history');
    expect(history.map((h) => [h.state, (h.label as { en: string }).en])).toEqual([['done', 'Import edited.json']]);
    void watch;
  });

  test('an import that removes the open link closes it quietly and says what was imported', async ({ page, watch }) => {
    // A link nothing in the region refers to, so the file stays valid without it.
    const referenced = new Set([
      ...region.linkStates.map((s) => s.linkId),
      ...region.enterprises.flatMap((e) => e.linkIds),
      ...region.projects.flatMap((p) => p.linkIds),
      ...region.indicators.flatMap((i) => i.linkIds),
      ...(region.focus?.products ?? []),
      ...(region.focus?.applications ?? []),
      ...(region.focus?.supporting ?? []),
    ]);
    const gone = chain.links.find((l) => !referenced.has(l.id))!;
    await openApp(page, `./?lang=en#/node/${gone.id}`);
    const panel = page.getByRole('region', { name: 'Link details' });
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(gone.name.en);
    const exported = await exportFile(page, 'ChainAtlas file (JSON, everything)');
    const data = JSON.parse(exported.buffer.toString('utf8')) as Dataset;
    const edited = data.chains[0]! as unknown as { links: { id: string }[]; edges: { from: string; to: string }[] };
    edited.links = edited.links.filter((l) => l.id !== gone.id);
    edited.edges = edited.edges.filter((e) => e.from !== gone.id && e.to !== gone.id);
    const dialog = await importFile(page, { name: 'smaller.json', buffer: Buffer.from(JSON.stringify(data)) });
    expect((await countsIn(dialog))['Links']).toEqual([0, 0, 1]);
    await commit(page, dialog, 'smaller.json');
    await expect(panel).toHaveCount(0);
    await expect(page.getByText(`There is no link “${gone.id}”`)).toHaveCount(0);
    expect(new URL(page.url()).hash).not.toContain(gone.id);
    void watch;
  });

  test('CSV links table in UTF-8 with a byte-order mark', async ({ page, watch }) => {
    const name = 'links-utf8-bom.csv';
    const rows = parseCsv(fixture(name).toString('utf8'));
    const records = rows.filter((r) => r.name_zh); // rows holding only a key and a citation add a citation
    const ids = [...new Set(records.map((r) => r.id!))];
    await openApp(page);
    const dialog = await importFile(page, { name, buffer: fixture(name) });
    await expect(dialog).toContainText('Read as a CSV table · utf-8');
    await expect(dialog.getByRole('radio', { name: /^Merge/ })).toBeChecked();
    expect(await countsIn(dialog)).toEqual(
      expected({
        Links: [
          ids.filter((id) => !shippedLinkIds.has(id)).length,
          ids.filter((id) => shippedLinkIds.has(id)).length,
          0,
        ],
        Sources: [records.some((r) => !r.source_id) ? 1 : 0, 0, 0],
      }),
    );
    // New links without edges are worth a warning, placed at their row (header = row 1; a quoted line
    // break does not start a row), not at an internal dataset path.
    const newRows = rows.flatMap((r, i) => (r.name_zh && !shippedLinkIds.has(r.id!) ? [i + 2] : []));
    await expect(dialog.locator('details').getByRole('listitem')).toHaveText(
      newRows.map((row) => `${name}, row ${row} This link has no supply edge.`),
    );
    await commit(page, dialog, name);

    await reopen(page);
    const outline = page.getByRole('navigation', { name: 'Chain outline' });
    for (const r of records)
      await expect(outline.getByRole('button', { name: `${r.name_en} , Unknown`, exact: true })).toBeVisible();
    const stored = await expectStoredValid(page);
    const links = stored.chains[0]!.links;
    expect(links).toHaveLength(chain.links.length + ids.filter((id) => !shippedLinkIds.has(id)).length);
    for (const r of records) {
      const link = links.find((l) => l.id === r.id)!;
      expect(link.name).toEqual({ zh: r.name_zh, en: r.name_en });
      // Sub-chains and stages may be written in Chinese.
      const sub = chain.subChains.find((s) => [s.id, s.name.zh, s.name.en].includes(r.sub_chain!))!;
      expect(link.subChain).toBe(sub.id);
    }
    // Every citation row lands on its record, a quote across lines included.
    for (const id of ids) {
      const cited = rows.filter((r) => r.id === id && r.source_id);
      const link = links.find((l) => l.id === id)!;
      expect(link.sources.filter((s) => !s.sourceId.startsWith('import-'))).toEqual(
        cited.map((r) => expect.objectContaining({ sourceId: r.source_id, locator: r.locator })),
      );
    }
    const lmfp = links.find((l) => l.id === 'lmfp')!;
    expect(lmfp.sources[0]!.quote?.replace(/\r\n/g, '\n')).toBe('a quote\nacross two lines');
    void watch;
  });

  test('CSV statuses table in GB18030 with Chinese headers and status words', async ({ page, watch }) => {
    const name = 'statuses-gbk.csv';
    const rows = parseCsv(new TextDecoder('gb18030').decode(fixture(name))).map((r) => ({
      linkId: r['环节编号']!,
      status: statusWord(r['状态']!),
      sourceId: r['来源编号']!,
      capacity: r['产能']!,
    }));
    expect(rows.length).toBeGreaterThan(3);
    await openApp(page);
    const dialog = await importFile(page, { name, buffer: fixture(name) });
    await expect(dialog).toContainText('Read as a CSV table · gb18030');
    expect(await countsIn(dialog)).toEqual(statusTableCounts(rows));
    await commit(page, dialog, name);

    await reopen(page);
    const stored = await expectStoredValid(page);
    const states = stored.regions[0]!.linkStates;
    for (const r of rows) {
      const state = states.find((s) => s.linkId === r.linkId)!;
      expect(state.status).toBe(r.status);
      if (r.capacity) expect(state.capacity?.value).toBe(Number(r.capacity));
    }
    // Chinese text came through the GB18030 decoding intact.
    const ni = states.find((s) => s.linkId === 'ni_metal')!;
    expect(ni.note?.zh).toBe('镍产能居全国前列');
    void watch;
  });

  test('XLSX exported from the app (with one status different from the stored data)', async ({ page, watch }) => {
    await openApp(page);
    const original = rowsOf(await dumpDb(page, ['linkStates']), 'linkStates').find(
      (s) => s.regionId === 'jinchang' && s.status !== 'missing',
    )!;
    // Export a workbook of data that differs from the stored data in one status, then restore it.
    await putRow(page, 'linkStates', { ...original, status: 'missing' });
    await reopen(page);
    const workbook = await exportFile(page, 'Excel workbook (XLSX)');
    expect(workbook.name).toMatch(/\.xlsx$/);
    await putRow(page, 'linkStates', original);
    await reopen(page);
    const before = await dumpDb(page);

    const dialog = await importFile(page, workbook);
    await expect(dialog).toContainText('Read as an Excel workbook');
    await expect(dialog.getByRole('radio', { name: /^Replace/ })).toBeChecked();
    expect(await countsIn(dialog)).toEqual({ 'Link statuses': [0, 1, 0] });
    await commit(page, dialog, workbook.name);

    await reopen(page);
    const after = await dumpDb(page);
    const stored = await expectStoredValid(page);
    expect(stored.regions[0]!.linkStates.find((s) => s.linkId === original.linkId)!.status).toBe('missing');
    // Everything else is as it was.
    for (const t of DATA_TABLES.filter((t) => t !== 'linkStates')) expect(after[t], t).toBe(before[t]);
    const others = (d: Record<string, string>) => rowsOf(d, 'linkStates').filter((s) => s.linkId !== original.linkId);
    expect(others(after)).toEqual(others(before));
    void watch;
  });

  test('XLSX statuses sheet written by openpyxl (inline strings, a date cell, an extra sheet)', async ({
    page,
    watch,
  }) => {
    const name = 'openpyxl-statuses.xlsx';
    const rows = workbookStatuses(fixture(name));
    expect(rows.map((r) => r.linkId)).toEqual(['ni_metal', 'li2co3', 'cell_lfp']); // the reading above works
    await openApp(page);
    const dialog = await importFile(page, { name, buffer: fixture(name) });
    await expect(dialog).toContainText('Read as an Excel workbook');
    expect(await countsIn(dialog)).toEqual(statusTableCounts(rows));
    // The sheet it does not use is named in a warning.
    await expect(dialog.getByRole('listitem').filter({ hasText: `${name}, sheet “Notes”` })).toContainText(
      'This sheet is not used and will be ignored.',
    );
    await commit(page, dialog, name);

    await reopen(page);
    const stored = await expectStoredValid(page);
    for (const r of rows)
      expect(stored.regions[0]!.linkStates.find((s) => s.linkId === r.linkId)!.status, r.linkId).toBe(r.status);
    // Excel's date serial 45473 is 30 June 2024.
    expect(stored.regions[0]!.linkStates.find((s) => s.linkId === 'ni_metal')!.asOf).toBe('2024-06-30');
    void watch;
  });

  /** What a graph file holds, read here with the browser's own XML parser or JSON. */
  interface GraphFacts {
    nodes: { id: string; status?: string; subChain?: string; label: string }[];
    edges: number;
  }

  const graphFiles: { name: string; format: string; facts: (page: Page, text: string) => Promise<GraphFacts> }[] = [
    {
      name: 'yed.graphml',
      format: 'GraphML · utf-8',
      facts: (page, text) =>
        page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          const statusKey = [...doc.getElementsByTagName('key')].find(
            (k) => k.getAttribute('attr.name') === 'status',
          )!.id;
          const label = (n: Element) => n.getElementsByTagNameNS('*', 'NodeLabel')[0]?.textContent?.trim() ?? '';
          const own = (n: Element, key: string) =>
            [...n.children].find((c) => c.localName === 'data' && c.getAttribute('key') === key)?.textContent ??
            undefined;
          const nodes = [...doc.getElementsByTagName('node')]
            .filter((n) => n.getAttribute('yfiles.foldertype') !== 'group')
            .map((n) => {
              const group = n.parentElement?.closest('node');
              return {
                id: n.id,
                label: label(n),
                ...(own(n, statusKey) ? { status: own(n, statusKey) } : {}),
                ...(group ? { subChain: label(group) } : {}),
              };
            });
          return { nodes, edges: doc.getElementsByTagName('edge').length };
        }, text),
    },
    {
      name: 'gephi.gexf',
      format: 'GEXF · utf-8',
      facts: (page, text) =>
        page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          const value = (n: Element, attr: string) =>
            [...n.getElementsByTagName('attvalue')]
              .find((a) => a.getAttribute('for') === attr)
              ?.getAttribute('value') ?? undefined;
          const nodes = [...doc.getElementsByTagName('node')].map((n) => ({
            id: n.id,
            label: n.getAttribute('label') ?? '',
            ...(value(n, 'status') ? { status: value(n, 'status') } : {}),
            ...(value(n, 'sub_chain') ? { subChain: value(n, 'sub_chain') } : {}),
          }));
          return { nodes, edges: doc.getElementsByTagName('edge').length };
        }, text),
    },
    {
      name: 'cytoscape.json',
      format: 'Cytoscape.js JSON · utf-8',
      facts: async (_page, text) => {
        const doc = JSON.parse(text) as {
          elements: { nodes: { data: Record<string, string> }[]; edges: unknown[] };
        };
        return {
          nodes: doc.elements.nodes.map(({ data }) => ({
            id: data.id!,
            label: data.name_en ?? data.name ?? data.label ?? '',
            ...(data.status ? { status: data.status } : {}),
            ...(data.sub_chain ? { subChain: data.sub_chain } : {}),
          })),
          edges: doc.elements.edges.length,
        };
      },
    },
  ];

  for (const { name, format, facts } of graphFiles) {
    test(`graph file ${name}: nodes become links, edges supply edges`, async ({ page, watch }) => {
      await openApp(page);
      const file = await facts(page, fixture(name).toString('utf8'));
      expect(file.nodes.length).toBeGreaterThan(1);
      // An id that is not a ChainAtlas id is changed, so it is a new link; a valid one may be a shipped one.
      const known = (id: string) => ID.test(id) && shippedLinkIds.has(id);
      const knownSubChain = (s: string | undefined) =>
        s !== undefined && chain.subChains.some((c) => [c.id, c.name.zh, c.name.en].includes(s));
      const withStatus = file.nodes.filter((n) => n.status);
      const dialog = await importFile(page, { name, buffer: fixture(name) });
      await expect(dialog).toContainText(`Read as ${format}`);
      expect(await countsIn(dialog)).toEqual(
        expected({
          Links: [file.nodes.filter((n) => !known(n.id)).length, file.nodes.filter((n) => known(n.id)).length, 0],
          'Supply edges': [file.edges, 0, 0],
          'Link statuses': [
            withStatus.filter((n) => !(known(n.id) && shippedStateIds.has(n.id))).length,
            withStatus.filter((n) => known(n.id) && shippedStateIds.has(n.id)).length,
            0,
          ],
          Sources: [1, 0, 0], // the file itself, which every node and edge cites
          // A node without a known sub-chain goes to a new one, which changes the chain.
          Chains: [0, file.nodes.every((n) => knownSubChain(n.subChain)) ? 0 : 1, 0],
        }),
      );
      await commit(page, dialog, name);

      await reopen(page);
      await expect(page.getByTestId('chain-canvas')).toHaveAttribute(
        'data-links',
        String(chain.links.length + file.nodes.filter((n) => !known(n.id)).length),
      );
      const stored = await expectStoredValid(page);
      const links = stored.chains[0]!.links;
      for (const n of file.nodes) {
        // A changed id keeps the original as an alias.
        const link = links.find((l) => l.id === n.id || l.aliases?.includes(n.id));
        expect(link, n.id).toBeDefined();
        if (n.status) {
          const state = stored.regions[0]!.linkStates.find((s) => s.linkId === link!.id)!;
          expect(state.status).toBe(statusWord(n.status));
        }
      }
      expect(stored.chains[0]!.edges).toHaveLength(chain.edges.length + file.edges);
      void watch;
    });
  }
});

test.describe('export then import gives the same data', () => {
  for (const item of ['ChainAtlas file (JSON, everything)', 'Excel workbook (XLSX)']) {
    test(item, async ({ page, watch }) => {
      await openApp(page);
      const before = await dumpDb(page);
      const file = await exportFile(page, item);
      const dialog = await importFile(page, file);
      await dialog.getByRole('radio', { name: /^Replace/ }).check();
      await expect(dialog.getByRole('table', { name: 'What the import changes' })).toContainText(
        'The file adds and changes nothing.',
      );
      expect(await countsIn(dialog)).toEqual({});
      await commit(page, dialog, file.name);
      await reopen(page);
      expect(await dumpDb(page)).toEqual(before);
      await expectStoredValid(page);
      void watch;
    });
  }
});

test('broken files: a precise error, no Import, and nothing stored', async ({ page, watch }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const importWorkers = watchImportWorkers(page);
  const lines = (name: string) => fixture(name).toString('utf8').split(/\r?\n/);
  /** 1-based line and column where `text` first (or `nth`) appears in the fixture. */
  const at = (name: string, text: string, nth = 0) => {
    const found = lines(name)
      .map((l, i) => ({ line: i + 1, column: l.indexOf(text) + 1 }))
      .filter((p) => p.column > 0)[nth]!;
    return `line ${found.line}, column ${found.column}`;
  };
  const truncated = lines('truncated.json');
  const csvRow = (name: string, text: string) => lines(name).findIndex((l) => l.includes(text)) + 1;

  const dir = mkdtempSync(join(tmpdir(), 'chainatlas-import-'));
  try {
    // Over the limit by one byte; a sparse file, so it takes no memory or disk to speak of.
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_IMPORT_BYTES + 1);

    const cases: { file: string; where: string[]; what: string; read: boolean }[] = [
      {
        file: 'truncated.json',
        where: [`line ${truncated.length}, column ${truncated.at(-1)!.length + 1}`],
        what: 'The JSON is broken here.',
        read: true,
      },
      {
        file: 'wrong-types.json',
        where: [
          `${at('wrong-types.json', '"order": "first"')}, “chains[0].subChains[0].order”`,
          `${at('wrong-types.json', '"stage": 42')}, “chains[0].links[1].stage”`,
        ],
        what: 'The value has the wrong type',
        read: true,
      },
      {
        file: 'duplicate-ids.json',
        where: [`${at('duplicate-ids.json', '"id": "a"', 1)}, “chains[0].links[1].id”`],
        what: 'This id is used twice. (“a”)',
        read: true,
      },
      {
        file: 'edge-to-unknown-link.json',
        where: [`${at('edge-to-unknown-link.json', '"to": "zz"')}, “chains[0].edges[1].to”`],
        what: 'This refers to a link that does not exist. (“zz”)',
        read: true,
      },
      {
        file: 'missing-columns.csv',
        where: ['row 1'],
        what: 'Required columns are missing: status (状态).',
        read: true,
      },
      {
        file: 'text-in-number.csv',
        where: [`row ${csvRow('text-in-number.csv', 'about 5万吨')}, “capacity”`],
        what: 'Not a finite number. (“about 5万吨”)',
        read: true,
      },
      { file: 'garbage.bin', where: [], what: 'ChainAtlas does not recognise this kind of file.', read: true },
      { file: 'empty.json', where: [], what: 'The file is empty.', read: false },
      {
        file: huge,
        where: [],
        what: 'The file is too large to import: 100.1 MB, over the limit of 100.0 MB.',
        read: false,
      },
    ];
    for (const c of cases) {
      const name = c.file.split('/').at(-1)!;
      const before = await dumpDb(page, ALL_TABLES);
      const workers = importWorkers.length;
      const dialog = await pickFile(page, c.file === huge ? huge : { name, buffer: fixture(c.file) });
      const alert = dialog.getByRole('alert');
      await expect(alert, name).toContainText('The file cannot be imported');
      await expect(alert).toContainText('Nothing was changed.');
      const items = alert.getByRole('listitem');
      for (const where of c.where) await expect(items.filter({ hasText: `${name}, ${where}` }), where).toHaveCount(1);
      await expect(items.filter({ hasText: c.what }).first()).toContainText(name);
      await expect(dialog.getByRole('table')).toHaveCount(0);
      await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
      // Empty and too-large files are refused before their bytes are read: no reader is started.
      if (!c.read) expect(importWorkers.length, name).toBe(workers);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      expect(await dumpDb(page, ALL_TABLES), name).toEqual(before);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  void watch;
});

test('labels holding markup import as plain text', async ({ page, watch }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const details = page.getByRole('region', { name: 'Link details' });
  const noMarkupRan = async () => {
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(
      await page.locator('script').evaluateAll((s) => s.filter((e) => e.textContent?.includes('alert(1)')).length),
    ).toBe(0);
    expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
    expect(dialogs).toEqual([]);
  };

  // A CSV links table, merged into the shipped chain.
  const csvRows = parseCsv(fixture('xss-labels.csv').toString('utf8'));
  await openApp(page);
  await commit(
    page,
    await importFile(page, { name: 'xss-labels.csv', buffer: fixture('xss-labels.csv') }),
    'xss-labels.csv',
  );
  for (const r of csvRows) {
    await reopen(page, `./?lang=en#/node/${r.id}`);
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(r.name_en!);
    await expect(details.locator('.other-name')).toHaveText(r.name_zh!);
    await expect(
      page
        .getByRole('navigation', { name: 'Chain outline' })
        .getByRole('button', { name: `${r.name_en} , Unknown`, exact: true }),
    ).toBeVisible();
    if (r.aliases)
      await expect(details).toContainText(
        `Also called: ${r.aliases
          .split(';')
          .map((a) => a.trim())
          .join(' · ')}`,
      );
    await noMarkupRan();
  }
  const stored = await expectStoredValid(page);
  expect(stored.chains[0]!.links.find((l) => l.id === 'xss_1')!.aliases).toEqual(['<b>bold</b>', 'a&b']);

  // A whole native file, replacing everything.
  const json = JSON.parse(fixture('xss-labels.json').toString('utf8')) as Dataset;
  // (From the chain view: the link the address names now would not exist after the import.)
  await reopen(page);
  const whole = await importFile(page, { name: 'xss-labels.json', buffer: fixture('xss-labels.json') });
  // It would remove most of the stored data, so Merge is chosen first; replacing asks to confirm.
  await whole.getByRole('radio', { name: /^Replace/ }).check();
  await whole.getByRole('checkbox', { name: /^Remove these \d+ records and import$/ }).check();
  await commit(page, whole, 'xss-labels.json');
  for (const link of json.chains[0]!.links.slice(0, 2)) {
    await reopen(page, `./?lang=en#/node/${link.id}`);
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(link.name.en);
    await expect(details.locator('.other-name')).toHaveText(link.name.zh);
    await noMarkupRan();
  }
  void watch;
});

test('a 50,000-link file is read off the page with progress, and Cancel leaves nothing behind', async ({
  page,
  watch,
}) => {
  test.setTimeout(180_000);
  const n = 50_000;
  const csv = ['id,name_zh,name_en,sub_chain,stage,source_id,locator'];
  for (let i = 0; i < n; i++)
    csv.push(`gen_${i},生成环节${i},Generated link ${i},cathode,intermediate,gsdaily-2024-jinchang,¶${(i % 20) + 1}`);
  const big = { name: 'big-links.csv', buffer: Buffer.from(csv.join('\r\n') + '\r\n') };
  const importWorkers = watchImportWorkers(page);

  await openApp(page);
  const before = await dumpDb(page, ALL_TABLES);
  // Frames drawn so far: the count keeps rising only while the page's main thread is free.
  await page.evaluate(() => {
    const w = window as unknown as { frames: number };
    w.frames = 0;
    const tick = () => {
      w.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const sample = () =>
    page.evaluate(() => {
      const p = document.querySelector<HTMLProgressElement>('dialog[open] progress');
      return {
        progress: p ? p.value : null,
        read: document.querySelector('dialog[open] table, dialog[open] [role="alert"]') !== null,
        frames: (window as unknown as { frames: number }).frames,
      };
    });

  // Read it all: the progress bar rises while frames keep coming.
  const dialog = await pickFile(page, big);
  const samples: { progress: number; frames: number }[] = [];
  for (let s = await sample(); !s.read; s = await sample())
    if (s.progress !== null) samples.push({ progress: s.progress, frames: s.frames });
  const rising = samples.filter((s) => s.progress > 0 && s.progress < 1);
  expect(rising.length, JSON.stringify(samples)).toBeGreaterThan(1);
  for (let i = 1; i < samples.length; i++)
    expect(samples[i]!.progress).toBeGreaterThanOrEqual(samples[i - 1]!.progress);
  expect(rising.at(-1)!.progress).toBeGreaterThan(rising[0]!.progress);
  expect(rising.at(-1)!.frames).toBeGreaterThan(rising[0]!.frames);
  expect(await countsIn(dialog)).toEqual({ Links: [n, 0, 0] });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await dumpDb(page, ALL_TABLES)).toEqual(before);

  // Cancel while reading: the reader stops and the dialog closes.
  const workers = importWorkers.length;
  const again = await pickFile(page, big);
  await expect.poll(async () => (await sample()).progress ?? 0).toBeGreaterThan(0);
  expect((await sample()).progress).toBeLessThan(1);
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();
  expect(importWorkers).toHaveLength(workers + 1);
  await importWorkers.at(-1)!.closed; // terminated: no result can come back
  await expect(again).toBeHidden();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await dumpDb(page, ALL_TABLES)).toEqual(before);
  void watch;
});

test('a file dropped on the window is previewed', async ({ page, watch }) => {
  const name = 'statuses-gbk.csv';
  await openApp(page);
  const before = await dumpDb(page, ALL_TABLES);
  const transfer = await page.evaluateHandle(
    ({ name, bytes }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return dt;
    },
    { name, bytes: [...fixture(name)] },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await expect(page.getByText('Drop a file to import it')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByText('Drop a file to import it')).toBeHidden();
  const dialog = page.getByRole('dialog', { name: `Import “${name}”` });
  await expect(dialog).toContainText('gb18030');
  const rows = parseCsv(new TextDecoder('gb18030').decode(fixture(name))).map((r) => ({
    linkId: r['环节编号']!,
    sourceId: r['来源编号']!,
  }));
  expect(await countsIn(dialog)).toEqual(statusTableCounts(rows));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await dumpDb(page, ALL_TABLES)).toEqual(before);
  void watch;
});

test.describe('merge or replace a statuses table', () => {
  const name = 'statuses-gbk.csv';
  const rows = parseCsv(new TextDecoder('gb18030').decode(fixture(name))).map((r) => ({
    linkId: r['环节编号']!,
    status: statusWord(r['状态']!),
    sourceId: r['来源编号']!,
  }));
  const inFile = new Set(rows.map((r) => r.linkId));

  test('merge keeps the other links’ states', async ({ page, watch }) => {
    await openApp(page);
    const before = await dumpDb(page);
    const dialog = await importFile(page, { name, buffer: fixture(name) });
    await dialog.getByRole('radio', { name: /^Merge/ }).check();
    expect(await countsIn(dialog)).toEqual(statusTableCounts(rows));
    await commit(page, dialog, name);
    await reopen(page);
    const after = await dumpDb(page);
    const stored = await expectStoredValid(page);
    const states = stored.regions[0]!.linkStates;
    expect(states).toHaveLength(new Set([...shippedStateIds, ...inFile]).size);
    const untouched = (d: Record<string, string>) =>
      rowsOf(d, 'linkStates').filter((s) => !inFile.has(s.linkId as string));
    expect(untouched(after)).toEqual(untouched(before));
    for (const r of rows) expect(states.find((s) => s.linkId === r.linkId)!.status).toBe(r.status);
    for (const t of ['links', 'edges', 'chains', 'enterprises', 'projects', 'indicators'])
      expect(after[t], t).toBe(before[t]);
    void watch;
  });

  test('replace makes the file the whole statuses table', async ({ page, watch }) => {
    await openApp(page);
    const before = await dumpDb(page);
    const dialog = await importFile(page, { name, buffer: fixture(name) });
    await dialog.getByRole('radio', { name: /^Replace/ }).check();
    const merged = statusTableCounts(rows);
    expect(await countsIn(dialog)).toEqual({
      ...merged,
      'Link statuses': [
        ...merged['Link statuses']!.slice(0, 2),
        [...shippedStateIds].filter((id) => !inFile.has(id)).length,
      ] as [number, number, number],
    });
    await commit(page, dialog, name);
    await reopen(page);
    const after = await dumpDb(page);
    const stored = await expectStoredValid(page);
    expect(stored.regions[0]!.linkStates.map((s) => [s.linkId, s.status])).toEqual(
      rows.map((r) => [r.linkId, r.status]),
    );
    for (const t of ['links', 'edges', 'chains', 'enterprises', 'projects', 'indicators'])
      expect(after[t], t).toBe(before[t]);
    // The legend counts what the file says (the shipped data has more present links than the file).
    const present = rows.filter((r) => r.status === 'present').length;
    expect(region.linkStates.filter((s) => s.status === 'present').length).toBeGreaterThan(present);
    await expect(page.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Present' })).toHaveText(
      new RegExp(`Present\\s*${present}$`),
    );
    void watch;
  });
});

test('once Import is pressed the write goes through: Cancel and Escape wait for it', async ({ page, watch }) => {
  const name = 'statuses-gbk.csv';
  await openApp(page);
  const before = await dumpDb(page);
  const dialog = await importFile(page, { name, buffer: fixture(name) });
  // Hold the undo history (which the import's one transaction writes) so the write waits.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const w = window as unknown as { releaseHistory: boolean };
        w.releaseHistory = false;
        const open = indexedDB.open('chainatlas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('history', 'readwrite');
          const store = tx.objectStore('history');
          const spin = () => {
            if (!w.releaseHistory) store.count().onsuccess = spin;
          };
          spin();
          tx.oncomplete = () => open.result.close();
          resolve();
        };
      }),
  );
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await page.evaluate(() => ((window as unknown as { releaseHistory: boolean }).releaseHistory = true));
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Imported ${name}.`)).toBeVisible();
  expect((await dumpDb(page)).linkStates).not.toBe(before.linkStates);
  await expectStoredValid(page);
  void watch;
});
