import { expect, type Page } from '@playwright/test';

/** The official template's header row, as the import reads it. */
export const HEADER = [
  '資產編號', '系統名稱(必填)', '系統屬性(必填)', '系統版本(必填)', '建置方式(必填)', '系統主管機關OID(必填)', '系統主管機關名稱(必填)',
  '系統管理者(部門)(必填)', '系統使用者(部門)(必填)', '主機設置於機關內(Y/N)(必填)', '核心系統(Y/N)(必填)', '含機敏資訊(Y/N)(必填)',
  '防護需求等級(必填)', '是否包含於ISMS導入範圍(Y/N)', '建置廠商', '維運廠商', '最大可容忍中斷時間(小時)(必填)', '是否符合防護基準(必填)',
  '不符合防護基準說明', '備註', '本資產是否含有大陸元件(Y/N)(必填)',
];

/** Three of the seed's example rows (系統A, 系統C, 郵件伺服器), valid as given. */
export const SEED_ROWS = [
  ['編號A', '系統A', '行政', '共用', '自行委外', '2.16.886.101.20002', 'OO局', '某某處', '某某處', '是', '否', '是', '中', '是', 'X公司', 'X公司', '24', '部分符合', '營運持續計畫-系統備份', '', '無'],
  ['', '系統C', '業務', '公版', '主管/上級機關提供', '2.16.886.101.20002', '總統府', '某某處', '某某處', '否', '否', '否', '其他', '否', '', '', '48', '不適用', '', '', '無'],
  ['編號C', '郵件伺服器', '行政', '機關自用', '套裝軟體', '2.16.886.101.20002', 'OO局', '某某處', '某某處', '是', '否', '是', '其他', '是', 'M公司', 'M公司', '12', '不適用', '', '', '無'],
];

/** A name as long as real ones get, for every seventh row. */
const LONG_NAME = '學生學籍管理與成績處理整合資訊系統（含家長查詢端及行動版）';

/** `count` valid rows named 系統00000, 系統00001, … in order, as a CSV file. */
export function sheetCsv(count: number): Buffer {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < count; i++) {
    const row = [...SEED_ROWS[i % SEED_ROWS.length]];
    row[1] = `系統${String(i).padStart(5, '0')}${i % 7 === 6 ? ` ${LONG_NAME}` : ''}`;
    lines.push(row.join(','));
  }
  return Buffer.from(lines.join('\n'));
}

export interface Timings {
  importMs: number;
  saveMs: number;
}

/**
 * Fills the signed-in user's sheet with `count` rows the way a user brings them in: the file
 * through the import, then one save that replaces whatever the sheet held (a test run again on
 * the same database starts from the same sheet). Returns how long each took.
 */
export async function fillSheet(page: Page, baseURL: string, count: number): Promise<Timings> {
  const headers = { origin: baseURL };
  let started = performance.now();
  const imported = await page.request.post('/inventory/import', { data: sheetCsv(count), headers });
  const importMs = performance.now() - started;
  expect(imported.status(), await imported.text()).toBe(200);
  const rows = (await imported.json()).rows as string[][];
  expect(rows.length).toBe(count);
  // The subsystem's consent, which its first visit asks and the server requires.
  const agreed = await page.request.post('/api/fn/set_consent', { form: { code: 'assets', on: 'true' }, headers });
  expect(agreed.status(), await agreed.text()).toBe(200);
  const sheet = await (await page.request.get('/api/fn/get_inventory')).json();
  // The rows travel packed: each as its id, its version and its texts' places (inventory/packed.rs).
  const deletes = (sheet.rows.rows as [number, number, number[]][]).map(([id, version]) => ({ Delete: { id, version } }));
  started = performance.now();
  const saved = await page.request.post('/api/fn/save_inventory', {
    data: { org_id: sheet.org_id, changes: [...deletes, ...rows.map((cells) => ({ Insert: { cells } }))] },
    headers,
    timeout: 120_000,
  });
  const saveMs = performance.now() - started;
  expect(saved.status(), await saved.text()).toBe(200);
  return { importMs, saveMs };
}
