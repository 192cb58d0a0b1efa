import { defineConfig } from '@playwright/test';

// Two servers from the same debug build: one on a fresh SQLite file, one on the throwaway
// PostgreSQL that `make test-e2e` starts. The whole desktop suite runs against each; the
// phone and no-JavaScript projects run against SQLite.
const pgUrl = process.env.GATEHOUSE_E2E_PG_URL;
if (!pgUrl) {
  throw new Error('GATEHOUSE_E2E_PG_URL is not set: run `make test-e2e` (or `make test`), which starts PostgreSQL.');
}
const sqlitePort = 3100;
const pgPort = 3101;
// The same debug server with a wasm that went through wasm-opt (scripts/optimized-site.sh).
const optimizedPort = 3102;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-quic', '--disable-sync',
  ],
};

function server(port: number, databaseUrl: string, siteRoot = 'target/site') {
  return {
    command: `rm -f target/e2e-${port}.db* && exec target/debug/gatehouse serve`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      DATABASE_URL: databaseUrl,
      GATEHOUSE_DEMO_DATA: '1',
      GATEHOUSE_DEV: '1',
      RUST_LOG: 'warn',
    },
  };
}

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    launchOptions: chromium,
    locale: 'zh-TW',
    trace: 'off',
  },
  projects: [
    { name: 'desktop-sqlite', grepInvert: /@nojs|@phone|@optimized/, use: { baseURL: `http://127.0.0.1:${sqlitePort}`, viewport: { width: 1280, height: 800 } } },
    { name: 'desktop-postgres', grepInvert: /@nojs|@phone|@optimized/, use: { baseURL: `http://127.0.0.1:${pgPort}`, viewport: { width: 1280, height: 800 } } },
    {
      name: 'phone',
      grep: /@phone/,
      use: { baseURL: `http://127.0.0.1:${sqlitePort}`, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    { name: 'optimized-wasm', grep: /@optimized/, use: { baseURL: `http://127.0.0.1:${optimizedPort}`, viewport: { width: 1280, height: 800 } } },
    { name: 'no-js', grep: /@nojs/, use: { baseURL: `http://127.0.0.1:${sqlitePort}`, javaScriptEnabled: false } },
  ],
  webServer: [
    server(sqlitePort, `sqlite://target/e2e-${sqlitePort}.db`),
    server(pgPort, pgUrl),
    server(optimizedPort, `sqlite://target/e2e-${optimizedPort}.db`, 'target/site-opt'),
  ],
});
