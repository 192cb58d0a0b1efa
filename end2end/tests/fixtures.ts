import { test as base, expect, type BrowserContext, type BrowserContextOptions, type ConsoleMessage } from '@playwright/test';

/**
 * The one `test` every spec uses. Each browser context a test opens is watched, and the test
 * fails if any page in it logged a console error, threw an uncaught error, was refused
 * something by the Content-Security-Policy, or shows source code as text (a `>` inside a
 * `view!` attribute closure ends the tag and prints the rest of the closure on the page).
 *
 * One kind of console error is not a fault: Chromium logs "Failed to load resource" for every
 * 4xx answer, and a server function answers 4xx when it says no to the user (a wrong password,
 * a refused save), which the page then shows at the field. Those are allowed for server
 * functions, the inventory file routes and the application scan's upload only; every 5xx, and
 * a 4xx for anything else (a missing script, stylesheet or page), fails the test. A test that expects another error says
 * so with `allowConsoleError`.
 */
interface Watch {
  problems: string[];
  allowed: RegExp[];
}

/** What pages may print: the code of a Leptos closure never. */
const CODE_AS_TEXT = /\bmove \||\bon ?: ?[a-z]+ ?=|=> ?\{|\bclass ?= ?move\b/;

const ANSWER_OF_THE_APP = /^\/(api\/fn\/|inventory\/(import|export)|apply\/scan)/;

function isExpected(message: ConsoleMessage, watch: Watch): boolean {
  const text = message.text();
  if (watch.allowed.some((re) => re.test(text))) return true;
  const refused = /^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text);
  if (!refused) return false;
  try {
    return ANSWER_OF_THE_APP.test(new URL(message.location().url).pathname);
  } catch {
    return false;
  }
}

async function watchContext(context: BrowserContext, watch: Watch) {
  context.on('console', (message) => {
    if (message.type() === 'error' && !isExpected(message, watch)) {
      watch.problems.push(`console error on ${message.page()?.url() ?? '?'}: ${message.text()} (${message.location().url})`);
    }
  });
  context.on('weberror', (error) => {
    // Only a test that provokes a failure says which errors it expects (allowConsoleError).
    if (watch.allowed.some((re) => re.test(error.error().message))) return;
    watch.problems.push(`uncaught error on ${error.page()?.url() ?? '?'}: ${error.error().message}`);
  });
  // Chromium also logs refusals, but the event carries the directive and is never dropped.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function codeShownAsText(context: BrowserContext): Promise<string[]> {
  const found: string[] = [];
  for (const page of context.pages()) {
    if (page.isClosed()) continue;
    const text = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    const match = text.match(CODE_AS_TEXT);
    if (match) {
      const at = text.indexOf(match[0]);
      found.push(`code shown as text on ${page.url()}: …${text.slice(Math.max(0, at - 40), at + 60)}…`);
    }
  }
  return found;
}

/** Each distinct problem once, with how often it happened; the first 20. */
function summary(problems: string[]): string[] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p, (counts.get(p) ?? 0) + 1);
  const lines = [...counts].map(([p, n]) => (n > 1 ? `${n}× ${p}` : p));
  return lines.length > 20 ? [...lines.slice(0, 20), `… and ${lines.length - 20} more`] : lines;
}

interface Fixtures {
  /** Lets the current test log console errors matching `pattern` (say why where it is called). */
  allowConsoleError: (pattern: RegExp) => void;
  /** A second browser (another user), watched like the first. */
  openContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  watch: Watch;
  pageHealth: void;
}

export const test = base.extend<Fixtures>({
  watch: async ({}, use) => {
    await use({ problems: [], allowed: [] });
  },
  context: async ({ context, watch }, use) => {
    await watchContext(context, watch);
    await use(context);
  },
  allowConsoleError: async ({ watch }, use) => {
    await use((pattern) => watch.allowed.push(pattern));
  },
  openContext: async ({ browser, watch, baseURL, locale }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext({ baseURL, locale, ...options });
      await watchContext(context, watch);
      opened.push(context);
      return context;
    });
    for (const context of opened) {
      watch.problems.push(...(await codeShownAsText(context)));
      await context.close();
    }
  },
  // Runs after every test, while its pages are still open.
  pageHealth: [
    async ({ context, watch }, use) => {
      await use();
      watch.problems.push(...(await codeShownAsText(context)));
      expect(summary(watch.problems), 'console errors, uncaught errors, CSP refusals and code shown as text').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
