// The initial JS of the built app: the entry script and every chunk index.html preloads with it (what a
// browser fetches and runs before the first view), gzipped as a server would send it. Dialogs and views
// other than the chain come in chunks of their own, later. A first visit also fetches the shipped data
// and its positions beside the entry (JSON files the start preload in vite.config.ts names): shown
// apart, as the first visit's data, since a later visit fetches none of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budget of issue 12: the initial JS stays under this many KB, gzipped. */
export const INITIAL_JS_BUDGET_KB = 250;

/**
 * What the first page load fetches and runs before the first view, per starting language: the entry
 * script, its modulepreloads, the small script in <head> that preloads the first part of the starting
 * language's catalogue, and that part (the app mounts once it is there; the rest loads after the first
 * draw).
 */
export function initialJs(distDir = 'dist') {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]*\ssrc="\.\/([^"]+\.js)"|<link rel="modulepreload"[^>]*\shref="\.\/([^"]+\.js)"/g),
  ].map((m) => m[1] ?? m[2]);
  const gzipKB = (file) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length / 1024;
  const chunks = files.map((file) => ({ file, gzipKB: gzipKB(file) }));
  const codeKB = chunks.reduce((sum, c) => sum + c.gzipKB, 0);
  // The catalogue each language starts with, as the preload script names it.
  const preload = files.find((f) => f.includes('start-preload'));
  const named = preload ? readFileSync(join(distDir, preload), 'utf8').match(/\{("[a-z]+":"[^"]+"(?:,|))+\}/) : null;
  const catalogues = Object.entries(named ? JSON.parse(named[0]) : {}).map(([lang, file]) => ({
    lang,
    gzipKB: gzipKB(file),
  }));
  const totalKB = codeKB + Math.max(0, ...catalogues.map((c) => c.gzipKB));
  // The files the start preload fetches on a first visit only: the array of paths it names.
  const listed = preload
    ? readFileSync(join(distDir, preload), 'utf8').match(/\[("\.\/assets\/[^"]+\.json",?)+\]/)
    : null;
  const firstVisitKB = (listed ? JSON.parse(listed[0]) : []).reduce((sum, f) => sum + gzipKB(f), 0);
  return { totalKB, codeKB, catalogues, chunks, firstVisitKB };
}

/** The figure for the bench table: the total with the larger catalogue, the code alone, the parts. */
export function initialJsFigure(distDir = 'dist') {
  const { totalKB, codeKB, catalogues, chunks, firstVisitKB } = initialJs(distDir);
  const parts = [...chunks]
    .sort((a, b) => b.gzipKB - a.gzipKB)
    .map((c) => `${c.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')} ${c.gzipKB.toFixed(1)}`)
    .join(', ');
  const words = catalogues.map((c) => `${c.lang} ${c.gzipKB.toFixed(1)}`).join(', ');
  return {
    name: "initial JS, gzipped (entry, the chunks index.html preloads, and the starting language's catalogue)",
    size: '',
    medianMs: '',
    runs: 1,
    note:
      `${totalKB.toFixed(1)} KB with the larger catalogue (budget < ${INITIAL_JS_BUDGET_KB} KB, ` +
      `${totalKB < INITIAL_JS_BUDGET_KB ? 'met' : 'missed'}); code ${codeKB.toFixed(1)} KB + catalogue (${words}); ` +
      `code: ${parts}; a first visit also fetches ${firstVisitKB.toFixed(1)} KB beside it (the shipped data, ` +
      `checked when the app was built, and its positions; a later visit fetches neither)`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(initialJsFigure(process.argv[2]).note);
