import { resolve } from 'node:path';

/**
 * Gatehouse as an operator runs it (tests/https.spec.ts, the `https` project): Debian's nginx
 * with deploy/nginx/gatehouse.conf ends TLS at `origin`, in front of two `gatehouse serve`
 * processes on one PostgreSQL database. https/serve.sh starts it all; playwright.config.ts and
 * the tests read these figures from here.
 */
const host = 'gatehouse.test';
const port = 8443;
/** Where everything serve.sh makes lives: the certificates, the browser's HOME, nginx's files. */
const dir = resolve(__dirname, '../../target/e2e-https');

export const HTTPS = {
  host,
  port,
  origin: `https://${host}:${port}`,
  /** The configuration's plain-HTTP server, which only sends browsers to HTTPS. */
  httpPort: 8480,
  /** The two `gatehouse serve` processes, on loopback; nginx is the only way in from outside. */
  backends: [3130, 3131],
  /**
   * nginx connects to the backends from this address, not from the 127.0.0.1 that the browser
   * connects from: a backend that took the connection's address instead of the one nginx
   * appends to X-Forwarded-For would show it.
   */
  proxyAddress: '127.0.0.2',
  database: 'gatehouse_https',
  dir,
  /** The test CA's certificate, which the browser below trusts. */
  ca: `${dir}/tls/ca.pem`,
  /** HOME of the project's Chromium: its NSS database (.pki/nssdb) trusts the test CA. */
  home: `${dir}/home`,
  /** The installation's secret key, the same for both backends and the command line. */
  keyFile: `${dir}/secret.key`,
  accessLog: `${dir}/nginx/access.log`,
};

/** The https servers' database: `gatehouse_https` on the suite's throwaway PostgreSQL. */
export function httpsDatabaseUrl(): string {
  const admin = process.env.GATEHOUSE_E2E_PG_URL;
  if (!admin) throw new Error('GATEHOUSE_E2E_PG_URL is not set');
  const url = new URL(admin);
  url.pathname = `/${HTTPS.database}`;
  return url.toString();
}

/** What the command line needs to act on the https servers' installation, as an operator's would. */
export function httpsCliEnv(): Record<string, string> {
  return {
    DATABASE_URL: httpsDatabaseUrl(),
    GATEHOUSE_SECRET_KEY_FILE: HTTPS.keyFile,
    GATEHOUSE_PUBLIC_URL: HTTPS.origin,
  };
}
