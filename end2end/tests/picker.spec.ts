import { expect, test } from './fixtures';
import { expectAccessible, openHydrated } from './helpers';

test('choosing with the keyboard fills 機關代號 and 機關名稱', async ({ page }) => {
  await openHydrated(page, '/dev/picker');
  const combo = page.getByRole('combobox', { name: '搜尋機關' });
  await combo.pressSequentially('國民及學前');
  await expect(page.getByRole('option').first()).toContainText('教育部國民及學前教育署');
  await expect(combo).toHaveAttribute('aria-expanded', 'true');
  await combo.press('ArrowDown');
  await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await combo.press('Enter');
  await expect(page.getByLabel('機關代號')).toHaveValue('2.16.886.101.20003.20005.20097');
  await expect(page.getByLabel('機關名稱')).toHaveValue('教育部國民及學前教育署');
  await expect(combo).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: '送出' }).click();
  await expect(page.getByTestId('submitted')).toHaveText('已送出：機關代號 2.16.886.101.20003.20005.20097，機關名稱 教育部國民及學前教育署');
  await expectAccessible(page);
});

test('choosing with the mouse, and a school by its code', async ({ page }) => {
  await openHydrated(page, '/dev/picker');
  await page.getByRole('combobox', { name: '搜尋機關' }).pressSequentially('011601');
  await page.getByRole('option', { name: /私立育才國小/ }).click();
  await expect(page.getByLabel('機關代號')).toHaveValue('011601');
  await expect(page.getByLabel('機關名稱')).toHaveValue('私立育才國小');
});

test('a hand-typed 機關代號 is checked as an OID', async ({ page }) => {
  await openHydrated(page, '/dev/picker');
  const code = page.getByLabel('機關代號');
  await code.fill('2.16.886.0101');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#org-code-error')).toContainText('第 4 段');
});
