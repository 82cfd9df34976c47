// Start-up of the built app against plain Cytoscape.js drawing the same chain, served by one server in
// the same run: cold (a first visit: empty cache, no data stored) and warm (the next visit, with the
// offline copy installed and the data stored). Each figure is the time from navigation to the first
// frame with the chain on it (the `chain-drawn` mark both pages set), the median of several visits.
//
// `node bench/start.mjs` runs it alone (after `npm run build` and building the bench pages);
// `npm run bench` runs it with the other benchmarks.
import { chromium } from '@playwright/test';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { launchOptions } from '../scripts/chromium.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/** A static server for the built app at /app/ and the bench pages at /bench/. */
export function serve(roots) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const [, prefix, ...rest] = url.pathname.split('/');
    const root = roots[prefix];
    let path = root && normalize(join(root, ...rest));
    if (path && existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!root || !path.startsWith(root) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** How many links the shipped chain has. */
const LINKS = JSON.parse(readFileSync('seeds/battery-chain.json', 'utf8')).chains[0].links.length;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds from navigation to the `chain-drawn` mark, for one load of `page`. */
async function drawnAfter(page, load) {
  await load();
  await page.waitForFunction(() => performance.getEntriesByName('chain-drawn').length > 0, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => Math.round(performance.getEntriesByName('chain-drawn')[0].startTime));
}

/** Cold and warm start of one page, `runs` times each, in fresh browser contexts. */
async function startTimes(browser, url, runs, { offline }) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    cold.push(await drawnAfter(page, () => page.goto(url)));
    // The next visit finds the app as a user's second visit does: cached for offline use, data stored.
    if (offline) {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
      await page.waitForSelector('[data-stored="true"]');
    }
    warm.push(await drawnAfter(page, () => page.reload()));
    await context.close();
  }
  return { cold: median(cold), warm: median(warm), runs };
}

/** Start-up figures: the app and plain Cytoscape.js on the shipped chain, in both languages. */
export async function startFigures({ appDir = 'dist', benchDir = 'bench/dist', runs = 5 } = {}) {
  const server = await serve({ app: normalize(appDir), bench: normalize(benchDir) });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch(launchOptions);
  const figures = [];
  try {
    for (const lang of ['zh', 'en']) {
      const plain = await startTimes(browser, `${base}/bench/plain/?lang=${lang}`, runs, { offline: false });
      const app = await startTimes(browser, `${base}/app/?lang=${lang}`, runs, { offline: true });
      for (const visit of ['cold', 'warm']) {
        const ratio = app[visit] / plain[visit];
        figures.push({
          name: `${visit} start to a drawn chain (${lang}): ChainAtlas`,
          size: LINKS,
          medianMs: app[visit],
          runs,
          note: `${ratio.toFixed(2)}× plain; budget ≤ ${visit === 'cold' ? '1.5× and ≤ 1,000 ms' : '0.75× and ≤ 500 ms'}`,
        });
        figures.push({
          name: `${visit} start (${lang}): plain Cytoscape.js, same chain`,
          size: LINKS,
          medianMs: plain[visit],
          runs,
        });
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await startFigures({ runs: Number(process.argv[2] ?? 3) }))
    console.log(`${String(f.medianMs).padStart(6)} ms  ${f.name}${f.note ? `  (${f.note})` : ''}`);
}
