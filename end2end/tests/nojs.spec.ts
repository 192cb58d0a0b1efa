import { expect, test } from './fixtures';

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
