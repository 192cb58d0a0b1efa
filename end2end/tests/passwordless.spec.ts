import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated, snapshot } from './helpers';
import { codeAfter, currentStep, ofUser, querySql, signIn } from './accounts';
import { addKey, newAccount, openSignInMethods, passkeyAnswer, virtualKey } from './keys';

// WebAuthn needs a host name (see keys.ts).
test.use({ baseURL: async ({ baseURL }, use) => use(baseURL!.replace('127.0.0.1', 'localhost')) });

// A USB security key that keeps its credentials on the desktop, the phone's own passkey on the phone.
for (const [kind, transport, tag] of [['security key', 'usb', ''], ['passkey', 'internal', ' @phone']]) {
  test(`a ${kind} signs in without a username, and password sign-in is turned off and back on${tag}`, async ({ page, baseURL }, info) => {
    test.setTimeout(120_000);
    const { account, secret } = await newAccount(page, baseURL!);
    const usedStep = currentStep();
    const { cdp, id } = await virtualKey(page, true, transport);
    const passkeyButton = page.getByRole('button', { name: '以通行金鑰登入' });
    const card = page.getByTestId('password-sign-in');

    // Without a key, password sign-in cannot be turned off.
    await openSignInMethods(page);
    await expect(card).toContainText('綁定安全金鑰、通行金鑰或連結 Google 帳號之後，才能停用帳號密碼登入。');
    await expect(card.getByRole('button', { name: '停用帳號密碼登入' })).toHaveCount(0);
    await addKey(page, '我的金鑰');
    await expect(page.getByRole('status').filter({ hasText: '已新增「我的金鑰」' })).toBeVisible();
    // The key was asked to keep the credential, so that it can sign in alone.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
    expect(credentials.map((c) => c.isResidentCredential)).toEqual([true]);

    // Signed out: the sign-in page offers the passkey, and it alone signs in, nothing typed.
    await page.context().clearCookies();
    await openHydrated(page, '/sign-in');
    await expectAccessible(page);
    await snapshot(page, info, 'sign-in-with-passkey');
    await passkeyButton.click();
    await expect(page.getByTestId('account-link')).toHaveText(account.name);
    await openHydrated(page, '/account/activity');
    await expect(page.getByTestId('activity').locator('tbody tr').first()).toContainText('登入（通行金鑰，免密碼）');

    // A copy of the key whose counter went back is refused, counted toward the lock.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId: id });
    await cdp.send('WebAuthn.addCredential', { authenticatorId: id, credential: { ...credentials[0], signCount: 0 } });
    await page.context().clearCookies();
    await openHydrated(page, '/sign-in');
    await passkeyButton.click();
    await expect(page.getByTestId('passkey-sign-in').getByRole('alert').filter({ hasText: '目前【1】' })).toBeVisible();
    await expect(page.getByTestId('account-link')).toHaveCount(0);
    // The genuine key (its counter ahead) still signs in.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId: id });
    await cdp.send('WebAuthn.addCredential', { authenticatorId: id, credential: { ...credentials[0], signCount: 100 } });
    await passkeyButton.click();
    await expect(page.getByTestId('account-link')).toHaveText(account.name);

    // 停用帳號密碼登入: the confirmation names what remains, and the key confirms it.
    await openSignInMethods(page);
    await card.getByRole('button', { name: '停用帳號密碼登入' }).click();
    await expect(card.getByRole('group')).toContainText('只能以您的金鑰登入（不需輸入帳號密碼）：我的金鑰');
    await card.getByRole('button', { name: '以金鑰確認並停用' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已停用帳號密碼登入。' })).toBeVisible();
    await expect(card).toContainText('已停用帳號密碼登入：只能以安全金鑰或通行金鑰登入');
    await expect(card.getByLabel('新密碼', { exact: true })).toBeVisible();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snapshot(page, info, 'password-sign-in-off');
    // The last key stays: without a password it is the only way in.
    await page.getByRole('button', { name: '移除「我的金鑰」' }).click();
    await page.getByRole('button', { name: '確定移除' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '至少要保留一種登入方式' })).toBeVisible();

    // The password opens nothing now, and says no more than a wrong one would.
    await page.context().clearCookies();
    await signIn(page, account.username, account.password);
    await expect(page.getByRole('alert').filter({ hasText: '目前【1】' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
    await passkeyButton.click();
    await expect(page.getByTestId('account-link')).toHaveText(account.name);

    // Back on, with a new password (the old one was forgotten, and is refused as reused).
    const newPassword = `${account.password}.N`;
    await openSignInMethods(page);
    await card.getByLabel('新密碼', { exact: true }).fill(newPassword);
    await card.getByLabel('確認新密碼').fill(newPassword);
    await card.getByRole('button', { name: '重新啟用帳號密碼登入' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已重新啟用帳號密碼登入' })).toBeVisible();
    await expect(card).toContainText('目前以帳號密碼加上第二道驗證登入。');
    await page.context().clearCookies();
    await signIn(page, account.username, newPassword);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    await page.getByLabel('驗證碼').fill(await codeAfter(secret, usedStep));
    await page.getByRole('button', { name: '驗證', exact: true }).click();
    await expect(page.getByTestId('account-link')).toHaveText(account.name);
  });
}

test('a passkey of no account here is refused and counts against nobody', async ({ page, baseURL }) => {
  const { account } = await newAccount(page, baseURL!);
  const { cdp, id } = await virtualKey(page, true, 'internal');
  await openSignInMethods(page);
  await addKey(page, '即將移除');
  await expect(page.getByRole('status').filter({ hasText: '已新增「即將移除」' })).toBeVisible();
  // Removed here, the credential stays on the device: offered, it is not this site's key any more.
  await page.getByRole('button', { name: '移除「即將移除」' }).click();
  await page.getByRole('button', { name: '確定移除' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已移除「即將移除」' })).toBeVisible();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
  expect(credentials).toHaveLength(1);
  await page.context().clearCookies();
  await openHydrated(page, '/sign-in');
  await page.getByRole('button', { name: '以通行金鑰登入' }).click();
  const alert = page.getByTestId('passkey-sign-in').getByRole('alert');
  await expect(alert).toContainText('這把金鑰沒有綁定這個 Gatehouse 帳號');
  await expect(alert).not.toContainText('目前【');
  // The account's password and code still work, with no failure counted.
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
});

test('two answers of one key, each sent twice at once: a ceremony serves once and the counter never goes back', async ({ page, baseURL, playwright }) => {
  const { account } = await newAccount(page, baseURL!);
  const { cdp, id } = await virtualKey(page, true, 'internal');
  await openSignInMethods(page);
  await addKey(page, '我的金鑰');
  await expect(page.getByRole('status').filter({ hasText: '已新增「我的金鑰」' })).toBeVisible();
  await page.context().clearCookies();
  await openHydrated(page, '/sign-in');
  const signCount = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials[0].signCount;
  const older = { ...(await passkeyAnswer(page)), counter: await signCount() };
  const newer = { ...(await passkeyAnswer(page)), counter: await signCount() };
  expect(newer.counter).toBeGreaterThan(older.counter);

  const sessions = () => Number(querySql(baseURL!, `SELECT COUNT(*) FROM sessions WHERE ${ofUser(account.username)}`)[0]);
  const sessionsBefore = sessions();
  // Four browsers with no cookies of their own send the two answers twice, all at once.
  const burst = [older, newer, older, newer];
  const origin = new URL(page.url()).origin;
  const clients = await Promise.all(burst.map(() => playwright.request.newContext({ baseURL: origin })));
  const replies = await Promise.all(
    burst.map((answer, i) => clients[i].post('/api/fn/sign_in_with_passkey', { form: { token: answer.token, credential: answer.credential } })),
  );
  const outcomes = await Promise.all(
    replies.map(async (reply, i) => ({
      answer: burst[i] === older ? 'older' : 'newer',
      status: reply.status(),
      session: reply.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie' && /^gatehouse_session=[^;]+/.test(h.value)),
      body: await reply.text(),
    })),
  );
  await Promise.all(clients.map((c) => c.dispose()));
  const signedIn = (which: string) => outcomes.filter((o) => o.answer === which && o.status === 200);
  for (const o of outcomes) {
    if (o.status === 200) {
      // Signed in at once (a passkey proves both steps), with a session of its own.
      expect(o.session, JSON.stringify(o)).toBe(true);
      expect(o.body).toBe('"Home"');
    } else {
      // Refused as a spent ceremony, or (the older answer after the newer) as a key whose
      // counter went back; never a server error, never a session.
      expect(o.status, JSON.stringify(o)).toBe(400);
      expect(o.session, JSON.stringify(o)).toBe(false);
      expect(o.body, JSON.stringify(o)).toMatch(/"msg":"(KeyCeremonyExpired|SignInFailed)"/);
    }
  }
  // Each ceremony served once at most; the newer answer always signs in, since nothing can be
  // ahead of its counter.
  expect(signedIn('newer')).toHaveLength(1);
  expect(signedIn('older').length).toBeLessThanOrEqual(1);
  const successes = signedIn('newer').length + signedIn('older').length;
  expect(sessions() - sessionsBefore).toBe(successes);
  // The stored counter is the newer answer's.
  const [stored] = querySql(baseURL!, `SELECT credential FROM second_factors WHERE kind = 'security_key' AND ${ofUser(account.username)}`);
  expect(JSON.parse(stored).cred.counter).toBe(newer.counter);
});
