import { type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, openHydrated, snapshot } from './helpers';
import { bindAuthenticator, createAccount, seedApplications, setPassword, signIn, totp, type NewAccount } from './accounts';
import { fillSheet } from './sheets';

// Every page as a person sees it, signed out and signed in, on a desktop and a phone: each
// must hydrate, fit its width, and log nothing (./fixtures). A full-page screenshot of each
// goes to target/screenshots/<project>/ for a person to look at (`make screenshots` takes them
// with the whole national directory loaded).

const SIGNED_OUT: [string, string][] = [
  ['home', '/'],
  ['directory-search', '/directory?q=%E5%9C%8B%E5%B0%8F'],
  ['directory-tree', '/directory/tree?at=2.16.886.101.20003'],
  ['organization', '/org/2.16.886.101.20003.20005'],
  ['sign-in', '/sign-in'],
  ['forgot-password', '/forgot-password'],
  ['forgot-password-reset', '/forgot-password/reset?u=someone'],
  ['forgot-account', '/forgot-account'],
  ['set-password', '/set-password?token=not-a-token'],
  ['apply', '/apply'],
  ['account-signed-out', '/account'],
  ['assets-signed-out', '/assets'],
  ['resend-link', '/resend-link'],
  ['request-main-account', '/request-main-account'],
  ['who-administers', '/who-administers'],
  ['admin-signed-out', '/admin/accounts'],
  ['picker', '/dev/picker'],
  ['mailbox', '/dev/mailbox'],
  ['sms-outbox', '/dev/sms'],
];

const MEMBER: [string, string][] = [
  ['home-member', '/'],
  ['account', '/account'],
  ['profile', '/account/profile'],
  ['change-password', '/account/password'],
  ['activity', '/account/activity'],
  ['rebind', '/account/bind'],
  ['review-queue', '/admin/applications'],
  ['members', '/members'],
  ['member-log', '/members/log'],
  // Last: the test then checks the sheet on it.
  ['assets', '/assets'],
];

const CENTRAL: [string, string][] = [
  ['home-central', '/'],
  ['admin-accounts', '/admin/accounts'],
  ['admin-audit', '/admin/audit'],
  ['admin-announcements', '/admin/announcements'],
  ['admin-inventory', '/admin/inventory'],
  ['admin-applications', '/admin/applications'],
  ['admin-org-admins', '/admin/org-admins'],
  ['admin-organizations', '/admin/organizations'],
  ['admin-outbox', '/admin/outbox'],
];

async function look(page: Page, info: TestInfo, name: string, path: string) {
  await openHydrated(page, path);
  await snapshot(page, info, name);
  await expectNoHorizontalScroll(page);
}

async function member(page: Page, baseURL: string, who: NewAccount, info: TestInfo) {
  const account = createAccount(baseURL, who);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  const secret = await bindAuthenticator(page);
  // Signed out and in again, to see the code step too.
  await page.getByRole('button', { name: '登出' }).click();
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await look(page, info, 'sign-in-code', '/sign-in/verify');
  await page.getByLabel('驗證碼').fill(totp(secret, 1));
  await page.getByRole('button', { name: '驗證' }).click();
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
}

for (const tag of ['', '@phone ']) {
  test(`${tag}every page signed out`, async ({ page }, info) => {
    // Some twenty pages, each hydrated and photographed: a busy machine needs more than 30 s.
    test.setTimeout(60_000);
    for (const [name, path] of SIGNED_OUT) await look(page, info, name, path);
  });

  test(`${tag}a page that does not exist`, async ({ page, allowConsoleError }, info) => {
    // Chromium logs the page's own 404 answer as a console error; that answer is the point.
    allowConsoleError(/status of 404/);
    await look(page, info, 'not-found', '/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test(`${tag}every page of an organization's admin, with a sheet of 2,000 rows`, async ({ page, baseURL }, info) => {
    test.setTimeout(120_000);
    const org = tag ? '2.16.886.101.90007.90013.20002' : '2.16.886.101.90007.90001.20002';
    await member(page, baseURL!, { org, role: 'org_admin', grants: ['assets'] }, info);
    await fillSheet(page, baseURL!, 2_000);
    // The consent was given with the sheet (`fillSheet`): the grid shows at once.
    for (const [name, path] of MEMBER) await look(page, info, name, path);
    await expectNoHorizontalScroll(page);
    await expect(page.getByTestId('grid-status')).toContainText('共 2000 列');
  });

  test(`${tag}every page of the central authority, with 45 applications waiting, 60 admins and 24 undelivered messages`, async ({ page, baseURL }, info) => {
    test.setTimeout(60_000);
    await member(page, baseURL!, {}, info);
    seedApplications(baseURL!, 45, 60, 24);
    for (const [name, path] of CENTRAL) await look(page, info, name, path);
    // The queue a page at a time, and its search.
    await openHydrated(page, '/admin/applications');
    await expect(page.getByTestId('application-row')).toHaveCount(20);
    await page.getByTestId('page-links').getByRole('link', { name: '最後一頁' }).click();
    await expect(page.getByTestId('page-position')).toHaveText(/第 (\d+) 頁，共 \1 頁/);
    await snapshot(page, info, 'admin-applications-last-page');
    await expectNoHorizontalScroll(page);
    await page.getByRole('searchbox', { name: /搜尋申請/ }).fill('育才');
    await page.getByRole('button', { name: '查詢' }).click();
    await expect(page).toHaveURL(/q=%E8%82%B2%E6%89%8D/);
    await expect(page.getByTestId('application-row').first()).toContainText('私立育才國小');
    await snapshot(page, info, 'admin-applications-search');
  });
}
