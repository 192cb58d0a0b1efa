import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { agreeToShare, expectAccessible, expectNoHorizontalScroll, openHydrated, snapshot } from './helpers';
import { ageVerification, bindAuthenticator, codeAfter, createAccount, currentStep, readMail, setPassword, signIn } from './accounts';

// 子帳號管理 (SPEC §4) as a principal does it: a teacher's sub-account created, its holder
// setting the password from the mail and binding, a grant, turning it off and on, and a reset
// of its bindings. The demo school 011601 has a main account and sub-accounts of its own.

const SCHOOL = '011601';
const OWN_SCHOOL = '313601';
const PASSWORD = 'Kettle7Lantern42';

async function principal(page: Page, baseURL: string) {
  const account = createAccount(baseURL, { org: SCHOOL, role: 'org_admin', grants: ['assets'] });
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  const secret = await bindAuthenticator(page);
  return { ...account, secret, bound: currentStep() };
}

async function openMembers(page: Page) {
  await openHydrated(page, '/account');
  await page.getByRole('link', { name: '子帳號管理' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** Fills 新增子帳號 and sends it; returns the whole username. */
async function createMember(page: Page, part: string, email: string) {
  const form = page.getByTestId('member-form');
  await form.getByLabel('帳號').fill(part);
  await form.getByLabel('真實姓名').fill('王大同');
  await form.getByLabel('公務信箱').fill(email);
  await form.getByLabel('職稱').fill('教師');
  await form.getByLabel('部門名稱').fill('教務處');
  await form.getByLabel('公務電話').fill('02-2345-6789');
  await form.getByLabel('分機（選填）').fill('123');
  await expect(form.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await form.getByRole('button', { name: '建立子帳號並寄送驗證信' }).click();
  const username = `${SCHOOL}_${part}`;
  await expect(form.getByRole('status').filter({ hasText: '已建立' })).toContainText(`已建立 ${username}`);
  return username;
}

const member = (page: Page, username: string) => page.locator(`[data-testid="member"][data-username="${username}"]`);

test('a principal creates a sub-account, its holder sets a password and binds, and the principal grants, turns off and resets it', async ({ page, openContext, baseURL }, info) => {
  test.setTimeout(120_000);
  const main = await principal(page, baseURL!);
  await openMembers(page);
  await expect(page.getByRole('heading', { name: '子帳號管理' })).toBeVisible();
  // The demo school's own accounts are listed; none of another school's.
  await expect(member(page, '011601_teacher')).toBeVisible();
  await expect(page.getByTestId('member').filter({ hasText: '2.16.886' })).toHaveCount(0);

  // The account's rule said at its field as it is typed.
  const form = page.getByTestId('member-form');
  await form.getByLabel('帳號').fill('a');
  await expect(page.locator('#member-part-error')).toContainText('2 到 20 個字元');
  const part = `t${randomBytes(3).toString('hex')}`;
  const email = `${part}@school.edu.tw`;
  const username = await createMember(page, part, email);
  const item = member(page, username);
  await expect(item).toContainText('尚未設定密碼');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'members');

  // The asset inventory granted: 填報 comes with it, 提報 does not; the boxes say so after
  // the list is read again.
  const fill = `填報：資通系統資產清冊（${username}）`;
  const submit = `提報：資通系統資產清冊（${username}）`;
  await expect(item.getByRole('checkbox', { name: submit })).toBeDisabled();
  await item.getByRole('checkbox', { name: `資通系統資產清冊（${username}）`, exact: true }).check();
  await expect(page.getByRole('status').filter({ hasText: `已更新 ${username}` })).toBeVisible();
  await page.reload();
  await expect(member(page, username).getByRole('checkbox', { name: `資通系統資產清冊（${username}）`, exact: true })).toBeChecked();
  await expect(member(page, username).getByRole('checkbox', { name: fill })).toBeChecked();
  await expect(member(page, username).getByRole('checkbox', { name: submit })).not.toBeChecked();

  // The holder, in a browser of their own: the link from the mail, a password, the authenticator.
  const holder = await (await openContext()).newPage();
  const body = await readMail(holder, email, '設定');
  expect(body).toContain(username);
  const link = new URL(body.match(/https?:\/\/\S+\/set-password\?token=\w+/)![0]);
  await setPassword(holder, { username, name: '王大同', email, password: PASSWORD, link: link.pathname + link.search });
  await signIn(holder, username, PASSWORD);
  const secret = await bindAuthenticator(holder);
  const bound = currentStep();
  // 填報 only: the sheet is editable, and 提報 is refused.
  await openHydrated(holder, '/assets');
  // The first visit asks for 同意授權; given, the principal's list says so.
  await expect(holder.getByTestId('consent')).toContainText('公務信箱');
  await expectAccessible(holder);
  await snapshot(holder, info, 'consent');
  await agreeToShare(holder);
  await expect(holder.getByRole('button', { name: '新增一列' })).toBeEnabled();
  await expect(holder.getByRole('button', { name: /提報/ })).toHaveCount(0);
  const sheet = await (await holder.request.get('/api/fn/get_inventory')).json();
  // The account page lists the consent; withdrawn there, the next visit asks again.
  await openHydrated(holder, '/account');
  const consents = holder.getByTestId('consents');
  await expect(consents).toContainText('資通系統資產清冊');
  await consents.getByRole('button', { name: '撤回對「資通系統資產清冊」的同意授權' }).click();
  await expect(consents).toContainText('您尚未同意授權任何系統');
  await openHydrated(holder, '/assets');
  await agreeToShare(holder);
  const refused = await holder.request.post('/api/fn/submit_inventory', { form: { org_id: String(sheet.org_id) } });
  expect(refused.status()).toBe(403);

  // Turned off, the holder's session ends at once; on again, they sign in.
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(member(page, username)).toContainText('已同意授權');
  await expect(member(page, username)).not.toContainText('尚未設定密碼');
  await member(page, username).getByRole('button', { name: `停用 ${username}` }).click();
  await expect(member(page, username)).toContainText('已停用');
  await holder.reload();
  await expect(holder).toHaveURL(/\/sign-in/);
  await member(page, username).getByRole('button', { name: `啟用 ${username}` }).click();
  await expect(member(page, username)).toContainText('啟用中');
  await signIn(holder, username, PASSWORD);
  await holder.getByLabel('驗證碼').fill(await codeAfter(secret, bound));
  await holder.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(holder.getByTestId('account-link')).toBeVisible();

  // 重設登入綁定 after a confirmation naming the account, and, minutes after the principal's
  // sign-in, a fresh verification asked in place (it lets whoever knows the holder's password
  // bind anew): the holder binds again next time.
  ageVerification(baseURL!, main.username);
  await member(page, username).getByRole('button', { name: `重設登入綁定：${username}` }).click();
  const asked = member(page, username).getByRole('group').filter({ hasText: '確定要重設' });
  await expect(asked).toContainText(`確定要重設 ${username} 的登入綁定嗎？`);
  await expectAccessible(page);
  await member(page, username).getByRole('button', { name: '確定重設' }).click();
  await expect(asked.getByTestId('step-up')).toBeVisible();
  await expect(asked).toContainText('重設子帳號的登入綁定前，請再次驗證身分');
  await expect(member(page, username)).not.toContainText('尚未綁定驗證方式');
  await snapshot(page, info, 'members-reset-step-up');
  await asked.getByTestId('step-up').getByLabel('驗證碼').fill(await codeAfter(main.secret, main.bound));
  await asked.getByTestId('step-up').getByRole('button', { name: '驗證' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已重設 ${username} 的登入綁定` })).toBeVisible();
  await expect(member(page, username)).toContainText('尚未綁定驗證方式');
  await holder.context().clearCookies();
  await signIn(holder, username, PASSWORD);
  await expect(holder).toHaveURL(/\/account\/bind$/);
  await holder.close();
});

test('@phone 子帳號管理 on a 360 px phone', async ({ page, baseURL }, info) => {
  test.setTimeout(90_000);
  await principal(page, baseURL!);
  await openMembers(page);
  const part = `p${randomBytes(3).toString('hex')}`;
  const username = await createMember(page, part, `${part}@school.edu.tw`);
  await expect(member(page, username)).toContainText('尚未設定密碼');
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await snapshot(page, info, 'members-phone');
});

test('a sub-account is not shown 子帳號管理 and is refused the page; its name without the code is hinted', async ({ page, baseURL }) => {
  const teacher = createAccount(baseURL!, { org: SCHOOL, role: 'user' });
  // Typed without what comes before the `_`, the sign-in reminds of the school code with a
  // fixed example, naming no account (the same for a name nobody has).
  await signIn(page, teacher.username.split('_')[1], teacher.password);
  const alert = page.getByTestId('password-form').getByRole('alert');
  await expect(alert).toContainText('例如 010300_myaccount');
  await expect(alert).not.toContainText(teacher.username);
  await setPassword(page, teacher);
  await signIn(page, teacher.username, teacher.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/account');
  await expect(page.getByRole('link', { name: '子帳號管理' })).toHaveCount(0);
  await page.goto('/members');
  await expect(page).not.toHaveURL(/\/members$/);
});

test('the main role is handed on to a successor after a fresh verification', async ({ page, browser, baseURL }, info) => {
  test.setTimeout(90_000);
  const main = await principal(page, baseURL!);
  const successor = createAccount(baseURL!, { org: SCHOOL, role: 'user' });
  const them = await browser.newPage({ baseURL: new URL(page.url()).origin });
  await setPassword(them, successor);
  await openMembers(page);
  const item = member(page, successor.username);
  await item.getByRole('button', { name: `移轉主帳號：${successor.username}` }).click();
  await expect(item.getByRole('group').filter({ hasText: '確定要把主帳號移轉給' })).toContainText('您的帳號會成為一般子帳號');
  // Minutes after the sign-in: the code is asked for first, then the transfer goes through.
  ageVerification(baseURL!, main.username);
  await item.getByRole('button', { name: '確定移轉' }).click();
  const stepUp = item.getByTestId('step-up');
  await expect(stepUp).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, info, 'members-transfer-step-up');
  await stepUp.getByLabel('驗證碼').fill(await codeAfter(main.secret, main.bound));
  await stepUp.getByRole('button', { name: '驗證', exact: true }).click();
  // Handed on: the old main account's page no longer offers 子帳號管理.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('link', { name: '子帳號管理' })).toHaveCount(0);
  // The successor signs in and finds it.
  await signIn(them, successor.username, successor.password);
  await bindAuthenticator(them);
  await openHydrated(them, '/account');
  await them.getByRole('link', { name: '子帳號管理' }).click();
  await expect(member(them, main.username)).toBeVisible();
  await expect(member(them, successor.username)).toContainText('主帳號');
  await them.close();
});

test('sub-accounts from a file: a bad row shown and nothing created, then the fixed file created whole', async ({ page, baseURL }, info) => {
  test.setTimeout(90_000);
  await principal(page, baseURL!);
  await openMembers(page);
  const tag = randomBytes(2).toString('hex');
  const header = '帳號,姓名,處室名稱,職稱,公務電話,分機,公務信箱\n';
  const row = (n: number, email = `f${tag}${n}@school.edu.tw`) => `f${tag}${n},王小${'明華英'[n % 3]},教務處,教師,02-2345-6789,${n},${email}\n`;
  const upload = async (text: string) => {
    await page.getByTestId('member-file').getByLabel('選擇檔案').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  };
  const card = page.getByTestId('member-file');
  await upload(header + row(1) + row(2, 'someone@gmail.com') + row(3));
  await expect(card.getByRole('status').filter({ hasText: '已檢查' })).toContainText('已檢查 3 列，其中 1 列需要修正');
  const bad = card.getByTestId('file-row').filter({ hasText: `f${tag}2` });
  await expect(bad).toContainText('公務信箱：');
  await expect(card.getByRole('button', { name: /建立這/ })).toHaveCount(0);
  await expectAccessible(page);
  await snapshot(page, info, 'members-file-problems');
  await expect(member(page, `${SCHOOL}_f${tag}1`)).toHaveCount(0);

  await upload(header + row(1) + row(2) + row(3));
  await expect(card.getByRole('status').filter({ hasText: '已檢查' })).toContainText('已檢查 3 列，都可以建立');
  // The CAPTCHA the single form asks, here too.
  await expect(card.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await card.getByRole('button', { name: '建立這 3 個子帳號並寄送驗證信' }).click();
  await expect(card.getByRole('status').filter({ hasText: '已建立' })).toContainText('已建立 3 個子帳號');
  for (const n of [1, 2, 3]) await expect(member(page, `${SCHOOL}_f${tag}${n}`)).toContainText('尚未設定密碼');
  await expectNoHorizontalScroll(page);
});

test('the central authority assigns a main account when its holder is gone', async ({ page, baseURL }, info) => {
  // A school of its own: the assignment replaces every main account there, and the other
  // tests' principals (in 011601) run at the same time.
  const heir = createAccount(baseURL!, { org: OWN_SCHOOL, role: 'user' });
  const central = createAccount(baseURL!);
  await setPassword(page, central);
  await signIn(page, central.username, central.password);
  await bindAuthenticator(page);
  await openHydrated(page, '/admin/org-admins');
  const form = page.getByTestId('assign-main');
  await form.getByRole('combobox', { name: '搜尋機關' }).fill(OWN_SCHOOL);
  await page.getByRole('option').first().click();
  await form.getByLabel('新主帳號的帳號').fill(heir.username);
  await form.getByRole('button', { name: '指定為主帳號' }).click();
  await expect(form.getByRole('status')).toContainText(`已將 ${heir.username} 指定為主帳號`);
  await expect(page.getByText(heir.username).first()).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, info, 'org-admins-assign');
});

test('@phone the holder asks for the set-password link again and the newer one works', async ({ page, baseURL }, info) => {
  test.setTimeout(90_000);
  await principal(page, baseURL!);
  await openMembers(page);
  const part = `r${randomBytes(3).toString('hex')}`;
  const email = `${part}@school.edu.tw`;
  const username = await createMember(page, part, email);
  await page.context().clearCookies();
  // From the sign-in page, as a holder whose mail went astray.
  await openHydrated(page, '/sign-in');
  await page.getByRole('link', { name: '尚未收到設定密碼的信？補寄驗證信' }).click();
  await expect(page).toHaveURL(/\/resend-link$/);
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  await page.getByLabel('姓名').fill('王大同');
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('電子郵件').fill(email);
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await page.getByRole('button', { name: '補寄驗證信' }).click();
  await expect(page.getByRole('status').filter({ hasText: '新的設定密碼連結已寄到' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'resend-link-sent');
  const body = await readMail(page, email, '設定');
  const link = new URL(body.match(/https?:\/\/\S+\/set-password\?token=\w+/)![0]);
  await setPassword(page, { username, name: '王大同', email, password: PASSWORD, link: link.pathname + link.search });
});
