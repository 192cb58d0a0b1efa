import { expect, test } from '../tests/fixtures';
import { openHydrated } from '../tests/helpers';
import { firstVisitBytes, kb } from './bytes';

// Issue 14's page weights: what a first visit with an empty cache transfers, per page, against
// the target of 250 KB. The release site is split into a chunk per page (app/src/routes.rs),
// so each page downloads the shell and its own code. Every visit also proves that the split
// release site hydrates (openHydrated) without an error in the console (../tests/fixtures).

const TARGET = 250 * 1024;
const PAGES = ['/sign-in', '/', '/directory', '/directory/tree', '/org/2.16.886.101.20003.20005', '/apply', '/forgot-password'];

test('first-visit bytes per page, and the split release site works', async ({ page }) => {
  console.log('\n## Page weight (release build, Chromium, first visit with an empty cache; target ≤ 250 KB)');
  for (const path of PAGES) {
    const { total, line } = await firstVisitBytes(page, path);
    console.log(`${path.padEnd(34)} ${line} ${total <= TARGET ? 'meets' : 'MISSES'} the target`);
  }

  // Moving between hydrated pages in the browser loads the next page's chunk on the way (home
  // is a light page, which every link leaves by a full load: this starts from another area).
  await openHydrated(page, '/request-main-account');
  const chunks: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) chunks.push(r.url());
  });
  await page.locator('header a[href="/directory"]').click();
  await expect(page).toHaveURL(/\/directory$/);
  await page.getByLabel('查詢機關').pressSequentially('台北市政府');
  await expect(page.getByTestId('result-name').filter({ hasText: /^臺北市政府$/ })).toBeVisible();
  console.log(`申請學校主帳號 → directory in the browser: ${chunks.length} more wasm files`);
});
