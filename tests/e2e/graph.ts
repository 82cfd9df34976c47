/**
 * Reading what the graph drew, so tests can click a link where it really is on the canvas: through the
 * probe the adapter publishes on the canvas element (`ChainProbe` in src/graph/chainGraph.ts).
 */
import type { Page } from '@playwright/test';
import type { ChainProbe, ProbeHost } from '../../src/graph/chainGraph';

export type { ChainProbe, ProbeHost };

/** Where on the page the centre of a link's node is drawn. */
export async function linkPoint(page: Page, linkId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const container = document.querySelector<ProbeHost>('[data-testid="chain-canvas"]')!;
    const probe = container.chainProbe!;
    const b = probe.box(id, false)!;
    const box = container.getBoundingClientRect();
    return { x: box.left + (b.x1 + b.x2) / 2, y: box.top + (b.y1 + b.y2) / 2 };
  }, linkId);
}

/** Node labels, classes and ids as drawn. */
export async function drawnLinks(
  page: Page,
): Promise<{ id: string; label: string; status: string; classes: string[] }[]> {
  return page.evaluate(() => {
    const container = document.querySelector<ProbeHost>('[data-testid="chain-canvas"]')!;
    const probe = container.chainProbe!;
    return probe.links();
  });
}

/** Where a link's node stands in the layout (model coordinates, not pixels on the page). */
export async function modelPosition(page: Page, linkId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const container = document.querySelector<ProbeHost>('[data-testid="chain-canvas"]')!;
    const probe = container.chainProbe!;
    return probe.position(id)!;
  }, linkId);
}

/** Drags a link's node by (dx, dy) pixels with the mouse, as a user does. */
export async function dragLink(page: Page, linkId: string, dx: number, dy: number): Promise<void> {
  const at = await linkPoint(page, linkId);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + dx, at.y + dy, { steps: 8 });
  await page.mouse.up();
}

/**
 * The links of `ids` whose drawn box is not wholly in the free part of the chain canvas: inside the
 * canvas, and at its corners and centre not under anything else (a side panel, a slide's title band).
 */
export async function linksOutOfView(page: Page, ids: readonly string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const container = document.querySelector<ProbeHost>('[data-testid="chain-canvas"]')!;
    const probe = container.chainProbe!;
    const frame = container.getBoundingClientRect();
    const free = (x: number, y: number) => {
      if (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom) return false;
      const hit = document.elementFromPoint(x, y);
      return !!hit && container.contains(hit);
    };
    return list.filter((id) => {
      const b = probe.box(id)!;
      const [x1, x2, y1, y2] = [frame.left + b.x1, frame.left + b.x2, frame.top + b.y1, frame.top + b.y2];
      const points = [
        [x1 + 1, y1 + 1],
        [x2 - 1, y1 + 1],
        [x1 + 1, y2 - 1],
        [x2 - 1, y2 - 1],
        [(x1 + x2) / 2, (y1 + y2) / 2],
      ] as const;
      return !points.every(([x, y]) => free(x, y));
    });
  }, ids);
}

/**
 * The labels as drawn: each link's label size on screen (font size × zoom, in CSS pixels) or null when
 * the level of detail hides it, and the sub-chain box titles' sizes.
 */
export async function drawnLabels(
  page: Page,
): Promise<{ zoom: number; links: Record<string, number | null>; titles: number[] }> {
  return page.evaluate(() => {
    const container = document.querySelector<ProbeHost>('[data-testid="chain-canvas"]')!;
    const probe = container.chainProbe!;
    return probe.labels();
  });
}
