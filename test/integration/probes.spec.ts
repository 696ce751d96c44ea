/**
 * Liveness must not depend on PostgreSQL, readiness must: against a PostgreSQL of this test's own
 * (stopped and started again here, so the shared server is never touched).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HealthChecker, OpsServers, addReadinessCheck, startOpsServers } from '@sluice/observability';
import { freePort } from '../support/launcher-process';
import { REDIS_URL } from '../support/test-platform';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Runs a PostgreSQL binary as the postgres OS user (the tests run as root; PostgreSQL refuses root). */
function asPostgres(bin: string, args: string[]) {
  return execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('probes', () => {
  let dir: string;
  let port: number;
  let ops: OpsServers;
  let checker: HealthChecker;
  const get = async (path: string) => {
    const r = await fetch(`http://127.0.0.1:${ops.healthPort}${path}`);
    return { status: r.status, body: (await r.json()) as any };
  };
  const pg = (action: 'start' | 'stop') =>
    action === 'start'
      ? asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-w', 'start'])
      : asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-pg-'));
    execFileSync('chown', ['postgres:postgres', dir]);
    asPostgres('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    port = await freePort();
    pg('start');
    checker = new HealthChecker({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, redisUrl: REDIS_URL, services: ['chat'] });
    ops = await startOpsServers({ host: '127.0.0.1', healthPort: 0, metricsPort: 0, checker });
  });

  after(async () => {
    await ops?.close();
    await checker?.close();
    try {
      pg('stop');
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('liveness stays 200 while PostgreSQL is down; readiness goes 503 naming it, and recovers', async () => {
    assert.equal((await get('/readyz')).status, 200);
    pg('stop');
    const live = await get('/livez');
    assert.equal(live.status, 200, 'no restart for a database outage');
    const down = await get('/readyz');
    assert.equal(down.status, 503);
    assert.equal(down.body.message, 'unavailable: postgres');
    assert.equal(down.body.checks.redis.status, 'up');
    const health = await get('/health');
    assert.equal(health.status, 503);
    assert.deepEqual(health.body.services, ['chat']);
    pg('start');
    const t0 = Date.now();
    let ready = await get('/readyz');
    while (ready.status !== 200 && Date.now() - t0 < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await get('/readyz');
    }
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
  });

  it("includes the apps' own checks, and a check that never answers cannot hang the probe", async () => {
    const removeStuck = addReadinessCheck('stuck', () => new Promise(() => undefined));
    const removeBroken = addReadinessCheck('queues', () => {
      throw new Error('workers not running: ingest-parse');
    });
    try {
      const t0 = Date.now();
      const r = await get('/readyz');
      assert.ok(Date.now() - t0 < 4000, 'bounded by the check timeout');
      assert.equal(r.status, 503);
      assert.equal(r.body.message, 'unavailable: stuck, queues');
      assert.match(r.body.checks.stuck.error, /no answer within/);
      assert.equal(r.body.checks.queues.error, 'workers not running: ingest-parse');
    } finally {
      removeStuck();
      removeBroken();
    }
    assert.equal((await get('/readyz')).status, 200);
  });

  it('turns unready, not dead, when shutting down; serves metrics off the API', async () => {
    // METRICS_PORT unset (equal ports): one server answers probes and metrics
    assert.equal(ops.metricsPort, ops.healthPort);
    const metrics = await fetch(`http://127.0.0.1:${ops.metricsPort}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /^process_resident_memory_bytes \d+/m);
    checker.markShuttingDown();
    const r = await get('/readyz');
    assert.equal(r.status, 503);
    assert.match(r.body.message, /shutting down/);
    assert.equal((await get('/livez')).status, 200);
  });
});
