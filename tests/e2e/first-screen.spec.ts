import type { Page } from '@playwright/test';
import { STATUS_LOOK } from '../../src/graph/palette';
import { en } from '../../src/i18n/testing';
import type { LinkStatus } from '../../src/model/types';
import { ELECTROLYTE_MISSING, putRow } from './db';
import { expect, openApp, test } from './fixtures';
import { SHIPPED_LINKS } from './shipped';

/** Message keys shown as text: a message looked up before its part of the catalogue was there. */
async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return Object.keys(en).filter((key) => text.includes(key));
}

test('opens on the Jinchang chain, drawn, with its title, data date and source', async ({ page, watch }) => {
  await openApp(page, './?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jinchang');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('New-energy battery chain');
  await expect(page.getByTestId('data-date')).toHaveText('Data as of 2024');
  await expect(page.getByTestId('main-source')).toContainText('Gansu Daily');
  await expect(page.getByTestId('main-source')).toContainText('取舍之间的发展智慧');
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-links', String(SHIPPED_LINKS));

  // The canvas really has something on it: many distinct pixel colours, not a blank sheet.
  const colours = await page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="chain-canvas"] canvas')];
    const seen = new Set<number>();
    for (const c of canvases) {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0) continue;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < data.length; i += 4 * 97)
        if (data[i + 3]! > 0) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    return seen.size;
  });
  expect(colours).toBeGreaterThan(20);
  expect(watch.foreignRequests).toEqual([]);
});

test('the very first frame shows every link in its own status colour', async ({ page, watch }) => {
  // Read at the moment the first frame with the chain is marked, before any later frame: the canvas
  // then holds exactly that frame (drawn straight onto the screen, see drawFirstFrameDirectly).
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      const host = document.querySelector<HTMLElement & { chainProbe?: ChainProbe }>('[data-testid="chain-canvas"]');
      const probe = host?.chainProbe;
      if (name === 'chain-drawn' && host && probe) {
        const layers = [...host.querySelectorAll('canvas')];
        const frame = document.createElement('canvas');
        frame.width = layers[0]!.width;
        frame.height = layers[0]!.height;
        const ctx = frame.getContext('2d')!;
        for (const layer of layers) ctx.drawImage(layer, 0, 0);
        const scale = frame.width / host.clientWidth;
        (window as unknown as { firstFrame: unknown }).firstFrame = probe.links().map((link) => {
          const b = probe.box(link.id, false)!;
          // The middle of the box, away from its border and its firm badge.
          const [w, h] = [(b.x2 - b.x1) * 0.4, (b.y2 - b.y1) * 0.4];
          const x = Math.round((b.x1 + w * 0.75) * scale);
          const y = Math.round((b.y1 + h * 0.75) * scale);
          const data = ctx.getImageData(
            x,
            y,
            Math.max(1, Math.round(w * scale)),
            Math.max(1, Math.round(h * scale)),
          ).data;
          const pixels: number[][] = [];
          for (let i = 0; i < data.length; i += 4) pixels.push([data[i]!, data[i + 1]!, data[i + 2]!]);
          return { id: link.id, status: link.status, pixels };
        });
      }
      return mark(name, options);
    };
    type ChainProbe = {
      links(): { id: string; status: string }[];
      box(id: string, labels: boolean): { x1: number; y1: number; x2: number; y2: number } | null;
    };
  });
  await openApp(page, './?lang=en');
  const frame = await page.evaluate(
    () => (window as unknown as { firstFrame?: { id: string; status: string; pixels: number[][] }[] }).firstFrame,
  );
  expect(frame).toHaveLength(SHIPPED_LINKS);
  const near = (p: number[], hex: string) =>
    [0, 1, 2].every((i) => Math.abs(p[i]! - parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)) <= 6);
  const unpainted = frame!
    .filter(
      (l) => l.pixels.filter((p) => near(p, STATUS_LOOK[l.status as LinkStatus].fill)).length < l.pixels.length / 3,
    )
    .map((l) => `${l.id} (${l.status})`);
  expect(unpainted).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('follows the browser language and lets ?lang= force one', async ({ browser, baseURL }) => {
  for (const [browserLocale, path, heading, date] of [
    ['zh-CN', './', '金昌市', '数据截至2024年'],
    ['en-US', './', 'Jinchang', 'Data as of 2024'],
    ['zh-CN', './?lang=en', 'Jinchang', 'Data as of 2024'],
  ] as const) {
    const context = await browser.newContext({ locale: browserLocale, baseURL });
    const page = await context.newPage();
    await openApp(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expect(page.getByTestId('data-date')).toHaveText(date);
    await expect(page.locator('html')).toHaveAttribute(
      'lang',
      browserLocale === 'en-US' || path.includes('en') ? 'en' : 'zh-CN',
    );
    // The page starts with the first part of its language's catalogue: no message is ever a raw key,
    // neither on the first screen nor in the menu opened next (its words load after the first draw).
    expect(await rawKeys(page)).toEqual([]);
    const data = heading === 'Jinchang' ? 'Data' : '数据';
    await page.getByRole('button', { name: data, exact: true }).click();
    await expect(page.getByRole('group', { name: data })).toBeVisible();
    expect(await rawKeys(page)).toEqual([]);
    await context.close();
  }
});

test('the language switch changes the interface and keeps a forced ?lang= in step', async ({ page, watch }) => {
  await openApp(page, './?lang=zh');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('金昌市');
  await page.getByRole('button', { name: '切换到英文' }).click();
  await expect(page.getByTestId('data-date')).toHaveText('Data as of 2024');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jinchang');
  await expect(page).toHaveURL(/lang=en/);
  void watch;
});

test('keeps a user change across a reload and restores the shipped data only after asking', async ({ page, watch }) => {
  await openApp(page);
  const legendCount = page.getByRole('group', { name: 'Status' }).locator('li', { hasText: 'Missing' });
  await expect(legendCount).toHaveText(/Missing\s*$/); // no missing links in the shipped data

  // Change a stored status directly in IndexedDB, as an edit would.
  await putRow(page, 'linkStates', ELECTROLYTE_MISSING);
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(legendCount).toHaveText(/Missing\s*1$/);

  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Reset to shipped data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset to shipped data?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(legendCount).toHaveText(/Missing\s*1$/);

  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Reset to shipped data…' }).click();
  await dialog.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('status')).toHaveText(/shipped data has been restored/);
  await expect(legendCount).toHaveText(/Missing\s*$/);
  void watch;
});
