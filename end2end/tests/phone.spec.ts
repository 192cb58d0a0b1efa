import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated } from './helpers';

test('@phone every directory page fits 360 px', async ({ page }) => {
  for (const path of ['/', '/directory?q=%E5%9C%8B', '/directory/tree', '/directory/tree?at=2.16.886.101.20003.20005', '/org/2.16.886.101.20003.20005', '/dev/picker']) {
    await openHydrated(page, path);
    await expectNoHorizontalScroll(page);
  }
});

test('@phone search and open a result on a phone', async ({ page }) => {
  await openHydrated(page, '/directory');
  await page.getByLabel('查詢機關').fill('新園');
  const link = page.getByTestId('result-name').filter({ hasText: '縣立新園國小' });
  await link.tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('縣立新園國小');
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});
