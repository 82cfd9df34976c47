/**
 * Reading what the graph drew, so tests can click a link where it really is on the canvas. Cytoscape
 * registers its instance on its container; tests only read from it.
 */
import type { Page } from '@playwright/test';

/** Where on the page the centre of a link's node is drawn. */
export async function linkPoint(page: Page, linkId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const container = document.querySelector<HTMLElement>('[data-testid="chain-canvas"]')!;
    const cy = (container as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const p = cy.getElementById(id).renderedPosition();
    const box = container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, linkId);
}

/** Node labels, classes and ids as drawn. */
export async function drawnLinks(
  page: Page,
): Promise<{ id: string; label: string; status: string; classes: string[] }[]> {
  return page.evaluate(() => {
    const container = document.querySelector<HTMLElement>('[data-testid="chain-canvas"]')!;
    const cy = (container as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.nodes('[kind = "link"]').map((n) => ({
      id: n.id(),
      label: String(n.data('label')).replaceAll('\u200b', ''),
      status: String(n.data('status')),
      classes: n.classes(),
    }));
  });
}

/** Where a link's node stands in the layout (model coordinates, not pixels on the page). */
export async function modelPosition(page: Page, linkId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const container = document.querySelector<HTMLElement>('[data-testid="chain-canvas"]')!;
    const cy = (container as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.getElementById(id).position();
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
    const container = document.querySelector<HTMLElement>('[data-testid="chain-canvas"]')!;
    const cy = (container as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const frame = container.getBoundingClientRect();
    const free = (x: number, y: number) => {
      if (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom) return false;
      const hit = document.elementFromPoint(x, y);
      return !!hit && container.contains(hit);
    };
    return list.filter((id) => {
      const b = cy.getElementById(id).renderedBoundingBox({ includeLabels: true, includeUnderlays: false });
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
    const container = document.querySelector<HTMLElement>('[data-testid="chain-canvas"]')!;
    const cy = (container as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    const zoom = cy.zoom();
    const px = (n: import('cytoscape').NodeSingular) => parseFloat(String(n.style('font-size'))) * zoom;
    const links: Record<string, number | null> = {};
    cy.nodes('[kind = "link"]').forEach((n) => {
      links[n.id()] = n.style('label') ? px(n) : null;
    });
    return { zoom, links, titles: cy.nodes('[kind = "group"]').map(px) };
  });
}
