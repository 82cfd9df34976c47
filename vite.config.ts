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

/**
 * Fetches the first part of the catalogue of the language the page will show beside the start-up code,
 * not after it: each part is a chunk of its own (src/i18n/index.ts, `loadFirstPart`) and the app awaits
 * that one before it mounts, so without this its request would wait until the entry has run. A small
 * classic script in <head>, written here with the app's own `chooseLang`, adds a modulepreload for that
 * one chunk (`en.ts` or `zh-CN.ts`; the rest, `*.more.ts`, loads after the first draw).
 *
 * On a first visit (no offline copy controls the page yet) it also preloads what that visit draws: the
 * shipped data, its checks and its build-time positions (`FIRST_VISIT_CHUNKS`). The app asks for them by
 * dynamic import only once its entry has run; fetched here, they arrive beside the entry instead of after
 * it. A later visit reads the store and its own layout and fetches none of them.
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
        // By a module it holds: the checks are a chunk shared by several lazy parts, with no facade module.
        const holds = (end: string) => output.moduleIds.some((m) => m.endsWith(end));
        if (!output.isEntry && FIRST_VISIT_CHUNKS.some(holds)) firstVisit.push(`./${output.fileName}`);
      }
      const html = bundle['index.html'];
      if (!urls.en || !urls.zh || html?.type !== 'asset')
        return this.error('start preload: catalogue chunks or index.html missing');
      if (firstVisit.length !== FIRST_VISIT_CHUNKS.length)
        return this.error(`start preload: found ${firstVisit.length} of the first visit's chunks`);
      const { module: i18n } = await runnerImport<typeof import('./src/i18n/index')>('./src/i18n/index.ts', {
        configFile: false,
        logLevel: 'silent',
      });
      const code = `(function () {
${i18n.toLang.toString()}
${i18n.chooseLang.toString()}
var stored = null;
try { stored = localStorage.getItem(${JSON.stringify(i18n.LANG_PREF_KEY)}); } catch (e) {}
var lang = chooseLang(location.search, stored, navigator.languages || [navigator.language]);
function preload(href) {
  var link = document.createElement('link');
  link.rel = 'modulepreload';
  link.crossOrigin = '';
  link.href = href;
  document.head.appendChild(link);
}
preload('./' + ${JSON.stringify(urls)}[lang]);
if ('serviceWorker' in navigator && !navigator.serviceWorker.controller) ${JSON.stringify(firstVisit)}.forEach(preload);
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

/** The seed files the app ships, in the order `loadShippedDataset` (src/store/seed.ts) merges them. */
export const SEED_FILES = ['seeds/battery-chain.json', 'seeds/jinchang.json', 'seeds/hexi.json'];

/** The chunks a first visit draws from (by a module each holds): see `startPreload`. */
const FIRST_VISIT_CHUNKS = [...SEED_FILES, 'src/model/validate.ts', 'virtual:shipped-layouts'];

/**
 * Serves `virtual:shipped-layouts`: the shipped chain laid out at build time (build/shippedLayouts.ts,
 * loaded through Vite's module runner so this config imports none of the app's code).
 */
export function shippedLayouts(seedFiles: readonly string[] = SEED_FILES): Plugin {
  const id = 'virtual:shipped-layouts';
  let code: Promise<string> | undefined;
  return {
    name: 'chainatlas:shipped-layouts',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      for (const file of seedFiles) this.addWatchFile(file);
      code ??= runnerImport<typeof import('./build/shippedLayouts')>('./build/shippedLayouts.ts', {
        configFile: false,
        logLevel: 'silent',
      })
        .then(({ module }) => module.shippedLayoutsOf(seedFiles))
        .then((layouts) => `export default ${JSON.stringify(layouts)};`);
      return code;
    },
    handleHotUpdate({ file }) {
      if (seedFiles.some((f) => file.endsWith(f))) code = undefined;
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
  plugins: [svelte(), shippedLayouts(), startPreload(), serviceWorker('src/sw/sw.ts'), appAddresses()],
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
