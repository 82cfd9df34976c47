/**
 * A static server for a built copy of the app, on a port of the system's choosing, whose folder can be
 * switched while pages are open: a deploy of a new version, as a real server would see one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export interface AppServer {
  /** The app's address, ending in `/`. */
  readonly url: string;
  readonly origin: string;
  /** Serves `folder` from now on, as a deploy replaces the files. */
  deploy(folder: string): void;
  close(): Promise<void>;
}

export async function serveApp(folder: string): Promise<AppServer> {
  let root = resolve(folder);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, 'localhost', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  return {
    url: `${origin}/`,
    origin,
    deploy(next) {
      root = resolve(next);
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

const DIST = new URL('../../../dist/', import.meta.url).pathname;
const CACHE_DIR = new URL('../../../node_modules/.cache/chainatlas-faults/', import.meta.url).pathname;

/**
 * The app built again as a previous version: every module of src/ gets a harmless statement, so every
 * chunk of the app has other content and another file name than in dist/ (as after a real change), and
 * the service worker another version. Built once per build of dist/, into node_modules/.cache.
 */
export async function previousBuild(): Promise<string> {
  const stamp = createHash('sha256')
    .update(readFileSync(join(DIST, 'sw.js')))
    .digest('hex')
    .slice(0, 12);
  const out = join(CACHE_DIR, `previous-${stamp}`);
  if (existsSync(join(out, 'sw.js'))) return out;
  // Builds made for an older dist/ are of no more use.
  if (existsSync(CACHE_DIR))
    for (const name of readdirSync(CACHE_DIR))
      if (/^previous-[0-9a-f]{12}$/.test(name)) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  const { build } = await import('vite');
  const previous = {
    name: 'chainatlas:previous-version',
    transform(code: string, id: string) {
      return /\/src\/.*\.ts$/.test(id)
        ? { code: `${code}\nglobalThis.__chainatlasPrevious = true;\n`, map: null }
        : undefined;
    },
  };
  // Built aside and moved into place whole, so two workers never see half a build.
  const aside = `${out}-${process.pid}`;
  mkdirSync(CACHE_DIR, { recursive: true });
  await build({
    configFile: new URL('../../../vite.config.ts', import.meta.url).pathname,
    root: new URL('../../../', import.meta.url).pathname,
    logLevel: 'error',
    build: { outDir: aside, emptyOutDir: true, sourcemap: false },
    plugins: [previous],
  });
  try {
    renameSync(aside, out);
  } catch {
    rmSync(aside, { recursive: true, force: true }); // another worker got there first
  }
  return out;
}

export { DIST };
