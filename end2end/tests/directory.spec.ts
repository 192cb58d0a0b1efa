import { expect, test } from './fixtures';
import { expectAccessible, openHydrated } from './helpers';

const results = (page) => page.getByTestId('results');

test('search by name follows the typing, 台 finding 臺', async ({ page }) => {
  await openHydrated(page, '/directory');
  await page.getByLabel('查詢機關').pressSequentially('台北市政府');
  await expect(page.getByTestId('result-name').filter({ hasText: /^臺北市政府$/ })).toBeVisible();
  await expect(page).toHaveURL(/\/directory\?q=/);
  await expectAccessible(page);
});

test('search by full and partial OID', async ({ page }) => {
  await openHydrated(page, '/directory');
  const box = page.getByLabel('查詢機關');
  await box.fill('2.16.886.101.20003.20005');
  await expect(results(page).locator('li').first()).toContainText('教育部');
  await expect(results(page).locator('li').first()).toContainText('行政院');
  await box.fill('2.16.886.101.20003.2000');
  await expect(page.getByTestId('result-name').filter({ hasText: /^教育部$/ })).toBeVisible();
});

test('search by school code', async ({ page }) => {
  await openHydrated(page, '/directory');
  await page.getByLabel('查詢機關').fill('313601');
  await expect(page.getByTestId('result-name').filter({ hasText: '市立松山國小' })).toBeVisible();
});

test('a malformed OID is explained at the field as it is typed', async ({ page }) => {
  await openHydrated(page, '/directory');
  const box = page.getByLabel('查詢機關');
  await box.pressSequentially('2.16..8');
  await expect(page.locator('#q-error')).toContainText('第 3 段');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await box.fill('2.16.886');
  await expect(page.locator('#q-error')).toHaveText('');
  await expect(box).toHaveAttribute('aria-invalid', 'false');
});

test('tree: down through a county arc to an organization and back by breadcrumbs', async ({ page }) => {
  await openHydrated(page, '/directory/tree');
  await page.getByTestId('tree').getByRole('link', { name: '苗栗縣', exact: true }).click();
  const crumbs = page.getByRole('navigation', { name: '目前位置' });
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('苗栗縣');
  await page.getByTestId('tree').getByRole('link', { name: '苗栗縣政府' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('苗栗縣政府');
  await page.getByRole('link', { name: '在機關樹中檢視' }).click();
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('苗栗縣政府');
  await crumbs.getByRole('link', { name: '苗栗縣' }).click();
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('苗栗縣');
  await expectAccessible(page);
});

test('a renamed OID leads to its successor', async ({ page }) => {
  await openHydrated(page, '/org/2.16.886.101.20003.20014');
  await expect(page.getByRole('note')).toContainText('已更名為');
  await page.getByTestId('successor').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('衛生福利部');
  await expectAccessible(page);
});

test('the language switch is remembered', async ({ page }) => {
  await openHydrated(page, '/directory');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find an organization');
  await page.goto('/directory/tree');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organization tree');
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
});
