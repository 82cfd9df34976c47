// Browser-level budgets of the nation workload (300 regions, 20,000 firms, 50,000 relations), in the
// built app as a user opens it: the bench page stores the workload in the app's database (same
// origin), then a FRESH page opens the app with nothing else in it, and is measured:
// - first interactive: from navigation to the first drawn chain (the `chain-drawn` mark), and to the
//   end of the last long task (> 50 ms, PerformanceObserver 'longtask') before the main thread has
//   been quiet for 1 s: the page answers input from then on. Long tasks after the first draw are listed,
//   so work that grows with the data and sneaks onto the first draw shows;
// - the JS heap after a garbage collection (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage) in
//   that page alone, then again with a link expanded to its firms nationwide;
// - pan and zoom, worst frame: at several zoom levels (labels hidden, appearing, shown, close up) and
//   with a link expanded to its firms, the mouse drags the canvas and turns the wheel while a
//   requestAnimationFrame loop records the time between frames; the worst and the 95th percentile.
//
// `node bench/browser.mjs` runs it alone (after `npm run build` and building the bench pages:
// `npx vite build --config bench/vite.config.ts`); `npm run bench` runs it with the other benchmarks.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { normalize } from 'node:path';
import { launchOptions } from '../scripts/chromium.mjs';
import { serve } from './start.mjs';

const QUIET_MS = 1000;

/** Zoom levels measured: labels hidden (they need ≥ 5 px on screen), just appearing, 1:1, close up. */
const LEVELS = [0.2, 0.45, 1, 2.5];

/** Starts recording frame times in the page. */
const startFrames = (page) =>
  page.evaluate(() => {
    const w = window;
    w.__frames = [];
    w.__recording = true;
    let last = performance.now();
    const tick = (t) => {
      if (!w.__recording) return;
      w.__frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });

/** Stops recording; the worst frame and the 95th percentile, in ms. */
const stopFrames = (page) =>
  page.evaluate(() => {
    const w = window;
    w.__recording = false;
    const f = [...w.__frames].sort((a, b) => a - b);
    return { worst: Math.round(f.at(-1) ?? 0), p95: Math.round(f[Math.floor(f.length * 0.95)] ?? 0), frames: f.length };
  });

/** Sets a zoom level through the graph's probe (`ChainProbe` in src/graph/chainGraph.ts). */
const setZoom = (page, level) =>
  page.evaluate((level) => {
    const probe = document.querySelector('[data-testid="chain-canvas"]').chainProbe;
    // A drag pans the view wherever it starts (links are not moved by the bench).
    probe.lockNodes();
    return probe.zoomTo(level);
  }, level);

/**
 * A point of the canvas (page coordinates) on no link, nearest its centre: a drag that starts on a link
 * and ends where it began is a click on it, which opens the link's details (a figure of its own).
 */
const blankPoint = (page, box) =>
  page.evaluate((box) => {
    const probe = document.querySelector('[data-testid="chain-canvas"]').chainProbe;
    const links = probe.links().map((l) => probe.box(l.id));
    const clear = (x, y) => links.every((b) => !b || x < b.x1 - 8 || x > b.x2 + 8 || y < b.y1 - 8 || y > b.y2 + 8);
    for (let r = 0; r < Math.max(box.width, box.height) / 2; r += 8)
      for (let a = 0; a < 16; a++) {
        const x = box.width / 2 + r * Math.cos((a * Math.PI) / 8);
        const y = box.height / 2 + r * Math.sin((a * Math.PI) / 8);
        if (x > 0 && y > 0 && x < box.width && y < box.height && clear(x, y)) return { x: box.x + x, y: box.y + y };
      }
    return { x: box.x + 4, y: box.y + 4 };
  }, box);

/** Drags the canvas around from `start` and turns the wheel (in then out), as a reader exploring does. */
async function panAndZoom(page, start) {
  const cx = start.x;
  const cy = start.y;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(cx - i * 12, cy - i * 6);
  for (let i = 1; i <= 20; i++) await page.mouse.move(cx - 240 + i * 12, cy - 120 + i * 6);
  await page.mouse.up();
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -120);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 120);
}

/** In the page, before its scripts: keeps its long tasks (`settle` reads them). */
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.__longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: true });
}

/** Waits until the main thread has had no long task for QUIET_MS; the long tasks seen, in ms from navigation. */
async function settle(page) {
  for (;;) {
    const state = await page.evaluate(() => {
      const tasks = window.__longTasks;
      const last = tasks.at(-1);
      return { quietFor: performance.now() - (last ? last.start + last.duration : 0), tasks };
    });
    if (state.quietFor >= QUIET_MS) return state.tasks;
    await page.waitForTimeout(QUIET_MS - state.quietFor + 50);
  }
}

async function heapMb(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return Math.round(usedSize / 2 ** 20);
}

/**
 * @param startOnly measure the first interactive alone (no heap, no pan and zoom): `node bench/browser.mjs
 *   5 --start [--app <dir>]` prints it for the app built in `<dir>` (default dist), to compare a change
 *   with a baseline build back to back.
 */
export async function browserFigures({ appDir = 'dist', benchDir = 'bench/dist', runs = 3, startOnly = false } = {}) {
  const server = await serve({ app: normalize(appDir), bench: normalize(benchDir) });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch(launchOptions);
  const figures = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    // The workload, stored by the bench page, which then closes: the app page is measured alone.
    const seeding = await context.newPage();
    await seeding.goto(`${base}/bench/`);
    await seeding.waitForFunction(() => 'seedNation' in window);
    const seeded = await seeding.evaluate(() => window.seedNation());
    await seeding.close();
    const what = `nation workload stored (${seeded.firms.toLocaleString('en')} firms, ${seeded.relations.toLocaleString('en')} relations)`;
    const url = `${base}/app/?lang=zh#/?region=${seeded.regionId}`;

    const drawnAt = [];
    const interactiveAt = [];
    let lateTasks = [];
    let heap;
    let heapExpanded;
    let frames;
    for (let run = 0; run < runs; run++) {
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && console.error(`[app] ${m.text()}`));
      await page.addInitScript(recordLongTasks);
      await page.goto(url);
      await page.waitForSelector('[data-testid="chain-canvas"][data-ready="true"]', { timeout: 120_000 });
      const tasks = await settle(page);
      const drawn = await page.evaluate(() => Math.round(performance.getEntriesByName('chain-drawn')[0].startTime));
      const lastEnd = Math.max(drawn, ...tasks.map((t) => t.start + t.duration));
      drawnAt.push(drawn);
      interactiveAt.push(lastEnd);
      if (run === runs - 1) lateTasks = tasks.filter((t) => t.start + t.duration > drawn);
      if (run === runs - 1 && !startOnly) {
        if (process.env.BENCH_SHOTS) await page.screenshot({ path: `${process.env.BENCH_SHOTS}/nation-start.png` });
        const cdp = await page.context().newCDPSession(page);
        heap = await heapMb(cdp);
        const canvas = page.getByTestId('chain-canvas');
        const box = await canvas.boundingBox();
        frames = [];
        const starts = [];
        for (const level of LEVELS) {
          const zoom = await setZoom(page, level);
          // The jump to this zoom is the bench's set-up, not a reader's gesture: its redraw and the label
          // pass that follows it are done before the frames are recorded.
          await settle(page);
          starts.push(await blankPoint(page, box));
          await startFrames(page);
          await panAndZoom(page, starts.at(-1));
          frames.push({ what: `zoom ${zoom.toFixed(2)}`, ...(await stopFrames(page)) });
        }
        // The baseline: plain Cytoscape.js drawing the shipped chain on a canvas of the same place and
        // size, panned and zoomed alike at the same levels.
        const plain = await context.newPage();
        await plain.addInitScript(recordLongTasks);
        await plain.goto(`${base}/bench/plain/?lang=zh&box=${[box.x, box.y, box.width, box.height].join(',')}`);
        await plain.waitForSelector('[data-testid="chain-canvas"][data-ready="true"]');
        await settle(plain);
        for (const [i, level] of LEVELS.entries()) {
          await setZoom(plain, level);
          await settle(plain);
          await startFrames(plain);
          await panAndZoom(plain, starts[i]);
          frames[i].plain = await stopFrames(plain);
        }
        await plain.close();
        await page.goto(`${base}/app/?lang=zh#/node/${seeded.linkId}?firms=nation&region=${seeded.regionId}`);
        await page.waitForSelector('[data-testid="chain-canvas"][data-firms]:not([data-firms="0"])', {
          timeout: 120_000,
        });
        await settle(page);
        await startFrames(page);
        await panAndZoom(page, await blankPoint(page, box));
        frames.push({ what: 'a link expanded to its firms nationwide', ...(await stopFrames(page)) });
        heapExpanded = await heapMb(cdp);
        if (process.env.BENCH_SHOTS) await page.screenshot({ path: `${process.env.BENCH_SHOTS}/nation-expanded.png` });
      }
      await page.close();
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const interactive = median(interactiveAt);
    figures.push({
      name: `first interactive, fresh page, ${what}: to the first drawn chain`,
      size: seeded.firms,
      medianMs: median(drawnAt),
      runs,
    });
    figures.push({
      name: `first interactive, fresh page, ${what}: to the end of the last long task before 1 s of quiet`,
      size: seeded.firms,
      medianMs: interactive,
      runs,
      note: `budget ≤ 2,000 ms (${interactive <= 2000 ? 'met' : 'missed'}); long tasks after the first draw (last run): ${
        lateTasks.map((t) => `${t.duration} ms at ${t.start}`).join(', ') || 'none'
      }`,
    });
    if (startOnly) return figures;
    figures.push({
      name: `JS heap, fresh app page holding only the ${what}, after GC`,
      size: seeded.firms,
      medianMs: 0,
      runs: 1,
      note: `${heap} MB used; with a link expanded to its firms nationwide: ${heapExpanded} MB; budget ≤ 300 MB (${
        Math.max(heap, heapExpanded) <= 300 ? 'met' : 'missed'
      })`,
    });
    for (const f of frames)
      figures.push({
        name: `pan and zoom, worst frame, ${f.what}, ${what}`,
        size: seeded.firms,
        medianMs: f.worst,
        runs: 1,
        note:
          `${f.frames} frames, 95th percentile ${f.p95} ms; budget ≤ 50 ms a frame (${f.worst <= 50 ? 'met' : 'missed'})` +
          (f.plain
            ? `; plain Cytoscape.js, the shipped chain on a canvas of the same size, panned and zoomed alike: worst ${f.plain.worst} ms, 95th percentile ${f.plain.p95} ms (${f.plain.frames} frames)`
            : ''),
      });
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  return figures;
}

/** Expanding the link with the most firms nationwide on the canvas (bench/firmBench.ts), in the bench page alone. */
async function expandFigures(benchDir) {
  const server = await serve({ bench: normalize(benchDir) });
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/`);
    await page.waitForFunction(() => 'expandBench' in window);
    return await page.evaluate(() => window.expandBench());
  } finally {
    await browser.close();
    server.close();
  }
}

// Alone, it also measures expanding a link and writes bench/results/nation.{json,md}: the nation
// workload's browser budgets without the rest of the bench.
if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--start')) {
  const at = process.argv.indexOf('--app');
  const appDir = at > 0 ? process.argv[at + 1] : 'dist';
  const figures = await browserFigures({ appDir, runs: Number(process.argv[2] ?? 3), startOnly: true });
  for (const f of figures) console.log(`${appDir}: ${f.medianMs} ms (median of ${f.runs}), ${f.name}. ${f.note ?? ''}`);
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const loadBefore = os.loadavg()[0];
  const figures = [
    ...(await browserFigures({ runs: Number(process.argv[2] ?? 3) })),
    ...(await expandFigures('bench/dist')),
  ];
  const when = new Date().toISOString();
  const machine = { cpus: os.cpus().length, load: [loadBefore, os.loadavg()[0]].map((l) => l.toFixed(1)) };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/nation.json', JSON.stringify({ when, machine, figures }, null, 2) + '\n');
  const lines = [
    `# ChainAtlas: the nation workload in the browser, ${when}`,
    '',
    `\`node bench/browser.mjs\` on ${machine.cpus} cores shared with other work: load average (1 min) ${machine.load[0]} at the start, ${machine.load[1]} at the end. Absolute times move with it.`,
    '',
    '| benchmark | size | ms | runs | note |',
    '|---|---:|---:|---:|---|',
    ...figures.map((f) => `| ${f.name} | ${f.size} | ${f.medianMs} | ${f.runs} | ${f.note ?? ''} |`),
    '',
  ];
  writeFileSync('bench/results/nation.md', lines.join('\n'));
  console.log(lines.join('\n'));
}
