import { expect, test } from './fixtures';
import { openHydrated } from './helpers';

test('keyboard only: skip link, search, open a result', async ({ page }) => {
  await openHydrated(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要內容' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // From the main landmark, the next stop is the search box.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('查詢機關')).toBeFocused();
  await page.keyboard.type('教育部');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/directory\?q=/);
  const first = page.getByTestId('result-name').filter({ hasText: /^教育部$/ });
  await expect(first).toBeVisible();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('教育部');
});
