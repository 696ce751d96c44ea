import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { RedisClient } from '../common/redis-client';
import { HealthService } from './health.service';

const redis = (ok: boolean) => ({ redis: { ping: () => (ok ? Promise.resolve('PONG') : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'))) } }) as unknown as RedisClient;
const db = (ok: boolean) => ({ ping: () => (ok ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))) }) as unknown as ApiKeyRepository;

describe('HealthService', () => {
  it('is 200 with each dependency up', async () => {
    const r = await new HealthService(db(true), redis(true)).check();
    assert.equal(r.httpStatus, 200);
    assert.equal(r.body.checks.postgres.status, 'up');
    assert.equal(r.body.checks.redis.status, 'up');
  });

  it('is 503 naming what is down, with the reason', async () => {
    const r = await new HealthService(db(false), redis(true)).check();
    assert.equal(r.httpStatus, 503);
    assert.equal(r.body.message, 'unavailable: postgres');
    assert.match(r.body.checks.postgres.error!, /ECONNREFUSED/);
    const both = await new HealthService(db(false), redis(false)).check();
    assert.equal(both.body.message, 'unavailable: postgres, redis');
  });

  it('does not hang on a dependency that never answers', async () => {
    const stuck = { ping: () => new Promise(() => undefined) } as unknown as ApiKeyRepository;
    const t0 = Date.now();
    const r = await new HealthService(stuck, redis(true)).check();
    assert.equal(r.httpStatus, 503);
    assert.ok(Date.now() - t0 < 3000);
  });
});
