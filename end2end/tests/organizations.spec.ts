import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, lightCaptchaSolved, openHydrated, snapshot } from './helpers';
import { bindAuthenticator, createAccount, newSchool, readMail, setPassword, signIn } from './accounts';

// Organizations as SPEC §1 and §4 run them: a school without a main account asks for one and
// the central authority creates it; anyone asks who administers a school; the central
// authority turns an organization off and its teachers cannot sign in.

const PASSWORD = 'Kettle7Lantern42';

async function centralSignedIn(page: Page, baseURL: string) {
  const central = createAccount(baseURL);
  await setPassword(page, central);
  await signIn(page, central.username, central.password);
  await bindAuthenticator(page);
}

async function pickOrg(page: Page, scope: ReturnType<Page['getByTestId']>, code: string) {
  await scope.getByRole('combobox', { name: '搜尋機關' }).fill(code);
  await page.getByRole('option').filter({ hasText: code }).first().click();
}

test('a school asks for its main account, the central authority creates it, and the holder signs in to 子帳號管理', async ({ page, openContext, baseURL }, info) => {
  test.setTimeout(120_000);
  const { code: school } = newSchool(baseURL!);
  const part = `p${randomBytes(2).toString('hex')}`;
  const username = `${school}_${part}`;
  const email = `${part}@school.edu.tw`;

  // From the sign-in page, as a principal whose school has no main account.
  await openHydrated(page, '/sign-in');
  await page.getByRole('link', { name: '申請學校主帳號' }).click();
  await expect(page).toHaveURL(/\/request-main-account$/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  const form = page.getByTestId('main-request');
  await pickOrg(page, form, school);
  await form.getByLabel('帳號').fill('x');
  await expect(form.locator('#request-part-error')).toContainText('2');
  await form.getByLabel('帳號').fill(part);
  await form.getByLabel('真實姓名').fill('張校長');
  await form.getByLabel('公務信箱').fill(email);
  await form.getByLabel('職稱').fill('校長');
  await form.getByLabel('部門名稱').fill('校長室');
  await form.getByLabel('公務電話').fill('08-868-1113');
  await form.getByLabel('分機（選填）').fill('101');
  await expect(form.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true');
  await form.getByRole('button', { name: '送出申請' }).click();
  await expect(form.getByRole('status').filter({ hasText: '已送出申請' })).toContainText(username);
  await expectAccessible(page);
  await snapshot(page, info, 'main-request-sent');

  // The central authority creates it from 機關管理.
  const admin = await (await openContext()).newPage();
  await centralSignedIn(admin, baseURL!);
  await openHydrated(admin, '/admin/organizations');
  const row = admin.getByTestId('main-request-row').filter({ hasText: username });
  await expect(row).toContainText('張校長');
  await expectAccessible(admin);
  await snapshot(admin, info, 'admin-organizations-request');
  await row.getByRole('button', { name: '建立主帳號' }).click();
  await expect(admin.getByTestId('main-requests').getByRole('status')).toContainText(`已處理 ${username} 的申請`);
  await expect(admin.getByTestId('main-request-row').filter({ hasText: username })).toHaveCount(0);
  await admin.close();

  // The holder activates it by mail and manages the school's accounts.
  const body = await readMail(page, email, '設定');
  expect(body).toContain(username);
  const link = new URL(body.match(/https?:\/\/\S+\/set-password\?token=\w+/)![0]);
  await setPassword(page, { username, name: '張校長', email, password: PASSWORD, link: link.pathname + link.search });
  await signIn(page, username, PASSWORD);
  await bindAuthenticator(page);
  await openHydrated(page, '/account');
  await page.getByRole('link', { name: '子帳號管理' }).click();
  await expect(page.getByRole('heading', { name: '子帳號管理' })).toBeVisible();
  await page.getByRole('link', { name: '收件紀錄' }).click();
  await expect(page.getByRole('heading', { name: '收件紀錄' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expectAccessible(page);
});

test('@phone anyone finds who administers a school, its office contact masked', async ({ page }, info) => {
  // A light page: the search is a plain form whose answer lists organizations to pick.
  await openHydrated(page, '/who-administers');
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  await page.getByLabel('搜尋機關').fill('育才國小');
  await page.getByRole('button', { name: '搜尋' }).click();
  await expect(page.getByLabel('搜尋機關')).toHaveValue('育才國小');
  await snapshot(page, info, 'who-administers-choices');
  await expectAccessible(page);
  await page.getByTestId('org-choices').getByRole('link', { name: /私立育才國小/ }).click();
  await expect(page).toHaveURL(/\/who-administers\?org=011601&name=/);
  await expect(page.getByLabel('搜尋機關')).toHaveValue('');
  // The organization page links to the same address.
  await openHydrated(page, '/org/011601');
  // The demo school's main account (陳美玲, 校長室) has an office phone on record.
  await page.getByRole('link', { name: '查詢機關管理者' }).click();
  await expect(page).toHaveURL(/\/who-administers\?org=011601&name=/);
  await expect(page.locator('body[data-light="true"]')).toHaveCount(1);
  const form = page.getByTestId('admins-lookup');
  await expect(form.getByLabel('機關代號')).toHaveValue('011601');
  await expect(form.getByLabel('機關名稱')).toHaveValue('私立育才國小');
  // A code that names nothing: said at the field by the server, kept, and focused.
  await form.getByLabel('機關代號').fill('999999');
  await lightCaptchaSolved(page);
  await form.getByRole('button', { name: '查詢' }).click();
  await expect(page.locator('#lookup-org-code-error')).not.toBeEmpty();
  await expect(form.getByLabel('機關代號')).toHaveValue('999999');
  await expect(form.getByLabel('機關代號')).toBeFocused();
  await form.getByLabel('機關代號').fill('011601');
  await lightCaptchaSolved(page);
  await form.getByRole('button', { name: '查詢' }).click();
  const found = page.getByTestId('admins-found');
  await expect(found.getByRole('heading')).toContainText('育才國小');
  const card = found.getByTestId('admin-contact').filter({ hasText: '陳美玲' });
  await expect(card).toContainText('校長室');
  await expect(card).toContainText('(02)******30 #101');
  await expect(card).toContainText('p********@demo.edu.tw');
  await expect(found).not.toContainText('011601_principal');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await snapshot(page, info, 'who-administers-found');
});

test('the central authority turns a school off: its teacher is signed out and refused, then back on', async ({ page, openContext, baseURL }) => {
  test.setTimeout(120_000);
  const { code: school, name } = newSchool(baseURL!);
  const teacher = createAccount(baseURL!, { org: school, role: 'user' });
  await setPassword(page, teacher);
  await signIn(page, teacher.username, teacher.password);
  await bindAuthenticator(page);

  const admin = await (await openContext()).newPage();
  await centralSignedIn(admin, baseURL!);
  await openHydrated(admin, '/admin/organizations');
  const status = admin.getByTestId('org-status');
  await pickOrg(admin, status, school);
  await status.getByRole('button', { name: '停用這個機關' }).click();
  await expect(status.getByRole('button', { name: `啟用 ${name}` })).toBeVisible();
  await expectAccessible(admin);

  // The teacher's session ends at its next request; signing in again is refused.
  await openHydrated(page, '/account');
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, teacher.username, teacher.password);
  await expect(page.getByRole('alert').filter({ hasText: '帳號或密碼錯誤' })).toBeVisible();

  // On again, from the list.
  await status.getByRole('button', { name: `啟用 ${name}` }).click();
  await expect(status.getByRole('button', { name: `啟用 ${name}` })).toHaveCount(0);
  await admin.close();
  await signIn(page, teacher.username, teacher.password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
});

test('the central authority checks, then imports, a school list from 機關管理, refused rows shown by line', async ({ page, baseURL }, info) => {
  await centralSignedIn(page, baseURL!);
  await openHydrated(page, '/admin/organizations');
  const card = page.getByTestId('directory-import');
  const tag = randomBytes(3);
  const code = `8${String(tag.readUIntBE(0, 3) % 100_000).padStart(5, '0')}`;
  const csv = `代碼,學校名稱,公/私立,縣市名稱,地址,電話,網址\n${code},匯入國小${tag.toString('hex')},公立,[31]臺北市,[105]臺北市松山區,(02)27000000,\n12,短代碼國小,公立,[31]臺北市,,,\n`;
  const send = async () => {
    await card.getByLabel('選擇檔案').setInputFiles({ name: 'schools.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  };
  // Checked first (the box is ticked): nothing written.
  await expect(card.getByLabel('只檢查，不寫入')).toBeChecked();
  await send();
  const report = card.getByTestId('import-report');
  await expect(report).toContainText('教育部學校名錄（只檢查，未寫入）：將新增 1 筆');
  await expect(report.getByTestId('import-rejected')).toContainText('學校代碼「12」');
  await expect(report.getByTestId('import-rejected').locator('td').first()).toHaveText('3');
  await expectAccessible(page);
  await snapshot(page, info, 'directory-import-checked');
  await card.getByLabel('只檢查，不寫入').uncheck();
  await send();
  await expect(report).toContainText('教育部學校名錄：新增 1 筆、更新 0 筆、未變更 0 筆、拒絕 1 筆');
  // The school is in the directory now.
  await openHydrated(page, `/org/${code}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('匯入國小');
});
