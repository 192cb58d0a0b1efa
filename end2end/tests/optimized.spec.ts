import { expect, test } from './fixtures';
import { openHydrated } from './helpers';

// Runs against the site whose wasm went through wasm-opt with the release flags
// (scripts/optimized-site.sh): the optimized module must start and work, as it once did not.
// An error it throws fails the test (./fixtures).
test('@optimized the optimized wasm starts and runs the page', async ({ page }) => {
  await openHydrated(page, '/directory');
  await page.getByLabel('查詢機關').pressSequentially('台北市政府');
  await expect(page.getByTestId('result-name').filter({ hasText: /^臺北市政府$/ })).toBeVisible();
});
