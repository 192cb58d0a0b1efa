import type { APIRequestContext, Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated, pageReady, snapshot } from './helpers';
import { codeAfter, currentStep, signIn } from './accounts';
import { newAccount, openSignInMethods } from './keys';

// Sign-in with Google against a real OpenID Connect provider (oidc/provider.mjs, started by
// playwright.config.ts), at localhost like the provider's registered callbacks.
test.use({ baseURL: async ({ baseURL }, use) => use(baseURL!.replace('127.0.0.1', 'localhost')) });

const PROVIDER = /^http:\/\/localhost:3199\//;

/** A fresh provider login name at an allowed Workspace domain. */
function googleAccount(prefix = 'teacher') {
  return `${prefix}_${randomBytes(4).toString('hex')}@school.edu.tw`;
}

/** Signs in at the provider's own pages (any password) and consents, when it asks. */
async function atProvider(page: Page, login: string) {
  await expect(page).toHaveURL(PROVIDER);
  const loginField = page.locator('input[name="login"]');
  const consent = page.getByRole('button', { name: 'Continue' });
  // The provider shows its login form, then perhaps its consent, or sends the browser straight
  // back; each step is waited for (an `isVisible` right away once missed a consent page that
  // was still loading, and the test stayed at the provider).
  const next = () =>
    Promise.race([
      loginField.waitFor({ state: 'visible', timeout: 10_000 }).then(() => 'login' as const, () => null),
      consent.waitFor({ state: 'visible', timeout: 10_000 }).then(() => 'consent' as const, () => null),
      page.waitForURL((url) => !PROVIDER.test(url.href), { timeout: 10_000 }).then(() => 'back' as const, () => null),
    ]);
  for (let step = 0; step < 3; step++) {
    const shown = await next();
    if (shown === 'login') {
      await loginField.fill(login);
      await page.locator('input[name="password"]').fill('any');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await expect(loginField).toBeHidden();
    } else if (shown === 'consent') {
      await consent.click();
      await expect(consent).toBeHidden();
    } else {
      return;
    }
  }
}

/** Links `login` from 登入設定 (just signed in, so no step-up is asked). */
async function link(page: Page, login: string) {
  await openSignInMethods(page);
  await page.getByTestId('external-link').getByRole('button', { name: '連結 Google 帳號' }).click();
  await atProvider(page, login);
  await expect(page).toHaveURL(/\/account\/sign-in-methods\?google=/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** 以 Google 登入 from the sign-in page, then the authenticator's `code`: signed in as `name`. */
async function googleThenCode(page: Page, login: string, code: string, name: string) {
  await page.getByRole('link', { name: '以 Google 登入' }).click();
  await atProvider(page, login);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await pageReady(page);
  await page.getByLabel('驗證碼').fill(code);
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page.getByTestId('account-link')).toHaveText(name);
}

/** The sign-in's trip to the provider as the server begins it: where it sends the browser. */
async function startSignIn(page: Page): Promise<URL> {
  const start = await page.request.get('/auth/oidc/start', { maxRedirects: 0 });
  expect(start.status()).toBe(303);
  return new URL(start.headers().location);
}

/** Follows a trip through the provider's pages without a browser (signing in as `login` and
 * consenting) up to the confirmation it sends back to Gatehouse, which is returned undelivered. */
async function tripToCallback(request: APIRequestContext, start: string, login: string): Promise<string> {
  let url = start;
  for (let step = 0; step < 12; step++) {
    if (/\/auth\/oidc\/callback/.test(url)) return url;
    const answer = await request.get(url, { maxRedirects: 0 });
    if (answer.status() >= 300 && answer.status() < 400) {
      url = new URL(answer.headers().location, url).toString();
      continue;
    }
    const page = await answer.text();
    const action = new URL(/action="([^"]+)"/.exec(page)![1], url).toString();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)![1];
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
    const posted = await request.post(action, { form, maxRedirects: 0 });
    url = new URL(posted.headers().location, action).toString();
  }
  throw new Error(`no confirmation after 12 steps from ${start}`);
}

async function notice(page: Page) {
  return page.getByTestId('external-notice');
}

for (const tag of ['', ' @phone']) {
  test(`a Google account is linked after the authenticator, signs in with the code, and is unlinked${tag}`, async ({ page, baseURL }, info) => {
    test.setTimeout(90_000);
    const { account, secret } = await newAccount(page, baseURL!);
    const usedStep = currentStep();
    const login = googleAccount();

    await openSignInMethods(page);
    await expect(page.getByTestId('external-link')).toContainText('仍需輸入驗證器 App 的驗證碼');
    await link(page, login);
    await expect(page.getByRole('status').filter({ hasText: '已連結外部帳號。' })).toBeVisible();
    const list = page.getByRole('list', { name: '已綁定的登入方式' });
    await expect(list).toContainText(`Google 帳號（${login}）`);
    // Linked once: the button is gone.
    await expect(page.getByRole('button', { name: '連結 Google 帳號' })).toHaveCount(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snapshot(page, info, 'sign-in-methods-google');

    // Signed out: Google replaces the password, and the code is still asked for.
    await page.context().clearCookies();
    await openHydrated(page, '/sign-in');
    await expectAccessible(page);
    await snapshot(page, info, 'sign-in-with-google');
    await googleThenCode(page, login, await codeAfter(secret, usedStep), account.name);
    await openHydrated(page, '/account/activity');
    const activity = page.getByTestId('activity');
    await expect(activity).toContainText('登入（第一階段，外部帳號）（Google 帳號）');
    await expect(activity).toContainText('綁定登入方式（Google 帳號）');

    // Unlinked, it signs nobody in.
    await openSignInMethods(page);
    await page.getByRole('button', { name: `移除「${login}」` }).click();
    await page.getByRole('button', { name: '確定移除' }).click();
    await expect(page.getByRole('status').filter({ hasText: `已移除「${login}」` })).toBeVisible();
    await page.context().clearCookies();
    await openHydrated(page, '/sign-in');
    await page.getByRole('link', { name: '以 Google 登入' }).click();
    await atProvider(page, login);
    await expect(page).toHaveURL(/\/sign-in\?google=unknown$/);
    await expect(await notice(page)).toContainText('尚未連結任何 Gatehouse 帳號');
  });
}

test('with only Google linked, password sign-in is turned off, and Google and the code still sign in', async ({ page, baseURL }) => {
  const { account, secret } = await newAccount(page, baseURL!);
  const usedStep = currentStep();
  const login = googleAccount();
  await link(page, login);
  const card = page.getByTestId('password-sign-in');
  await card.getByRole('button', { name: '停用帳號密碼登入' }).click();
  await expect(card.getByRole('group')).toContainText(`只能以Google 帳號（${login}）加上驗證碼登入`);
  await card.getByRole('button', { name: '確定停用' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已停用帳號密碼登入。' })).toBeVisible();
  await expect(card).toContainText('已停用帳號密碼登入');

  await page.context().clearCookies();
  await signIn(page, account.username, account.password);
  await expect(page.getByTestId('password-form').getByRole('alert')).toContainText('目前【1】');
  await googleThenCode(page, login, await codeAfter(secret, usedStep), account.name);
});

test('an unverified email, a domain not allowed, and an account never linked do not sign in', async ({ page }) => {
  for (const [login, said] of [
    [googleAccount('unverified'), '電子郵件尚未經過驗證'],
    [`someone_${randomBytes(3).toString('hex')}@elsewhere.org`, '指定網域'],
    [googleAccount('stranger'), '尚未連結任何 Gatehouse 帳號'],
  ]) {
    await page.context().clearCookies();
    await openHydrated(page, '/sign-in');
    await page.getByRole('link', { name: '以 Google 登入' }).click();
    await atProvider(page, login);
    await expect(page).toHaveURL(/\/sign-in\?google=/);
    await expect(await notice(page)).toContainText(said);
    await expect(page.getByTestId('account-link')).toHaveCount(0);
  }
});

test('one Google account links one local account only', async ({ page, browser, baseURL }) => {
  await newAccount(page, baseURL!);
  const shared = googleAccount('shared');
  await link(page, shared);
  await expect(page.getByRole('status').filter({ hasText: '已連結外部帳號。' })).toBeVisible();

  const other = await browser.newPage({ baseURL: new URL(page.url()).origin });
  await newAccount(other, baseURL!);
  await link(other, shared);
  await expect(other).toHaveURL(/google=taken$/);
  await expect(await notice(other)).toContainText('已經連結到另一個 Gatehouse 帳號');
  await expect(other.getByRole('list', { name: '已綁定的登入方式' })).not.toContainText(shared);
  await other.close();
});

test('a tampered state, nonce or client, and a link finished by another session, are refused', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  // The state that comes back must be the one this browser was given.
  let to = await startSignIn(page);
  await page.goto(to.toString());
  await atProvider(page, googleAccount());
  await expect(page).toHaveURL(/\/sign-in\?google=unknown$/);
  const tamperedState = async (mutate: (u: URL) => void, expected: RegExp) => {
    await page.context().clearCookies();
    to = await startSignIn(page);
    mutate(to);
    await page.goto(to.toString());
    await atProvider(page, googleAccount());
    await expect(page).toHaveURL(expected);
    await expect(await notice(page)).toBeVisible();
  };
  // A nonce other than the one the server keeps: the ID token is refused.
  await tamperedState((u) => u.searchParams.set('nonce', 'someone-elses-nonce'), /google=failed$/);
  // A code made for another site: the exchange is refused.
  await tamperedState((u) => u.searchParams.set('client_id', 'another-site'), /google=failed$/);
  // Another state than the browser's.
  await tamperedState((u) => u.searchParams.set('state', 'forged-state'), /google=failed$/);

  // A link confirmation taken to another session (its state cookie with it) links nothing.
  // The victim's browser begins the link; its trip through the provider is followed step by
  // step so that the confirmation it ends with can be taken instead of delivered.
  await page.context().clearCookies();
  await newAccount(page, baseURL!);
  const linkUrl = await page.evaluate(async () => {
    const answer = await fetch('/api/fn/google_link_url', { method: 'POST' });
    return (await answer.json()) as string;
  });
  const confirmation = await tripToCallback(page.context().request, linkUrl, googleAccount('victim'));
  const stateCookie = (await page.context().cookies()).filter((c) => c.name === 'gatehouse_oidc');
  expect(stateCookie).toHaveLength(1);
  const attacker = await browser.newPage({ baseURL: new URL(page.url()).origin });
  await newAccount(attacker, baseURL!);
  await attacker.context().addCookies(stateCookie);
  await attacker.goto(confirmation);
  await expect(attacker).toHaveURL(/google=session$/);
  await expect(await notice(attacker)).toContainText('同一個登入中完成');
  await expect(attacker.getByRole('list', { name: '已綁定的登入方式' })).not.toContainText('Google 帳號');
  await attacker.close();
});

test('a sign-in begun with Google offers no emergency reset, and the reset page refuses it', async ({ page, baseURL }, info) => {
  const { account } = await newAccount(page, baseURL!);
  const login = googleAccount();
  await link(page, login);

  // Signed out, Google stands in for the password: the code step says how to reset instead of
  // linking to the reset (for a school's Workspace, Google and the mailbox are one factor).
  await page.context().clearCookies();
  await openHydrated(page, '/sign-in');
  await page.getByRole('link', { name: '以 Google 登入' }).click();
  await atProvider(page, login);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await pageReady(page);
  await expect(page.getByRole('link', { name: /遺失或已更換手機/ })).toHaveCount(0);
  await expect(page.getByTestId('no-emergency-reset')).toContainText('請改以帳號密碼登入');
  await expectAccessible(page);
  await snapshot(page, info, 'verify-after-google');

  // Typed in, the reset page says the same and has no form; the server refuses a request made
  // anyway, and no emergency code is mailed.
  await openHydrated(page, '/sign-in/reset-binding'); // a light page: no wasm to wait for
  await expect(page.getByTestId('no-emergency-reset')).toContainText('請改以帳號密碼登入');
  await expect(page.getByTestId('emergency-request')).toHaveCount(0);
  const refused = await page.evaluate(async (email) => {
    const answer = await fetch('/api/fn/request_binding_reset', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, captcha: 'x' }).toString(),
    });
    return { status: answer.status, body: await answer.text() };
  }, account.email);
  expect(refused.status).toBe(400);
  expect(refused.body).toContain('ResetBindingNeedsPassword');
  const mail = await page.request.get('/api/fn/dev_mailbox?channel=email');
  const messages = (await mail.json()) as { recipient: string; subject: string }[];
  expect(messages.filter((m) => m.recipient === account.email).map((m) => m.subject).join()).not.toContain('緊急驗證');
});
