// The initial JS of the built app: the entry script and every chunk index.html preloads with it (what a
// browser fetches and runs before the first view), gzipped as a server would send it. Shipped data,
// layouts, dialogs and views other than the chain come in chunks of their own, later.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budget of issue 12: the initial JS stays under this many KB, gzipped. */
export const INITIAL_JS_BUDGET_KB = 250;

export function initialJs(distDir = 'dist') {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(
      /<script type="module"[^>]*\ssrc="\.\/([^"]+)"|<link rel="modulepreload"[^>]*\shref="\.\/([^"]+)"/g,
    ),
  ].map((m) => m[1] ?? m[2]);
  const chunks = files.map((file) => ({ file, gzipKB: gzipSync(readFileSync(join(distDir, file))).length / 1024 }));
  return { totalKB: chunks.reduce((sum, c) => sum + c.gzipKB, 0), chunks };
}

/** The figure for the bench table. */
export function initialJsFigure(distDir = 'dist') {
  const { totalKB, chunks } = initialJs(distDir);
  const parts = [...chunks]
    .sort((a, b) => b.gzipKB - a.gzipKB)
    .map((c) => `${c.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')} ${c.gzipKB.toFixed(1)}`)
    .join(', ');
  return {
    name: 'initial JS, gzipped (entry and the chunks index.html preloads)',
    size: '',
    medianMs: '',
    runs: 1,
    note: `${totalKB.toFixed(1)} KB (budget < ${INITIAL_JS_BUDGET_KB} KB): ${parts}`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(initialJsFigure(process.argv[2]).note);
