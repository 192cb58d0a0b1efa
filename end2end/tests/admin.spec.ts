import { readFileSync } from 'node:fs';
import { type BrowserContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated } from './helpers';
import {
  ageVerification, bindAuthenticator, codeAfter, createAccount, currentStep, seedApplications, setPassword, signIn, type Account, type NewAccount,
} from './accounts';

/** A fresh account (the central authority's unless `who` says), password set and authenticator bound, signed in on `page`. */
async function signedIn(page: Page, baseURL: string, who?: NewAccount): Promise<Account & { secret: string; bound: number }> {
  const account = createAccount(baseURL, who);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  const secret = await bindAuthenticator(page);
  return { ...account, secret, bound: currentStep() };
}

/** A page in its own browser context, so it has its own cookies. */
async function otherPage(openContext: () => Promise<BrowserContext>): Promise<Page> {
  const context = await openContext();
  return context.newPage();
}

function accountRow(page: Page, username: string) {
  return page.getByTestId('account-row').filter({ hasText: username });
}

test('the central authority unlocks an account and resets its binding', async ({ page, openContext, baseURL }) => {
  test.setTimeout(60_000);
  const admin = await signedIn(page, baseURL!);

  const userPage = await otherPage(openContext);
  const user = await signedIn(userPage, baseURL!);
  await userPage.getByRole('button', { name: '登出' }).click();
  for (const n of [1, 2, 3]) {
    await signIn(userPage, user.username, 'wrong-password');
    await expect(userPage.getByTestId('password-form').getByRole('alert')).toContainText(`目前【${n}】`);
  }

  await openHydrated(page, `/admin/accounts?q=${user.username}`);
  const row = accountRow(page, user.username);
  await expect(row).toContainText('帳號鎖定中');
  await expect(row).toContainText('已綁定驗證方式： 1');
  await expectAccessible(page);
  await row.getByRole('button', { name: '解除鎖定' }).click();
  await expect(row).not.toContainText('帳號鎖定中');
  await expect(row.getByRole('button', { name: '解除鎖定' })).toBeDisabled();
  // Minutes after the sign-in, the reset asks for a fresh verification first, in place.
  ageVerification(baseURL!, admin.username);
  await row.getByRole('button', { name: '重設登入綁定' }).click();
  await expect(row.getByTestId('step-up')).toBeVisible();
  await expect(row).toContainText('已綁定驗證方式： 1');
  await row.getByTestId('step-up').getByLabel('驗證碼').fill(await codeAfter(admin.secret, admin.bound));
  await row.getByTestId('step-up').getByRole('button', { name: '驗證' }).click();
  await expect(row).toContainText('已綁定驗證方式： 0');
  await expect(row.getByRole('button', { name: '重設登入綁定' })).toBeDisabled();

  // Unlocked, and with no factor left: the right password leads to binding a new one.
  await signIn(userPage, user.username, user.password);
  await bindAuthenticator(userPage);
  await userPage.context().close();

  // The audit search finds both actions on the user's account, and the CSV has the same rows.
  await openHydrated(page, '/admin/audit');
  await page.getByLabel('帳號', { exact: true }).fill(user.username);
  await page.getByRole('button', { name: '查詢' }).click();
  await expect(page).toHaveURL(new RegExp(`username=${user.username}`));
  const table = page.getByTestId('activity');
  await expect(table).toContainText('解除鎖定');
  await expect(table).toContainText('重設登入綁定');
  await expect(table).toContainText('帳號鎖定');
  await expectAccessible(page);

  // The export link carries the same filter and downloads the file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '匯出 CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('audit.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.trim().split(/\r?\n/).slice(1);
  expect(lines.length).toBe(await table.locator('tbody tr').count());
  expect(lines.every((line) => line.includes(user.username))).toBe(true);
  expect(csv).toContain('account_unlocked');
  expect(csv).toContain(`by ${admin.username}`);
});

test('published announcements reach the home page, members-only ones only members', async ({ page, openContext, baseURL }) => {
  await signedIn(page, baseURL!);
  const tag = Date.now().toString(36);
  const publish = async (title: string, membersOnly: boolean) => {
    await openHydrated(page, '/admin/announcements');
    await page.getByLabel('公告標題').fill(title);
    await page.getByLabel('公告內容').fill(`${title} 的內容`);
    if (membersOnly) await page.getByLabel('會員公告').check();
    await page.getByRole('button', { name: '發布' }).click();
    await expect(page.getByRole('status').filter({ hasText: '公告已發布' })).toBeVisible();
  };

  // An empty body is refused at its field, and nothing is published.
  await openHydrated(page, '/admin/announcements');
  await page.getByLabel('公告標題').fill(`空白 ${tag}`);
  await page.getByRole('button', { name: '發布' }).click();
  await expect(page.getByLabel('公告內容')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await publish(`訪客公告 ${tag}`, false);
  await publish(`會員公告 ${tag}`, true);

  await openHydrated(page, '/');
  const announcements = page.getByTestId('announcement');
  await expect(announcements.filter({ hasText: `訪客公告 ${tag}` })).toHaveCount(1);
  await expect(announcements.filter({ hasText: `會員公告 ${tag}` })).toHaveCount(1);
  await expect(announcements.filter({ hasText: `空白 ${tag}` })).toHaveCount(0);

  const guest = await otherPage(openContext);
  await openHydrated(guest, '/');
  await expect(guest.getByTestId('announcement').filter({ hasText: `訪客公告 ${tag}` })).toHaveCount(1);
  await expect(guest.getByTestId('announcement').filter({ hasText: `會員公告 ${tag}` })).toHaveCount(0);
  // The admin pages are not for guests: they are sent to sign in.
  await guest.goto('/admin/accounts');
  await expect(guest).toHaveURL(/\/sign-in/);
  await guest.context().close();
});

test('@phone the admin pages fit a phone', async ({ page, baseURL }) => {
  await signedIn(page, baseURL!);
  for (const path of ['/admin/accounts', '/admin/audit', '/admin/announcements', '/admin/outbox']) {
    await openHydrated(page, path);
    await expectNoHorizontalScroll(page);
  }
  await openHydrated(page, '/admin/audit');
  await expectAccessible(page);
});

test('undelivered messages are listed for the central authority, and for nobody else', async ({ page, openContext, baseURL }) => {
  seedApplications(baseURL!, 0, 0, 3);
  await signedIn(page, baseURL!);
  await openHydrated(page, '/admin/accounts');
  await page.getByRole('navigation', { name: '管理' }).getByRole('link', { name: '寄送失敗的訊息' }).click();
  await expect(page).toHaveURL(/\/admin\/outbox$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('寄送失敗的訊息');
  await expect(page.getByText(/已嘗試寄送 10 次仍無法送達/)).toBeVisible();
  const sms = page.getByTestId('failed-mail').filter({ hasText: '簡訊' }).first();
  await expect(sms).toContainText('SMS gateway answered 503');
  await expect(sms).toContainText('已試 10 次');
  await expect(page.getByTestId('failed-mail-count')).toContainText(/共 \d+ 則/);
  await expectAccessible(page);

  // An organization's admin may not read other people's addresses.
  const member = await otherPage(openContext);
  await signedIn(member, baseURL!, { role: 'org_admin', grants: ['assets'] });
  await member.goto('/admin/outbox');
  await expect(member).toHaveURL(/\/account$/);
  await expect(member.getByTestId('failed-mail')).toHaveCount(0);
  await member.context().close();
});
