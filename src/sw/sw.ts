/// <reference lib="webworker" />
/**
 * The service worker: keeps a copy of every file of the app on this device, so that after one visit
 * ChainAtlas starts, shows its data and presents with the network off.
 *
 * Built by the `serviceWorker` plugin in vite.config.ts into `dist/sw.js`, at the root of the app so
 * its scope covers it. The plugin replaces `__PRECACHE__` with the files of that build (relative to
 * this script, each with the SHA-256 of its content) and `__VERSION__` with a hash of that list, so
 * each deploy gets its own cache. This file must stay free of runtime imports: it is compiled on its
 * own, not bundled.
 *
 * - install: fetches every listed file into the version's cache, checking each against its hash (a
 *   server caught half-way through a deploy fails the install rather than mixing versions); the
 *   worker installs only if every file arrives.
 * - activate (first visit, or once the user asks for the new version): takes control of open pages.
 *   Pages open at that moment run an older version's code and may still ask for its lazy files (the
 *   poster writer, the XLSX reader), which the server no longer has: the older caches are kept, with
 *   the ids of those pages, and deleted once none of them is open any more (checked on activation and
 *   after each request).
 * - fetch: navigations get the cached index.html (hash routes make every view one document; an
 *   address below the app that is none of its files is sent to the app's own address); other
 *   same-origin GETs come from this version's cache, then an older one's, falling back to the network;
 *   other requests, and every request to another origin, are left alone — never fetched, never cached.
 * - message `skip-waiting`: the page's "Reload" button — only then does a waiting version take over.
 */
import type { WorkerMessage } from './register';

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: readonly PrecacheEntry[];
declare const __VERSION__: string;

interface PrecacheEntry {
  /** Relative to this script. */
  readonly url: string;
  /** Subresource Integrity of the file's content (`sha256-…`). */
  readonly integrity: string;
}

const PRECACHE: readonly PrecacheEntry[] = __PRECACHE__;
/** Caches are per origin, not per scope: the prefix names this copy of the app by its scope, so two
 * copies in two folders of one server never delete each other's caches. */
const CACHE_PREFIX = `chainatlas:${self.registration.scope}:`;
const CACHE = `${CACHE_PREFIX}${__VERSION__}`;
/** Where this version's cache keeps the ids of the pages (clients) that were open when it took over:
 * they run older versions, whose caches stay while any of them is open. Stored, not held in memory,
 * since the browser stops an idle worker. */
const OLD_CLIENTS_KEY = new URL('__chainatlas-older-clients', self.registration.scope).href;
const INDEX_URL = new URL('index.html', self.location.href).href;
/** Absolute URL → integrity. */
const PRECACHED = new Map(PRECACHE.map((f) => [new URL(f.url, self.location.href).href, f.integrity]));

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(takeOver());
});

self.addEventListener('message', (event) => {
  const message = event.data as WorkerMessage | null;
  if (message?.type === 'skip-waiting') event.waitUntil(self.skipWaiting());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(respond(request, url));
  // A page of an older version may have just closed (a reload's new page asks for its files once the
  // old one is gone).
  event.waitUntil(dropOlderCaches());
});

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  // A cache of this name holds exactly these contents (the name hashes their hashes), so a file
  // already in it — from an install that stopped half-way — need not be fetched again.
  const missing: [string, string][] = [];
  for (const [url, integrity] of PRECACHED)
    if (!(await cache.match(url, { ignoreVary: true }))) missing.push([url, integrity]);
  // All or nothing: every file is fetched and checked before any is stored; if one fails, the install
  // fails and the next visit tries again.
  const responses = await Promise.all(
    missing.map(async ([url, integrity]) => {
      const response = await fetch(url, { cache: 'reload', credentials: 'same-origin', integrity });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return [url, await storable(response)] as const;
    }),
  );
  await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
}

/** A response a navigation may be answered with: browsers refuse a redirected one (a server that
 * sends /index.html on to /), so such a response is stored as a plain copy of its body. */
async function storable(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

async function takeOver(): Promise<void> {
  // Activation happens on the first visit, or when the user chose to reload into this version. Pages
  // open now were loaded by an older version (or by none): their version's cache stays until they go.
  const older = (await caches.keys()).some((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE);
  if (older) {
    const open = await self.clients.matchAll({ type: 'all', includeUncontrolled: true });
    await (await caches.open(CACHE)).put(OLD_CLIENTS_KEY, Response.json(open.map((c) => c.id)));
  }
  olderCaches = undefined;
  await dropOlderCaches();
  await self.clients.claim();
}

/** Whether older caches may still be in use; `undefined` until read from the cache. */
let olderCaches: boolean | undefined;

/** Deletes this copy's older caches once no page that was open when this version took over remains. */
async function dropOlderCaches(): Promise<void> {
  if (olderCaches === false) return;
  const cache = await caches.open(CACHE);
  const stored = await cache.match(OLD_CLIENTS_KEY);
  const waitingFor = new Set(stored ? ((await stored.json()) as string[]) : []);
  const open = await self.clients.matchAll({ type: 'all', includeUncontrolled: true });
  if (open.some((c) => waitingFor.has(c.id))) {
    olderCaches = true;
    return;
  }
  // Not yet active (an install beside an older active version): the older caches are the active one's.
  if (self.registration.active !== self.serviceWorker) return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
  await cache.delete(OLD_CLIENTS_KEY);
  olderCaches = false;
}

async function respond(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  if (request.mode === 'navigate' && belowApp(url))
    // index.html's relative addresses would resolve under the wrong folder and leave a blank page.
    return Response.redirect(new URL(url.search, self.registration.scope).href, 302);
  const key = request.mode === 'navigate' ? navigationKey(url) : request;
  const cached = (await cache.match(key, { ignoreVary: true })) ?? (await fromOlderCache(key));
  return cached ?? fetch(request);
}

/** A file of an older version, for a page still running it (file names carry their content's hash). */
async function fromOlderCache(key: Request | string): Promise<Response | undefined> {
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE) continue;
    const cached = await (await caches.open(name)).match(key, { ignoreVary: true });
    if (cached) return cached;
  }
  return undefined;
}

/** An address below the app's folder that is none of its files (`/some/path`): sent to the app, with
 * its query (the browser keeps the hash), as the preview server does. */
function belowApp(url: URL): boolean {
  const file = `${url.origin}${url.pathname}`;
  return file !== self.registration.scope && !PRECACHED.has(file);
}

/** The cached file a navigation gets: the file itself if it is one of the app's (opening the icon),
 * otherwise index.html, whatever the path, query or hash. */
function navigationKey(url: URL): string {
  const file = `${url.origin}${url.pathname}`;
  return PRECACHED.has(file) ? file : INDEX_URL;
}
