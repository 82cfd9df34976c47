import { readFileSync } from 'node:fs';
import { inspectPdf } from '../../src/io/syntax/pdf';
import { FORMAT_VERSION } from '../../src/model/types';
import { expect, openApp, test } from './fixtures';
import { SHIPPED_LINKS, shippedDataset } from './shipped';

async function exportFile(
  page: import('@playwright/test').Page,
  item: string,
): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: item }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('PNG of the view comes at the size asked for: 1×, 2× and 4× the canvas, with its caption band', async ({
  page,
  watch,
}) => {
  await openApp(page);
  // The canvas's size in whole CSS pixels, as the renderer draws it.
  const canvas = await page.evaluate(() =>
    document.querySelector<import('./graph').ProbeHost>('[data-testid="chain-canvas"]')!.chainProbe!.size(),
  );
  for (const scale of [1, 2, 4]) {
    const file = await exportFile(page, `PNG of this view, ${scale}×`);
    expect(file.name).toMatch(new RegExp(`view@${scale}x\\.png$`));
    const size = pngSize(file.bytes);
    expect(size.width).toBe(canvas.width * scale);
    // Under the view, a band of CAPTION_HEIGHT (52) CSS pixels says what it shows and where from.
    expect(size.height).toBe((canvas.height + 52) * scale);
  }
  void watch;
});

test('SVG of the chain parses and holds every link as text', async ({ page, watch }) => {
  await openApp(page, './?lang=zh');
  await page.getByRole('button', { name: '导出' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '整条产业链 SVG' }).click(),
  ]);
  const svg = readFileSync((await download.path())!, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      links: doc.querySelectorAll('g.link').length,
      text: doc.documentElement.textContent ?? '',
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.links).toBe(SHIPPED_LINKS);
  expect(parsed.text).toContain('隔膜');
  // Its caption says what it shows and where the statuses come from.
  expect(parsed.text).toContain('金昌市 · 新能源电池产业链');
  // The Chinese poster names the publisher in Chinese only.
  expect(parsed.text).toContain('甘肃日报《取舍之间的发展智慧》');
  expect(parsed.text).not.toContain('Gansu Daily');
  const known = shippedDataset().regions[0]!.linkStates.filter((s) => s.status !== 'unknown').length;
  expect(parsed.text).toContain(`未知 ${SHIPPED_LINKS - known}`);
  void watch;
});

test('the poster is one A3 landscape PDF page', async ({ page, watch }) => {
  await openApp(page);
  const file = await exportFile(page, 'A3 poster (PDF)');
  expect(file.name).toMatch(/poster-A3\.pdf$/);
  const info = inspectPdf(new Uint8Array(file.bytes));
  expect(info.pages).toEqual([{ width: 1190.55, height: 841.89 }]);
  expect(info.xrefValid).toBe(true);
  void watch;
});

test('data exports: the native file holds everything in the current format; the workbook and GraphML download', async ({
  page,
  watch,
}) => {
  await openApp(page);
  const json = await exportFile(page, 'ChainAtlas file (JSON, everything)');
  expect(json.name).toMatch(/\.json$/);
  const data = JSON.parse(json.bytes.toString('utf8'));
  expect(data.format).toBe(FORMAT_VERSION);
  expect(data.chains[0].links).toHaveLength(SHIPPED_LINKS);
  const xlsx = await exportFile(page, 'Excel workbook (XLSX)');
  expect([...xlsx.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  const graphml = await exportFile(page, 'GraphML (yEd, Gephi, Cytoscape)');
  expect(graphml.bytes.toString('utf8')).toContain('<graphml');
  void watch;
});
