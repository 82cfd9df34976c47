import { defineConfig } from '@playwright/test';
import { launchOptions } from './scripts/chromium.mjs';

/** Browser tests run the built app (npm run build) in Debian's Chromium; nothing is downloaded. */
const PORT = Number(process.env.E2E_PORT ?? 4174);
/** The sync server the sync tests start themselves (tests/e2e/sync/server.ts); the app proxies /couch/ to it. */
const SYNC_PORT = Number(process.env.SYNC_SERVER_PORT ?? 5981);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  // Budgets for a busy 2-core machine, not speed checks: a test waits for what the user waits for
  // (the canvas's data-ready, a dialog, a row) and fails only when that never comes.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${PORT}/`,
    viewport: { width: 1366, height: 768 },
    launchOptions,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    env: { SYNC_SERVER_PORT: String(SYNC_PORT) },
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
