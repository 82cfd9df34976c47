// Takes screenshots of the built app for a look by eye: `npm run shots [-- <route> ...]`.
// Serves dist/ with `vite preview` on a spare port, opens it in Chromium at laptop and projector
// sizes, in both languages, and writes PNGs to test-results/shots/.
import { chromium } from '@playwright/test';
import { launchOptions } from './chromium.mjs';
import { mkdirSync } from 'node:fs';
import { preview } from 'vite';

const routes = process.argv.slice(2).length ? process.argv.slice(2) : ['#/'];
const sizes = [
  [1366, 768],
  [1920, 1080],
];
const out = 'test-results/shots';
mkdirSync(out, { recursive: true });

const server = await preview({ preview: { port: 4179, strictPort: true, open: false }, logLevel: 'error' });
const browser = await chromium.launch(launchOptions);
try {
  for (const [width, height] of sizes) {
    for (const lang of ['zh', 'en']) {
      for (const route of routes) {
        const page = await browser.newPage({ viewport: { width, height } });
        page.on('console', (m) => m.type() === 'error' && console.error(`[console] ${m.text()}`));
        await page.goto(`http://localhost:4179/?lang=${lang}${route}`);
        await page.waitForSelector('[data-ready="true"]', { timeout: 20000 }).catch(() => {});
        await page.waitForTimeout(300);
        const name = `${out}/${route.replace(/[^a-z0-9]+/gi, '_') || 'root'}-${lang}-${width}x${height}.png`;
        await page.screenshot({ path: name });
        console.log(name);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
