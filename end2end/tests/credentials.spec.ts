import { expect, test } from './fixtures';
import { expectNoHorizontalScroll, openHydrated, snapshot } from './helpers';
import { ageVerification, bindAuthenticator, codeAfter, createAccount, currentStep, readMail, setPassword, signIn, totp } from './accounts';

test('rebinding the authenticator asks to verify again, signs out the other device and mails a notice', async ({ page, baseURL, openContext }) => {
  // Three codes of one authenticator are needed; the third may wait for the clock (<= 30 s).
  test.setTimeout(90_000);
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  const secret = await bindAuthenticator(page);

  // The same person on a second device.
  const other = await (await openContext()).newPage();
  await signIn(other, account.username, account.password);
  const otherStep = currentStep() + 1;
  await other.getByLabel('驗證碼').fill(totp(secret, 1));
  await other.getByRole('button', { name: '驗證' }).click();
  await expect(other.getByTestId('account-link')).toHaveText(account.name);

  // Minutes later, rebinding first asks for a code of the bound authenticator.
  ageVerification(baseURL!, account.username);
  await openHydrated(page, '/account');
  await page.getByRole('link', { name: '重新綁定驗證器 App' }).click();
  const stepUp = page.getByTestId('step-up');
  await expect(stepUp).toContainText('再次驗證身分');
  await expect(page.getByTestId('totp-qr')).toHaveCount(0);
  await stepUp.getByLabel('驗證碼').fill('000000');
  await stepUp.getByRole('button', { name: '驗證' }).click();
  await expect(stepUp).toContainText('目前【1】');
  await stepUp.getByLabel('驗證碼').fill(await codeAfter(secret, otherStep));
  await stepUp.getByRole('button', { name: '驗證' }).click();

  // Then the new QR code, bound with the new app's code.
  const fresh = await bindAuthenticator(page);
  expect(fresh).not.toBe(secret);

  // The other device is signed out; the owner gets a notice.
  await other.reload();
  await expect(other.getByRole('link', { name: '登入' })).toBeVisible();
  const notice = await readMail(page, account.email, '登入設定已變更');
  expect(notice).toContain('綁定了驗證器 App');
  expect(notice).toContain(account.username);
});

test('changing the email asks to verify again, proves the new address and tells the old one', async ({ page, baseURL }, info) => {
  test.setTimeout(90_000);
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  const secret = await bindAuthenticator(page);
  const usedStep = currentStep();

  await openHydrated(page, '/account');
  await page.getByRole('link', { name: '個人資料與聯絡方式' }).click();
  await expect(page.getByRole('heading', { name: '個人資料與聯絡方式' })).toBeVisible();
  const form = page.getByTestId('contact-email');
  await expect(form).toContainText(account.email);
  // The domain rule is said as the user types.
  await form.getByLabel('公務信箱').fill('me@gmail.com');
  await expect(form.locator('#contact-email-value-error')).toContainText('gov.tw');
  const fresh = `moved_${account.username}@school.test.edu.tw`;
  await form.getByLabel('公務信箱').fill(fresh);

  // Minutes after signing in, the change first asks for the authenticator again.
  ageVerification(baseURL!, account.username);
  await form.getByRole('button', { name: '寄送驗證碼' }).click();
  const stepUp = page.getByTestId('step-up');
  await expect(stepUp).toContainText('再次驗證身分');
  await stepUp.getByLabel('驗證碼').fill(await codeAfter(secret, usedStep));
  await stepUp.getByRole('button', { name: '驗證' }).click();

  // The code goes to the new address (read in another tab, as a person would); entered, the
  // change is made, and the old address is told.
  await expect(form).toContainText(`已寄送到 ${fresh}`);
  const mailbox = await page.context().newPage();
  const code = (await readMail(mailbox, fresh, '確認您的新公務信箱')).match(/\b\d{6}\b/)![0];
  await form.getByLabel('驗證碼').fill(code === '000000' ? '111111' : '000000');
  await form.getByRole('button', { name: '確認變更' }).click();
  await expect(form.locator('#contact-email-code-error')).toContainText('驗證碼');
  await form.getByLabel('驗證碼').fill(code);
  await snapshot(page, info, 'profile-change-email');
  await expectNoHorizontalScroll(page);
  await form.getByRole('button', { name: '確認變更' }).click();
  await expect(page.getByTestId('profile-changed')).toContainText('已變更');
  await expect(page.getByTestId('contact-email')).toContainText(fresh);
  await expect(page.locator('dl')).toContainText(fresh);
  expect(await readMail(mailbox, account.email, '登入設定已變更')).toContain('變更了公務信箱');
});

test('@phone the office details are edited on the profile page', async ({ page, baseURL }, info) => {
  const account = createAccount(baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/account/profile');
  const form = page.getByTestId('office-form');
  await form.getByLabel('職稱').fill('資訊組長');
  await form.getByLabel('部門名稱').fill('教務處');
  await form.getByLabel('公務電話').fill('call me');
  await expect(form.locator('#profile-phone-error')).toContainText('數字');
  await form.getByLabel('公務電話').fill('02-2345-6789');
  await form.getByLabel('分機').fill('301');
  await form.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByTestId('profile-changed')).toHaveText('已儲存。');
  await expect(page.locator('dl')).toContainText('02-2345-6789 #301');
  await expect(page.locator('dl')).toContainText('資訊組長');
  await snapshot(page, info, 'profile-office-saved');
  await expectNoHorizontalScroll(page);
});
