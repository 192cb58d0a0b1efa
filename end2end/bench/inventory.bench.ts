import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { bindAuthenticator, setPassword, signIn, type Account } from '../tests/accounts';
import { openHydrated } from '../tests/helpers';

const ROWS = 10_000;
const HEADER = [
  '資產編號', '系統名稱(必填)', '系統屬性(必填)', '系統版本(必填)', '建置方式(必填)', '系統主管機關OID(必填)', '系統主管機關名稱(必填)',
  '系統管理者(部門)(必填)', '系統使用者(部門)(必填)', '主機設置於機關內(Y/N)(必填)', '核心系統(Y/N)(必填)', '含機敏資訊(Y/N)(必填)',
  '防護需求等級(必填)', '是否包含於ISMS導入範圍(Y/N)', '建置廠商', '維運廠商', '最大可容忍中斷時間(小時)(必填)', '是否符合防護基準(必填)',
  '不符合防護基準說明', '備註', '本資產是否含有大陸元件(Y/N)(必填)',
];
const SEED = [
  ['編號A', '系統A', '行政', '共用', '自行委外', '2.16.886.101.20002', 'OO局', '某某處', '某某處', '是', '否', '是', '中', '是', 'X公司', 'X公司', '24', '部分符合', '營運持續計畫-系統備份', '', '無'],
  ['', '系統C', '業務', '公版', '主管/上級機關提供', '2.16.886.101.20002', '總統府', '某某處', '某某處', '否', '否', '否', '其他', '否', '', '', '48', '不適用', '', '', '無'],
  ['編號C', '郵件伺服器', '行政', '機關自用', '套裝軟體', '2.16.886.101.20002', 'OO局', '某某處', '某某處', '是', '否', '是', '其他', '是', 'M公司', 'M公司', '12', '不適用', '', '', '無'],
];

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
  const account: Account = { username: `bench_${tag}`, name: '測試', email: '', password: `Gh7!kPq2#wZx${tag}`, link: link.pathname + link.search };
  await setPassword(page, account);
  await signIn(page, account.username, account.password);
  await bindAuthenticator(page);

  // 10,000 rows through the import and one save, as a user would bring them in.
  const lines = [HEADER.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const row = [...SEED[i % 3]];
    row[1] = `系統${String(i).padStart(5, '0')}`;
    lines.push(row.join(','));
  }
  const headers = { origin: baseURL! };
  let started = performance.now();
  const imported = await page.request.post('/inventory/import', { data: Buffer.from(lines.join('\n')), headers });
  const importMs = performance.now() - started;
  expect(imported.status()).toBe(200);
  const rows = (await imported.json()).rows as string[][];
  expect(rows.length).toBe(ROWS);
  const sheet = await (await page.request.get('/api/fn/get_inventory')).json();
  started = performance.now();
  const saved = await page.request.post('/api/fn/save_inventory', {
    data: { org_id: sheet.org_id, changes: rows.map((cells) => ({ Insert: { cells } })) },
    headers,
  });
  const saveMs = performance.now() - started;
  expect(saved.status(), await saved.text()).toBe(200);

  started = performance.now();
  await openHydrated(page, '/assets');
  await expect(page.getByTestId('grid-status')).toContainText(`共 ${ROWS} 列`);
  const loadMs = performance.now() - started;
  const checkMs = await page.evaluate(() => {
    const [start] = performance.getEntriesByName('gatehouse-inventory-check-start');
    const [end] = performance.getEntriesByName('gatehouse-inventory-check-end');
    return end.startTime - start.startTime;
  });
  const rendered = await page.getByTestId('grid-row').count();

  // Scrolling: 240 frames, 400 px a frame, top to bottom and back, each frame's time.
  const frames: number[] = await page.getByTestId('grid-scroller').evaluate(async (el) => {
    const times: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      el.scrollTop = i < 120 ? el.scrollTop + 400 : el.scrollTop - 400;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  });
  frames.sort((a, b) => a - b);

  console.log(`\n## Inventory grid in Chromium (${ROWS} rows, release build)`);
  console.log(`import CSV (HTTP, read + check): ${importMs.toFixed(0)} ms; save ${ROWS} new rows: ${saveMs.toFixed(0)} ms`);
  console.log(`page load to ready grid: ${loadMs.toFixed(0)} ms; check of every row in wasm: ${checkMs.toFixed(1)} ms`);
  console.log(`rows in the page: ${rendered} of ${ROWS}`);
  console.log(`scroll frame time: p50 ${percentile(frames, 0.5).toFixed(1)} ms  p95 ${percentile(frames, 0.95).toFixed(1)} ms  max ${frames[frames.length - 1].toFixed(1)} ms`);
  expect(rendered).toBeLessThan(100);
});
