import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REDIS_URL, dropDatabase } from '../support/test-platform';

const launcher = resolve(__dirname, '..', '..', 'apps', 'launcher', 'src', 'main.js');

function run(env: Record<string, string>, untilOutput?: RegExp, timeoutMs = 30_000) {
  return new Promise<{ code: number | null; out: string; kill: () => void }>((res) => {
    const child = spawn(process.execPath, ['--no-node-snapshot', launcher], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'launch-')), METRICS_PORT: '0', HEALTH_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const done = (code: number | null) => res({ code, out, kill: () => child.kill('SIGTERM') });
    const onData = (d: Buffer) => {
      out += d.toString();
      if (untilOutput?.test(out)) done(null);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => done(code));
    setTimeout(() => {
      child.kill('SIGKILL');
      done(-1);
    }, timeoutMs).unref();
  });
}

describe('npm start (the launcher)', () => {
  it('says PostgreSQL is down and how to start it, without a stack trace', async () => {
    const r = await run({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/sluice', REDIS_URL, PORT: '0' });
    assert.equal(r.code, 1);
    assert.match(r.out, /PostgreSQL is not reachable at postgres:\/\/postgres@127\.0\.0\.1:1\/sluice/);
    assert.match(r.out, /Start PostgreSQL/);
    assert.doesNotMatch(r.out, /^\s+at /m, 'no stack trace');
  });

  it('says Redis is down and how to start it', async () => {
    const r = await run({ REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' });
    assert.equal(r.code, 1);
    assert.match(r.out, /Redis is not reachable at redis:\/\/127\.0\.0\.1:1/);
    assert.match(r.out, /redis-server/);
    assert.doesNotMatch(r.out, /^\s+at /m);
  });

  it('rejects an invalid configuration with the variable named', async () => {
    const r = await run({ PORT: 'not-a-port' });
    assert.equal(r.code, 2);
    assert.match(r.out, /PORT/);
  });

  it('refuses a placeholder SECRET_KEY in production, naming the fix, but starts with the generated one', async () => {
    const placeholder = await run({ NODE_ENV: 'production', SECRET_KEY: 'CHANGE_ME-generate-with-openssl-rand-hex-32', REDIS_URL: 'redis://127.0.0.1:1' });
    assert.equal(placeholder.code, 2, placeholder.out);
    assert.match(placeholder.out, /SECRET_KEY is a placeholder value/);
    assert.match(placeholder.out, /openssl rand -hex 32/);
    // (weak keys and development mode: load-config.spec.ts)
    // the key `npm start` generates into DATA_DIR is strong: production starts with it (up to the Redis check)
    const generated = await run({ NODE_ENV: 'production', SECRET_KEY: '', REDIS_URL: 'redis://127.0.0.1:1' });
    assert.equal(generated.code, 1, generated.out);
    assert.match(generated.out, /Redis is not reachable/);
  });

  it('runs one app with SERVICES=chat, creating the database, with /health on HEALTH_PORT', async () => {
    const db = `sluice_launch_${Date.now()}`;
    const port = 20000 + Math.floor(Math.random() * 20000);
    const r = await run(
      { SERVICES: 'chat', HEALTH_PORT: String(port), DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`, REDIS_URL, REDIS_PREFIX: db },
      /Sluice started/,
    );
    try {
      assert.equal(r.code, null, r.out);
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as any;
      assert.deepEqual(body.services, ['chat']);
      assert.equal(body.checks.postgres.status, 'up');
    } finally {
      r.kill();
      await new Promise((x) => setTimeout(x, 500));
      await dropDatabase(db);
    }
  });
});
