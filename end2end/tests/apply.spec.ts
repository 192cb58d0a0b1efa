import { randomBytes } from 'node:crypto';
import { type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated, snapshot } from './helpers';
import { bindAuthenticator, createAccount, readMail, setPassword, signIn } from './accounts';

// 申請帳號 (SPEC §2) as a teacher does it in a browser, then its review by the school's admin.

const ORG = '2.16.886.101.20003.20005';
const PASSWORD = 'Kettle7Lantern42';

interface Applicant {
  name: string;
  email: string;
  mobile: string;
  username: string;
}

function applicant(): Applicant {
  const tag = randomBytes(3).toString('hex');
  const digits = String(parseInt(tag, 16) % 100_000_000).padStart(8, '0');
  return { name: '王小明', email: `t${tag}@school.test.edu.tw`, mobile: `09${digits}`, username: `teacher${tag}` };
}

/** The newest SMS to `mobile` in the development SMS outbox. */
async function readSms(page: Page, mobile: string): Promise<string> {
  const dashed = `${mobile.slice(0, 4)}-${mobile.slice(4)}`;
  await openHydrated(page, '/dev/sms');
  return page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').filter({ hasText: dashed }) }).first().getByTestId('mail-body').innerText();
}

const sixDigits = (text: string) => text.match(/\b\d{6}\b/)![0];

/** Every step up to 送出申請, looking at each (`shots`: screenshot names' prefix). */
async function applyUpToSubmit(page: Page, who: Applicant, info: TestInfo, shots: string, org = ORG, kind: 'user' | 'admin' = 'user') {
  await openHydrated(page, '/apply');
  await page.getByRole('combobox', { name: '搜尋機關' }).fill(org);
  await page.getByRole('option').first().click();
  await expect(page.getByLabel('機關代號')).toHaveValue(org);
  await page.getByLabel('真實姓名').fill(who.name);
  // Each rule is said at its field as the user types, before anything is sent.
  await page.getByLabel('公務信箱').fill('someone@gmail.com');
  await expect(page.locator('#apply-email-error')).toContainText('gov.tw');
  await page.getByLabel('公務信箱').fill(who.email);
  await expect(page.locator('#apply-email-error')).toBeEmpty();
  await page.getByLabel('手機號碼').fill('0812');
  await expect(page.locator('#apply-mobile-error')).toContainText('09');
  await page.getByLabel('手機號碼').fill(who.mobile);
  await expect(page.getByText('兩者都需要輸入')).toBeVisible();
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await snapshot(page, info, `${shots}-1-contact`);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();

  await expect(page.getByLabel('信箱驗證碼')).toBeVisible();
  await expect(page.getByRole('navigation', { name: '申請步驟' }).locator('[aria-current="step"]')).toContainText('驗證信箱與手機');
  await snapshot(page, info, `${shots}-2-verify`);
  await expectAccessible(page);
  // The codes, from the development mailbox; the application waits on the server.
  const emailCode = sixDigits(await readMail(page, who.email, '信箱驗證碼'));
  const smsCode = sixDigits(await readSms(page, who.mobile));
  await openHydrated(page, '/apply');
  // A code typed into the other channel's field is refused there.
  if (emailCode !== smsCode) {
    await page.getByLabel('信箱驗證碼').fill(smsCode);
    await page.getByLabel('手機驗證碼').fill(emailCode);
    await page.getByRole('button', { name: '驗證', exact: true }).click();
    await expect(page.locator('#email-code-error')).toContainText('驗證碼錯誤');
  }
  await page.getByLabel('信箱驗證碼').fill(emailCode);
  await page.getByLabel('手機驗證碼').fill(smsCode);
  await page.getByRole('button', { name: '驗證', exact: true }).click();

  await expect(page.getByTestId('reviewers')).toHaveText(kind === 'user' ? /目前可審核的管理者有 [1-9]\d* 位/ : /目前可審核的管理者有 [01] 位/);
  // Back to the first step: what was typed is still there.
  await page.getByRole('link', { name: '機關與聯絡資料' }).click();
  await expect(page.getByLabel('真實姓名')).toHaveValue(who.name);
  await expect(page.getByLabel('公務信箱')).toHaveValue(who.email);
  await page.getByRole('link', { name: '系統帳號權限申請' }).click();
  // Nothing ticked yet is refused at the list.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.locator('#subsystems-error')).toContainText('至少勾選一個');
  await page.getByLabel(/資通系統資產清冊/).check();
  await page.getByLabel(kind === 'user' ? /一般使用者/ : /機關管理者/).check();
  await snapshot(page, info, `${shots}-3-subsystems`);
  await expectAccessible(page);
  await page.getByRole('button', { name: '下一步' }).click();

  await expect(page.getByLabel('帳號', { exact: true })).toBeVisible();
  await expect(page.getByText(who.email)).toBeVisible();
  await page.getByLabel('帳號', { exact: true }).fill('ab');
  await expect(page.locator('#apply-username-error')).toContainText('6 到 30');
  await page.getByLabel('帳號', { exact: true }).fill(who.username);
  await page.getByLabel('新密碼', { exact: true }).fill('has!symbol');
  await expect(page.locator('#new-password-error')).not.toBeEmpty();
  await page.getByLabel('新密碼', { exact: true }).fill(PASSWORD);
  await expect(page.getByTestId('strength')).toContainText('強');
  await page.getByLabel('確認新密碼').fill(PASSWORD);
  await page.getByLabel('職稱').fill('教師');
  await page.getByLabel('部門名稱').fill('教務處');
  await page.getByLabel('公務電話').fill('02-2345-6789');
  await page.getByLabel('分機').fill('123');
  await snapshot(page, info, `${shots}-4-account`);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: '送出申請' }).click();
  await expect(page.getByTestId('application-status')).toContainText('已送出，等待審核');
  await snapshot(page, info, `${shots}-5-submitted`);
  await expectAccessible(page);
}

test('a teacher applies, cannot sign in while pending, and the school admin approves', async ({ page, baseURL, openContext }, info) => {
  test.setTimeout(120_000);
  const who = applicant();
  // The school's admin, who will review.
  const admin = createAccount(baseURL!, { org: ORG, role: 'org_admin', grants: ['assets'] });
  const reviewer = await (await openContext()).newPage();
  await setPassword(reviewer, admin);
  await signIn(reviewer, admin.username, admin.password);
  await bindAuthenticator(reviewer);

  await applyUpToSubmit(page, who, info, 'apply');

  // Pending is not an account yet: the sign-in answers as for a wrong password.
  const attempt = await (await openContext()).newPage();
  await signIn(attempt, who.username, PASSWORD);
  await expect(attempt.getByTestId('password-form').getByRole('alert')).toContainText('帳號或密碼錯誤');

  // The admin's home page says something waits, and leads to the review page.
  await openHydrated(reviewer, '/');
  await expect(reviewer.getByTestId('review-reminder')).toHaveText(/有 [1-9]\d* 件申請待您審核/);
  await openHydrated(reviewer, '/account');
  await reviewer.getByRole('link', { name: '帳號申請審核' }).click();
  const row = reviewer.getByTestId('application-row').filter({ hasText: who.username });
  await expect(row).toContainText('教務處');
  await snapshot(reviewer, info, 'review-list');
  await row.getByRole('link', { name: '審查' }).click();
  await expect(reviewer.getByRole('heading', { name: '審查詳細資訊' })).toBeVisible();
  await expect(reviewer.getByText('02-2345-6789 #123')).toBeVisible();
  await snapshot(reviewer, info, 'review-detail');
  await expectAccessible(reviewer);
  await reviewer.getByRole('button', { name: '接受申請' }).click();
  await expect(reviewer.getByTestId('review-result')).toContainText('已核准');

  // Approved: mailed, and the first sign-in binds an authenticator.
  await expect(async () => expect(await readMail(attempt, who.email, '核准')).toContain(who.username)).toPass();
  await signIn(attempt, who.username, PASSWORD);
  await bindAuthenticator(attempt);
  await openHydrated(page, '/apply');
  await expect(page.getByTestId('application-status')).toContainText('已核准');
});

test('@phone the application on a 360 px phone', async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  // Someone to review it, so that a general user's application is open.
  createAccount(baseURL!, { org: ORG, role: 'org_admin' });
  await applyUpToSubmit(page, applicant(), info, 'apply-phone');
  await expectNoHorizontalScroll(page);
});

test('an answer that arrives after its step is gone is dropped, not a panic', async ({ page, baseURL }) => {
  createAccount(baseURL!, { org: ORG, role: 'org_admin' });
  const who = applicant();
  await openHydrated(page, '/apply');
  await page.getByRole('combobox', { name: '搜尋機關' }).fill(ORG);
  await page.getByRole('option').first().click();
  await page.getByLabel('真實姓名').fill(who.name);
  await page.getByLabel('公務信箱').fill(who.email);
  await page.getByLabel('手機號碼').fill(who.mobile);
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  // The contacts lookup answers only once the contact step has been left behind.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let answered = false;
  await page.route('**/api/fn/registered_contacts*', async (route) => {
    await held;
    await route.continue();
    answered = true;
  });
  await page.getByLabel('機關代號').fill(ORG);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();
  await expect(page.getByLabel('信箱驗證碼')).toBeVisible();
  release();
  await expect.poll(() => answered).toBe(true);
  // Let the late answer reach the wasm; the page-health fixture fails the test on a panic.
  await page.waitForTimeout(300);
  await expect(page.getByLabel('信箱驗證碼')).toBeVisible();
});

test('an organization admin applies with the stamped form; the central authority sees the scan and sends it back', async ({ page, baseURL, openContext }, info) => {
  test.setTimeout(120_000);
  // A school no other test gives admins (`gatehouse demo --admins` gives them to agencies).
  const org = '134691';
  const who = applicant();
  await applyUpToSubmit(page, who, info, 'apply-admin', org, 'admin');
  await expect(page.getByTestId('application-status')).toContainText('主管機關審核');

  // The paper form, filled in; then its stamped scan. A file that is not a PDF or image is refused.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下載申請單（XLSX）' }).click();
  expect((await download).suggestedFilename()).toBe(`機關管理者帳號申請單-${who.username}.xlsx`);
  await page.getByTestId('scan-file').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('just text') });
  await expect(page.locator('#scan-error')).toContainText('PDF、JPEG 或 PNG');
  await page.getByTestId('scan-file').setInputFiles({ name: 'stamped.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 stamped form') });
  await expect(page.getByTestId('scan-state')).toHaveText('已上傳用印掃描檔。');
  await snapshot(page, info, 'apply-admin-5-scan');
  await expectNoHorizontalScroll(page);

  const central = createAccount(baseURL!);
  const reviewer = await (await openContext()).newPage();
  await setPassword(reviewer, central);
  await signIn(reviewer, central.username, central.password);
  await bindAuthenticator(reviewer);
  await openHydrated(reviewer, '/admin/applications');
  await expect(reviewer.getByRole('link', { name: '機關管理者', exact: true })).toHaveAttribute('aria-current', 'page');
  // Other tests fill the national queue: the applicant is found by the search.
  await reviewer.getByRole('searchbox', { name: /搜尋申請/ }).fill(who.username);
  await reviewer.getByRole('button', { name: '查詢' }).click();
  await expect(reviewer.getByTestId('review-count')).toHaveText('待審核 1 件');
  await reviewer.getByTestId('application-row').filter({ hasText: who.username }).getByRole('link', { name: '審查' }).click();
  const scan = reviewer.waitForEvent('download');
  await reviewer.getByTestId('review-scan').getByRole('link', { name: '下載掃描檔' }).click();
  expect((await scan).suggestedFilename()).toMatch(/\.pdf$/);
  await snapshot(reviewer, info, 'review-admin-detail');
  // A reason is needed, said at its field.
  await reviewer.getByRole('button', { name: '退回' }).click();
  await expect(reviewer.locator('#reason-error')).toContainText('必填');
  await reviewer.getByLabel('退回原因').fill('申請單未蓋機關印信，請補正後重新申請。');
  await reviewer.getByRole('button', { name: '退回' }).click();
  await expect(reviewer.getByTestId('review-result')).toContainText('已退回');

  await openHydrated(page, '/apply');
  await expect(page.getByTestId('application-status')).toContainText('申請單未蓋機關印信');
  await expect(page.getByRole('link', { name: '重新申請' })).toBeVisible();
  await snapshot(page, info, 'apply-admin-6-rejected');
});

test('a teacher asks for a subsystem on the account page and the school admin approves it', async ({ page, baseURL, openContext }, info) => {
  test.setTimeout(90_000);
  const teacher = createAccount(baseURL!, { org: ORG, role: 'user' });
  await setPassword(page, teacher);
  await signIn(page, teacher.username, teacher.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/account');
  const assets = page.getByTestId('access-item').filter({ hasText: '資通系統資產清冊' });
  await expect(assets.getByTestId('access-state')).toHaveText('未有權限');
  await assets.getByRole('button', { name: '申請權限 資通系統資產清冊' }).click();
  await expect(assets.getByTestId('access-state')).toHaveText('審核中：申請權限');
  await snapshot(page, info, 'account-access-pending');
  await expectNoHorizontalScroll(page);

  const admin = createAccount(baseURL!, { org: ORG, role: 'org_admin', grants: ['assets'] });
  const reviewer = await (await openContext()).newPage();
  await setPassword(reviewer, admin);
  await signIn(reviewer, admin.username, admin.password);
  await bindAuthenticator(reviewer);
  await openHydrated(reviewer, '/admin/applications');
  const request = reviewer.getByTestId('grant-request').filter({ hasText: teacher.username });
  await expect(request).toContainText('申請權限');
  await snapshot(reviewer, info, 'review-grant-request');
  await request.getByRole('button', { name: '核准' }).click();
  await expect(reviewer.getByTestId('grant-request').filter({ hasText: teacher.username })).toHaveCount(0);

  await openHydrated(page, '/account');
  await expect(page.getByTestId('access-item').filter({ hasText: '資通系統資產清冊' }).getByTestId('access-state')).toHaveText('已有權限');
  expect(await readMail(page, teacher.email, '系統權限申請已核准')).toContain('資通系統資產清冊');
});
