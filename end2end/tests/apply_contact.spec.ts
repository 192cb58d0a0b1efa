import { type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated, snapshot } from './helpers';
import { createAccount, registerContact } from './accounts';

// 申請帳號 as a registered contact (既有聯絡人, SPEC §2 step 2): pick the masked name, give the
// email and mobile on record, and prove one of them with one code.

const SCHOOL = '011601';

async function applyAsContact(page: Page, baseURL: string, info: TestInfo, shots: string) {
  // Someone to review a general user's application at the school.
  createAccount(baseURL, { org: SCHOOL, role: 'org_admin' });
  const contact = registerContact(baseURL, SCHOOL);
  await openHydrated(page, '/apply');
  await page.getByRole('combobox', { name: '搜尋機關' }).fill(SCHOOL);
  await page.getByRole('option').first().click();
  // The school has contacts: both ways are offered, the contacts' first.
  const mode = page.getByTestId('apply-mode');
  await expect(mode.getByLabel('我是本機關已登錄的聯絡人')).toBeChecked();
  await expect(page.getByLabel('真實姓名')).toHaveCount(0);
  const names = page.getByLabel('姓名', { exact: true });
  await expect(names.locator('option', { hasText: contact.masked })).toHaveCount(1);
  // Only masked names are on the page.
  await expect(page.locator('body')).not.toContainText(contact.name);
  await names.selectOption({ label: contact.masked });
  await page.getByRole('textbox', { name: '公務信箱' }).fill(contact.email);
  await page.getByRole('textbox', { name: '手機號碼' }).fill(contact.mobile);
  await page.getByLabel(/以手機簡訊驗證/).check();
  await expect(page.getByText('兩者都需要輸入')).toHaveCount(0);
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await snapshot(page, info, `${shots}-1-contact`);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();

  // One code, by SMS: the email's field is not asked for.
  await expect(page.getByLabel('手機驗證碼')).toBeVisible();
  await expect(page.getByLabel('信箱驗證碼')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: '申請步驟' }).locator('[aria-current="step"]')).toContainText('驗證身分');
  await expect(page.getByText('若您填寫的資料與登錄的相符')).toBeVisible();
  await snapshot(page, info, `${shots}-2-verify`);
  await expectAccessible(page);
  const dashed = `${contact.mobile.slice(0, 4)}-${contact.mobile.slice(4)}`;
  await openHydrated(page, '/dev/sms');
  const sms = await page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').filter({ hasText: dashed }) }).first().getByTestId('mail-body').innerText();
  await openHydrated(page, '/apply');
  await page.getByLabel('手機驗證碼').fill(sms.match(/\b\d{6}\b/)![0]);
  await page.getByRole('button', { name: '驗證', exact: true }).click();

  await page.getByLabel(/資通系統資產清冊/).check();
  await page.getByLabel(/一般使用者/).check();
  await page.getByRole('button', { name: '下一步' }).click();

  // Proved: the full name on record, and the title on record filled in.
  await expect(page.getByText(contact.name)).toBeVisible();
  await expect(page.getByText('取自登錄的聯絡人資料')).toBeVisible();
  await expect(page.getByLabel('職稱')).toHaveValue(contact.title);
  const username = `c${contact.email.slice(8, 16)}`;
  await page.getByLabel('帳號', { exact: true }).fill(username);
  await page.getByLabel('新密碼', { exact: true }).fill('Kettle7Lantern42');
  await page.getByLabel('確認新密碼').fill('Kettle7Lantern42');
  await page.getByLabel('公務電話').fill('02-2921-4630');
  await snapshot(page, info, `${shots}-3-account`);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: '送出申請' }).click();
  await expect(page.getByTestId('application-status')).toContainText('已送出，等待審核');

  // The entry has made its account: it leaves the list (a new application starts with the
  // same school chosen).
  await openHydrated(page, '/apply?step=contact');
  await expect(page.getByLabel('機關代號')).toHaveValue(SCHOOL);
  await expect(page.getByTestId('apply-mode')).toBeVisible();
  await expect(page.getByLabel('姓名', { exact: true }).locator('option', { hasText: contact.masked })).toHaveCount(0);
}

test('a registered contact applies with the SMS code alone', async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  await applyAsContact(page, baseURL!, info, 'apply-contact');
});

test('@phone a registered contact applies on a 360 px phone', async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  await applyAsContact(page, baseURL!, info, 'apply-contact-phone');
});
