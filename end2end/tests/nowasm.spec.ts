import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { codeAfter, createAccount, currentStep, solvedCaptcha, totp } from './accounts';
import { lightCaptchaSolved, snapshot } from './helpers';
import { virtualKey } from './keys';

// These run in Chromium with its JIT off (`--js-flags=--jitless`, the no-wasm project), where
// WebAssembly does not exist: the light pages (app/src/light.rs) must do the whole job with
// their HTML and small scripts.

// WebAuthn needs a host name: the server is spoken to as `localhost` (security_keys.spec.ts).
test.use({ baseURL: async ({ baseURL }, use) => use(baseURL!.replace('127.0.0.1', 'localhost')) });

/** The .wasm files `page` asks for from now on. */
function wasmRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (r: Request) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) asked.push(r.url());
  });
  return asked;
}

/**
 * An account with its password set and its authenticator bound, made over HTTP: the pages
 * that do it in a browser (設定密碼, 綁定) still need the wasm. Returns its TOTP secret and
 * the time step its binding used.
 */
async function boundAccount(page: Page, baseURL: string, signedIn: () => Promise<void> = async () => {}) {
  const account = createAccount(baseURL);
  const token = new URL(account.link, baseURL).searchParams.get('token')!;
  const post = (fn: string, form: Record<string, string>) => page.request.post(`/api/fn/${fn}`, { form });
  expect((await post('set_password', { token, password: account.password, confirm: account.password })).status()).toBe(200);
  const first = await post('sign_in', { username: account.username, password: account.password, captcha: await solvedCaptcha(page) });
  expect(first.status()).toBe(200);
  const offer = await (await post('offer_totp', {})).json();
  const secret = new URL(offer.uri.replace('otpauth://', 'http://')).searchParams.get('secret')!;
  const used = currentStep();
  expect((await post('confirm_totp', { code: totp(secret) })).status()).toBe(200);
  await signedIn();
  await page.context().clearCookies();
  return { account, secret, used };
}

test('@nowasm a user signs in with password and code where WebAssembly does not exist', async ({ page, baseURL, allowConsoleError }, info) => {
  test.setTimeout(120_000);
  expect(await page.evaluate(() => typeof WebAssembly)).toBe('undefined');
  const { account, secret, used } = await boundAccount(page, baseURL!);
  const wasm = wasmRequests(page);

  await page.goto('/sign-in');
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  await page.getByLabel('帳號').fill(account.username);
  // A wrong password first: the page comes back with the username kept and the error said.
  await page.getByLabel('密碼', { exact: true }).fill('not the password');
  await lightCaptchaSolved(page);
  await expect(page.getByTestId('captcha-status')).toContainText('已完成機器人驗證');
  await page.getByRole('button', { name: '登入', exact: true }).click();
  await expect(page.getByTestId('password-form').getByRole('alert')).toContainText('目前【1】');
  await expect(page.getByLabel('帳號')).toHaveValue(account.username);
  await expect(page.getByLabel('密碼', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('密碼', { exact: true })).toBeFocused();
  await snapshot(page, info, 'sign-in-refused-no-wasm');

  // The right one, sent at once: the page holds it back until its CAPTCHA is solved.
  await page.getByLabel('密碼', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: '登入', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  await expect(page.getByLabel('驗證碼')).toBeFocused();
  await page.getByLabel('驗證碼').fill('000000');
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  // One count for the account, the wrong password's and the code's.
  await expect(page.getByRole('alert')).toContainText('目前【2】');
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  expect(wasm, 'the sign-in pages ask for no wasm').toEqual([]);

  // The home page is not a light page yet: its wasm cannot run here, and says so.
  allowConsoleError(/WebAssembly is not defined/);
  await page.getByLabel('驗證碼').fill(await codeAfter(secret, used));
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
});

/** Binds a passkey named `name` to the signed-in account over HTTP, the ceremony in the page. */
async function bindPasskey(page: Page, name: string) {
  await page.goto('/sign-in');
  const offer = await page.request.post('/api/fn/offer_key', { form: { name } });
  expect(offer.status()).toBe(200);
  const credential = await page.evaluate(async (json: string) => {
    const bytes = (b64url: string) => Uint8Array.from(atob(b64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const text = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const options = JSON.parse(json);
    options.publicKey.challenge = bytes(options.publicKey.challenge);
    options.publicKey.user.id = bytes(options.publicKey.user.id);
    for (const c of options.publicKey.excludeCredentials ?? []) c.id = bytes(c.id);
    const made = (await navigator.credentials.create(options)) as PublicKeyCredential;
    const response = made.response as AuthenticatorAttestationResponse;
    return JSON.stringify({
      id: made.id,
      rawId: text(made.rawId),
      type: made.type,
      response: { attestationObject: text(response.attestationObject), clientDataJSON: text(response.clientDataJSON) },
      extensions: made.getClientExtensionResults(),
    });
  }, (await offer.json()) as string);
  expect((await page.request.post('/api/fn/bind_key', { form: { credential } })).status()).toBe(200);
}

test('@nowasm a passkey signs in from the sign-in page where WebAssembly does not exist', async ({ page, baseURL, allowConsoleError }, info) => {
  test.setTimeout(120_000);
  await virtualKey(page, true, 'internal');
  const { account } = await boundAccount(page, baseURL!, () => bindPasskey(page, '我的手機'));
  const wasm = wasmRequests(page);
  await page.goto('/sign-in');
  const card = page.getByTestId('passkey-sign-in');
  await expect(card.getByRole('button', { name: '以通行金鑰登入' })).toBeVisible();
  await snapshot(page, info, 'sign-in-no-wasm');
  expect(wasm, 'the sign-in page asks for no wasm').toEqual([]);
  // The home page is not a light page yet: its wasm cannot run here, and says so.
  allowConsoleError(/WebAssembly is not defined/);
  await card.getByRole('button', { name: '以通行金鑰登入' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
});
