import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { lightCaptchaSolved, openHydrated } from './helpers';
import { HTTPS, httpsCliEnv, httpsDatabaseUrl } from './https_site';

/** The database behind the server a test talks to, from its port (see playwright.config.ts). */
function databaseFor(baseURL: string): string {
  const port = new URL(baseURL).port;
  // The benchmarks' release server (bench.config.ts).
  if (port === '3200') return `sqlite://target/bench-${port}.db`;
  if (port === '3101') {
    const url = process.env.GATEHOUSE_E2E_PG_URL;
    if (!url) throw new Error('GATEHOUSE_E2E_PG_URL is not set');
    return url;
  }
  // The two servers behind nginx (tests/https_site.ts).
  if (port === String(HTTPS.port)) return httpsDatabaseUrl();
  return `sqlite://target/e2e-${port}.db`;
}

/**
 * The environment of a `gatehouse` command acting on the installation of the server at
 * `baseURL`: its database, and behind nginx also its secret key and public address, as an
 * operator's shell would have them.
 */
function cliEnv(baseURL: string): NodeJS.ProcessEnv {
  const own = new URL(baseURL).port === String(HTTPS.port) ? httpsCliEnv() : { DATABASE_URL: databaseFor(baseURL) };
  return { ...process.env, ...own, RUST_LOG: 'warn' };
}

export interface Account {
  username: string;
  name: string;
  email: string;
  password: string;
  /** Path and query of the one-time set-password link. */
  link: string;
}

/** Who to create: by default a central-authority account. */
export interface NewAccount {
  org?: string;
  role?: 'org_admin' | 'user';
  grants?: string[];
}

/**
 * A new account made the way an operator does it: `gatehouse create-admin` (or `create-user`
 * for an organization's accounts), which prints the link.
 */
export function createAccount(baseURL: string, who: NewAccount = {}): Account {
  const tag = randomBytes(4).toString('hex');
  // The tag's characters apart, so a random tag never makes a run the password rules refuse
  // (`bcde`, `8765`).
  const password = `Gh7!kPq2#wZx${tag.split('').join('.')}`;
  const account = { username: `e2e_${tag}`, name: `測試${tag}`, email: `e2e_${tag}@test.gov.tw`, password };
  const command = who.role ? ['create-user', '--role', who.role, ...(who.grants ?? []).flatMap((g) => ['--grant', g])] : ['create-admin'];
  // The benchmarks' server is the release build, which a benchmark run may have alone.
  const binary = new URL(baseURL).port === '3200' ? 'target/release/gatehouse' : 'target/debug/gatehouse';
  const out = execFileSync(
    binary,
    [...command, '--org', who.org ?? '2.16.886.101.20003', '--username', account.username, '--name', account.name, '--email', account.email],
    { cwd: '..', env: cliEnv(baseURL), encoding: 'utf8' },
  );
  const url = out.split(/\s+/).find((w) => w.includes('/set-password?token='));
  if (!url) throw new Error(`no link in: ${out}`);
  const parsed = new URL(url);
  return { ...account, link: parsed.pathname + parsed.search };
}

function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The current TOTP time step. */
export function currentStep(): number {
  return Math.floor(Date.now() / 1000 / 30);
}

/**
 * A code for the step after `used` (the last step the server accepted), waiting until the
 * clock is close enough for the server's one step of skew to take it: a code is good once,
 * so a test that signs in twice and then verifies again needs a later step.
 */
export async function codeAfter(secret: string, used: number): Promise<string> {
  while (currentStep() < used) await new Promise((r) => setTimeout(r, 500));
  return totp(secret, used + 1 - currentStep());
}

/** RFC 6238 with SHA-1, 6 digits, 30 s, computed independently of the server's code. */
export function totp(secret: string, stepOffset = 0): string {
  const step = currentStep() + stepOffset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[19] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

/** Sets the first password from the account's link. */
export async function setPassword(page: Page, account: Account) {
  await openHydrated(page, account.link);
  await page.getByLabel('新密碼', { exact: true }).fill(account.password);
  await expect(page.getByTestId('strength')).toContainText('強');
  await page.getByLabel('確認新密碼').fill(account.password);
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '密碼已設定' })).toBeVisible();
}

/** Username, password, and waits for the CAPTCHA's proof of work before sending. */
export async function signIn(page: Page, username: string, password: string) {
  await openHydrated(page, '/sign-in');
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('密碼', { exact: true }).fill(password);
  await lightCaptchaSolved(page);
  await page.getByRole('button', { name: '登入', exact: true }).click();
}

/** Binds the authenticator shown on the binding page; returns its secret. */
export async function bindAuthenticator(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/account\/bind$/);
  const uri = await page.getByTestId('totp-qr').getAttribute('data-uri');
  const secret = new URL(uri!.replace('otpauth://', 'http://')).searchParams.get('secret')!;
  const shown = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  expect(shown).toBe(secret);
  await page.getByLabel('驗證碼').fill(totp(secret));
  await page.getByRole('button', { name: '完成綁定' }).click();
  await expect(page).toHaveURL(/\/$/);
  return secret;
}

/** The newest development-mailbox message to `email` whose subject contains `subject`. */
export async function readMail(page: Page, email: string, subject: string): Promise<string> {
  await openHydrated(page, '/dev/mailbox');
  const mail = page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').filter({ hasText: email }) }).filter({ hasText: subject }).first();
  return mail.getByTestId('mail-body').innerText();
}

/** A registered contact (既有聯絡人) on record for an organization. */
export interface Contact {
  name: string;
  /** The name as the application's list shows it. */
  masked: string;
  email: string;
  mobile: string;
  title: string;
}

/**
 * A new registered contact of `org`, loaded the way the central authority does it: a contacts
 * file through `gatehouse import`. The name's first and last characters are random, so that
 * its masked form is this test's own.
 */
export function registerContact(baseURL: string, org: string): Contact {
  const tag = randomBytes(4);
  const han = (b: number) => String.fromCodePoint(0x4e00 + ((b * 97 + tag[3]) % 0x4000));
  const name = `${han(tag[0])}小${han(tag[1])}`;
  const contact = {
    name,
    masked: `${name[0]}○${name[2]}`,
    email: `contact_${tag.toString('hex')}@test.edu.tw`,
    mobile: `09${String(tag.readUInt32BE(0) % 100_000_000).padStart(8, '0')}`,
    title: '資訊組長',
  };
  const file = join(mkdtempSync(join(tmpdir(), 'contacts-')), 'contacts.csv');
  writeFileSync(file, `機關代號,姓名,電子郵件,手機,職稱,單位\n${org},${contact.name},${contact.email},${contact.mobile},${contact.title},教務處\n`);
  const out = execFileSync('target/debug/gatehouse', ['import', file], {
    cwd: '..',
    env: cliEnv(baseURL),
    encoding: 'utf8',
  });
  if (!out.includes('1 added')) throw new Error(`the contact was not added: ${out}`);
  return contact;
}

/**
 * A new school of its own in the directory, imported as the Ministry's school list is
 * (`gatehouse import`): a test that turns it off or gives it a main account touches nobody
 * else's.
 */
export function newSchool(baseURL: string): { code: string; name: string } {
  const tag = randomBytes(3);
  const code = `9${String(tag.readUIntBE(0, 3) % 100_000).padStart(5, '0')}`;
  const name = `測試國小${tag.toString('hex')}`;
  const file = join(mkdtempSync(join(tmpdir(), 'schools-')), 'schools.csv');
  writeFileSync(file, `代碼,學校名稱,公/私立,縣市名稱,地址,電話,網址\n${code},${name},公立,[31]臺北市,[105]臺北市松山區,(02)27000000,\n`);
  const out = execFileSync('target/debug/gatehouse', ['import', file], {
    cwd: '..',
    env: cliEnv(baseURL),
    encoding: 'utf8',
  });
  if (!out.includes('1 added')) throw new Error(`the school was not added: ${out}`);
  return { code, name };
}

/**
 * `applications` made-up organization admins' applications waiting for the central authority,
 * `admins` made-up organization admins and `failedMail` messages the outbox gave up on
 * (`gatehouse demo --applications N --admins M --failed-mail K`).
 */
export function seedApplications(baseURL: string, applications: number, admins = 0, failedMail = 0) {
  const args = ['demo', '--applications', String(applications), '--admins', String(admins), '--failed-mail', String(failedMail)];
  execFileSync('target/debug/gatehouse', args, {
    cwd: '..',
    env: cliEnv(baseURL),
    encoding: 'utf8',
  });
}

/** Runs `sql` on the database of the e2e server at `baseURL`. */
function runSql(baseURL: string, sql: string) {
  const port = new URL(baseURL).port;
  const database = databaseFor(baseURL);
  if (database.startsWith('postgres')) {
    execFileSync('psql', [database, '-qc', sql]);
  } else {
    execFileSync('python3', ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()', `../target/e2e-${port}.db`, sql]);
  }
}

/** The first column of `sql`'s rows on the e2e server's database, one line each. */
export function querySql(baseURL: string, sql: string): string[] {
  const port = new URL(baseURL).port;
  const database = databaseFor(baseURL);
  const out =
    database.startsWith('postgres')
      ? execFileSync('psql', [database, '-tAc', sql])
      : execFileSync('python3', ['-c', 'import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])]', `../target/e2e-${port}.db`, sql]);
  return out.toString().split('\n').filter((line) => line !== '');
}

export const ofUser = (username: string) => `user_id = (SELECT id FROM users WHERE username = '${username}')`;

/**
 * Moves every session's last verification of `username` six minutes back, past the step-up's
 * five, as if the user had signed in a while ago (the database of the server at `baseURL`).
 */
export function ageVerification(baseURL: string, username: string) {
  runSql(baseURL, `UPDATE sessions SET verified_at = verified_at - 360 WHERE ${ofUser(username)}`);
}

/** Ends the 5 minutes of every one-time code of `username`, as if the user had waited. */
export function expireCodes(baseURL: string, username: string) {
  runSql(baseURL, `UPDATE one_time_codes SET expires_at = created_at - 1 WHERE ${ofUser(username)}`);
}

/** Solves the CAPTCHA's proof of work as the page's wasm would (see `accounts::captcha`). */
export async function solvedCaptcha(page: Page): Promise<string> {
  const challenge = await (await page.request.get('/api/fn/new_captcha')).json();
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${challenge.salt}:${n}`).digest();
    let bits = 0;
    for (const byte of digest) {
      if (byte === 0) { bits += 8; continue; }
      bits += Math.clz32(byte) - 24;
      break;
    }
    if (bits >= challenge.bits) return `${challenge.token}:${n}`;
  }
}

/**
 * An account with its password set and its authenticator bound, made over HTTP: the pages
 * that do it in a browser (設定密碼, 綁定) still need the wasm. Returns its TOTP secret and
 * the time step its binding used.
 */
export async function boundAccount(page: Page, baseURL: string, signedIn: () => Promise<void> = async () => {}, who: NewAccount = {}) {
  const account = createAccount(baseURL, who);
  const token = new URL(account.link, baseURL).searchParams.get('token')!;
  const post = (fn: string, form: Record<string, string>) => page.request.post(`/api/fn/${fn}`, { form });
  expect((await post('set_password', { token, password: account.password, confirm: account.password })).status()).toBe(200);
  const first = await post('sign_in', { username: account.username, password: account.password, captcha: await solvedCaptcha(page) });
  expect(first.status()).toBe(200);
  const offer = await (await post('offer_totp', {})).json();
  const secret = new URL(offer.uri.replace('otpauth://', 'http://')).searchParams.get('secret')!;
  const used = currentStep();
  expect((await post('confirm_totp', { code: totp(secret) })).status()).toBe(200);
  await signedIn();
  await page.context().clearCookies();
  return { account, secret, used };
}

/** 申請帳號's account step filled in, not sent: the username, the password twice, and the
 * office details. */
export async function fillAccountStep(page: Page, username: string) {
  await page.getByLabel('帳號', { exact: true }).fill(username);
  await page.getByLabel('新密碼', { exact: true }).fill('Kettle7Lantern42');
  await page.getByLabel('確認新密碼').fill('Kettle7Lantern42');
  await page.getByLabel('職稱').fill('科員');
  await page.getByLabel('部門名稱').fill('資訊室');
  await page.getByLabel('公務電話').fill('02-2345-6789');
}
