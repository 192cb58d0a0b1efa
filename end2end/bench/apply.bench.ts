import { randomBytes } from 'node:crypto';
import { type Page } from '@playwright/test';
import { expect, test } from '../tests/fixtures';
import { openHydrated } from '../tests/helpers';
import { firstVisitBytes } from './bytes';

// 申請帳號's figures (issue 11): what a first visit to the page downloads, and how long the
// server takes over each step, the submission (which hashes the password) above all.

/** The server's time over one server function call the page makes while `act` runs. */
async function serverTime(page: Page, endpoint: string, act: () => Promise<void>) {
  const answered = page.waitForResponse((r) => r.url().includes(`/api/fn/${endpoint}`) && r.request().method() === 'POST');
  await act();
  const timing = (await answered).request().timing();
  // From the request sent to the first byte of the answer: the server's work plus a loopback hop.
  return timing.responseStart - timing.requestStart;
}

test('account application: bytes and server time', async ({ page }) => {
  console.log('\n## 申請帳號 (release build, Chromium, first visit with an empty cache)');
  console.log(`/apply: ${(await firstVisitBytes(page, '/apply')).line}`);

  const tag = randomBytes(3).toString('hex');
  const mobile = `09${String(parseInt(tag, 16)).padStart(8, '0')}`;
  const email = `bench${tag}@school.test.edu.tw`;
  await openHydrated(page, '/apply');
  await page.getByRole('combobox', { name: '搜尋機關' }).fill('2.16.886.101.20003.20005');
  await page.getByRole('option').first().click();
  await page.getByLabel('真實姓名').fill('王小明');
  await page.getByLabel('公務信箱').fill(email);
  await page.getByLabel('手機號碼').fill(mobile);
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  const start = await serverTime(page, 'start_application', () => page.getByRole('button', { name: '寄送驗證碼' }).click());
  await expect(page.getByLabel('信箱驗證碼')).toBeVisible();

  const code = async (to: string) => {
    await openHydrated(page, '/dev/mailbox');
    const body = await page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').filter({ hasText: to }) }).first().getByTestId('mail-body').innerText();
    return body.match(/\b\d{6}\b/)![0];
  };
  const [emailCode, smsCode] = [await code(email), await code(`${mobile.slice(0, 4)}-${mobile.slice(4)}`)];
  await openHydrated(page, '/apply');
  await page.getByLabel('信箱驗證碼').fill(emailCode);
  await page.getByLabel('手機驗證碼').fill(smsCode);
  const verify = await serverTime(page, 'verify_application', () => page.getByRole('button', { name: '驗證', exact: true }).click());
  await page.getByLabel(/資通系統資產清冊/).check();
  await page.getByLabel(/機關管理者/).check();
  const choose = await serverTime(page, 'choose_subsystems', () => page.getByRole('button', { name: '下一步' }).click());
  await page.getByLabel('帳號', { exact: true }).fill(`bench${tag}`);
  await page.getByLabel('新密碼', { exact: true }).fill('Kettle7Lantern42');
  await page.getByLabel('確認新密碼').fill('Kettle7Lantern42');
  await page.getByLabel('職稱').fill('科員');
  await page.getByLabel('部門名稱').fill('資訊室');
  await page.getByLabel('公務電話').fill('02-2345-6789');
  const submit = await serverTime(page, 'submit_application', () => page.getByRole('button', { name: '送出申請' }).click());
  await expect(page.getByTestId('application-status')).toContainText('已送出');
  console.log(`server time per step: codes sent ${start.toFixed(1)} ms, codes checked ${verify.toFixed(1)} ms, subsystems ${choose.toFixed(1)} ms, submitted (password hashed) ${submit.toFixed(1)} ms`);
});
