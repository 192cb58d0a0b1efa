import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures';
import { createAccount, fillAccountStep, solvedCaptcha } from './accounts';

// These run with JavaScript off: the server-rendered HTML must do the whole job.

test('@nojs the search form works as a plain form', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  await page.getByLabel('查詢機關').fill('教育部');
  await page.getByRole('button', { name: '查詢' }).click();
  await expect(page).toHaveURL(/\/directory\?q=/);
  await expect(page.getByTestId('result-name').filter({ hasText: /^教育部$/ })).toBeVisible();
  await page.getByLabel('查詢機關').fill('2.016');
  await page.getByRole('button', { name: '查詢' }).click();
  await expect(page.getByRole('alert')).toContainText('第 2 段');
});

test('@nojs the tree and the language switch are plain links', async ({ page }) => {
  await page.goto('/directory/tree');
  await page.getByTestId('tree').getByRole('link', { name: '行政院', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('行政院');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('@nojs the picker form submits hand-typed values', async ({ page }) => {
  await page.goto('/dev/picker');
  await page.getByLabel('機關代號').fill('2.16.886.101.20003.20005');
  await page.getByLabel('機關名稱').fill('教育部');
  await page.getByRole('button', { name: '送出' }).click();
  await expect(page.getByTestId('submitted')).toContainText('2.16.886.101.20003.20005');
});

test('@nojs the application after its CAPTCHA works as plain forms', async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  // An admin to review it, so that a general user's application is open whatever other tests did.
  createAccount(baseURL!, { org: '2.16.886.101.20003.20005', role: 'org_admin' });
  await page.goto('/apply');
  // The first step is there, and says what needs a script.
  await expect(page.getByLabel('真實姓名')).toBeVisible();
  // (Playwright's text matching skips <noscript>, so its markup is read.)
  expect(await page.locator('noscript').innerHTML()).toContain('機器人驗證需要啟用 JavaScript');
  // The CAPTCHA is the one part that needs a script: it is solved here, as the wasm would.
  const tag = randomBytes(3).toString('hex');
  const who = { email: `nojs${tag}@school.test.edu.tw`, mobile: `09${String(parseInt(tag, 16)).padStart(8, '0')}` };
  const started = await page.request.post('/api/fn/start_application', {
    form: { org_code: '2.16.886.101.20003.20005', name: '林無腳', email: who.email, mobile: who.mobile, captcha: await solvedCaptcha(page) },
  });
  expect(started.status()).toBe(200);

  // From here on, every step is a plain form.
  await page.goto('/dev/mailbox');
  const dashed = `${who.mobile.slice(0, 4)}-${who.mobile.slice(4)}`;
  const code = async (to: string) =>
    (await page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').filter({ hasText: to }) }).first().getByTestId('mail-body').innerText()).match(/\b\d{6}\b/)![0];
  const [emailCode, smsCode] = [await code(who.email), await code(dashed)];
  await page.goto('/apply');
  await page.getByLabel('信箱驗證碼').fill(emailCode);
  await page.getByLabel('手機驗證碼').fill(smsCode);
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  // The server sends the browser back to the page, now at the next step.
  await expect(page).toHaveURL(/\/apply\??$/);
  await page.getByLabel(/資通系統資產清冊/).check();
  await page.getByLabel(/一般使用者/).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/\/apply\??$/);
  await fillAccountStep(page, `nojs${tag}`);
  await page.getByRole('button', { name: '送出申請' }).click();
  await expect(page).toHaveURL(/\/apply\??$/);
  await expect(page.getByTestId('application-status')).toContainText('已送出，等待審核');
});
