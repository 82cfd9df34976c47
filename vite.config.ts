import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { runnerImport, transformWithOxc, type Plugin, type ResolvedConfig } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Builds the service worker (src/sw/sw.ts) into `sw.js` at the root of the output, with the list of
 * every file of this build to precache — read from the bundle itself (entry, lazy chunks, workers, CSS,
 * index.html) and the public folder (icons, manifest, favicon) — each with the SHA-256 of its content
 * (checked by the browser as it caches the file), and a version that hashes that list, so each deploy
 * gets its own cache. Source maps and sw.js itself are not precached.
 */
function serviceWorker(entry: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'chainatlas:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const files = new Map<string, string | Uint8Array>();
        for (const [fileName, output] of Object.entries(bundle))
          files.set(fileName, output.type === 'chunk' ? output.code : output.source);
        if (config.publicDir && config.build.copyPublicDir && existsSync(config.publicDir))
          for (const path of walk(config.publicDir))
            files.set(relative(config.publicDir, path).split(sep).join('/'), readFileSync(path));
        const precache = [...files]
          .filter(([f]) => !f.endsWith('.map') && f !== 'sw.js' && !f.startsWith('.vite/'))
          .map(([url, content]) => ({
            url,
            integrity: `sha256-${createHash('sha256').update(content).digest('base64')}`,
          }))
          .sort((a, b) => (a.url < b.url ? -1 : 1));
        if (!precache.some((f) => f.url === 'index.html')) this.error('service worker: no index.html to precache');
        const version = createHash('sha256').update(JSON.stringify(precache)).digest('hex').slice(0, 16);

        const { code: module } = await transformWithOxc(readFileSync(entry, 'utf8'), entry, {
          lang: 'ts',
          target: 'es2022',
          define: { __PRECACHE__: JSON.stringify(precache), __VERSION__: JSON.stringify(version) },
        });
        // A classic worker script: the marker that keeps a type-only module a module goes.
        const code = module.replace(/^export \{\};\n?/m, '');
        if (/^\s*(import|export)\b/m.test(code) || code.includes('__PRECACHE__') || code.includes('__VERSION__'))
          this.error('service worker: sw.ts must have no runtime imports or exports, and use both placeholders');
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
      },
    },
  };
}

/** One of the app's own modules (or a build script), run through Vite's module runner: this config imports none of them. */
const appModule = async <T>(file: string): Promise<T> =>
  (await runnerImport<T>(file, { configFile: false, logLevel: 'silent' })).module;

/**
 * Fetches the first part of the catalogue of the language the page will show beside the start-up code,
 * not after it: each part is a chunk of its own (src/i18n/index.ts, `loadFirstPart`) and the app awaits
 * that one before it mounts, so without this its request would wait until the entry has run. A small
 * classic script in <head>, written here with the app's own `chooseLang`, adds a modulepreload for that
 * one chunk (`en.ts` or `zh-CN.ts`; the rest, `*.more.ts`, loads after the first draw).
 *
 * On a first visit (no offline copy controls the page yet) it also preloads what that visit draws: the
 * shipped data and its build-time positions (`FIRST_VISIT_FILES`, see `shippedData`). The app fetches them
 * only once its entry has run; asked for here, they arrive beside the entry instead of after it. A later
 * visit fetches neither: it begins the first read of the store here instead (`earlyRead`, copied by its
 * text, for the region the address names and the layout shown last time), so the data is there when
 * the entry has run (the app takes it: `takeEarlyRead`).
 */
function startPreload(): Plugin {
  return {
    name: 'chainatlas:start-preload',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const urls: Record<string, string> = {};
      const firstVisit: string[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const id = output.facadeModuleId ?? '';
        const lang = /src\/i18n\/(en|zh-CN)\.ts$/.exec(id)?.[1];
        if (lang) urls[lang === 'en' ? 'en' : 'zh'] = output.fileName;
      }
      for (const name of FIRST_VISIT_FILES) {
        const file = Object.values(bundle).find((o) => o.type === 'asset' && o.names.includes(name));
        if (!file) return this.error(`start preload: no ${name} in the build`);
        firstVisit.push(`./${file.fileName}`);
      }
      const html = bundle['index.html'];
      if (!urls.en || !urls.zh || html?.type !== 'asset')
        return this.error('start preload: catalogue chunks or index.html missing');
      const i18n = await appModule<typeof import('./src/i18n/index')>('./src/i18n/index.ts');
      const visit = await appModule<typeof import('./src/store/firstVisit')>('./src/store/firstVisit.ts');
      const early = await appModule<typeof import('./src/store/earlyRead')>('./src/store/earlyRead.ts');
      const { DB_NAME, NATIVE_VERSION } = await appModule<typeof import('./src/store/dbName')>('./src/store/dbName.ts');
      const { askedRegion } = await appModule<typeof import('./src/state/route')>('./src/state/route.ts');
      const { LAST_LAYOUT_KEY } = await appModule<typeof import('./src/state/prefs')>('./src/state/prefs.ts');
      const code = `(function () {
${i18n.toLang.toString()}
${i18n.chooseLang.toString()}
var stored = null;
try { stored = localStorage.getItem(${JSON.stringify(i18n.LANG_PREF_KEY)}); } catch (e) {}
var lang = chooseLang(location.search, stored, navigator.languages || [navigator.language]);
function preload(href, as) {
  var link = document.createElement('link');
  link.rel = as ? 'preload' : 'modulepreload';
  if (as) link.as = as;
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.appendChild(link);
}
preload('./' + ${JSON.stringify(urls)}[lang]);
${visit.firstVisitLikely.toString()}
${early.earlyRead.toString()}
${askedRegion.toString()}
if (firstVisitLikely()) ${JSON.stringify(firstVisit)}.forEach(function (href) { preload(href, 'fetch'); });
else {
  var layoutKey = null;
  try { layoutKey = localStorage.getItem(${JSON.stringify(LAST_LAYOUT_KEY)}); } catch (e) {}
  var asked = { name: ${JSON.stringify(DB_NAME)}, region: askedRegion(location.hash), layoutKey: layoutKey };
  window[${JSON.stringify(early.EARLY_READ_GLOBAL)}] = {
    asked: asked,
    rows: earlyRead(asked.name, ${NATIVE_VERSION}, asked.region, asked.layoutKey),
  };
}
})();
`;
      const fileName = `assets/start-preload-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName, source: code });
      const source = String(html.source);
      if (!source.includes('</title>')) return this.error('start preload: no </title> in index.html');
      html.source = source.replace('</title>', `</title>\n    <script async src="./${fileName}"></script>`);
    },
  };
}

/** The seed files the app ships, in the order they are merged: Jinchang first, the app opens on the first region. */
export const SEED_FILES = ['seeds/battery-chain.json', 'seeds/jinchang.json', 'seeds/hexi.json'];

const SHIPPED_DATASET = 'virtual:shipped-dataset';
const SHIPPED_LAYOUTS = 'virtual:shipped-layouts';
/** The name of the JSON file the build writes for a shipped module (`shipped-dataset.json`). */
const shippedFile = (id: string) => `${id.slice('virtual:'.length)}.json`;

/** The files a first visit draws from, preloaded: see `startPreload` and `shippedData`. */
const FIRST_VISIT_FILES = [SHIPPED_DATASET, SHIPPED_LAYOUTS].map(shippedFile);

/**
 * The shipped data as the build makes it, so that a first visit neither merges nor checks it:
 * `virtual:shipped-dataset`, the seed files merged and validated (build/shippedData.ts; the build fails
 * when they do not validate), and `virtual:shipped-layouts`, the shipped chain laid out
 * (build/shippedLayouts.ts). Each module exports `load()`, which gives a fresh copy. In the app's build
 * each is a JSON file beside the code, fetched (and, on a first visit, preloaded: `startPreload`): as a
 * script, the data cost 13-18 ms of the first visit's main thread to compile, JSON far less to parse.
 * Elsewhere (tests, the dev server, the bench pages: `inline`) the JSON is in the module.
 */
export function shippedData({ seedFiles = SEED_FILES, inline = false } = {}): Plugin {
  const make: Record<string, () => Promise<unknown>> = {
    [SHIPPED_DATASET]: async () =>
      (await appModule<typeof import('./build/shippedData')>('./build/shippedData.ts')).shippedDatasetOf(seedFiles),
    [SHIPPED_LAYOUTS]: async () =>
      (await appModule<typeof import('./build/shippedLayouts')>('./build/shippedLayouts.ts')).shippedLayoutsOf(
        seedFiles,
      ),
  };
  const json = new Map<string, Promise<string>>();
  let fetched = false;
  return {
    name: 'chainatlas:shipped-data',
    configResolved(config) {
      fetched = config.command === 'build' && !inline;
    },
    resolveId: (source) => (Object.hasOwn(make, source) ? `\0${source}` : undefined),
    async load(resolved) {
      const id = resolved.slice(1);
      if (!resolved.startsWith('\0') || !Object.hasOwn(make, id)) return undefined;
      for (const file of seedFiles) this.addWatchFile(file);
      if (!json.has(id)) json.set(id, make[id]!().then(JSON.stringify));
      const text = await json.get(id)!;
      if (!fetched) return `export const load = () => Promise.resolve(JSON.parse(${JSON.stringify(text)}));`;
      const name = shippedFile(id);
      const ref = this.emitFile({ type: 'asset', name, source: text });
      // A file that cannot be fetched is a ShippedDataUnavailable error, which the app words
      // (src/ui/panorama/startFailure.ts); `status` is the server's answer, none when there was none.
      return `export async function load() {
  const unavailable = (status, cause) =>
    Object.assign(new Error(\`${name} could not be fetched\${status ? \` (HTTP \${status})\` : ''}\`, { cause }), {
      name: 'ShippedDataUnavailable',
      status,
    });
  let response;
  try {
    response = await fetch(import.meta.ROLLUP_FILE_URL_${ref});
  } catch (e) {
    throw unavailable(undefined, e);
  }
  if (!response.ok) throw unavailable(response.status);
  return response.json();
}`;
    },
    handleHotUpdate({ file }) {
      if (seedFiles.some((f) => file.endsWith(f))) json.clear();
    },
  };
}

/**
 * Headers a meta tag cannot set: no other site may show the app in a frame (clickjacking). Sent by the
 * preview server; a server that hosts the app elsewhere must send them too (see docs/deploy.md).
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
};

/**
 * The preview server answers an address below the app (`/some/path`) as it answers the app's own: a
 * page is redirected to the app with its query (the browser keeps the hash, so `#/gaps` still opens
 * the gap view), and a request for any other file the build lacks is a 404. By default it answered
 * everything with index.html, whose relative script addresses then resolved under the wrong folder,
 * got index.html again, and left a blank page.
 */
function appAddresses(): Plugin {
  let distDir = '';
  return {
    name: 'chainatlas:app-addresses',
    configResolved(config) {
      distDir = resolve(config.root, config.build.outDir);
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const url = new URL(req.url ?? '/', 'http://localhost');
        let file: string;
        try {
          file = resolve(distDir, `.${decodeURIComponent(url.pathname)}`);
        } catch {
          file = '';
        }
        const isFile = file.startsWith(distDir + sep) && existsSync(file) && statSync(file).isFile();
        if (url.pathname === '/' || isFile || url.pathname.startsWith(`${SYNC_PATH}/`)) return next();
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
        const page = req.headers['sec-fetch-mode'] === 'navigate' || /text\/html/.test(req.headers.accept ?? '');
        res.statusCode = page ? 302 : 404;
        if (page) res.setHeader('Location', `/${url.search}`);
        res.end();
      });
    },
  };
}

/**
 * The team's sync server under the app's own origin (the CSP stays 'self'): `/couch/…` is passed to the
 * CouchDB-compatible server on the loopback address (`npm run sync-server`, or the one the browser tests
 * start), on port SYNC_SERVER_PORT (5984 by default). In production a reverse proxy does this (see
 * docs/deploy.md).
 */
export const SYNC_PATH = '/couch';
const SYNC_PROXY = {
  [SYNC_PATH]: {
    target: `http://127.0.0.1:${Number(process.env.SYNC_SERVER_PORT ?? 5984)}`,
    changeOrigin: true,
    rewrite: (path: string) => path.slice(SYNC_PATH.length) || '/',
  },
};

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

export default defineConfig({
  plugins: [svelte(), shippedData(), startPreload(), serviceWorker('src/sw/sw.ts'), appAddresses()],
  // Relative asset URLs, so a static copy of dist/ works from any folder or file server.
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // Everything the entry imports statically goes in one start-up chunk: by default a module shared with
    // a lazy part got a small chunk of its own, each fetched and gzipped alone (11 KB more to fetch).
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] } },
    },
  },
  worker: { format: 'es' },
  // Tests of state classes run Svelte's client runtime, where effects run and flushSync flushes them.
  ...(process.env.VITEST ? { resolve: { conditions: ['browser'] } } : {}),
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS, proxy: SYNC_PROXY },
  server: { proxy: SYNC_PROXY },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/i18n/testSetup.ts'],
    // A budget for a busy 2-core machine, not a speed check (speed is measured by npm run bench).
    testTimeout: 30_000,
  },
});
