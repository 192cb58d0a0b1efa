import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, lightCaptchaSolved, openHydrated, snapshot } from './helpers';
import { bindAuthenticator, createAccount, expireCodes, setPassword, signIn } from './accounts';

// On the desktop and on a phone, where a teacher whose phone was lost is likely to be.
for (const tag of ['', ' @phone']) {
  test(`a lost phone: an emergency code from the mailbox resets the bindings and binding starts again${tag}`, async ({ page }, info) => {
    const account = createAccount(info.project.use.baseURL!);
    await setPassword(page, account);
    await signIn(page, account.username, account.password);
    const lost = await bindAuthenticator(page);

    // Later, at the code step without the phone.
    await page.context().clearCookies();
    await signIn(page, account.username, account.password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    await page.getByRole('link', { name: '遺失或已更換手機，無法取得 OTP 驗證碼？' }).click();
    await expect(page).toHaveURL(/\/sign-in\/reset-binding$/);
    // A light page: plain forms, no wasm.
    await expect(page.locator('body[data-light="true"]')).toHaveCount(1);

    const request = page.getByTestId('emergency-request');
    // Nothing typed: said at the field, by the server.
    await lightCaptchaSolved(page);
    await request.getByRole('button', { name: '寄送緊急驗證碼' }).click();
    await expect(page.locator('#email-error')).toContainText('必填');
    await expect(page.getByLabel('電子郵件')).toBeFocused();
    await request.getByLabel('電子郵件').fill(account.email.toUpperCase());
    await lightCaptchaSolved(page);
    await request.getByRole('button', { name: '寄送緊急驗證碼' }).click();
    const confirm = page.getByTestId('emergency-confirm');
    await expect(confirm.getByRole('status')).toContainText('英文碼為「');
    const letters = (await confirm.getByRole('status').innerText()).match(/英文碼為「([A-Z]{2})」/)![1];
    await expect(page.getByTestId('countdown')).toHaveText(/剩餘時間 0[45]:\d\d/);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snapshot(page, info, 'reset-binding');

    // The mail in the development mailbox carries the same letters.
    const mailbox = await page.context().newPage();
    await openHydrated(mailbox, '/dev/mailbox');
    const mail = mailbox.getByTestId('mail').filter({ hasText: `英文碼 ${letters}` }).first();
    const body = await mail.getByTestId('mail-body').innerText();
    const code = body.match(new RegExp(`${letters}-(\\d{6})`))![0];
    await mailbox.close();

    // A wrong code is counted; the right one goes on to binding a new authenticator.
    await confirm.getByLabel('緊急驗證碼').fill(`${letters}-000000` === code ? `${letters}-111111` : `${letters}-000000`);
    await confirm.getByRole('button', { name: '驗證' }).click();
    await expect(confirm).toContainText('目前【1】');
    await confirm.getByLabel('緊急驗證碼').fill(code);
    await confirm.getByRole('button', { name: '驗證' }).click();
    const fresh = await bindAuthenticator(page);
    expect(fresh).not.toBe(lost);
    await expect(page.getByTestId('account-link')).toHaveText(account.name);
  });
}

test('a superseded emergency code and an expired one are refused and counted; a new one works', async ({ page }, info) => {
  const account = createAccount(info.project.use.baseURL!);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);
  await page.context().clearCookies();
  await signIn(page, account.username, account.password);
  await page.getByRole('link', { name: '遺失或已更換手機，無法取得 OTP 驗證碼？' }).click();
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  const request = page.getByTestId('emergency-request');
  const confirm = page.getByTestId('emergency-confirm');
  /** Asks for a code (again) and reads it from the development mailbox by its letters. */
  const send = async (button: string) => {
    await request.getByLabel('電子郵件').fill(account.email);
    await lightCaptchaSolved(page);
    // The form's answer is a redirect to the page that names the code's letters.
    const answered = page.waitForResponse((r) => r.url().includes('/sign-in/reset-binding') && r.request().method() === 'POST');
    await request.getByRole('button', { name: button }).click();
    const letters = new URL((await answered).headers()['location'], page.url()).searchParams.get('letters')!;
    // The page names the newest mail's letters.
    await expect(confirm.getByRole('status')).toContainText(`英文碼為「${letters}」`);
    const mailbox = await page.context().newPage();
    await openHydrated(mailbox, '/dev/mailbox');
    const body = await mailbox.getByTestId('mail').filter({ hasText: `英文碼 ${letters}` }).first().getByTestId('mail-body').innerText();
    await mailbox.close();
    return { letters, code: body.match(new RegExp(`${letters}-(\\d{6})`))![0] };
  };
  const tryCode = async (code: string) => {
    await confirm.getByLabel('緊急驗證碼').fill(code);
    await confirm.getByRole('button', { name: '驗證' }).click();
  };

  const first = await send('寄送緊急驗證碼');
  // Three mails: the most one account gets in an hour.
  const second = await send('重新發送緊急驗證碼');
  // The older mail's code no longer works.
  expect(second.code).not.toBe(first.code);
  await tryCode(first.code);
  await expect(confirm).toContainText('目前【1】');
  // Five minutes later the newest one has expired too.
  expireCodes(info.project.use.baseURL!, account.username);
  await tryCode(second.code);
  await expect(confirm).toContainText('目前【2】');
  // A new one works.
  const third = await send('重新發送緊急驗證碼');
  await tryCode(third.code);
  await bindAuthenticator(page);
  await expect(page.getByTestId('account-link')).toHaveText(account.name);
});
