import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated, pageReady, snapshot } from './helpers';
import { createAccount, setPassword, signIn, totp, type NewAccount } from './accounts';

// 用戶約定條款 on a server of their own (the `terms` projects, playwright.config.ts): a version
// published there asks every account of that server to agree, which would stop the other
// projects' tests at the terms page.

/** A new account signed in for the first time: password set, authenticator bound. Where the
 * binding led: home, or the terms when a version waits for the account. */
async function firstSignIn(page: Page, baseURL: string, who?: NewAccount) {
  const account = createAccount(baseURL, who);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/account\/bind$/);
  const uri = await page.getByTestId('totp-qr').getAttribute('data-uri');
  const secret = new URL(uri!.replace('otpauth://', 'http://')).searchParams.get('secret')!;
  await page.getByLabel('驗證碼').fill(totp(secret));
  await page.getByRole('button', { name: '完成綁定' }).click();
  await expect(page).toHaveURL(/\/(terms)?$/);
  return account;
}

/** Agrees on the terms page, the answer held back a moment to see the button wait for it. */
async function agree(page: Page) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/fn/agree_terms', async (route) => {
    await held;
    await route.continue();
  });
  const button = page.getByRole('button', { name: '我已閱讀並同意' });
  await button.click();
  await expect(button).toBeDisabled();
  release();
  await expect(page).toHaveURL(/\/$/);
  await page.unroute('**/api/fn/agree_terms');
}

test('@terms the central authority publishes terms, and every account agrees before it goes on', async ({ page, baseURL, openContext }, info) => {
  test.setTimeout(90_000);
  await firstSignIn(page, baseURL!);
  // A version published by an earlier run of this spec waits for the new account too.
  if (page.url().endsWith('/terms')) await agree(page);

  await openHydrated(page, '/admin/terms');
  const zh = `第一條　本系統帳號僅限本人使用，不得轉借他人。\n第二條　使用者應妥善保管密碼與驗證器。\n第三條　違反本約定者，主管機關得停用其帳號。`;
  await page.getByLabel('條款內容（中文）').fill(zh);
  await page.getByLabel('條款內容（英文）').fill('1. An account is for its holder alone.\n2. Keep the password and the authenticator safe.');
  await expectAccessible(page);
  await snapshot(page, info, 'admin-terms');
  await page.getByRole('button', { name: '發布新版本' }).click();
  const notice = page.getByRole('status').filter({ hasText: '已發布第' });
  await expect(notice).toBeVisible();
  const version = /第 (\d+) 版/.exec((await notice.innerText()))![1];

  // The publisher is asked first too: any page leads to the terms.
  await openHydrated(page, '/account');
  await expect(page).toHaveURL(/\/terms$/);
  await pageReady(page);
  await expect(page.getByRole('alert').filter({ hasText: '同意後才能繼續使用' })).toBeVisible();
  await expect(page.getByTestId('terms-version')).toContainText(`第 ${version} 版`);
  await expect(page.getByTestId('terms-body')).toContainText('不得轉借他人');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'terms-pending');
  await agree(page);

  // A member signing in for the first time agrees before its first page, then finds its
  // agreement on 帳號設定.
  const member = await (await openContext()).newPage();
  await firstSignIn(member, baseURL!, { org: '2.16.886.101.20003.20005', role: 'user', grants: ['assets'] });
  await expect(member).toHaveURL(/\/terms$/);
  await agree(member);
  await openHydrated(member, '/account');
  await expect(member.getByTestId('terms-agreement')).toContainText(`已同意第 ${version} 版`);
  await openHydrated(member, '/terms');
  await expect(member.getByTestId('terms-agreed')).toContainText('您已於');
  await expectAccessible(member);
  await snapshot(member, info, 'terms-agreed');

  // The central authority sees how many agreed, and exports them.
  await openHydrated(page, '/terms');
  await expect(page.getByTestId('terms-count')).toContainText('個帳號同意此版本');
  const download = page.waitForEvent('download');
  await openHydrated(page, '/admin/terms');
  await page.getByRole('link', { name: '匯出同意紀錄（CSV）' }).click();
  const file = await (await download).path();
  const text = readFileSync(file!, 'utf8');
  expect(text.split('\n').filter((l) => l.includes(`,${version},`)).length).toBeGreaterThanOrEqual(2);
});
