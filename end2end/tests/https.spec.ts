import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openHydrated } from './helpers';
import { bindAuthenticator, codeAfter, createAccount, currentStep, readMail, setPassword, signIn } from './accounts';
import { HTTPS } from './https_site';
import { addKey, newAccount, openSignInMethods, virtualKey } from './keys';

// Gatehouse as an operator runs it (the `https` project, tests/https_site.ts): Chromium at
// https://gatehouse.test:8443, where Debian's nginx with deploy/nginx/gatehouse.conf ends TLS
// with a certificate the browser trusts through its NSS database, in front of two
// `gatehouse serve` processes on one PostgreSQL database (https/serve.sh). nginx spreads
// requests over both (round robin), so each flow below crosses between the two processes.

const SESSION = '__Host-gatehouse_session';
const PLAIN_SESSION = 'gatehouse_session';
/** An address the browser claims for itself (TEST-NET-3): nginx's word must win over it. */
const FORGED = '203.0.113.9';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request from outside the browser. `https://gatehouse.test:…` goes to nginx at 127.0.0.1,
 * its certificate verified against the test CA for that name (Node cannot resolve the name, the
 * browser maps it); `http://127.0.0.1:…` goes straight to a backend or nginx's plain-HTTP server.
 */
function call(url: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const options = {
    host: secure ? '127.0.0.1' : target.hostname,
    port: Number(target.port),
    path: target.pathname + target.search,
    method,
    headers: { host: target.host, 'content-length': '0', ...headers },
    ...(secure ? { servername: target.hostname, ca: readFileSync(HTTPS.ca) } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Who backend `port`, asked directly, takes a request with this cookie for: a username, or null. */
async function viewerAt(port: number, cookie: string, value: string): Promise<string | null> {
  const answer = await call(`http://127.0.0.1:${port}/api/fn/get_viewer`, { headers: { cookie: `${cookie}=${value}` } });
  expect(answer.status, answer.body).toBe(200);
  return (JSON.parse(answer.body) as { username: string } | null)?.username ?? null;
}

async function sessionValue(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION);
  expect(cookie, 'the session cookie').toBeDefined();
  return cookie!.value;
}

/** The lines nginx logged from byte `from` of its access log on. */
function accessLogSince(from: number): string[] {
  return readFileSync(HTTPS.accessLog, 'utf8').slice(from).split('\n').filter((line) => line !== '');
}

test('@https a password and the authenticator code sign in over TLS, and only the __Host- cookie holds the session', async ({ page, baseURL, openContext }) => {
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  const secret = await bindAuthenticator(page);
  const used = currentStep();
  await page.getByRole('button', { name: '登出', exact: true }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await page.getByLabel('驗證碼').fill(await codeAfter(secret, used));
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page.getByTestId('account-link')).toHaveText(account.name);

  // Over HTTP/2 and TLS that the browser trusts (there is no ignoreHTTPSErrors to hide a
  // certificate error), and told to come back over HTTPS only.
  const response = await page.goto('/account');
  expect(response!.headers()['strict-transport-security']).toBe('max-age=63072000');
  expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol)).toBe('h2');
  expect((await response!.securityDetails())?.subjectName).toBe(HTTPS.host);

  // The session is the one cookie, Secure, host-only and for the whole site (what `__Host-`
  // makes the browser insist on); no plain-named copy exists.
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).toEqual([SESSION]);
  expect(cookies[0]).toMatchObject({ domain: HTTPS.host, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  const value = cookies[0].value;

  // The same session under the plain name, as a sibling subdomain or plain HTTP could have
  // planted it, signs nobody in; under its own name in another browser it does.
  const plain = await openContext();
  await plain.addCookies([{ name: PLAIN_SESSION, value, url: HTTPS.origin, secure: true, httpOnly: true }]);
  const plainPage = await plain.newPage();
  await plainPage.goto('/account');
  await expect(plainPage).toHaveURL(/\/sign-in$/);
  const prefixed = await openContext();
  await prefixed.addCookies([{ name: SESSION, value, url: HTTPS.origin, secure: true, httpOnly: true }]);
  const prefixedPage = await prefixed.newPage();
  await openHydrated(prefixedPage, '/account');
  await expect(prefixedPage.getByTestId('account-link')).toHaveText(account.name);
});

test('@https a passkey signs in through the proxy', async ({ page, baseURL }) => {
  const { account } = await newAccount(page, baseURL!);
  await virtualKey(page, true, 'internal');
  await openSignInMethods(page);
  await addKey(page, '我的通行金鑰');
  await expect(page.getByRole('status').filter({ hasText: '已新增「我的通行金鑰」' })).toBeVisible();
  await page.context().clearCookies();
  await openHydrated(page, '/sign-in');
  await page.getByRole('button', { name: '以通行金鑰登入' }).click();
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
  await openHydrated(page, '/account/activity');
  await expect(page.getByTestId('activity').locator('tbody tr').first()).toContainText('登入（通行金鑰，免密碼）');
});

test("@https the client's address is the one nginx saw, never one the browser wrote in X-Forwarded-For", async ({ page, baseURL }) => {
  const logFrom = statSync(HTTPS.accessLog).size;
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': FORGED });
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/account/activity');
  // Setting the password, signing in and binding: each from the browser's 127.0.0.1, which
  // nginx appended after the forged entry. Not the forged entry, nor 127.0.0.2, the address
  // nginx reaches the backends from (a backend that took its connection's address would show it).
  const addresses = (await page.getByTestId('activity').locator('tbody tr td:nth-child(4)').allInnerTexts()).filter((a) => a.trim() !== '');
  expect(addresses.length).toBeGreaterThanOrEqual(3);
  expect(new Set(addresses)).toEqual(new Set(['127.0.0.1']));
  await expect(page.getByTestId('activity')).not.toContainText(FORGED);
  // The forged header did reach nginx (and through it, the backends).
  expect(accessLogSince(logFrom).filter((line) => line.includes(`xff="${FORGED}"`)).length).toBeGreaterThan(0);
});

test('@https a sign-out at one server ends the session at the other', async ({ page, baseURL }) => {
  const [a, b] = HTTPS.backends;
  const logFrom = statSync(HTTPS.accessLog).size;
  const { account, secret } = await newAccount(page, baseURL!);
  const used = currentStep();
  // nginx sent this browser's requests to both servers.
  const upstreams = new Set(accessLogSince(logFrom).map((line) => line.match(/ upstream=(\S+)/)?.[1]));
  expect(upstreams).toContain(`127.0.0.1:${a}`);
  expect(upstreams).toContain(`127.0.0.1:${b}`);

  // Asked directly, each server takes the session, under its __Host- name only.
  const first = await sessionValue(page);
  expect(await viewerAt(a, SESSION, first)).toBe(account.username);
  expect(await viewerAt(b, SESSION, first)).toBe(account.username);
  expect(await viewerAt(a, PLAIN_SESSION, first)).toBeNull();
  expect(await viewerAt(b, PLAIN_SESSION, first)).toBeNull();

  // Signed out at A (directly, so it is certainly A): B no longer knows the session, nor does
  // the browser through nginx.
  const out = await call(`http://127.0.0.1:${a}/api/fn/sign_out`, {
    method: 'POST',
    headers: { cookie: `${SESSION}=${first}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(out.status, out.body).toBe(200);
  expect(await viewerAt(b, SESSION, first)).toBeNull();
  expect(await viewerAt(a, SESSION, first)).toBeNull();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in$/);

  // Signed in again, and out with 登出 through nginx, whichever server answers: neither knows
  // the session afterwards.
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await page.getByLabel('驗證碼').fill(await codeAfter(secret, used));
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
  const second = await sessionValue(page);
  expect(second).not.toBe(first);
  expect(await viewerAt(a, SESSION, second)).toBe(account.username);
  expect(await viewerAt(b, SESSION, second)).toBe(account.username);
  await page.getByRole('button', { name: '登出', exact: true }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
  expect(await viewerAt(a, SESSION, second)).toBeNull();
  expect(await viewerAt(b, SESSION, second)).toBeNull();
});

test('@https links in mail point at the public address', async ({ page, baseURL }) => {
  // An account whose first link went astray asks for another at 補寄驗證信, through nginx.
  const account = createAccount(baseURL!);
  await openHydrated(page, '/resend-link');
  await page.getByLabel('姓名').fill(account.name);
  await page.getByLabel('帳號').fill(account.username);
  await page.getByLabel('電子郵件').fill(account.email);
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await page.getByRole('button', { name: '補寄驗證信' }).click();
  await expect(page.getByRole('status').filter({ hasText: '新的設定密碼連結已寄到' })).toBeVisible();
  const body = await readMail(page, account.email, '設定');
  const link = body.match(/\bhttps?:\/\/\S+\/set-password\?token=\w+/)?.[0];
  expect(link, body).toMatch(new RegExp(`^${HTTPS.origin.replace(/\./g, '\\.')}/set-password\\?token=\\w+$`));
  expect(link).not.toContain(account.link);
  // Every link in the mailbox, the demo accounts' too (made by the first server at its start).
  const everyLink = (await page.getByTestId('mail-body').allInnerTexts()).join('\n').match(/\bhttps?:\/\/\S+/g) ?? [];
  expect(everyLink.length).toBeGreaterThanOrEqual(5);
  expect(everyLink.filter((l) => !l.startsWith(`${HTTPS.origin}/`))).toEqual([]);
  // And it works, opened as it is written.
  await setPassword(page, { ...account, link: link! });
});

test('@https plain HTTP is sent to HTTPS, and a write is checked against the host the browser asked for', async () => {
  const redirect = await call(`http://127.0.0.1:${HTTPS.httpPort}/sign-in`, { headers: { host: HTTPS.host } });
  expect(redirect.status).toBe(301);
  expect(redirect.headers.location).toBe(`https://${HTTPS.host}/sign-in`);
  // A browser too old to send Sec-Fetch-Site is checked by its Origin against the Host header,
  // which nginx passes on with the port (a write from this very page would be refused otherwise).
  const post = (origin: string) =>
    call(`${HTTPS.origin}/api/fn/sign_out`, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' } });
  expect((await post(HTTPS.origin)).status).toBe(200);
  expect((await post('https://evil.example')).status).toBe(403);
});
