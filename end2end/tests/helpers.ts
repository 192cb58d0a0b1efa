import { mkdirSync } from 'node:fs';
import { expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Waits until the page is live: hydrated by its wasm, so typing reaches the app, or a light
 * page (app/src/light.rs), which is live as the server sent it, or a hydrated page where there
 * is no WebAssembly (the no-wasm project), whose plain forms are all it has.
 */
export async function pageReady(page: Page) {
  await expect(page.locator('body[data-hydrated="true"], body[data-light="true"], html[data-nowasm="true"] body')).toHaveCount(1);
}

/**
 * Waits for the CAPTCHA's proof of work on a light page, where a script solves it in workers
 * (app/scripts/captcha.js): in the solver's own wasm, a fraction of a second; where there is
 * no WebAssembly (the no-wasm project), by the browser's SHA-256, one call per number tried,
 * whose count is random: with two tests and their servers on two cores that can pass 10 s,
 * so it is given 30 s.
 */
export async function lightCaptchaSolved(page: Page) {
  await expect(page.getByTestId('captcha-status')).toHaveAttribute('data-solved', 'true', { timeout: 30_000 });
}

/** Opens a page and waits until it is live (`pageReady`) and its data has come. */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await pageReady(page);
  // And whatever the page reads after it starts (the grid's sheet) has arrived.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** No WCAG 2.1 A/AA violations that axe can detect on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

/** Nothing sticks out sideways: the page fits its viewport width. Names what sticks out. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scroll, client, outside } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The outermost elements that reach past the right edge, not inside a scrolling box.
    const outside = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > client + 0.5)
      .filter((el) => !el.parentElement?.closest('[class*="overflow-"]'))
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > client + 0.5))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ${(el.textContent ?? '').slice(0, 40)}`);
    return { scroll: document.documentElement.scrollWidth, client, outside };
  });
  expect(scroll, `wider than the window: ${outside.join(' | ')}`).toBeLessThanOrEqual(client);
}

/** A full-page screenshot to target/screenshots/<project>/<name>.png, for a person to look at. */
export async function snapshot(page: Page, info: TestInfo, name: string) {
  const dir = `${__dirname}/../../target/screenshots/${info.project.name}`;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** 同意授權 on a first visit to the asset inventory: the consent page, then the sheet. */
export async function agreeToShare(page: Page) {
  await page.getByTestId('consent').getByRole('button', { name: '同意授權' }).click();
  await expect(page.getByTestId('inventory')).toBeVisible();
}
