import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openHydrated } from './helpers';
import { bindAuthenticator, createAccount, setPassword, signIn, type NewAccount } from './accounts';
import { fillSheet } from './sheets';

// The grid as a person sees it, with as many rows as a large organization has. Each test has
// its own organization, so the projects that share a database do not share a sheet.
const ROWS = 10_000;

async function withSheet(page: Page, baseURL: string, who: NewAccount, rows: number) {
  const account = createAccount(baseURL, who);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);
  // Agreed to the consent as well, through the API.
  await fillSheet(page, baseURL, rows);
  await openHydrated(page, '/assets');
  await expect(page.getByTestId('grid-status')).toContainText(`共 ${rows} 列`);
}

async function scrollState(scroller: Locator) {
  return scroller.evaluate((el) => ({ top: el.scrollTop, max: el.scrollHeight - el.clientHeight, height: el.scrollHeight }));
}

/**
 * Drags the vertical scrollbar's thumb, as a person does, from where it is to the far end of
 * the track. Chromium's scrollbar (Linux): arrow buttons as tall as the bar is wide, 4 px
 * between them and the track's ends, and a thumb at least 18 px long.
 */
async function dragScrollbar(page: Page, scroller: Locator, to: 'top' | 'bottom') {
  const box = (await scroller.boundingBox())!;
  const { top, max, height } = await scrollState(scroller);
  const bar = await scroller.evaluate((el) => ({ width: el.offsetWidth - el.clientWidth, bottom: el.offsetHeight - el.clientHeight, client: el.clientHeight }));
  expect(bar.width, 'the grid has a vertical scrollbar to drag').toBeGreaterThan(0);
  const trackTop = box.y + bar.width + 4;
  const trackBottom = box.y + box.height - bar.bottom - bar.width - 4;
  const thumb = Math.max(18, ((trackBottom - trackTop) * bar.client) / height);
  const thumbY = trackTop + thumb / 2 + (trackBottom - trackTop - thumb) * (top / max);
  const x = box.x + box.width - bar.width / 2;
  const end = to === 'top' ? trackTop - 10 : trackBottom + 10;
  await page.mouse.move(x, thumbY);
  await page.mouse.down();
  await page.mouse.move(x, end, { steps: 12 });
  // Held at the end until the scroll has followed: a busy page may still be catching up
  // with the last moves, and letting go early would stop the thumb short.
  await expect
    .poll(async () => {
      await page.mouse.move(x, end + (to === 'top' ? -1 : 1));
      await page.mouse.move(x, end);
      const s = await scrollState(scroller);
      return to === 'top' ? s.top : s.max - s.top;
    }, { timeout: 10_000 })
    .toBeLessThanOrEqual(1);
  await page.mouse.up();
}

test('@optimized a 10,000-row sheet reaches its last row with the wheel and the scrollbar, under readable headers', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await withSheet(page, baseURL!, { org: '2.16.886.101.90003.20002', role: 'user', grants: ['assets'] }, ROWS);
  const scroller = page.getByTestId('grid-scroller');

  // The scroll height is the header's and every row's, not the fifty rows in the page.
  const header = (await page.getByTestId('grid').locator('thead').boundingBox())!.height;
  const row = (await page.getByTestId('grid-row').first().boundingBox())!.height;
  expect(row).toBeGreaterThanOrEqual(30);
  const { height } = await scrollState(scroller);
  expect(Math.abs(height - (header + ROWS * row))).toBeLessThanOrEqual(2);
  // The rows in the page are what the window's box can show, and the overscan: for 800 px,
  // 70% of it in 40 px rows (14) and 4 above and below.
  expect(await page.getByTestId('grid-row').count()).toBe(22);
  // A taller window (a portrait screen, or zoomed out) gets rows to its box's bottom, none blank.
  await page.setViewportSize({ width: 1280, height: 2000 });
  const last = Math.floor((0.7 * 2000 - header) / row);
  await expect(page.getByRole('rowheader', { name: String(last), exact: true })).toBeInViewport();
  await page.setViewportSize({ width: 1280, height: 800 });

  // Every column at least as wide as the code asks, every header label whole within its
  // header, on at most three lines (not one character a line).
  const headers = await page.getByTestId('grid').locator('thead th[data-min-width]').evaluateAll((cells) =>
    cells.map((th) => {
      const label = th.querySelector('button span') as HTMLElement;
      const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
      const cell = th.getBoundingClientRect();
      const text = label.getBoundingClientRect();
      return {
        label: label.textContent,
        width: cell.width,
        asked: Number((th as HTMLElement).dataset.minWidth),
        lines: Math.round(text.height / lineHeight),
        inside: text.bottom <= cell.bottom + 0.5 && text.right <= cell.right + 0.5,
      };
    }),
  );
  expect(headers).toHaveLength(21);
  for (const h of headers) {
    expect(h.width, `${h.label} is as wide as asked`).toBeGreaterThanOrEqual(h.asked - 0.5);
    expect(h.lines, `${h.label} is not broken a character a line`).toBeLessThanOrEqual(3);
    expect(h.inside, `${h.label} fits its header`).toBe(true);
  }

  // The wheel, turned over the grid, goes all the way down.
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 20_000);
  await expect.poll(async () => { const s = await scrollState(scroller); return s.max - s.top; }, { timeout: 20_000 }).toBeLessThanOrEqual(1);
  await expect(page.getByRole('rowheader', { name: String(ROWS), exact: true })).toBeInViewport();
  await expect(page.getByTestId('grid')).toContainText(`系統${String(ROWS - 1).padStart(5, '0')}`);

  // The scrollbar, dragged to the top and back to the bottom.
  await dragScrollbar(page, scroller, 'top');
  await expect.poll(async () => (await scrollState(scroller)).top, { timeout: 10_000 }).toBe(0);
  await expect(page.getByRole('rowheader', { name: '1', exact: true })).toBeInViewport();
  await expect(page.getByTestId('grid')).toContainText('系統00000');
  await dragScrollbar(page, scroller, 'bottom');
  await expect.poll(async () => { const s = await scrollState(scroller); return s.max - s.top; }, { timeout: 10_000 }).toBeLessThanOrEqual(1);
  await expect(page.getByRole('rowheader', { name: String(ROWS), exact: true })).toBeInViewport();
});

function pager(page: Page) {
  const nav = page.getByTestId('card-pager');
  return {
    status: nav.locator('p'),
    button: (name: string) => nav.getByRole('button', { name, exact: true }),
  };
}

function cardTitled(page: Page, row: number) {
  return page.getByTestId('inventory-card').getByRole('heading', { name: new RegExp(`^第 ${row} 列`) });
}

test('@phone the cards page through to the last row and back', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await withSheet(page, baseURL!, { org: '2.16.886.101.90007.20002', role: 'user', grants: ['assets'] }, 25);
  const { status, button } = pager(page);
  await expect(status).toHaveText('第 1 頁，共 3 頁');
  await expect(button('上一頁')).toBeDisabled();
  for (const expected of ['第 2 頁，共 3 頁', '第 3 頁，共 3 頁']) {
    await button('下一頁').click();
    await expect(status).toHaveText(expected);
  }
  await expect(cardTitled(page, 25)).toBeVisible();
  await expect(page.getByTestId('inventory-card')).toHaveCount(5);
  await expect(button('下一頁')).toBeDisabled();
  // The new page starts at its first card, where the reader's eye goes.
  await expect(cardTitled(page, 21)).toBeInViewport();
  for (const expected of ['第 2 頁，共 3 頁', '第 1 頁，共 3 頁']) {
    await button('上一頁').click();
    await expect(status).toHaveText(expected);
  }
  await expect(cardTitled(page, 1)).toBeVisible();
  await expect(button('上一頁')).toBeDisabled();
});

test('@phone @optimized-phone a 10,000-row sheet: the last page and back to the first', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await withSheet(page, baseURL!, { org: '2.16.886.101.90019.20002', role: 'user', grants: ['assets'] }, ROWS);
  const { status, button } = pager(page);
  await expect(status).toHaveText('第 1 頁，共 1000 頁');
  await button('最後一頁').click();
  await expect(status).toHaveText('第 1000 頁，共 1000 頁');
  await expect(cardTitled(page, ROWS)).toBeVisible();
  await expect(button('下一頁')).toBeDisabled();
  await expect(button('最後一頁')).toBeDisabled();
  await button('上一頁').click();
  await expect(status).toHaveText('第 999 頁，共 1000 頁');
  await expect(cardTitled(page, ROWS - 10)).toBeVisible();
  await button('第一頁').click();
  await expect(status).toHaveText('第 1 頁，共 1000 頁');
  await expect(cardTitled(page, 1)).toBeVisible();
});
