import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consoleCsp, isApiPath } from './console-static.service';

test('the SPA fallback never answers an API path, and does answer console pages that look alike', () => {
  for (const p of [
    '/v1',
    '/v1/chat-messages',
    '/api',
    '/api/passport',
    '/console/api/apps',
    '/health',
    '/metrics',
    '/docs',
    '/docs/x',
    '/openapi.json',
    '/livez',
    '/readyz',
  ]) {
    assert.equal(isApiPath(p), true, p);
  }
  for (const p of ['/', '/apps', '/apps/123/configuration', '/apix', '/v1x', '/healthy', '/datasets', '/chat/abc', '/console', '/signin']) {
    assert.equal(isApiPath(p), false, p);
  }
});

test('the console CSP allows no inline script and no foreign origin', () => {
  const csp = consoleCsp('abc');
  assert.match(csp, /script-src 'self' 'nonce-abc'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
});
