import { en } from '../../src/i18n/testing';
import { downstreamOf, upstreamOf } from '../../src/model/graph';
import { expect, openApp, test } from './fixtures';
import { dragLink, drawnLinks, linkPoint, modelPosition } from './graph';
import { shippedDataset, shippedIndex, SHIPPED_LINKS } from './shipped';

const chain = shippedDataset().chains[0]!;
const details = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'Link details' });

test('draws every link of the shipped data, in the graph and in the outline', async ({ page, watch }) => {
  await openApp(page);
  const drawn = await drawnLinks(page);
  expect(drawn.map((l) => l.id).sort()).toEqual(chain.links.map((l) => l.id).sort());
  expect(drawn.find((l) => l.id === 'separator')?.label).toBe('Separator');
  const outline = page.getByRole('navigation', { name: 'Chain outline' });
  await expect(outline.getByRole('button')).toHaveCount(chain.links.length);
  for (const sub of chain.subChains) await expect(outline.getByRole('heading', { name: sub.name.en })).toBeVisible();
  void watch;
});

test('a click on a link opens its details, with sources, figures and neighbours', async ({ page, watch }) => {
  await openApp(page);
  const at = await linkPoint(page, 'ni_metal');
  await page.mouse.click(at.x, at.y);
  const panel = details(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Refined nickel, Ni strip');
  await expect(panel).toContainText('电解镍/纯镍带');
  await expect(panel).toContainText('Raw materials');
  await expect(panel.getByTestId('capacity')).toHaveText('250,000 t/yr');
  await expect(panel).toContainText('全市具备25万吨镍、140万吨铜、1.7万吨钴的生产能力');
  await expect(panel).toContainText('¶6');
  await expect(page).toHaveURL(/#\/node\/ni_metal$/);

  // An input opens its own details.
  await panel.getByRole('button', { name: /^Nickel matte \/ MHP/ }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Nickel matte / MHP');
  await expect(page).toHaveURL(/#\/node\/ni_int$/);
  void watch;
});

test('a deep link opens the right details, and Back returns to the previous link', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/cell_lfp');
  const panel = details(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('LFP cells');
  await expect(panel).toContainText('Jinche 18 GWh LFP cells');
  await expect(panel).toContainText('18 GWh/yr');
  await expect(panel).toContainText('Battery cell capacity under construction');
  await panel.getByRole('button', { name: /^LFP cathode material/ }).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('LFP cathode material');
  await page.goBack();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('LFP cells');
  void watch;
});

test('an unknown link in the address says so instead of failing', async ({ page, watch }) => {
  await openApp(page, './?lang=en#/node/unobtainium');
  await expect(
    page.getByRole('status').filter({ hasText: 'There is no link “unobtainium” in this chain.' }),
  ).toBeVisible();
  await expect(details(page)).toHaveCount(0);
  // A dossier of an unknown link says so once, with a way back.
  await page.goto('./?lang=en#/dossier/unobtainium');
  await expect(page.getByText('There is no link “unobtainium” in this chain.')).toHaveCount(1);
  await page.getByRole('button', { name: '← Back' }).click();
  await expect(page.getByRole('table', { name: 'Gaps' })).toBeVisible();
  // A link cut short inside its percent-encoding is just another unknown link.
  await page.goto('./?lang=en#/node/%E0%A4%A');
  await expect(
    page.getByRole('status').filter({ hasText: 'There is no link “%E0%A4%A” in this chain.' }),
  ).toBeVisible();
  void watch;
});

test('search finds links by Chinese, English, pinyin and initials; Enter opens them', async ({ page, watch }) => {
  await openApp(page);
  const box = page.getByRole('searchbox', { name: 'Search' });
  for (const [query, heading] of [
    ['隔膜', 'Separator'],
    ['separator', 'Separator'],
    ['gemo', 'Separator'],
    ['gm', 'Separator'],
    ['lithium carbonate', 'Lithium carbonate'],
    ['tansuanli', 'Lithium carbonate'],
  ] as const) {
    await box.fill(query);
    await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toContainText(
      heading,
    );
    await box.press('Enter');
    await expect(details(page).getByRole('heading', { level: 2 })).toHaveText(heading);
  }
  void watch;
});

test('tracing upstream and downstream highlights the model closure and says how many', async ({ page, watch }) => {
  const index = shippedIndex();
  await openApp(page, './?lang=en#/node/ncm_pcam');
  const panel = details(page);
  const up = upstreamOf(index, 'ncm_pcam');
  await panel.getByRole('button', { name: /^← Upstream/ }).click();
  await expect(panel.getByTestId('trace-count')).toHaveText(`${up.size} links feed this one, directly or not.`);
  await expect(page).toHaveURL(/trace=up/);
  const traced = (await drawnLinks(page)).filter((l) => l.classes.includes('traced')).map((l) => l.id);
  expect(traced.sort()).toEqual([...up].sort());

  await panel.getByRole('checkbox', { name: en['trace.loops'] }).check();
  const upLoops = upstreamOf(index, 'ncm_pcam', { loops: true });
  await expect(panel.getByTestId('trace-count')).toHaveText(`${upLoops.size} links feed this one, directly or not.`);

  const down = downstreamOf(index, 'ncm_pcam', { loops: true });
  await panel.getByRole('button', { name: /^Downstream/ }).click();
  await expect(panel.getByTestId('trace-count')).toHaveText(`${down.size} links use this one, directly or not.`);

  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('trace-count')).toHaveCount(0);
  expect((await drawnLinks(page)).filter((l) => l.classes.includes('dimmed'))).toEqual([]);
  void watch;
});

test('filters by sub-chain, status and stage reach the graph, the outline and the address', async ({ page, watch }) => {
  await openApp(page);
  await page.getByText('Status', { exact: true }).first().click();
  await page.getByRole('checkbox', { name: 'Attracting' }).check();
  const outline = page.getByRole('navigation', { name: 'Chain outline' });
  await expect(outline.getByTestId('outline-count')).toHaveText(`4 of ${SHIPPED_LINKS} links`);
  const listed = await outline
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-link')));
  expect(listed.sort()).toEqual(['cyc_carb', 'lin_carb', 'pouch_film', 'separator']);
  await expect(page).toHaveURL(/status=attracting/);
  const dimmed = (await drawnLinks(page)).filter((l) => l.classes.includes('dimmed'));
  expect(dimmed).toHaveLength(SHIPPED_LINKS - 4);

  // The address brings the same view back.
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(outline.getByTestId('outline-count')).toHaveText(`4 of ${SHIPPED_LINKS} links`);

  await page.goto('./?lang=en#/?sub=cathode&stage=product');
  await expect(outline.getByTestId('outline-count')).toHaveText(`3 of ${SHIPPED_LINKS} links`);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(outline.getByTestId('outline-count')).toHaveText(`${SHIPPED_LINKS} links`);
  void watch;
});

test('the language switch changes every visible label, the graph included', async ({ page, watch }) => {
  await openApp(page, './?lang=en');
  const englishOnly = Object.values(en).filter((m) => !m.includes('{') && m.length >= 4);
  const names = new Map(chain.links.map((l) => [l.id, l.name]));

  await page.getByRole('button', { name: 'Switch to Chinese' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const text = await page.locator('body').innerText();
  for (const m of englishOnly) expect(text, `English left on the Chinese screen: ${m}`).not.toContain(m);
  for (const l of await drawnLinks(page)) expect(l.label).toBe(names.get(l.id)!.zh);

  await page.getByRole('button', { name: '切换到英文' }).click();
  for (const l of await drawnLinks(page)) expect(l.label).toBe(names.get(l.id)!.en);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  void watch;
});

test('keyboard only: / to search, Enter to open, Tab to trace, Esc to clear', async ({ page, watch }) => {
  await openApp(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.type('gemo');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const panel = details(page);
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Separator');

  // Tab from the heading to the close button? No: the heading comes after it; Tab reaches the trace buttons.
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: /^← Upstream/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('trace-count')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('trace-count')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page).toHaveURL(/#\/$/);
  // Focus lands on the link in the outline, so the reader can go on from there.
  await expect(
    page.getByRole('navigation', { name: 'Chain outline' }).getByRole('button', { name: /^Separator/ }),
  ).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/node\//);
  void watch;
});

test('a dragged layout can be saved, comes back after a reload, and can be reset', async ({ page, watch }) => {
  await openApp(page);
  const before = await modelPosition(page, 'separator');
  await dragLink(page, 'separator', 60, 40);
  const moved = await modelPosition(page, 'separator');
  expect(moved.x).toBeGreaterThan(before.x + 20);

  await page.getByRole('button', { name: 'Save layout' }).click();
  await expect(page.getByRole('button', { name: 'Automatic layout' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('chain-canvas')).toHaveAttribute('data-ready', 'true');
  expect(await modelPosition(page, 'separator')).toEqual({
    x: Math.round(moved.x * 10) / 10,
    y: Math.round(moved.y * 10) / 10,
  });

  await page.getByRole('button', { name: 'Automatic layout' }).click();
  await expect(page.getByRole('button', { name: 'Automatic layout' })).toHaveCount(0);
  await expect.poll(() => modelPosition(page, 'separator')).toEqual(before);
  void watch;
});

test('moved links can be put back without saving', async ({ page, watch }) => {
  await openApp(page);
  const at = await linkPoint(page, 'cu');
  await dragLink(page, 'cu', -50, 30);
  await page.getByRole('button', { name: 'Undo moves' }).click();
  await expect(page.getByRole('button', { name: 'Save layout' })).toHaveCount(0);
  const back = await linkPoint(page, 'cu');
  expect(Math.abs(back.x - at.x) + Math.abs(back.y - at.y)).toBeLessThan(1);
  void watch;
});
