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

// Each area's pages are a chunk of the split wasm (app/src/routes.rs). When a chunk cannot load
// (a new release removed the old names, or the network dropped it), the page the user was going
// to is loaded afresh, once, and works, instead of the app staying half-alive.
test('@optimized a page whose chunk fails to load reloads and then works', async ({ page, allowConsoleError }) => {
  allowConsoleError(/load callback should succeed|unreachable|Failed to load resource|Failed to fetch|panicked/i);
  // From a hydrated page of another area (light pages have no router: every link loads anew).
  await openHydrated(page, '/request-main-account');
  let refused = '';
  await page.route(/\/pkg\/split_directory_area_[^/]*\.wasm$/, async (route) => {
    if (refused) return route.continue();
    refused = route.request().url();
    await route.abort('failed');
  });
  const reloaded = page.waitForEvent('load');
  await page.locator('header a[href="/directory"]').click();
  await reloaded;
  expect(refused).not.toBe('');
  await expect(page).toHaveURL(/\/directory$/);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  // Live: the results follow the typing, by the wasm.
  await page.getByLabel('查詢機關').pressSequentially('台北市政府');
  await expect(page.getByTestId('result-name').filter({ hasText: /^臺北市政府$/ })).toBeVisible();
});
