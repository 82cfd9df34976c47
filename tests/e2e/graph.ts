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
