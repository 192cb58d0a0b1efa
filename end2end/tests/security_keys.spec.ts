import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated, snapshot } from './helpers';
import { ageVerification, codeAfter, currentStep, signIn } from './accounts';
import { addKey, newAccount, openSignInMethods, virtualKey } from './keys';

// WebAuthn needs a host name: browsers refuse an IP address as the relying party, so these
// tests talk to the same server as `localhost` (its GATEHOUSE_PUBLIC_URL, playwright.config.ts).
test.use({ baseURL: async ({ baseURL }, use) => use(baseURL!.replace('127.0.0.1', 'localhost')) });

// A USB security key on the desktop, the phone's own passkey (its platform authenticator) on the phone.
for (const [kind, transport, tag] of [['security key', 'usb', ''], ['passkey', 'internal', ' @phone']]) {
  test(`a ${kind} is bound in 登入設定, signs in instead of the code, and a copied one is refused${tag}`, async ({ page, baseURL }, info) => {
    test.setTimeout(90_000);
    const { account, secret } = await newAccount(page, baseURL!);
    const usedStep = currentStep();
    const { cdp, id } = await virtualKey(page, true, transport);

    // Just signed in: 登入設定 opens without another code and lists the authenticator.
    await openSignInMethods(page);
    const list = page.getByRole('list', { name: '已綁定的登入方式' });
    await expect(list).toContainText('驗證器 App（TOTP）');
    await expect(page.getByText('尚未綁定任何安全金鑰或通行金鑰。')).toBeVisible();

    // A name is needed, said at its field.
    await page.getByTestId('add-key').getByRole('button', { name: '新增安全金鑰' }).click();
    await expect(page.getByTestId('add-key')).toContainText('請為這把金鑰取個名字');
    await addKey(page, '辦公室 YubiKey');
    await expect(page.getByRole('status').filter({ hasText: '已新增「辦公室 YubiKey」' })).toBeVisible();
    await expect(list).toContainText('辦公室 YubiKey');
    await expect(list).toContainText('尚未使用');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await snapshot(page, info, 'sign-in-methods');

    // The next sign-in offers the key at the second step, and the key alone completes it.
    await page.context().clearCookies();
    await signIn(page, account.username, account.password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    await expect(page.getByRole('button', { name: '使用安全金鑰或通行金鑰' })).toBeVisible();
    await expectAccessible(page);
    await snapshot(page, info, 'verify-with-key');
    await page.getByRole('button', { name: '使用安全金鑰或通行金鑰' }).click();
    await expect(page.getByTestId('account-link')).toHaveText(account.name);
    // 帳號活動紀錄 names the method of each step.
    await openHydrated(page, '/account/activity');
    const activity = page.getByTestId('activity');
    await expect(activity.locator('tbody tr').first()).toContainText('登入（第二階段驗證）（安全金鑰／通行金鑰）');
    await expect(activity).toContainText('綁定登入方式（安全金鑰／通行金鑰）');
    // Minutes later, 登入設定 asks to verify again, and the key does it too.
    ageVerification(baseURL!, account.username);
    await openSignInMethods(page);
    await expect(list).toHaveCount(0);
    await page.getByTestId('step-up').getByRole('button', { name: '使用安全金鑰或通行金鑰' }).click();
    await expect(list).toContainText('上次使用');
    await expect(list).not.toContainText('尚未使用');

    // A copy of the key whose counter is behind the server's (a cloned key) is refused, and the
    // refusal counts toward the lock like a wrong code.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
    expect(credentials).toHaveLength(1);
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId: id });
    await cdp.send('WebAuthn.addCredential', { authenticatorId: id, credential: { ...credentials[0], signCount: 0 } });
    await page.context().clearCookies();
    await signIn(page, account.username, account.password);
    await page.getByRole('button', { name: '使用安全金鑰或通行金鑰' }).click();
    await expect(page.getByTestId('key-check').getByRole('alert').filter({ hasText: '目前【1】' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    // The authenticator's code still works.
    await page.getByLabel('驗證碼').fill(await codeAfter(secret, usedStep));
    await page.getByRole('button', { name: '驗證', exact: true }).click();
    await expect(page.getByTestId('account-link')).toHaveText(account.name);

    // Removed after a confirmation naming it, the key is no longer offered.
    await openSignInMethods(page);
    await page.getByRole('button', { name: '移除「辦公室 YubiKey」' }).click();
    await expect(page.getByText('確定要移除「辦公室 YubiKey」嗎？')).toBeVisible();
    await page.getByRole('button', { name: '確定移除' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已移除「辦公室 YubiKey」' })).toBeVisible();
    await expect(list).not.toContainText('辦公室 YubiKey');
    await page.context().clearCookies();
    await signIn(page, account.username, account.password);
    await expect(page).toHaveURL(/\/sign-in\/verify$/);
    await expect(page.getByLabel('驗證碼')).toBeVisible();
    await expect(page.getByRole('button', { name: '使用安全金鑰或通行金鑰' })).toHaveCount(0);
  });
}

test('a key that cannot verify its user is not bound', async ({ page, baseURL }) => {
  await newAccount(page, baseURL!);
  await virtualKey(page, false);
  await openSignInMethods(page);
  await addKey(page, '舊型金鑰');
  await expect(page.getByTestId('add-key').getByRole('alert').filter({ hasText: '已取消，或這把金鑰無法使用' })).toBeVisible();
  await expect(page.getByText('尚未綁定任何安全金鑰或通行金鑰。')).toBeVisible();
});

test('登入設定 asks to verify again once the sign-in is minutes old', async ({ page, baseURL }) => {
  const { account, secret } = await newAccount(page, baseURL!);
  const usedStep = currentStep();
  ageVerification(baseURL!, account.username);
  await openSignInMethods(page);
  const stepUp = page.getByTestId('step-up');
  await expect(stepUp).toContainText('再次驗證身分');
  await expect(page.getByRole('list', { name: '已綁定的登入方式' })).toHaveCount(0);
  await stepUp.getByLabel('驗證碼').fill(await codeAfter(secret, usedStep));
  await stepUp.getByRole('button', { name: '驗證' }).click();
  await expect(page.getByRole('list', { name: '已綁定的登入方式' })).toContainText('驗證器 App（TOTP）');
});

test("another account's key at the code step is refused and counted toward the lock", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const { cdp, id } = await virtualKey(page, true, 'usb');
  const keysNow = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials;
  // B has a key of its own; A binds another on the same authenticator.
  const b = await newAccount(page, baseURL!);
  const bUsed = currentStep();
  await openSignInMethods(page);
  await addKey(page, 'B 的金鑰');
  await expect(page.getByRole('status').filter({ hasText: '已新增「B 的金鑰」' })).toBeVisible();
  const [bKey] = await keysNow();
  await page.context().clearCookies();
  await newAccount(page, baseURL!);
  await openSignInMethods(page);
  await addKey(page, 'A 的金鑰');
  await expect(page.getByRole('status').filter({ hasText: '已新增「A 的金鑰」' })).toBeVisible();
  const aKey = (await keysNow()).find((k) => k.credentialId !== bKey.credentialId)!;
  // Only A's key is left on the authenticator.
  await cdp.send('WebAuthn.clearCredentials', { authenticatorId: id });
  await cdp.send('WebAuthn.addCredential', { authenticatorId: id, credential: aKey });

  // B's second step: the challenge is altered to accept any key of this site, so the browser
  // signs with A's. The server, which knows B's keys, refuses it and counts it against B.
  await page.context().clearCookies();
  await page.route('**/api/fn/key_challenge*', async (route) => {
    const reply = await route.fetch();
    const options = JSON.parse((await reply.json()) as string);
    options.publicKey.allowCredentials = [];
    await route.fulfill({ response: reply, json: JSON.stringify(options) });
  });
  await signIn(page, b.account.username, b.account.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await page.getByRole('button', { name: '使用安全金鑰或通行金鑰' }).click();
  await expect(page.getByTestId('key-check').getByRole('alert').filter({ hasText: '目前【1】' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await expect(page.getByTestId('account-link')).toHaveCount(0);
  // B's own code still completes the step.
  await page.getByLabel('驗證碼').fill(await codeAfter(b.secret, bUsed));
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page.getByTestId('account-link')).toHaveText(b.account.name);
});

test('a copy of the key answering a challenge begun before the owner signed in is refused', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const { account } = await newAccount(page, baseURL!);
  const { cdp, id } = await virtualKey(page, true, 'usb');
  await openSignInMethods(page);
  await addKey(page, '辦公室 YubiKey');
  await expect(page.getByRole('status').filter({ hasText: '已新增「辦公室 YubiKey」' })).toBeVisible();

  // Someone with the password and a copy of the key is at the second step; the key's answer
  // is signed, and held back on its way. The copy is taken first: the DevTools protocol may
  // not answer for a page whose navigation (the held form post) is under way, and this test
  // timed out there now and then. Copied before that answer, the owner's copy signs with the
  // same counter the held answer carries, which the server has then already seen.
  const [copy] = (await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials;
  await page.context().clearCookies();
  await signIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    // The answer is the code step's form, posted to the page's own address.
    void page.route((url) => url.pathname === '/sign-in/verify', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      release = () => void route.continue();
      resolve();
    });
  });
  await page.getByRole('button', { name: '使用安全金鑰或通行金鑰' }).click();
  await held;

  // Meanwhile the owner signs in with the key (its counter reaches the held answer's).
  const owner = await browser.newPage({ baseURL: new URL(page.url()).origin });
  const theirs = await virtualKey(owner, true, 'usb');
  await theirs.cdp.send('WebAuthn.addCredential', { authenticatorId: theirs.id, credential: copy });
  await signIn(owner, account.username, account.password);
  await owner.getByRole('button', { name: '使用安全金鑰或通行金鑰' }).click();
  await expect(owner.getByTestId('account-link')).toHaveText(account.name);
  await owner.close();

  // The held answer arrives with a counter the server has already seen: a copied key. Refused,
  // counted toward the lock, and the step is not passed.
  release();
  await expect(page.getByTestId('key-check').getByRole('alert').filter({ hasText: '目前【1】' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await expect(page.getByTestId('account-link')).toHaveCount(0);
});
