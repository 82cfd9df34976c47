import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { shippedData } from '../vite.config';

/**
 * Builds the benchmark pages into bench/dist, apart from the app: the model and drawing benchmarks
 * (index.html) and the plain Cytoscape.js page that start-up is measured against (plain/index.html).
 */
export default defineConfig({
  root: 'bench',
  base: './',
  // The positions are in the pages' code (`inline`): the plain page fetches nothing beside its script.
  plugins: [svelte(), shippedData({ inline: true })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { bench: 'bench/index.html', plain: 'bench/plain/index.html' } },
  },
  logLevel: 'warn',
});
