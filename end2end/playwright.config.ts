import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { HTTPS, httpsDatabaseUrl } from './tests/https_site';

// Every spec takes `test` from ./fixtures, which fails a test on console errors, uncaught
// errors, CSP refusals and code shown as text. A spec that took Playwright's own `test` would
// silently skip those checks, so it stops the run here.
for (const file of readdirSync(`${__dirname}/tests`).filter((f) => f.endsWith('.spec.ts'))) {
  const source = readFileSync(`${__dirname}/tests/${file}`, 'utf8');
  if (/import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/.test(source)) {
    throw new Error(`tests/${file} must import test from './fixtures', not from '@playwright/test'`);
  }
}

// Two servers from the same debug build: one on a fresh SQLite file, one on the throwaway
// PostgreSQL that `make test-e2e` starts. The whole desktop suite runs against each; the
// phone and no-JavaScript projects run against SQLite.
const pgUrl = process.env.GATEHOUSE_E2E_PG_URL;
if (!pgUrl) {
  throw new Error('GATEHOUSE_E2E_PG_URL is not set: run `make test-e2e` (or `make test`), which starts PostgreSQL.');
}
const sqlitePort = 3100;
const pgPort = 3101;
// The same debug server with a wasm that went through wasm-opt (scripts/optimized-site.sh). Tests
// tagged @optimized run there as well as on the desktop projects.
const optimizedPort = 3102;
// A server of its own for 用戶約定條款 (tests/terms.spec.ts): terms published there stop every
// account of that server at the terms page until it agrees.
const termsPort = 3103;
// A real OpenID Connect provider (oidc/provider.mjs) that every server may sign in with, as
// Google would (tests/google.spec.ts).
const oidcPort = 3199;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Scrollbars as people see them: tests drag them, and screenshots show them.
  ignoreDefaultArgs: ['--hide-scrollbars'],
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-quic', '--disable-sync',
  ],
};

// The `https` project's browser: it reaches the reverse proxy's host name at 127.0.0.1, and it
// trusts the test CA through the NSS database in its own HOME (both made by https/serve.sh).
// No ignoreHTTPSErrors: a broken chain or a wrong name must fail the tests. (It would not fail
// the passkey test by itself: Chromium passes over certificate errors for WebAuthn while its
// virtual authenticator is on, as checked with Chromium 156.)
const httpsChromium = {
  ...chromium,
  args: [...chromium.args, `--host-resolver-rules=MAP ${HTTPS.host} 127.0.0.1`],
  env: { ...process.env, HOME: HTTPS.home },
};

// `make screenshots` sets GATEHOUSE_E2E_IMPORT to directory files (the national OID list, the
// school lists) that the SQLite servers import before they start, to look at the pages with
// the real directory's thousands of organizations rather than the demo's few dozen.
const imports = process.env.GATEHOUSE_E2E_IMPORT ? `target/debug/gatehouse import ${process.env.GATEHOUSE_E2E_IMPORT} >/dev/null && ` : '';

function server(port: number, databaseUrl: string, siteRoot = 'target/site') {
  return {
    command: `rm -f target/e2e-${port}.db* && ${databaseUrl.startsWith('sqlite') ? imports : ''}exec target/debug/gatehouse serve`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      DATABASE_URL: databaseUrl,
      // A host name, not 127.0.0.1: it is the WebAuthn relying party (tests/security_keys.spec.ts).
      GATEHOUSE_PUBLIC_URL: `http://localhost:${port}`,
      // The demo subsystem beside each server (tests/subsystems.spec.ts), at another host.
      GATEHOUSE_DEMO_SUBSYSTEM: `127.0.0.1:${port + 10}`,
      GATEHOUSE_DEMO_DATA: '1',
      GATEHOUSE_DEV: '1',
      GATEHOUSE_OIDC_ISSUER: `http://localhost:${oidcPort}`,
      GATEHOUSE_OIDC_CLIENT_ID: 'gatehouse',
      GATEHOUSE_OIDC_CLIENT_SECRET: 'gatehouse-dev-secret',
      GATEHOUSE_OIDC_HOSTED_DOMAINS: 'example.edu.tw,school.edu.tw',
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
    { name: 'desktop-sqlite', grepInvert: /@nojs|@nowasm|@phone|@https|@terms/, use: { baseURL: `http://127.0.0.1:${sqlitePort}`, viewport: { width: 1280, height: 800 } } },
    // Specs of what the browser does with pages whose data the database only stores (the
    // screenshots, the directory's search box and tree, the picker, the grid's keys and its
    // 10,000 rows, the optimized wasm) run on SQLite alone: the queries behind them run on both
    // databases in the Rust suite, and here they only cost CI minutes twice.
    {
      name: 'desktop-postgres',
      grepInvert: /@nojs|@nowasm|@phone|@https|@terms/,
      testIgnore: /\/(pages|directory|picker|keyboard|inventory_scale|optimized)\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${pgPort}`, viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      grep: /@phone/,
      use: { baseURL: `http://127.0.0.1:${sqlitePort}`, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    { name: 'optimized-wasm', grep: /@optimized(?!-)/, use: { baseURL: `http://127.0.0.1:${optimizedPort}`, viewport: { width: 1280, height: 800 } } },
    {
      name: 'optimized-phone',
      grep: /@optimized-phone/,
      use: { baseURL: `http://127.0.0.1:${optimizedPort}`, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    { name: 'no-js', grep: /@nojs/, use: { baseURL: `http://127.0.0.1:${sqlitePort}`, javaScriptEnabled: false } },
    // Chromium with its JIT off, where WebAssembly does not exist (Edge's enhanced security
    // mode, hardened Android browsers, Safari's Lockdown Mode): the light pages must work.
    {
      name: 'no-wasm',
      grep: /@nowasm/,
      use: {
        baseURL: `http://127.0.0.1:${sqlitePort}`,
        viewport: { width: 360, height: 740 },
        launchOptions: { ...chromium, args: [...chromium.args, '--js-flags=--jitless'] },
      },
    },
    { name: 'terms', grep: /@terms/, use: { baseURL: `http://127.0.0.1:${termsPort}`, viewport: { width: 1280, height: 800 } } },
    // After the desktop run, not beside it: each publishes a version the other would meet.
    {
      name: 'terms-phone',
      grep: /@terms/,
      dependencies: ['terms'],
      use: { baseURL: `http://127.0.0.1:${termsPort}`, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    // Gatehouse as an operator runs it: nginx with deploy/nginx/gatehouse.conf ending TLS at
    // https://gatehouse.test:8443 in front of two servers on one PostgreSQL database.
    { name: 'https', grep: /@https/, use: { baseURL: HTTPS.origin, viewport: { width: 1280, height: 800 }, launchOptions: httpsChromium } },
  ],
  webServer: [
    {
      command: 'exec node oidc/provider.mjs',
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore' as const,
      stderr: 'ignore' as const,
      env: {
        OIDC_PORT: String(oidcPort),
        OIDC_REDIRECTS: [sqlitePort, pgPort, optimizedPort].map((p) => `http://localhost:${p}/auth/oidc/callback`).join(','),
      },
    },
    server(sqlitePort, `sqlite://target/e2e-${sqlitePort}.db`),
    server(pgPort, pgUrl),
    server(optimizedPort, `sqlite://target/e2e-${optimizedPort}.db`, 'target/site-opt'),
    server(termsPort, `sqlite://target/e2e-${termsPort}.db`),
    {
      // nginx, its certificate and the browser's trust of it, and the two servers behind it.
      command: 'exec end2end/https/serve.sh',
      cwd: '..',
      url: `https://127.0.0.1:${HTTPS.port}/readyz`,
      // Only this readiness probe skips the check: it asks by address, not by the certificate's name.
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
      env: {
        E2E_HTTPS_DIR: HTTPS.dir,
        E2E_HTTPS_HOST: HTTPS.host,
        E2E_HTTPS_PORT: String(HTTPS.port),
        E2E_HTTP_PORT: String(HTTPS.httpPort),
        E2E_HTTPS_BACKENDS: HTTPS.backends.join(' '),
        E2E_HTTPS_PROXY_ADDRESS: HTTPS.proxyAddress,
        E2E_HTTPS_DATABASE: HTTPS.database,
        LEPTOS_SITE_ROOT: 'target/site',
        DATABASE_URL: httpsDatabaseUrl(),
        GATEHOUSE_SECRET_KEY_FILE: HTTPS.keyFile,
        GATEHOUSE_PUBLIC_URL: HTTPS.origin,
        GATEHOUSE_TRUST_PROXY: '1',
        GATEHOUSE_DEMO_DATA: '1',
        GATEHOUSE_DEV: '1',
        GATEHOUSE_DEMO_SUBSYSTEM: 'off',
        RUST_LOG: 'warn',
      },
    },
  ],
});
