import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserHarness, scenario, startBrowserHarness } from './support/browser';

// The gateway serves the console: static files, the SPA fallback, its headers, and the first run.
let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness('shell');
});
after(async () => {
  await h?.stop();
});

test('the gateway serves the console with cache and security headers, and never shadows an API path', async () => {
  const page = await fetch(`${h.platform.base}/apps/some/deep/link`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const csp = page.headers.get('content-security-policy') ?? '';
  const html = await page.text();
  const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce, csp);
  assert.ok(html.includes(`nonce="${nonce}"`), 'the page carries this response’s nonce');
  assert.ok(!html.includes('__CSP_NONCE__'));
  const second = await fetch(`${h.platform.base}/`);
  assert.notEqual(/nonce-([^']+)/.exec(second.headers.get('content-security-policy') ?? '')?.[1], nonce, 'a fresh nonce per response');

  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script);
  const asset = await fetch(`${h.platform.base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);
  const missing = await fetch(`${h.platform.base}/assets/nope-123.js`);
  assert.equal(missing.status, 404, 'a missing asset is not answered with the page');

  for (const path of ['/v1/nope', '/api/nope', '/console/api/nope', '/metrics/x', '/openapi.json']) {
    const r = await fetch(`${h.platform.base}${path}`);
    assert.doesNotMatch(r.headers.get('content-type') ?? '', /text\/html/, path);
  }
  const apiMissing = (await (await fetch(`${h.platform.base}/console/api/nope`)).json()) as { code: string };
  assert.equal(apiMissing.code, 'not_found');
  assert.equal((await fetch(`${h.platform.base}/health`)).status, 200);
});

test('first run: / leads to setup, the admin is created and signed in, sign-out and sign-in return to the page asked for', async () => {
  const ctx = await h.context();
  const page = await ctx.newPage();
  await scenario(h, 'first-run', async () => {
    await page.goto('/');
    await page.waitForURL('**/install');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('admin@example.com');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Admin');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-password-1');
    await h.shot(page, '01-setup');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL('**/apps');
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    const cookies = await ctx.cookies();
    assert.ok(cookies.some((c) => c.name === 'session' && c.httpOnly), 'the session is an httpOnly cookie');
    const stored = await page.evaluate(() => JSON.stringify({ ...(globalThis as unknown as { localStorage: object }).localStorage }));
    assert.doesNotMatch(stored, /eyJ|token/i, 'no token in localStorage');
    await h.shot(page, '02-apps-empty');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    await page.goto('/settings/account');
    await page.waitForURL(/\/signin\?redirect=%2Fsettings%2Faccount/);
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('admin@example.com');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/settings/account');
    assert.deepEqual(h.problems, [], 'no CSP violation or page error');
  });
});
