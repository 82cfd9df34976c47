// npm run bench: builds the app and the benchmark pages, opens them in headless Chromium, runs every
// benchmark (start-up of the built app against plain Cytoscape.js, then the model, drawing and storage
// benchmarks) and writes the figures to bench/results/latest.json and bench/results/latest.md (with the
// machine). `npm run bench -- --firms` runs only the firm-level figures, into bench/results/firms.*.
import { chromium } from '@playwright/test';
import { launchOptions } from '../scripts/chromium.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
import { build, preview } from 'vite';
import { startFigures } from './start.mjs';
import { syncFigures } from './sync.mjs';
import { browserFigures } from './browser.mjs';
import { initialJsFigure } from './size.mjs';

// `--firms` runs only the firm-level figures (bench/firmBench.ts): no app build, start-up or sync.
const firmsOnly = process.argv.includes('--firms');
if (!firmsOnly) await build({ logLevel: 'warn' });
await build({ configFile: 'bench/vite.config.ts' });
const size = firmsOnly ? undefined : initialJsFigure();
// The machine is shared: its load (1-minute average) before and after, beside the figures.
const loadBefore = os.loadavg()[0];
const start = firmsOnly ? [] : await startFigures({ runs: 5 });
// The nation workload in a fresh app page: first interactive, heap, pan and zoom frames.
if (!firmsOnly) start.push(...(await browserFigures({ runs: 3 })));

const server = await preview({
  configFile: 'bench/vite.config.ts',
  preview: { port: Number(process.env.BENCH_PORT ?? 4179), strictPort: true },
  logLevel: 'error',
});
const browser = await chromium.launch(launchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  await page.goto(`http://localhost:${server.config.preview.port}/`);
  await page.waitForFunction(() => 'runBench' in window);
  const figures = firmsOnly
    ? await page.evaluate(() => window.runFirmBench())
    : [size, ...start, ...(await page.evaluate(() => window.runBench())), ...(await syncFigures())];
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    chromium: browser.version(),
    node: process.version,
    load: [loadBefore, os.loadavg()[0]].map((l) => l.toFixed(1)),
  };
  const when = new Date().toISOString();
  mkdirSync('bench/results', { recursive: true });
  const out = firmsOnly ? 'bench/results/firms' : 'bench/results/latest';
  writeFileSync(`${out}.json`, JSON.stringify({ when, machine, figures }, null, 2) + '\n');
  const lines = [
    `# ChainAtlas benchmark, ${when}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB; Chromium ${machine.chromium} headless (software rendering); Node ${machine.node}. Load average (1 min) ${machine.load[0]} at the start, ${machine.load[1]} at the end, on ${machine.cpus} cores: absolute times move with it, ratios to the baseline in the same run much less.`,
    '',
    '| benchmark | links | median ms | runs | note |',
    '|---|---:|---:|---:|---|',
    ...figures.map((f) => `| ${f.name} | ${f.size} | ${f.medianMs} | ${f.runs} | ${f.note ?? ''} |`),
    '',
  ];
  writeFileSync(`${out}.md`, lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
