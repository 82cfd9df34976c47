// Drawing alone (`node bench/draw.mjs [rounds]`, after `npx vite build --config bench/vite.config.ts`):
// the shipped chain and 5,000 links drawn by ChainAtlas against plain Cytoscape.js, in turns, and the
// label pass at Fit. Each round prints the figures; the machine is shared, so compare ratios.
import { chromium } from '@playwright/test';
import { normalize } from 'node:path';
import { launchOptions } from '../scripts/chromium.mjs';
import { serve } from './start.mjs';

const rounds = Number(process.argv[2] ?? 1);
const server = await serve({ bench: normalize('bench/dist') });
const browser = await chromium.launch(launchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/`);
  await page.waitForFunction(() => 'drawBench' in window);
  for (let i = 0; i < rounds; i++) {
    const figures = await page.evaluate(() => window.drawBench());
    for (const f of figures) console.log(`${f.medianMs}\t${f.name}${f.note ? ` (${f.note})` : ''}`);
  }
} finally {
  await browser.close();
  server.close();
}
