import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { boundAccount, codeAfter, createAccount, fillAccountStep, readMail, type Account } from './accounts';
import { lightCaptchaSolved, openHydrated, snapshot } from './helpers';
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

/** Signs in by the light pages' forms: password, then the authenticator's code. */
async function signInByForms(page: Page, account: Account, code: string) {
  await page.goto('/sign-in');
  await page.getByLabel('帳號').fill(account.username);
  await page.getByLabel('密碼', { exact: true }).fill(account.password);
  await lightCaptchaSolved(page);
  await page.getByRole('button', { name: '登入', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await page.getByLabel('驗證碼').fill(code);
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
}

/** A hydrated page, where it cannot hydrate: the server's HTML, marked so, and its forms. */
async function openWithoutWasm(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('html[data-nowasm="true"]')).toHaveCount(1);
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
}

test('@nowasm a new user applies through every step where WebAssembly does not exist', async ({ page, baseURL }, info) => {
  test.setTimeout(180_000);
  const org = '2.16.886.101.20003.20005';
  // An admin to review it, so that a general user's application is open whatever other tests did.
  createAccount(baseURL!, { org, role: 'org_admin' });
  const tag = randomBytes(3).toString('hex');
  const who = { email: `nowasm${tag}@school.test.edu.tw`, mobile: `09${String(parseInt(tag, 16)).padStart(8, '0')}`, username: `nowasm${tag}` };

  await openWithoutWasm(page, '/apply');
  await page.getByLabel('機關代號').fill(org);
  await page.getByLabel('機關名稱').fill('教育部');
  await page.getByLabel('真實姓名').fill('吳無組');
  await page.getByLabel('公務信箱').fill('someone@gmail.com');
  await page.getByLabel('手機號碼').fill(who.mobile);
  // The CAPTCHA is solved by the light pages' script, by the browser's digest.
  await lightCaptchaSolved(page);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();
  // Refused by the server: the page again, what was typed kept, the error and focus at the field.
  await expect(page.locator('#apply-email-error')).toContainText('gov.tw');
  await expect(page.getByLabel('公務信箱')).toBeFocused();
  await expect(page.getByLabel('真實姓名')).toHaveValue('吳無組');
  await expect(page.getByLabel('機關代號')).toHaveValue(org);
  await snapshot(page, info, 'apply-refused-no-wasm');
  await page.getByLabel('公務信箱').fill(who.email);
  await lightCaptchaSolved(page);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();

  // On to the codes, read from the development mailbox and SMS outbox.
  await expect(page.getByLabel('信箱驗證碼')).toBeVisible();
  await expect(page).toHaveURL(/\/apply$/);
  const emailCode = (await readMail(page, who.email, '驗證碼')).match(/\b\d{6}\b/)![0];
  await openHydrated(page, '/dev/sms');
  const dashed = `${who.mobile.slice(0, 4)}-${who.mobile.slice(4)}`;
  const sms = page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').filter({ hasText: dashed }) }).first();
  const smsCode = (await sms.getByTestId('mail-body').innerText()).match(/\b\d{6}\b/)![0];
  await openWithoutWasm(page, '/apply');
  await page.getByLabel('信箱驗證碼').fill(emailCode);
  await page.getByLabel('手機驗證碼').fill(smsCode);
  await page.getByRole('button', { name: '驗證', exact: true }).click();

  // The subsystems: nothing ticked is refused at the list.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.locator('#subsystems-error')).toContainText('至少勾選一個');
  await page.getByLabel(/資通系統資產清冊/).check();
  await page.getByLabel(/一般使用者/).check();
  await page.getByRole('button', { name: '下一步' }).click();

  // The account: a short username is refused at its field, the office details kept, the
  // password never sent back.
  await fillAccountStep(page, 'ab');
  await page.getByRole('button', { name: '送出申請' }).click();
  await expect(page.locator('#apply-username-error')).toContainText('6 到 30');
  await expect(page.getByLabel('帳號', { exact: true })).toBeFocused();
  await expect(page.getByLabel('部門名稱')).toHaveValue('資訊室');
  await expect(page.getByLabel('新密碼', { exact: true })).toHaveValue('');
  await page.getByLabel('帳號', { exact: true }).fill(who.username);
  await page.getByLabel('新密碼', { exact: true }).fill('Kettle7Lantern42');
  await page.getByLabel('確認新密碼').fill('Kettle7Lantern42');
  await page.getByRole('button', { name: '送出申請' }).click();
  await expect(page.getByTestId('application-status')).toContainText('已送出，等待審核');
  await snapshot(page, info, 'apply-submitted-no-wasm');
});

test('@nowasm a main account creates a sub-account where WebAssembly does not exist', async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  const school = '011601';
  const { account, secret, used } = await boundAccount(page, baseURL!, async () => {}, { org: school, role: 'org_admin', grants: ['assets'] });
  await signInByForms(page, account, await codeAfter(secret, used));
  await openWithoutWasm(page, '/members');
  const form = page.getByTestId('member-form');
  const part = `w${randomBytes(3).toString('hex')}`;
  await form.getByLabel('帳號').fill(part);
  await form.getByLabel('真實姓名').fill('林無組');
  await form.getByLabel('公務信箱').fill('someone@gmail.com');
  await form.getByLabel('職稱').fill('教師');
  await form.getByLabel('部門名稱').fill('教務處');
  await form.getByLabel('公務電話').fill('02-2345-6789');
  await lightCaptchaSolved(page);
  await form.getByRole('button', { name: '建立子帳號並寄送驗證信' }).click();
  // Refused at the email, by the server; what was typed is kept.
  await expect(page.locator('#member-email-error')).not.toBeEmpty();
  await expect(form.getByLabel('公務信箱')).toBeFocused();
  await expect(form.getByLabel('帳號')).toHaveValue(part);
  await expect(form.getByLabel('部門名稱')).toHaveValue('教務處');
  await form.getByLabel('公務信箱').fill(`${part}@school.edu.tw`);
  await lightCaptchaSolved(page);
  await form.getByRole('button', { name: '建立子帳號並寄送驗證信' }).click();
  // Created: the list, read again, has it, waiting for its password.
  await expect(page).toHaveURL(/\/members$/);
  const item = page.locator(`[data-testid="member"][data-username="${school}_${part}"]`);
  await expect(item).toContainText('尚未設定密碼');
  await snapshot(page, info, 'members-no-wasm');
  // Its holder's mail went out.
  expect(await readMail(page, `${part}@school.edu.tw`, '')).toContain(`${school}_${part}`);
});

test('@nowasm the asset inventory offers its files as plain forms where WebAssembly does not exist', async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  const { account, secret, used } = await boundAccount(page, baseURL!, async () => {}, { org: '2.16.886.101.20003.20005', role: 'user', grants: ['assets'] });
  await signInByForms(page, account, await codeAfter(secret, used));
  // 同意授權 first, by a plain form too.
  await openWithoutWasm(page, '/assets');
  await page.getByTestId('consent').getByRole('button', { name: '同意授權' }).click();
  const files = page.getByTestId('without-grid');
  await expect(files).toBeVisible();
  await expect(files).toContainText('WebAssembly');
  await expect(page.getByRole('status').filter({ hasText: '載入中' })).toBeHidden();
  // The sheet's export, by a plain link: the template's header, no rows yet.
  const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('link', { name: '匯出 CSV' }).click()]);
  const header = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  expect(header).toContain('系統名稱(必填)');
  const row = '編號A,系統A,行政,共用,自行委外,2.16.886.101.20002,OO局,某某處,某某處,是,否,是,中,是,X公司,X公司,24,部分符合,營運持續計畫-系統備份,109年10月正式上,無';
  const upload = async (rows: string) => {
    await files.getByLabel('匯入檔案（.xlsx 或 .csv）').setInputFiles({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${rows}\n`) });
    await files.getByRole('button', { name: '匯入並儲存' }).click();
  };
  // A wrong cell: nothing saved, each cell to fix by the file's row.
  await upload(row.replace(',24,', ',24小時,'));
  await expect(page.getByTestId('file-problems')).toContainText('第 2 列');
  await expect(page.locator('#replace-file-error')).toContainText('需要修正');
  await snapshot(page, info, 'assets-file-refused-no-wasm');
  // Right: saved in place of the sheet, and said.
  await upload(`${row}\n${row.replace('系統A', '系統B')}`);
  await expect(page.getByTestId('without-grid').getByRole('status')).toContainText('清冊現有 2 列');
  await snapshot(page, info, 'assets-files-no-wasm');
});

test('@nowasm a second tap while a form is on its way sends nothing more', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const { account } = await boundAccount(page, baseURL!);
  await page.goto('/sign-in');
  await page.getByLabel('帳號').fill(account.username);
  await page.getByLabel('密碼', { exact: true }).fill(account.password);
  await lightCaptchaSolved(page);
  // The sign-in's answer is held back a while, as on a slow network, and the button tapped
  // twice. (Playwright reads no page while a navigation is under way, so the two taps are
  // one double click.)
  const posts: string[] = [];
  await page.route('**/sign-in', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    posts.push(route.request().url());
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.getByRole('button', { name: '登入', exact: true }).dblclick();
  // One submission (`light::ONE_SUBMISSION`; Chromium alone sends the second or not depending
  // on timing): had the second gone, it could have replaced the first and come back refused,
  // its CAPTCHA answer spent by the first.
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  expect(posts).toHaveLength(1);
});
