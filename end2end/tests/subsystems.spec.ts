import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, lightCaptchaSolved, openHydrated, pageReady, snapshot } from './helpers';
import { bindAuthenticator, createAccount, setPassword, signIn, totp, type NewAccount } from './accounts';

// Gatehouse as the OpenID Connect provider of a separate subsystem: the demo subsystem that
// every test server also serves (GATEHOUSE_DEMO_SUBSYSTEM, its port + 10), which signs in
// through Gatehouse over HTTP. Gatehouse is the issuer at `localhost`; the demo subsystem is
// at 127.0.0.1, another site, as a real one would be.

/** Gatehouse at its public address (the issuer), and the demo subsystem beside it. */
function sites(baseURL: string) {
  const port = Number(new URL(baseURL).port);
  return { gatehouse: `http://localhost:${port}`, demo: `http://127.0.0.1:${port + 10}` };
}

/** A new account of school 011601, its password set; nothing bound yet. */
async function newTeacher(page: Page, baseURL: string, who: NewAccount) {
  const account = createAccount(baseURL, { org: '011601', role: 'user', ...who });
  await setPassword(page, account);
  return account;
}

/** Signs in on Gatehouse's own page at the issuer's address and binds an authenticator. */
async function signInAtIssuer(page: Page, gatehouse: string, username: string, password: string) {
  await openHydrated(page, `${gatehouse}/sign-in`);
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('密碼', { exact: true }).fill(password);
  await lightCaptchaSolved(page);
  await page.getByRole('button', { name: '登入', exact: true }).click();
}

/** A first sign-in's binding, on the way back to a subsystem's request (not home). */
async function bindOnTheWay(page: Page) {
  await expect(page).toHaveURL(/\/account\/bind$/);
  const uri = await page.getByTestId('totp-qr').getAttribute('data-uri');
  const secret = new URL(uri!.replace('otpauth://', 'http://')).searchParams.get('secret')!;
  await page.getByLabel('驗證碼').fill(totp(secret));
  await page.getByRole('button', { name: '完成綁定' }).click();
}

test('a teacher granted the subsystem opens it, agrees, lands in it signed in, and is signed out of it with Gatehouse', async ({ page, baseURL }, info) => {
  const { gatehouse, demo } = sites(baseURL!);
  const account = await newTeacher(page, baseURL!, { grants: ['demo'] });

  // The subsystem sends the browser to Gatehouse, which asks it to sign in first.
  await page.goto(`${demo}/`);
  await page.getByRole('link', { name: /以 Gatehouse 登入/ }).click();
  await expect(page).toHaveURL(`${gatehouse}/sign-in`);
  await pageReady(page);
  await expect(page.getByTestId('asking-subsystem')).toContainText('「示範子系統」請您以本入口網的帳號登入');
  await snapshot(page, info, 'sign-in-for-subsystem');
  await page.getByLabel('帳號').fill(account.username);
  await page.getByLabel('密碼', { exact: true }).fill(account.password);
  await lightCaptchaSolved(page);
  await page.getByRole('button', { name: '登入', exact: true }).click();
  await bindOnTheWay(page);

  // 同意授權: the subsystem, each field it would receive, its privacy policy.
  await expect(page).toHaveURL(/\/oidc\/consent\?/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同意授權');
  await expect(page.getByText('示範子系統').first()).toBeVisible();
  for (const field of ['帳號', '姓名', '機關']) {
    await expect(page.getByRole('listitem').filter({ hasText: field }).first()).toBeVisible();
  }
  await expectAccessible(page);
  await snapshot(page, info, 'subsystem-consent');
  // 不同意 would answer the subsystem's own request with access_denied.
  const decline = await page.getByRole('link', { name: '不同意，回到該系統' }).getAttribute('href');
  expect(decline).toMatch(/^\/oidc\/authorize\?.*client_id=demo.*&declined=1$/);
  // The answer held back, as on a slow network: a plain form, so the browser's own
  // navigation carries it (a second press would only agree again), and it lands all the same.
  await page.route('**/oidc/agree', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.getByRole('button', { name: '同意授權' }).click();

  // In the subsystem, with what Gatehouse told it.
  await expect(page).toHaveURL(`${demo}/`);
  await expect(page.getByTestId('demo-username')).toHaveText(account.username);
  await expect(page.getByTestId('demo-claims')).toContainText('urn:gatehouse:acr:mfa');
  await expect(page.getByTestId('demo-userinfo')).toContainText('011601');
  await snapshot(page, info, 'demo-subsystem-signed-in');

  // The portal's 網站入口 opens it too.
  await openHydrated(page, `${gatehouse}/`);
  const tile = page.getByTestId('subsystem').filter({ hasText: '示範子系統' });
  await expect(tile).toHaveAttribute('href', `${demo}/`);
  await snapshot(page, info, 'portal-with-subsystem');
  // 帳號設定 lists it with the fields it received and the last sign-in.
  await openHydrated(page, `${gatehouse}/account`);
  const consent = page.getByTestId('consents').getByRole('listitem').filter({ hasText: '示範子系統' });
  await expect(consent).toContainText('提供的資料');
  await expect(consent).toContainText('最近一次登入');
  await consent.scrollIntoViewIfNeeded();
  await snapshot(page, info, 'account-with-subsystem');

  // Signing out of Gatehouse signs the browser out of the subsystem (back-channel logout).
  await page.getByRole('button', { name: '登出', exact: true }).click();
  await expect(async () => {
    await page.goto(`${demo}/`);
    await expect(page.getByTestId('demo-signed-out')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test('a teacher without the grant is told why and where to ask, not sent back to the subsystem', async ({ page, baseURL }, info) => {
  const { gatehouse, demo } = sites(baseURL!);
  const account = await newTeacher(page, baseURL!, {});
  await signInAtIssuer(page, gatehouse, account.username, account.password);
  await bindAuthenticator(page);
  await page.goto(`${demo}/login`);
  await expect(page).toHaveURL(`${gatehouse}/oidc/refused?reason=no_grant&client=demo`);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByText('請聯絡主帳號管理人員確認是否已加上該編報站權限')).toBeVisible();
  await expect(page.getByRole('link', { name: '申請權限' })).toBeVisible();
  await expect(page.getByTestId('asking-subsystem')).toHaveText('系統：示範子系統（代碼 demo）');
  await expectAccessible(page);
  await snapshot(page, info, 'subsystem-refused');
});

test('the central authority registers a subsystem, is shown its secret once, and rotates it', async ({ page, baseURL }, info) => {
  const admin = createAccount(baseURL!);
  await setPassword(page, admin);
  await signIn(page, admin.username, admin.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/admin/subsystems');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('子系統管理');
  const code = `e2e${Date.now().toString(36)}`;
  await page.getByLabel('代碼（client_id）').fill(code);
  await page.getByLabel('中文名稱').fill('端對端測試系統');
  await page.getByLabel('英文名稱').fill('End-to-end test system');
  await page.getByLabel('首頁網址').fill('https://e2e.example.gov.tw/');
  // A redirect URI that is not https is refused at its field before anything is sent.
  await page.getByLabel('登入後返回網址').fill('http://e2e.example.gov.tw/callback');
  await expect(page.getByText(/須以 https:\/\/ 開頭/).first()).toBeVisible();
  await page.getByLabel('登入後返回網址').fill('https://e2e.example.gov.tw/callback');
  // Its catalogue of functions: a code typed twice is refused at its field as it is typed.
  const functions = page.getByLabel('功能選單項目');
  await functions.fill('view | 查詢\nview | 再查');
  await expect(page.getByText(/不可重複/).first()).toBeVisible();
  await functions.fill('view | 查詢成績 | View\nenter|登錄成績');
  await page.getByRole('region', { name: '登錄子系統' }).getByRole('button', { name: '儲存' }).click();
  const first = page.getByTestId('secret-once');
  await expect(first).toBeVisible();
  const secret = (await first.locator('code').innerText()).trim();
  expect(secret.length).toBeGreaterThanOrEqual(40);
  await snapshot(page, info, 'admin-subsystems-registered');
  const item = page.getByTestId('subsystem-row').filter({ hasText: code });
  await expect(item).toContainText('查詢成績 (view)、登錄成績 (enter)');
  await item.getByRole('button', { name: '更換密鑰' }).click();
  const rotated = item.getByTestId('secret-once');
  await expect(rotated).toBeVisible();
  expect((await rotated.locator('code').innerText()).trim()).not.toBe(secret);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
});

test('a principal grants the subsystem and one of its functions on 子帳號管理, and the subsystem is told that function', async ({ page, openContext, baseURL }, info) => {
  test.setTimeout(90_000);
  const { gatehouse, demo } = sites(baseURL!);
  // A main account of the school that holds the subsystem, and a teacher who does not yet.
  const principal = createAccount(baseURL!, { org: '011601', role: 'org_admin', grants: ['assets', 'demo'] });
  await setPassword(page, principal);
  await signInAtIssuer(page, gatehouse, principal.username, principal.password);
  await bindAuthenticator(page);
  const teacher = createAccount(baseURL!, { org: '011601', role: 'user' });

  await openHydrated(page, `${gatehouse}/members?q=${teacher.username}`);
  const row = page.locator(`[data-testid="member"][data-username="${teacher.username}"]`);
  const view = row.getByRole('checkbox', { name: `查詢資料：示範子系統（${teacher.username}）`, exact: true });
  // The subsystem's functions wait for the subsystem itself.
  await expect(view).toBeDisabled();
  await row.getByRole('checkbox', { name: `示範子系統（${teacher.username}）`, exact: true }).check();
  await expect(view).toBeEnabled();
  const answered = page.waitForResponse((r) => r.url().includes('set_member_grant'));
  await view.check();
  expect((await answered).status()).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: `已更新 ${teacher.username}` })).toBeVisible();
  await openHydrated(page, `${gatehouse}/members?q=${teacher.username}`);
  await expect(view).toBeChecked();
  await expect(row.getByRole('checkbox', { name: `填報資料：示範子系統（${teacher.username}）`, exact: true })).not.toBeChecked();
  await expectAccessible(page);
  await snapshot(page, info, 'members-registered-subsystem');

  // The teacher now has somewhere to go: the subsystem, told the one function given.
  const other = await openContext();
  const phone = await other.newPage();
  await setPassword(phone, teacher);
  await signInAtIssuer(phone, gatehouse, teacher.username, teacher.password);
  await bindAuthenticator(phone);
  await phone.goto(`${demo}/login`);
  await expect(phone).toHaveURL(/\/oidc\/consent\?/);
  await expect(phone.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await phone.getByRole('button', { name: '同意授權' }).click();
  await expect(phone.getByTestId('demo-username')).toHaveText(teacher.username);
  const userinfo = JSON.parse(await phone.getByTestId('demo-userinfo').innerText());
  expect(userinfo.functions).toEqual(['view']);
});

test('@phone the consent and refusal pages fit a phone', async ({ page, baseURL }, info) => {
  const { gatehouse, demo } = sites(baseURL!);
  const account = await newTeacher(page, baseURL!, { grants: ['demo'] });
  await page.goto(`${demo}/login`);
  await expect(page).toHaveURL(`${gatehouse}/sign-in`);
  await expect(page.getByTestId('asking-subsystem')).toContainText('示範子系統');
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'sign-in-for-subsystem');
  await signInAtIssuer(page, gatehouse, account.username, account.password);
  // The binding over, the waiting request is answered: the consent page, not home.
  await bindOnTheWay(page);
  await expect(page).toHaveURL(/\/oidc\/consent\?/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'subsystem-consent');
  await page.getByRole('button', { name: '同意授權' }).click();
  await expect(page.getByTestId('demo-username')).toHaveText(account.username);
  await snapshot(page, info, 'demo-subsystem-signed-in');
  await openHydrated(page, `${gatehouse}/oidc/refused?reason=no_grant&client=demo`);
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'subsystem-refused');
});

test('@phone 子系統管理 fits a phone', async ({ page, baseURL }, info) => {
  const admin = createAccount(baseURL!);
  await setPassword(page, admin);
  await signIn(page, admin.username, admin.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/admin/subsystems');
  await expect(page.getByTestId('subsystem-row').filter({ hasText: 'demo' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'admin-subsystems');
});

test('@nojs 同意授權 is a plain form: a browser running no script agrees and lands in the subsystem', async ({ page, openContext, baseURL }) => {
  const { gatehouse, demo } = sites(baseURL!);
  // Signed in where scripts run (the sign-in page still needs them), the session then used
  // by a browser that runs none.
  const withScript = await (await openContext({ javaScriptEnabled: true })).newPage();
  const account = await newTeacher(withScript, baseURL!, { grants: ['demo'] });
  await signInAtIssuer(withScript, gatehouse, account.username, account.password);
  await bindAuthenticator(withScript);
  await page.context().addCookies(await withScript.context().cookies(gatehouse));
  await page.goto(`${demo}/login`);
  await expect(page).toHaveURL(/\/oidc\/consent\?/);
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: '姓名' }).first()).toBeVisible();
  await page.getByRole('button', { name: '同意授權' }).click();
  await expect(page).toHaveURL(`${demo}/`);
  await expect(page.getByTestId('demo-username')).toHaveText(account.username);
});
