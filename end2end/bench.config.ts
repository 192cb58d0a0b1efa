import { defineConfig } from '@playwright/test';

// Browser figures for `make bench`: the release build on a fresh SQLite file. Prints figures;
// asserts only that the work was done.
const port = 3200;

export default defineConfig({
  testDir: './bench',
  testMatch: /.*\.bench\.ts/,
  timeout: 300_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-TW',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    },
  },
  webServer: {
    command: `rm -f target/bench-${port}.db* && exec target/release/gatehouse serve`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: 'target/site',
      DATABASE_URL: `sqlite://target/bench-${port}.db`,
      GATEHOUSE_DEMO_DATA: '1',
      GATEHOUSE_DEMO_SUBSYSTEM: 'off',
      GATEHOUSE_DEV: '1',
      RUST_LOG: 'warn',
    },
  },
});
