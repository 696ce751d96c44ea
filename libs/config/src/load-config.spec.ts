import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigValidationError } from './config.errors';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies ARCHITECTURE.md defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const c = loadConfig({ DATA_DIR: dir });
    assert.equal(c.port, 5001);
    assert.deepEqual(c.services, ['gateway', 'chat', 'workflow', 'dataset', 'ingest-worker']);
    assert.equal(c.databaseUrl, 'postgres://postgres@127.0.0.1:5432/sluice');
    assert.equal(c.uploadFileSizeLimitBytes, 15 * 1024 * 1024);
    assert.equal(c.secretKey, readFileSync(join(dir, 'secret_key'), 'utf8'), 'generated once into DATA_DIR');
    assert.equal(loadConfig({ DATA_DIR: dir }).secretKey, c.secretKey, 'stable across restarts');
  });
  it('rejects bad values with readable messages', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc' }),
      (e: ConfigValidationError) => /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ SERVICES: 'gateway,nope' }), /unknown service\(s\) nope/);
    assert.throws(
      () => loadConfig({ VECTOR_MEMORY_INDEX_MB: '4096' }),
      (e: ConfigValidationError) => /VECTOR_MEMORY_INDEX_MB/.test(e.message),
    );
  });
  it('refuses a weak SECRET_KEY unless NODE_ENV is development or test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    assert.throws(
      () => loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', SECRET_KEY: 'CHANGE_ME-generate-with-openssl-rand-hex-32' }),
      /SECRET_KEY is a placeholder.*NODE_ENV=production/s,
    );
    assert.throws(() => loadConfig({ DATA_DIR: dir, NODE_ENV: 'staging', SECRET_KEY: 'x'.repeat(32) }), /too weak/);
    assert.equal(loadConfig({ DATA_DIR: dir, NODE_ENV: 'development', SECRET_KEY: 'x'.repeat(32) }).secretKey, 'x'.repeat(32));
    assert.ok(loadConfig({ DATA_DIR: dir, NODE_ENV: 'production' }).secretKey.length >= 43, 'the generated key passes in production');
  });
  it('reads the account settings: off by default, mail only with what links and senders need', () => {
    const k = { SECRET_KEY: 'x'.repeat(32) };
    const d = loadConfig(k);
    assert.deepEqual(
      [
        d.accounts.allowRegister,
        d.accounts.allowCreateWorkspace,
        d.accounts.inviteExpiryHours,
        d.accounts.lockoutMaxFailures,
        d.accounts.lockoutWindowSeconds,
        d.mail,
      ],
      [false, false, 72, 5, 900, null],
    );
    assert.throws(() => loadConfig({ ...k, MAIL_TYPE: 'smtp', SMTP_SERVER: 'smtp.example.com' }), /MAIL_DEFAULT_SEND_FROM.*required|CONSOLE_WEB_URL/);
    const m = loadConfig({
      ...k,
      MAIL_TYPE: 'smtp',
      SMTP_SERVER: 'smtp.example.com',
      MAIL_DEFAULT_SEND_FROM: 'a@example.com',
      CONSOLE_WEB_URL: 'https://console.example.com/',
      ALLOW_REGISTER: 'true',
    });
    assert.deepEqual(
      [m.mail?.smtp.host, m.mail?.smtp.port, m.mail?.smtp.useTls, m.accounts.consoleWebUrl, m.accounts.allowRegister],
      ['smtp.example.com', 465, true, 'https://console.example.com', true],
    );
  });
  it('selects services', () => {
    assert.deepEqual(loadConfig({ SERVICES: 'gateway', SECRET_KEY: 'x'.repeat(32) }).services, ['gateway']);
  });
});

describe('loadConfig: browser-facing settings', () => {
  const base = { SECRET_KEY: 'x'.repeat(32) };
  it('defaults to a same-origin console, an open Web API without credentials, automatic Secure cookies, no trusted proxy', () => {
    const c = loadConfig(base);
    assert.deepEqual(c.cors, { consoleOrigins: [], webOrigins: ['*'] });
    assert.equal(c.sessionCookieSecure, 'auto');
    assert.deepEqual(c.trustedProxies, []);
  });
  it('normalises origin lists and refuses what is not an origin', () => {
    const c = loadConfig({
      ...base,
      CONSOLE_CORS_ALLOW_ORIGINS: 'https://Console.example.com, http://localhost:3000',
      WEB_API_CORS_ALLOW_ORIGINS: 'https://chat.example.com',
      TRUSTED_PROXIES: '10.0.0.0/8, loopback',
    });
    assert.deepEqual(c.cors.consoleOrigins, ['https://console.example.com', 'http://localhost:3000']);
    assert.deepEqual(c.cors.webOrigins, ['https://chat.example.com']);
    assert.deepEqual(c.trustedProxies, ['10.0.0.0/8', 'loopback']);
    assert.throws(() => loadConfig({ ...base, CONSOLE_CORS_ALLOW_ORIGINS: '*' }), /CONSOLE_CORS_ALLOW_ORIGINS/);
    assert.throws(() => loadConfig({ ...base, WEB_API_CORS_ALLOW_ORIGINS: 'ftp://x' }), /WEB_API_CORS_ALLOW_ORIGINS/);
    assert.throws(() => loadConfig({ ...base, TRUSTED_PROXIES: 'everyone' }), /TRUSTED_PROXIES/);
    assert.equal(loadConfig({ ...base, SESSION_COOKIE_SECURE: 'true' }).sessionCookieSecure, 'always');
  });
});
