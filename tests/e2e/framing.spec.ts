/** Every view frames what it is about in the part of the screen the panels leave free. */
import { expect, openApp, test } from './fixtures';
import { drawnLinks, linksOutOfView } from './graph';
import { presentViewAsSlide } from './slides';

const table = (page: import('@playwright/test').Page) => page.getByRole('table', { name: 'Gaps' });

/** The gap view's subject: its gaps and the first five rows of the list. */
async function gapSubject(page: import('@playwright/test').Page): Promise<string[]> {
  return table(page)
    .locator('tbody tr[data-link]')
    .evaluateAll((rows) =>
      rows.filter((r, i) => i < 5 || r.querySelector('.kind-gap')).map((r) => r.getAttribute('data-link')!),
    );
}

test('the gap view, a filtered view and a slide of the gap view frame their subject links in the free part of the screen', async ({
  page,
  watch,
}) => {
  await openApp(page, './?lang=en#/gaps');
  await expect(table(page)).toBeVisible();
  const gaps = await gapSubject(page);
  expect(gaps).toEqual(expect.arrayContaining(['ncm_cam', 'lfp_cam', 'separator', 'cyc_carb', 'lin_carb']));
  await expect.poll(() => linksOutOfView(page, gaps)).toEqual([]);
  // Opening a link's details covers the right of the canvas: the subject moves into what is left.
  await table(page).locator('tbody tr[data-link="separator"]').click();
  await expect(page.getByRole('region', { name: 'Link details' })).toBeVisible();
  await expect.poll(() => linksOutOfView(page, gaps)).toEqual([]);

  // A filtered view frames the links the filter keeps.
  await page.goto('./?lang=en#/?sub=cathode');
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  const cathode = (await drawnLinks(page)).filter((l) => !l.classes.includes('dimmed')).map((l) => l.id);
  expect(cathode).toEqual(expect.arrayContaining(['ncm_cam', 'lfp_cam', 'ncm_pcam']));
  expect(cathode.length).toBeLessThan(15);
  await expect.poll(() => linksOutOfView(page, cathode)).toEqual([]);

  // A slide of the gap view, saved while the chain was zoomed elsewhere, still shows its gaps.
  await page.goto('./?lang=en#/gaps');
  await expect(table(page)).toBeVisible();
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  await presentViewAsSlide(page, 'Gaps', 'Framing');
  await expect(table(page)).toBeVisible();
  await expect.poll(() => linksOutOfView(page, gaps)).toEqual([]);
  void watch;
});
