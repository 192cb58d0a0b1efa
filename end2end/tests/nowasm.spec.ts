import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { boundAccount, codeAfter } from './accounts';
import { lightCaptchaSolved, snapshot } from './helpers';
import { virtualKey } from './keys';

// These run in Chromium with its JIT off (`--js-flags=--jitless`, the no-wasm project), where
// WebAssembly does not exist: the light pages (app/src/light.rs) must do the whole job with
// their HTML and small scripts.

// WebAuthn needs a host name: the server is spoken to as `localhost` (security_keys.spec.ts).
test.use({ baseURL: async ({ baseURL }, use) => use(baseURL!.replace('127.0.0.1', 'localhost')) });

/** The app's .wasm files `page` asks for from now on. The CAPTCHA's own solver of a few
 * kilobytes (app/src/light.rs, `Asset::CaptchaSolver`) is preloaded by the pages that solve one
 * and is not counted: here, where it cannot run, the script searches by the browser's digest. */
function wasmRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (r: Request) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.wasm') && !path.startsWith('/light/captcha-solver-')) asked.push(r.url());
  });
  return asked;
}

test('@nowasm a user signs in with password and code where WebAssembly does not exist', async ({ page, baseURL }, info) => {
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
  expect(wasm, 'the sign-in pages ask for no app wasm').toEqual([]);

  // Home, signed in, is a light page too: what the person came for, and no app wasm, not
  // even the prefetch that a browser with WebAssembly makes while idle.
  await page.getByLabel('驗證碼').fill(await codeAfter(secret, used));
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
  await expect(page.getByRole('heading', { name: '最新公告' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(wasm, 'home asks for no app wasm').toEqual([]);
  await snapshot(page, info, 'home-signed-in-no-wasm');
});

test('@nowasm organization pages and the guest home page work where WebAssembly does not exist', async ({ page }, info) => {
  const wasm = wasmRequests(page);
  await page.goto('/');
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  await expect(page.locator('a[href="/apply"]')).toBeVisible();
  await page.goto('/org/2.16.886.101.20003');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('行政院');
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  await snapshot(page, info, 'org-no-wasm');
  // Below it, by a plain link: another light page.
  await page.getByTestId('children').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/org\//);
  await expect(page.getByRole('link', { name: '行政院', exact: true }).first()).toBeVisible();
  expect(wasm, 'the home and organization pages ask for no app wasm').toEqual([]);
});

test('@nowasm a user resets a forgotten password where WebAssembly does not exist', async ({ page, baseURL, allowConsoleError }, info) => {
  test.setTimeout(120_000);
  const { account } = await boundAccount(page, baseURL!);
  const wasm = wasmRequests(page);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: '忘記密碼' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  // The name left out: the page comes back with what was typed and the error at the name.
  await page.getByLabel('帳號').fill(account.username);
  await page.getByLabel('電子郵件').fill(account.email);
  await lightCaptchaSolved(page);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();
  await expect(page.getByLabel('姓名')).toBeFocused();
  await expect(page.getByLabel('姓名')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('帳號')).toHaveValue(account.username);
  await expect(page.getByLabel('電子郵件')).toHaveValue(account.email);
  await snapshot(page, info, 'forgot-password-refused-no-wasm');
  await page.getByLabel('姓名').fill(account.name);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();
  await expect(page).toHaveURL(/\/forgot-password\/reset\?u=/);
  await expect(page.getByLabel('帳號')).toHaveValue(account.username);
  await expect(page.getByLabel('信箱驗證碼')).toBeFocused();

  expect(wasm, 'the first step asks for no app wasm').toEqual([]);
  // The mailbox is a hydrated page: its text is there, its wasm cannot run.
  allowConsoleError(/WebAssembly is not defined/);
  const reset = page.url();
  await page.goto('/dev/mailbox');
  const mail = page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').filter({ hasText: account.email }) }).filter({ hasText: '忘記密碼' }).first();
  const code = (await mail.getByTestId('mail-body').innerText()).match(/驗證碼為：(\d{8})/)![1];
  await page.goto(reset);
  wasm.length = 0;
  const wrong = code === '00000000' ? '11111111' : '00000000';
  const password = account.password + 'N';
  // A wrong code: said at the code, which is kept; the passwords are never sent back.
  await page.getByLabel('信箱驗證碼').fill(wrong);
  await page.getByLabel('新密碼', { exact: true }).fill(password);
  await page.getByLabel('確認新密碼').fill(password);
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByLabel('信箱驗證碼')).toHaveValue(wrong);
  await expect(page.getByLabel('信箱驗證碼')).toBeFocused();
  await expect(page.getByLabel('新密碼', { exact: true })).toHaveValue('');
  await page.getByLabel('信箱驗證碼').fill(code);
  await page.getByLabel('新密碼', { exact: true }).fill(password);
  await page.getByLabel('確認新密碼').fill(password);
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByText('密碼已重設')).toBeVisible();
  await snapshot(page, info, 'forgot-password-done-no-wasm');
  expect(wasm, 'the second step asks for no app wasm').toEqual([]);

  // The new password signs in, by the light sign-in page.
  await page.getByRole('link', { name: '登入' }).last().click();
  await page.getByLabel('帳號').fill(account.username);
  await page.getByLabel('密碼', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登入', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
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

test('@nowasm a passkey signs in from the sign-in page where WebAssembly does not exist', async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  await virtualKey(page, true, 'internal');
  const { account } = await boundAccount(page, baseURL!, () => bindPasskey(page, '我的手機'));
  const wasm = wasmRequests(page);
  await page.goto('/sign-in');
  const card = page.getByTestId('passkey-sign-in');
  await expect(card.getByRole('button', { name: '以通行金鑰登入' })).toBeVisible();
  await snapshot(page, info, 'sign-in-no-wasm');
  expect(wasm, 'the sign-in page asks for no app wasm').toEqual([]);
  await card.getByRole('button', { name: '以通行金鑰登入' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
});
