import { type Page } from '@playwright/test';
import { openHydrated } from '../tests/helpers';

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Bytes a first visit to `path` transfers (headers and bodies as sent), from the DevTools protocol. */
export async function firstVisitBytes(page: Page, path: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const sizes = new Map<string, { url: string; bytes: number }>();
  cdp.on('Network.responseReceived', (e) => sizes.set(e.requestId, { url: e.response.url, bytes: 0 }));
  cdp.on('Network.loadingFinished', (e) => {
    const s = sizes.get(e.requestId);
    if (s) s.bytes = e.encodedDataLength;
  });
  await openHydrated(page, path);
  await page.waitForLoadState('networkidle');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.detach();
  // The wasm by part of the split build: the main module every page loads, the area's own
  // module (app/src/routes.rs), and the chunks of code the area shares with other areas; apart
  // from them, a light page's CAPTCHA solver (app/src/light.rs), which is no part of the app.
  const wasmPart = (url: string) => {
    const file = url.split('/').pop() ?? '';
    if (new URL(url).pathname.startsWith('/light/')) return 'captcha solver';
    return file.startsWith('split_') ? 'wasm area' : file.startsWith('chunk_') ? 'wasm shared' : 'wasm main';
  };
  const kind = (url: string) => (url.endsWith('.wasm') ? wasmPart(url) : url.endsWith('.js') ? 'js' : url.endsWith('.css') ? 'css' : 'html+data');
  const byKind = new Map<string, number>();
  for (const { url, bytes } of sizes.values()) byKind.set(kind(url), (byKind.get(kind(url)) ?? 0) + bytes);
  const total = [...byKind.values()].reduce((a, b) => a + b, 0);
  const wasmFiles = [...sizes.values()].filter((s) => s.url.endsWith('.wasm') && !s.url.includes('/light/')).length;
  const parts = [...byKind.entries()].map(([k, v]) => `${k} ${kb(v)}`).join(', ');
  return { total, byKind, line: `${kb(total)} transferred (${parts}; ${wasmFiles} app wasm files)` };
}

