import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, openHydrated, agreeToShare, snapshot } from './helpers';
import { bindAuthenticator, createAccount, setPassword, signIn, type NewAccount } from './accounts';
import { fillSheet } from './sheets';

/** The seed's 系統A row, tab-separated as a spreadsheet copies it. */
const SYSTEM_A = ['編號A', '系統A', '行政', '共用', '自行委外', '2.16.886.101.20002', 'OO局', '某某處', '某某處', '是', '否', '是', '中', '是', 'X公司', 'X公司', '24', '部分符合', '營運持續計畫-系統備份', '', '無'];

async function signedIn(page: Page, baseURL: string, who: NewAccount) {
  const account = createAccount(baseURL, who);
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);
  return account;
}

/** Pastes `text` into the grid as the browser does for Ctrl+V from a spreadsheet. */
async function paste(page: Page, text: string) {
  await page.getByTestId('grid').evaluate((grid, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * The requests for the sheet since the page was loaded, by who made them. Once, by the page's
 * preload (`link`, started as its head is read), when the grid's own request was handed that
 * answer instead of asking again; a `fetch` means it asked again.
 */
function sheetReads(page: Page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === '/api/fn/get_inventory')
    .map((e) => (e as PerformanceResourceTiming).initiatorType));
}

function cell(page: Page, row: number, column: number) {
  return page.locator(`#inv-cell-${row}-${column}`);
}

test('edit, paste a block, undo, see errors appear and clear, save', async ({ page, baseURL }) => {
  // Each project has its own organization, so parallel runs do not share a sheet.
  await signedIn(page, baseURL!, { org: '2.16.886.101.20003.20005', role: 'user', grants: ['assets'] });
  await openHydrated(page, '/assets');
  await agreeToShare(page);
  const status = page.getByTestId('grid-status');
  const announce = page.getByTestId('grid-announce');
  const startRows = await page.getByTestId('grid-row').count();

  await page.getByRole('button', { name: '新增一列' }).click();
  const row = startRows;
  await expect(page.getByTestId('grid-row')).toHaveCount(startRows + 1);
  // Typing into the active cell edits it; Enter keeps it.
  await cell(page, row, 1).click();
  await page.keyboard.type('X');
  await page.getByTestId('grid').getByLabel('系統名稱', { exact: true }).fill('臨時系統');
  await page.keyboard.press('Enter');
  await expect(cell(page, row, 1)).toContainText('臨時系統');
  // An OID from the directory fills in the agency's name.
  await cell(page, row, 5).click();
  await page.keyboard.press('Enter');
  await page.getByTestId('grid').getByLabel('系統主管機關OID').fill('2.16.886.101.20003');
  await page.keyboard.press('Enter');
  await expect(cell(page, row, 6)).toContainText('行政院');
  // The rest of the row is empty: every required cell is marked, and said.
  await expect(cell(page, row, 2)).toHaveAttribute('aria-invalid', 'true');
  // Seen, not only said: the wrong cell is tinted, and the active one really outlined.
  await expect(cell(page, row, 2)).toHaveClass(/(^| )bg-red-50( |$)/);
  await expect(cell(page, row, 1)).not.toHaveClass(/bg-red-50/);
  const outline = (c: number) => cell(page, row, c).evaluate((el) => { const s = getComputedStyle(el); return `${s.outlineStyle} ${s.outlineWidth}`; });
  expect(await outline(5)).toBe('solid 2px');
  expect(await outline(1)).toMatch(/^none /);
  await expect(status).toContainText('需要修正');
  await expect(page.getByRole('button', { name: '儲存' })).toBeDisabled();

  // A block copied from a spreadsheet fills the row from the active cell.
  await cell(page, row, 0).click();
  await paste(page, SYSTEM_A.join('\t') + '\r\n');
  await expect(announce).toContainText('已貼上');
  await expect(cell(page, row, 1)).toContainText('系統A');
  await expect(cell(page, row, 2)).toHaveAttribute('aria-invalid', 'false');
  await expect(status).not.toContainText('需要修正');

  // A two-row block over the last row adds a row; one bad value is marked; one undo takes
  // the whole paste back.
  await cell(page, row, 0).click();
  const second = [...SYSTEM_A];
  second[1] = '系統B';
  second[2] = 'XX';
  await paste(page, second.join('\t') + '\n' + SYSTEM_A.join('\t'));
  await expect(page.getByTestId('grid-row')).toHaveCount(startRows + 2);
  await expect(cell(page, row, 2)).toHaveAttribute('aria-invalid', 'true');
  await expect(cell(page, row, 1)).toContainText('系統B');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('grid-row')).toHaveCount(startRows + 1);
  await expect(cell(page, row, 1)).toContainText('系統A');
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('grid-row')).toHaveCount(startRows + 2);
  await page.getByRole('button', { name: '復原' }).click();
  await expect(page.getByTestId('grid-row')).toHaveCount(startRows + 1);
  await expect(cell(page, row, 2)).toHaveAttribute('aria-invalid', 'false');

  // A wrong number of hours: marked and announced; fixed: cleared.
  await cell(page, row, 16).click();
  await page.keyboard.press('Enter');
  await page.getByTestId('grid').getByLabel('最大可容忍中斷時間(小時)').fill('1,000');
  await page.keyboard.press('Enter');
  await expect(cell(page, row, 16)).toHaveAttribute('aria-invalid', 'true');
  await expect(announce).toContainText('請填整數小時');
  await cell(page, row, 16).click();
  await page.keyboard.type('4');
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');
  await expect(cell(page, row, 16)).toHaveAttribute('aria-invalid', 'false');
  await expect(cell(page, row, 16)).toContainText('48');

  // A fixed-value cell edits through its list; Y is read as 是.
  await cell(page, row, 10).click();
  await page.keyboard.press('Enter');
  await page.getByTestId('grid').getByLabel('核心系統').selectOption('是');
  await page.keyboard.press('Enter');
  await expect(cell(page, row, 10)).toContainText('是');
  await cell(page, row, 11).click();
  await page.keyboard.press('Delete');
  await expect(cell(page, row, 11)).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Enter');
  await page.getByTestId('grid').getByLabel('含機敏資訊').selectOption('否');
  await page.keyboard.press('Enter');
  await expect(cell(page, row, 11)).toHaveAttribute('aria-invalid', 'false');

  await page.getByRole('button', { name: '儲存' }).click();
  await expect(announce).toContainText('已儲存');
  await expect(status).not.toContainText('尚未儲存');
  await expectAccessible(page);

  // Saved for real: a fresh page shows it.
  await openHydrated(page, '/assets');
  await expect(page.getByTestId('grid')).toContainText('系統A');
  expect(await sheetReads(page)).toEqual(['link']);
  // The phone's cards are not built beside the table.
  await expect(page.getByTestId('inventory-card')).toHaveCount(0);
  await expect(page.getByTestId('grid')).toContainText('48');

  // Filter and sort change the view, not the sheet.
  await page.getByLabel('篩選').fill('不存在的系統');
  await expect(status).toContainText('顯示 0 列');
  await page.getByLabel('篩選').fill('');
  await page.getByRole('columnheader', { name: '系統名稱' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: '系統名稱' })).toHaveAttribute('aria-sort', 'ascending');

  // The export is the template, with what was saved.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '匯出 CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('系統名稱(必填)');
  expect(csv).toContain('系統A');
});

test('import a file: its rows replace the sheet, bad cells listed by the file\'s row, then fixed and saved', async ({ page, baseURL }) => {
  await signedIn(page, baseURL!, { org: '2.16.886.101.20003.20001', role: 'user', grants: ['assets'] });
  await openHydrated(page, '/assets');
  await agreeToShare(page);
  const header = '資產編號,系統名稱(必填),系統屬性(必填),系統版本(必填),建置方式(必填),系統主管機關OID(必填),系統主管機關名稱(必填),系統管理者(部門)(必填),系統使用者(部門)(必填),主機設置於機關內(Y/N)(必填),核心系統(Y/N)(必填),含機敏資訊(Y/N)(必填),防護需求等級(必填),是否包含於ISMS導入範圍(Y/N),建置廠商,維運廠商,最大可容忍中斷時間(小時)(必填),是否符合防護基準(必填),不符合防護基準說明,備註,本資產是否含有大陸元件(Y/N)(必填)';
  const bad = [...SYSTEM_A];
  bad[1] = '系統壞';
  bad[16] = '24.5';
  const csv = [header, SYSTEM_A.join(','), bad.join(',')].join('\n');
  await page.getByTestId('import-file').setInputFiles({ name: '清冊.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('grid-announce')).toContainText('已匯入 2 列');
  await expect(page.getByTestId('import-problems')).toContainText('第 3 列「最大可容忍中斷時間(小時)」');
  // Only the rows with errors are shown, to fix them first.
  await expect(page.getByTestId('grid-row')).toHaveCount(1);
  await expect(cell(page, 0, 16)).toHaveAttribute('aria-invalid', 'true');
  await cell(page, 0, 16).click();
  await page.keyboard.type('2');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await page.getByLabel('只顯示有錯誤的列').uncheck();
  await expect(page.getByTestId('grid-row')).toHaveCount(2);
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByTestId('grid-announce')).toContainText('已儲存');

  // Not a spreadsheet: a clear message, and the sheet is as it was.
  await page.getByTestId('import-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
  await expect(page.getByTestId('grid-announce')).toContainText('無法讀取這個檔案');
  await expect(page.getByTestId('grid-row')).toHaveCount(2);
});

/** Renames the row in `slot` through the grid's editor. */
async function rename(page: Page, slot: number, name: string) {
  await cell(page, slot, 1).click();
  await page.keyboard.press('Enter');
  await page.getByTestId('grid').getByLabel('系統名稱', { exact: true }).fill(name);
  await page.keyboard.press('Enter');
  await expect(cell(page, slot, 1)).toContainText(name);
}

interface Change {
  Insert?: { cells: string[] };
  Update?: { id: number; version: number; cells: string[] };
  Delete?: { id: number; version: number };
}

test('edits and a deletion made while a save is on its way are saved by the next save', async ({ page, baseURL }, info) => {
  await signedIn(page, baseURL!, { org: '2.16.886.101.20003.20007', role: 'user', grants: ['assets'] });
  // 系統00000, 系統00001, 系統00002, whatever the sheet held before.
  await fillSheet(page, baseURL!, 3);
  await openHydrated(page, '/assets');
  const status = page.getByTestId('grid-status');
  const announce = page.getByTestId('grid-announce');
  await expect(page.getByTestId('grid-row')).toHaveCount(3);
  await expect(cell(page, 2, 1)).toContainText('系統00002');

  // The server writes the first save at once; its answer is held, as a slow phone line would.
  const sent: { changes: Change[] }[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = () => resolve()));
  let written: (answer: { rows: ([number, number] | null)[] }) => void = () => {};
  const firstAnswer = new Promise<{ rows: ([number, number] | null)[] }>((resolve) => (written = resolve));
  await page.route('**/api/fn/save_inventory', async (route) => {
    sent.push(route.request().postDataJSON());
    const response = await route.fetch();
    if (sent.length === 1) {
      written(await response.json());
      await held;
    }
    await route.fulfill({ response });
  });

  await rename(page, 0, '系統甲一');
  await page.getByRole('button', { name: '儲存' }).click();
  const [[id, version]] = (await firstAnswer).rows as [number, number][];
  expect(sent[0].changes).toHaveLength(1);
  expect(sent[0].changes[0].Update).toMatchObject({ id, version: version - 1 });
  expect(sent[0].changes[0].Update!.cells[1]).toBe('系統甲一');

  // Meanwhile: the first row again, the second, and the third deleted.
  await rename(page, 0, '系統甲二');
  await rename(page, 1, '系統乙二');
  await page.getByLabel('篩選').fill('系統00002');
  await expect(page.getByTestId('grid-row')).toHaveCount(1);
  await page.getByRole('button', { name: '刪除篩選出的列' }).click();
  await page.getByLabel('篩選').fill('');
  await expect(page.getByTestId('grid-row')).toHaveCount(2);
  await expect(status).toContainText('有尚未儲存的修改');

  release();
  // What was typed meanwhile is not taken for saved, and the announcement says so.
  await expect(announce).toContainText('送出後的修改尚未儲存');
  await expect(status).toContainText('有尚未儲存的修改');
  await snapshot(page, info, 'grid-more-to-save');
  const answered = page.waitForResponse('**/api/fn/save_inventory');
  await page.getByRole('button', { name: '儲存' }).click();
  expect((await answered).ok()).toBe(true);
  await expect(status).not.toContainText('有尚未儲存的修改');
  await expect(announce).toHaveText('已儲存。');
  // The deletion, and the first row on the version the first save gave it.
  const [deleted, first, second] = sent[1].changes;
  expect(sent[1].changes).toHaveLength(3);
  expect(deleted.Delete).toMatchObject({ version: 1 });
  expect(first.Update).toMatchObject({ id, version });
  expect(first.Update!.cells[1]).toBe('系統甲二');
  expect(second.Update).toMatchObject({ version: 1 });
  expect(second.Update!.cells[1]).toBe('系統乙二');

  await openHydrated(page, '/assets');
  await expect(page.getByTestId('grid-row')).toHaveCount(2);
  await expect(cell(page, 0, 1)).toHaveText('系統甲二');
  await expect(cell(page, 1, 1)).toHaveText('系統乙二');
  await expect(page.getByTestId('grid')).not.toContainText('系統00002');
});

test('another organization and an account without the grant see no sheet', async ({ page, baseURL, allowConsoleError }) => {
  // The page answers 403, which Chromium logs; that refusal is what this test wants.
  allowConsoleError(/status of 403/);
  await signedIn(page, baseURL!, { org: '2.16.886.101.20003.20065', role: 'user' });
  await page.goto('/assets');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('grid')).toHaveCount(0);
});

const LABELS = ['資產編號', '系統名稱', '系統屬性', '系統版本', '建置方式', '系統主管機關OID', '系統主管機關名稱', '系統管理者(部門)', '系統使用者(部門)', '主機設置於機關內', '核心系統', '含機敏資訊', '防護需求等級', '是否包含於ISMS導入範圍', '建置廠商', '維運廠商', '最大可容忍中斷時間(小時)', '是否符合防護基準', '不符合防護基準說明', '備註', '本資產是否含有大陸元件'];

test('@phone one card per row, with the same rules, on a phone', async ({ page, baseURL }) => {
  await signedIn(page, baseURL!, { org: '2.16.886.101.20003.20014', role: 'user', grants: ['assets'] });
  await openHydrated(page, '/assets');
  await agreeToShare(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: '新增一列' }).click();
  const card = page.getByTestId('inventory-card').last();
  for (const [i, label] of LABELS.entries()) {
    const field = card.getByLabel(label, { exact: true });
    if (await field.evaluate((el) => el.tagName === 'SELECT')) {
      if (SYSTEM_A[i]) await field.selectOption(SYSTEM_A[i]);
    } else {
      await field.fill(i === 16 ? '1,000' : SYSTEM_A[i]);
      await field.dispatchEvent('change');
    }
  }
  // The same rule as the grid's, at its field; fixed, the card is clean.
  const hours = card.getByLabel('最大可容忍中斷時間(小時)');
  await expect(hours).toHaveAttribute('aria-invalid', 'true');
  await expect(card).toContainText('請填整數小時');
  await hours.fill('24');
  await hours.dispatchEvent('change');
  await expect(hours).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('grid-status')).not.toContainText('需要修正');
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByTestId('grid-announce')).toContainText('已儲存');
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  // Only the cards are built on a phone; turned to a tablet's width, the table replaces them,
  // with the same rows.
  await expect(page.getByTestId('grid')).toHaveCount(0);
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByTestId('grid')).toContainText('系統A');
  await expect(page.getByTestId('inventory-card')).toHaveCount(0);
});

test('a period opened, the sheet submitted and locked, seen on the dashboard, reopened', async ({ page, openContext, baseURL }) => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
  // The central authority opens a period.
  await signedIn(page, baseURL!, {});
  await openHydrated(page, '/admin/inventory');
  await page.getByText('開放新的提報期間').click();
  await page.getByLabel('期間名稱').fill(`提報 ${today}`);
  await page.getByLabel('起日').fill(today);
  await page.getByLabel('迄日').fill(later);
  await page.getByRole('button', { name: '開放提報期間', exact: true }).click();
  await expect(page.getByRole('link', { name: new RegExp(`提報 ${today}`) }).first()).toBeVisible();

  // The organization's admin fills in a row, saves, and submits.
  const adminPage = await (await openContext()).newPage();
  await signedIn(adminPage, baseURL!, { org: '2.16.886.101.20003.20005.20086', role: 'org_admin', grants: ['assets'] });
  // Home says the period waits for the organization, and leads to the sheet.
  await openHydrated(adminPage, '/');
  await expect(adminPage.getByTestId('inventory-due')).toContainText('本機關尚未提報');
  await adminPage.getByTestId('inventory-due').click();
  await expect(adminPage).toHaveURL(/\/assets$/);
  await agreeToShare(adminPage);
  await adminPage.getByRole('button', { name: '新增一列' }).click();
  await cell(adminPage, 0, 0).click();
  await paste(adminPage, SYSTEM_A.join('\t'));
  await adminPage.getByRole('button', { name: '儲存' }).click();
  await expect(adminPage.getByTestId('grid-announce')).toContainText('已儲存');
  await adminPage.getByRole('button', { name: '提報' }).click();
  await expect(adminPage.getByTestId('submitted')).toContainText('清冊已鎖定');
  await expect(adminPage.getByRole('button', { name: '新增一列' })).toBeDisabled();
  await expect(adminPage.getByRole('button', { name: '提報' })).toHaveCount(0);
  // Submitted: home no longer asks for it.
  await openHydrated(adminPage, '/');
  await expect(adminPage.getByRole('heading', { name: '最新公告' })).toBeVisible();
  await expect(adminPage.getByTestId('inventory-due')).toHaveCount(0);

  // The dashboard shows it with its figures; 退回 unlocks it.
  await openHydrated(page, '/admin/inventory');
  const row = page.getByTestId('dashboard-row').filter({ hasText: '國家教育研究院' });
  await expect(row).toContainText('0 / 1 / 0 / 0');
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  await expectAccessible(page);
  await row.getByRole('button', { name: '退回' }).click();
  await expect(row).toContainText('尚未提報');
  // The central authority opens the sheet from the dashboard: a page reached inside the app
  // has no preload, and the grid reads the sheet once. By its address, the page's preload is
  // the sheet's one request.
  await row.getByRole('link', { name: '國家教育研究院' }).click();
  await expect(page).toHaveURL(/\/assets\?org=\d+$/);
  await agreeToShare(page);
  await expect(page.getByTestId('grid')).toContainText('系統A');
  expect(await sheetReads(page)).toEqual(['fetch']);
  await openHydrated(page, new URL(page.url()).pathname + new URL(page.url()).search);
  await expect(page.getByTestId('grid')).toContainText('系統A');
  expect(await sheetReads(page)).toEqual(['link']);

  await openHydrated(adminPage, '/assets');
  await expect(adminPage.getByRole('button', { name: '新增一列' })).toBeEnabled();
  await expect(adminPage.getByRole('button', { name: '提報' })).toBeVisible();
  await adminPage.context().close();
});
