import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';
import { startTestPlatform, TestPlatform } from '../../support/test-platform';

/** Where screenshots and traces go (gitignored); CI keeps the folder as the run's artefacts. */
export const ARTIFACTS = resolve(__dirname, '..', '..', '..', '..', 'test-artifacts', 'browser');

/** Flags for Debian's Chromium as root on a machine without a network (see .ci/run). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserHarness {
  platform: TestPlatform;
  browser: Browser;
  /** console errors and CSP violations seen on any page, for tests that promise there are none */
  problems: string[];
  context(opts?: { viewport?: { width: number; height: number }; locale?: string }): Promise<BrowserContext>;
  shot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startBrowserHarness(suite: string, env: Record<string, string> = {}): Promise<BrowserHarness> {
  const platform = await startTestPlatform(env);
  let browser: Browser;
  try {
    // launch() gives Chromium a fresh, empty profile directory of its own and removes it on close.
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (err) {
    await platform.stop();
    throw err;
  }
  const dir = join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    platform,
    browser,
    problems,
    async context(opts = {}) {
      const ctx = await browser.newContext({
        baseURL: platform.base,
        viewport: opts.viewport ?? { width: 1366, height: 900 },
        locale: opts.locale ?? 'en-US',
      });
      ctx.setDefaultTimeout(20_000);
      await ctx.tracing.start({ screenshots: true, snapshots: true });
      ctx.on('page', (p) => {
        p.on('console', (m: ConsoleMessage) => {
          if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
        });
        p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      });
      contexts.push(ctx);
      return ctx;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
    },
    async stop() {
      for (const c of contexts) await c.tracing.stop().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await platform.stop();
    },
  };
}

/**
 * Runs a scenario; when it fails, every open page gets a screenshot and every context's Playwright trace
 * is saved beside them (open with `npx playwright show-trace <file>`).
 */
export async function scenario(h: BrowserHarness, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const dir = join(ARTIFACTS, 'failures');
    mkdirSync(dir, { recursive: true });
    let i = 0;
    for (const c of h.browser.contexts()) {
      i++;
      for (const [j, p] of c.pages().entries()) await p.screenshot({ path: join(dir, `${name}-${i}-${j}.png`) }).catch(() => undefined);
      await c.tracing.stop({ path: join(dir, `${name}-trace-${i}.zip`) }).catch(() => undefined);
      await c.tracing.start({ screenshots: true, snapshots: true }).catch(() => undefined);
    }
    throw err;
  }
}
