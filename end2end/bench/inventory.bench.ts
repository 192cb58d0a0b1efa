import { execFileSync } from 'node:child_process';
import { expect, test } from '../tests/fixtures';
import { bindAuthenticator, setPassword, signIn, type Account } from '../tests/accounts';
import { fillSheet } from '../tests/sheets';
import { agreeToShare, openHydrated } from '../tests/helpers';
import { firstVisitBytes } from './bytes';

const ROWS = 10_000;
/** A fast fling: twenty rows a frame. */
const STEP_PX = 800;

function percentile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * q))];
}

test('inventory grid with 10,000 rows', async ({ page, baseURL }) => {
  const tag = Date.now().toString(36);
  const out = execFileSync(
    'target/release/gatehouse',
    ['create-user', '--role', 'user', '--grant', 'assets', '--org', '2.16.886.101.20003.20005', '--username', `bench_${tag}`, '--name', '測試', '--email', `bench_${tag}@test.gov.tw`],
    { cwd: '..', env: { ...process.env, DATABASE_URL: 'sqlite://target/bench-3200.db', RUST_LOG: 'warn' }, encoding: 'utf8' },
  );
  const link = new URL(out.split(/\s+/).find((w) => w.includes('/set-password?token='))!);
  const account: Account = { username: `bench_${tag}`, name: '測試', email: '', password: `Gh7!kPq2#wZx${tag.split('').join('.')}`, link: link.pathname + link.search };
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);
  // The grid's code is in its own chunk, downloaded only here (app/src/routes.rs).
  const gridPage = await firstVisitBytes(page, '/assets');
  // The first visit asks for 同意授權 (its bytes are the grid page's: the same chunks load).
  await agreeToShare(page);

  // 10,000 rows through the import and one save, as a user would bring them in.
  const { importMs, saveMs } = await fillSheet(page, baseURL!, ROWS);

  // The longest task in the page's main thread: the sheet taken into the grid and its view built.
  await page.addInitScript(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const started = performance.now();
  await openHydrated(page, '/assets');
  await expect(page.getByTestId('grid-status')).toContainText(`共 ${ROWS} 列`);
  const loadMs = performance.now() - started;
  // The rows into the grid's model: the first load's work in wasm once the sheet has arrived.
  // The rows are not checked again there: the server sends the problems it found in them.
  const checkMs = await page.evaluate(() => {
    const [start] = performance.getEntriesByName('gatehouse-inventory-rows-start');
    const [end] = performance.getEntriesByName('gatehouse-inventory-rows-end');
    return end.startTime - start.startTime;
  });
  // Where the load's time goes, from the navigation's start: the server's first byte, the
  // page, the sheet's own request (preloaded as the page arrives), and the rows' arrival in
  // the grid.
  const phases = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const [rows] = performance.getEntriesByName('gatehouse-inventory-rows-start');
    const sheets = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname === '/api/fn/get_inventory');
    const longest = (window as unknown as { longest: number }).longest;
    return {
      firstByte: nav.responseStart, page: nav.responseEnd, html: nav.encodedBodySize, rows: rows.startTime, parsed: nav.domContentLoadedEventEnd, longest,
      sheetStart: sheets[0]?.startTime ?? NaN, sheetEnd: sheets[0]?.responseEnd ?? NaN, sheetBytes: sheets[0]?.encodedBodySize ?? NaN, sheetRequests: sheets.length,
    };
  });
  const rendered = await page.getByTestId('grid-row').count();

  // Scrolling: from the first row to the last, STEP_PX a frame, each frame's time. The whole
  // grid in the window first, as a person scrolls the page to it.
  const scroller = page.getByTestId('grid-scroller');
  await scroller.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const frames: number[] = await scroller.evaluate(async (el, step) => {
    const times: number[] = [];
    let last = performance.now();
    while (el.scrollTop < el.scrollHeight - el.clientHeight - 1) {
      el.scrollTop += step;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  }, STEP_PX);
  // The trip really ended at the last row.
  await expect(page.getByRole('rowheader', { name: String(ROWS), exact: true })).toBeInViewport();
  const total = frames.reduce((a, b) => a + b, 0);
  frames.sort((a, b) => a - b);

  console.log(`\n## Inventory grid in Chromium (${ROWS} rows, release build)`);
  console.log(`import CSV (HTTP, read + check): ${importMs.toFixed(0)} ms; save ${ROWS} new rows: ${saveMs.toFixed(0)} ms`);
  console.log(`page load to ready grid: ${loadMs.toFixed(0)} ms (target 500); rows into the grid in wasm, checked by the server: ${checkMs.toFixed(1)} ms (target 10)`);
  console.log(`  of which: server's first byte ${phases.firstByte.toFixed(0)} ms, page received ${phases.page.toFixed(0)} ms (${(phases.html / 1024).toFixed(0)} KB compressed), DOM parsed ${phases.parsed.toFixed(0)} ms; the sheet's request ${phases.sheetStart.toFixed(0)}–${phases.sheetEnd.toFixed(0)} ms (${(phases.sheetBytes / 1024).toFixed(0)} KB compressed, ${phases.sheetRequests} request); rows taken into the grid at ${phases.rows.toFixed(0)} ms; longest task ${phases.longest.toFixed(0)} ms`);
  console.log(`rows in the page: ${rendered} of ${ROWS}`);
  console.log(`first visit of the grid page, signed in, empty grid: ${gridPage.line}`);
  console.log(`scroll from row 1 to row ${ROWS}: ${frames.length} frames of ${STEP_PX} px in ${(total / 1000).toFixed(1)} s, over 33 ms: ${frames.filter((f) => f > 33.4).length}`);
  console.log(`scroll frame time: p50 ${percentile(frames, 0.5).toFixed(1)} ms  p95 ${percentile(frames, 0.95).toFixed(1)} ms  max ${frames[frames.length - 1].toFixed(1)} ms`);
  expect(rendered).toBeLessThan(100);
});
