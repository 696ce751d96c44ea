import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import Redis from 'ioredis';
import { concatMap, firstValueFrom, lastValueFrom, map, range, timer, toArray } from 'rxjs';
import { ServiceUnavailableError } from '@sluice/contracts';
import { RedisStreamsClient, RedisStreamsServer, TransportErrorFilter, transportHealth } from '@sluice/transport';
import { OwnRedis } from '../support/own-redis';

// Fault suite, transport level: a private Redis (AOF on) is flushed, has its connections dropped and
// is SIGKILLed under load, with one service replica and one client, as the gateway and a service use them.

@Controller()
class WorkController {
  @MessagePattern('echo')
  async echo(@Payload() n: number) {
    await new Promise((r) => setTimeout(r, 5));
    return { n };
  }

  /** `count` values, one every `everyMs` */
  @MessagePattern('count')
  count(@Payload() p: { count: number; everyMs: number }) {
    return range(0, p.count).pipe(concatMap((i) => timer(p.everyMs).pipe(map(() => i))));
  }

  @MessagePattern('slow')
  async slow(@Payload() ms: number) {
    await new Promise((r) => setTimeout(r, ms));
    return 'done';
  }
}

@Module({ controllers: [WorkController] })
class WorkModule {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fault suite: the transport when Redis fails', () => {
  let redis: OwnRedis;
  let server: RedisStreamsServer;
  let app: Awaited<ReturnType<typeof NestFactory.createMicroservice>>;
  let client: RedisStreamsClient;

  before(async () => {
    redis = await OwnRedis.start({ aof: true });
    server = new RedisStreamsServer({ redisUrl: redis.url, prefix: 'ft', service: 'work', heartbeatMs: 500 });
    app = await NestFactory.createMicroservice(WorkModule, { strategy: server, logger: false });
    app.useGlobalFilters(new TransportErrorFilter());
    await app.listen();
    client = new RedisStreamsClient({ redisUrl: redis.url, prefix: 'ft', service: 'work', timeoutMs: 20_000, heartbeatTimeoutMs: 2_000 });
    await client.connect();
  });

  after(async () => {
    await client?.close();
    await app?.close();
    await redis?.stop();
  });

  /** Keeps `workers` callers busy until stopped; every outcome is recorded with its timing. */
  function load(workers: number, call: (i: number) => Promise<unknown>) {
    const outcomes: { start: number; end: number; ok: boolean; err?: unknown }[] = [];
    let running = true;
    let i = 0;
    const done = Promise.all(
      Array.from({ length: workers }, async () => {
        while (running) {
          const start = Date.now();
          try {
            await call(i++);
            outcomes.push({ start, end: Date.now(), ok: true });
          } catch (err) {
            outcomes.push({ start, end: Date.now(), ok: false, err });
            await sleep(20);
          }
        }
      }),
    );
    return {
      outcomes,
      async stop() {
        running = false;
        await done;
      },
    };
  }

  it('Redis back empty (flushed): the request stream and group are recreated and service resumes within seconds', async () => {
    const l = load(8, async (i) => assert.deepEqual(await firstValueFrom(client.send('echo', i)), { n: i }));
    await sleep(500);
    const flushedAt = Date.now();
    await redis.flushAll();
    await sleep(4000);
    await l.stop();
    const firstOkAfter = l.outcomes.filter((o) => o.ok && o.start > flushedAt).sort((a, b) => a.end - b.end)[0];
    assert.ok(firstOkAfter, 'requests succeed again after the flush');
    const recoveryMs = firstOkAfter.end - flushedAt;
    console.log(`  flush: first success ${recoveryMs} ms after the flush; ${l.outcomes.filter((o) => !o.ok).length} failed of ${l.outcomes.length}`);
    assert.ok(recoveryMs < 3000, `recovered in ${recoveryMs} ms`);
    // Requests lost with the flushed stream are failed as lost (retry), not left to time out.
    for (const o of l.outcomes.filter((x) => !x.ok)) {
      assert.ok(o.err instanceof ServiceUnavailableError, String(o.err));
      assert.ok(o.end - o.start < 5000, `a lost request waited ${o.end - o.start} ms`);
    }
    assert.equal(transportHealth.check().status, 'up');
  });

  it('connections dropped (Redis stays up): replies written meanwhile arrive after the reconnect, complete, in order, once', async () => {
    const streams: Promise<number[]>[] = [];
    for (let k = 0; k < 6; k++) streams.push(lastValueFrom(client.send<number>('count', { count: 30, everyMs: 20 }).pipe(toArray())));
    await sleep(200); // all started and streaming
    const admin = new Redis(redis.url);
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    admin.disconnect();
    const results = await Promise.all(streams);
    for (const values of results)
      assert.deepEqual(
        values,
        Array.from({ length: 30 }, (_, i) => i),
      );
  });

  it('Redis SIGKILLed (AOF on) mid-request: callers are told to retry within a second, none waits for the timeout, readiness is down until the restart, service resumes', async () => {
    const inFlight = Array.from({ length: 5 }, () =>
      firstValueFrom(client.send('slow', 3000)).then(
        () => 'ok',
        (e) => e,
      ),
    );
    const l = load(4, async (i) => assert.deepEqual(await firstValueFrom(client.send('echo', i)), { n: i }));
    await sleep(300);
    const killedAt = Date.now();
    await redis.kill();
    const failed = await Promise.all(inFlight);
    const toldAfter = Date.now() - killedAt;
    for (const e of failed) assert.ok(e instanceof ServiceUnavailableError && e.status === 503 && e.retryAfter === 1, String(e));
    assert.ok(toldAfter < 1500, `in-flight callers told after ${toldAfter} ms`);
    // While Redis is down new calls fail at once.
    const t0 = Date.now();
    await assert.rejects(firstValueFrom(client.send('echo', -1)), (e) => e instanceof ServiceUnavailableError);
    assert.ok(Date.now() - t0 < 200);
    const health = transportHealth.check();
    assert.equal(health.status, 'down');
    assert.match(health.error!, /work service: no connection to Redis/);
    assert.match(health.error!, /work client: no connection to Redis/);
    await sleep(1500);
    const restartedAt = Date.now();
    await redis.restart();
    await sleep(3000);
    await l.stop();
    const firstOkAfter = l.outcomes.filter((o) => o.ok && o.start >= restartedAt).sort((a, b) => a.end - b.end)[0];
    assert.ok(firstOkAfter, 'requests succeed again after the restart');
    console.log(`  SIGKILL: callers told in ${toldAfter} ms; first success ${firstOkAfter.end - restartedAt} ms after Redis was back`);
    assert.ok(firstOkAfter.end - restartedAt < 2500);
    const longest = Math.max(...l.outcomes.map((o) => o.end - o.start));
    assert.ok(longest < 5000, `no caller waited more than a few seconds (longest ${longest} ms)`);
    assert.equal(transportHealth.check().status, 'up');
    for (const o of l.outcomes.filter((x) => !x.ok)) assert.ok(o.err instanceof ServiceUnavailableError, String(o.err));
  });
});
