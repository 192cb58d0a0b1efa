import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated } from './helpers';
import { bindAuthenticator, createAccount, readMail, setPassword, signIn, totp } from './accounts';

test('first sign-in: set password, forced binding, then password and code', async ({ page, baseURL }) => {
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  // Nothing else opens before a factor is bound.
  await expect(page).toHaveURL(/\/account\/bind$/);
  await expectAccessible(page);
  await page.goto('/account/activity');
  await expect(page).toHaveURL(/\/account\/bind$/);
  const secret = await bindAuthenticator(page);
  await expect(page.getByTestId('account-link')).toHaveText(account.name);

  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  // The binding's code was used once already; the next step's code is new.
  await page.getByLabel('驗證碼').fill(totp(secret, 1));
  await page.getByRole('button', { name: '驗證' }).click();
  await expect(page.getByTestId('account-link')).toHaveText(account.name);

  await openHydrated(page, '/account/activity');
  const rows = page.getByTestId('activity').locator('tbody tr');
  await expect(rows.first()).toContainText('登入（第二階段驗證）');
  await expect(page.getByTestId('activity')).toContainText('綁定登入方式（驗證器 App（TOTP））');
  await expect(rows.first()).toContainText('登入（第二階段驗證）（驗證器 App（TOTP））');
  await expectAccessible(page);
});

test('three wrong passwords lock the account, with the count said', async ({ page, baseURL }) => {
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  for (const n of [1, 2, 3]) {
    await signIn(page, account.username, 'wrong-password');
    await expect(page.getByTestId('password-form').getByRole('alert')).toContainText(`目前【${n}】`);
  }
  await signIn(page, account.username, account.password);
  await expect(page.getByTestId('password-form').getByRole('alert')).toContainText('帳號已鎖定');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectAccessible(page);
});

test('forgot password through the development mailbox', async ({ page, baseURL }) => {
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await openHydrated(page, '/forgot-password');
  await page.getByLabel('姓名').fill(account.name);
  await page.getByLabel('帳號').fill(account.username);
  await page.getByLabel('電子郵件').fill(account.email);
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await page.getByRole('button', { name: '寄送驗證碼' }).click();
  await expect(page).toHaveURL(/\/forgot-password\/reset\?/);
  const resetUrl = page.url();

  const body = await readMail(page, account.email, '忘記密碼');
  const code = body.match(/驗證碼為：(\d{8})/)![1];
  await openHydrated(page, resetUrl);
  // The page kept the query through client-side navigation: the language switch comes back here.
  await expect(page.getByRole('link', { name: 'English' })).toHaveAttribute('href', /back=%2Fforgot-password%2Freset%3Fu%3D/);
  await expect(page.getByLabel('帳號')).toHaveValue(account.username);
  await page.getByLabel('信箱驗證碼').fill(code);
  const newPassword = account.password + 'N';
  await page.getByLabel('新密碼', { exact: true }).fill(newPassword);
  await page.getByLabel('確認新密碼').fill(newPassword);
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByText('密碼已重設')).toBeVisible();

  await signIn(page, account.username, newPassword);
  await expect(page).toHaveURL(/\/account\/bind$/);
});

test('signing out on a page that needs a session lands home while the home page is slow to arrive', async ({ page, baseURL }) => {
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/account');
  // The home page's code (a lazy wasm chunk) is held back, as on a slow network: the viewer
  // learns of the sign-out while /account is still on screen. That page must not send the
  // browser to the sign-in page on its way out.
  await page.route(/\/pkg\/.*\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.getByRole('button', { name: '登出', exact: true }).click();
  await expect(page.getByRole('link', { name: '登入', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('機關與學校帳號入口', { timeout: 15_000 });
  await expect(page).toHaveURL(/\/$/);
});

test('@phone first sign-in and binding on a phone', async ({ page, baseURL }) => {
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await expectNoHorizontalScroll(page);
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/account\/bind$/);
  await expectNoHorizontalScroll(page);
  await bindAuthenticator(page);
  for (const path of ['/account', '/account/activity', '/account/password', '/forgot-password', '/sign-in']) {
    await openHydrated(page, path);
    await expectNoHorizontalScroll(page);
  }
  await openHydrated(page, '/account/activity');
  await expectAccessible(page);
});
