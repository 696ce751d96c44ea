import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, ConsoleMessage, Page, chromium } from 'playwright-core';
import { TestPlatform, startTestPlatform } from '../../support/test-platform';

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
      // generous: CI shares two cores with the rest of the suite
      ctx.setDefaultTimeout(30_000);
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

export const ADMIN = { email: 'admin@example.com', name: 'Admin', password: 'a-long-password-1' };

/** A text field by its accessible name (Mantine adds a hidden asterisk to required labels). */
export function field(page: Page, name: string | RegExp) {
  return page.getByRole('textbox', { name, exact: typeof name === 'string' });
}

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto('/signin');
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/apps');
}

/** The first admin through the API (for suites whose subject is not the first run). */
export async function setupAdmin(base: string): Promise<void> {
  const r = await fetch(`${base}/console/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${await r.text()}`);
}

export interface DropFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/** Drags files from outside the page and drops them on `selector`, as a person does from their file manager. */
export async function dropFiles(page: Page, selector: string, files: DropFile[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.type, b64: f.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const g = globalThis as unknown as {
      DataTransfer: new () => any;
      File: new (parts: unknown[], name: string, o: object) => unknown;
      atob(s: string): string;
    };
    const dt = new g.DataTransfer();
    for (const f of list) {
      const bin = g.atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new g.File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, payload);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** Calls the API the way a test checks what the page should show. */
/** A browser session's cookies as request headers, with the CSRF header the console sends beside them. */
export function cookieHeaders(cookie: string): Record<string, string> {
  const csrf = /(?:^|;\s*)csrf_token=([^;]+)/.exec(cookie)?.[1];
  return csrf ? { cookie, 'x-csrf-token': decodeURIComponent(csrf) } : { cookie };
}

export async function apiCall(
  base: string,
  method: string,
  path: string,
  o: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(o.cookie ? cookieHeaders(o.cookie) : {}), ...(o.headers ?? {}) },
    body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
  });
  const text = await r.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body };
}
