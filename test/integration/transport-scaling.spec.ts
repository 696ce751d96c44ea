import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Controller, INestMicroservice, Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import Redis from 'ioredis';
import { firstValueFrom, lastValueFrom, range, toArray } from 'rxjs';
import { NotFoundError, RequestTimeoutError, ServiceUnavailableError } from '@sluice/contracts';
import { RedisStreamsClient, RedisStreamsServer, TransportErrorFilter } from '@sluice/transport';
import { REDIS_URL, deleteRedisPrefix } from '../support/test-platform';

const runs = new Map<string, number>();

@Controller()
class EchoController {
  constructor(@Inject('REPLICA') private readonly replica: string) {}

  @MessagePattern('echo')
  async echo(@Payload() n: number) {
    runs.set(this.replica, (runs.get(this.replica) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 2)); // a little work, so both replicas get a share
    return { n, replica: this.replica };
  }

  @MessagePattern('count.stream')
  count(@Payload() n: number) {
    return range(0, n);
  }

  @MessagePattern('missing')
  missing() {
    throw new NotFoundError('Conversation Not Exists.');
  }

  @MessagePattern('hang')
  hang() {
    return new Promise(() => undefined);
  }
}

async function replica(prefix: string, name: string, opts: { heartbeatMs?: number } = {}) {
  @Module({ controllers: [EchoController], providers: [{ provide: 'REPLICA', useValue: name }] })
  class EchoModule {}
  const server = new RedisStreamsServer({ redisUrl: REDIS_URL, prefix, service: 'echo', ...opts });
  const app = await NestFactory.createMicroservice(EchoModule, { strategy: server, logger: false });
  app.useGlobalFilters(new TransportErrorFilter());
  await app.listen();
  return { app, server };
}

// Every test runs twice: callers reaching the replicas through Redis (split deployments), and callers in the
// replicas' own process (`npm start`), where requests are handed over without Redis and must behave the same.
for (const mode of ['through Redis', 'in-process'] as const) {
  const localDispatch = mode === 'in-process';
  describe(`Redis Streams transport (${mode})`, () => {
    const prefix = `transport-test-${randomBytes(4).toString('hex')}`;
    let a: { app: INestMicroservice; server: RedisStreamsServer };
    let b: { app: INestMicroservice; server: RedisStreamsServer };
    let client: RedisStreamsClient;

    before(async () => {
      a = await replica(prefix, 'a');
      b = await replica(prefix, 'b');
      client = new RedisStreamsClient({ redisUrl: REDIS_URL, prefix, service: 'echo', timeoutMs: 5000, localDispatch });
      await client.connect();
    });
    after(async () => {
      await client.close();
      await a.app.close();
      await b.app.close();
      await deleteRedisPrefix(prefix);
    });

    it('runs each of N requests exactly once, spread over both replicas', async () => {
      runs.clear();
      const N = 200;
      const replies = await Promise.all(Array.from({ length: N }, (_, i) => firstValueFrom(client.send('echo', i))));
      assert.deepEqual(
        replies.map((r: any) => r.n),
        Array.from({ length: N }, (_, i) => i),
        'every caller got its own answer',
      );
      const total = [...runs.values()].reduce((x, y) => x + y, 0);
      assert.equal(total, N, 'no request ran twice or was lost');
      const queued = await streamLength(`${prefix}:rpc:echo`);
      // In-process: each of the two replicas here runs 64 at once; only what found no free slot waited in the stream.
      if (localDispatch) assert.equal(queued, N - 2 * 64, 'requests to replicas in this process went through Redis only when they were full');
      else assert.ok(queued >= N, 'requests went through the service stream');
      assert.ok((runs.get('a') ?? 0) > 0 && (runs.get('b') ?? 0) > 0, `both replicas used: ${JSON.stringify(Object.fromEntries(runs))}`);
    });

    it('delivers a streamed reply complete and in order', async () => {
      const values = await lastValueFrom(client.send<number>('count.stream', 1000).pipe(toArray()));
      assert.deepEqual(
        values,
        Array.from({ length: 1000 }, (_, i) => i),
      );
    });

    it('carries domain errors back as the same typed error', async () => {
      await assert.rejects(firstValueFrom(client.send('missing', {})), (err: unknown) => {
        assert.ok(err instanceof NotFoundError);
        assert.equal((err as NotFoundError).message, 'Conversation Not Exists.');
        assert.equal((err as NotFoundError).status, 404);
        return true;
      });
    });

    it('times out with request_timeout when no replica serves the pattern', async () => {
      const lonely = new RedisStreamsClient({ redisUrl: REDIS_URL, prefix, service: 'nobody-home', timeoutMs: 300, localDispatch });
      await lonely.connect();
      const t0 = Date.now();
      await assert.rejects(firstValueFrom(lonely.send('echo', 1)), (err) => err instanceof RequestTimeoutError);
      assert.ok(Date.now() - t0 < 2000);
      await lonely.close();
    });

    it('fails fast with service_unavailable when the replica running a request dies', async () => {
      const p2 = `${prefix}-crash`;
      const doomed = await replica(p2, 'doomed', { heartbeatMs: 200 });
      const c = new RedisStreamsClient({ redisUrl: REDIS_URL, prefix: p2, service: 'echo', timeoutMs: 30_000, heartbeatTimeoutMs: 1000, localDispatch });
      await c.connect();
      try {
        const pending = firstValueFrom(c.send('hang', {}));
        await new Promise((r) => setTimeout(r, 500)); // started, heartbeats flowing
        const t0 = Date.now();
        doomed.server.simulateCrash();
        await assert.rejects(pending, (err) => err instanceof ServiceUnavailableError);
        assert.ok(Date.now() - t0 < 3000, 'the caller is told well before its 30 s timeout');
      } finally {
        await c.close();
        await doomed.app.close().catch(() => undefined);
        await deleteRedisPrefix(p2);
      }
    });
  });
}

async function streamLength(key: string): Promise<number> {
  const r = new Redis(REDIS_URL);
  try {
    return await r.xlen(key);
  } finally {
    r.disconnect();
  }
}

describe('Redis Streams transport: a busy replica in this process', () => {
  const prefix = `transport-busy-${randomBytes(4).toString('hex')}`;

  it('sends what it has no slot for through the stream, where a replica takes it when one is free', async () => {
    @Module({ controllers: [EchoController], providers: [{ provide: 'REPLICA', useValue: 'small' }] })
    class SmallModule {}
    const server = new RedisStreamsServer({ redisUrl: REDIS_URL, prefix, service: 'echo', concurrency: 2 });
    const app = await NestFactory.createMicroservice(SmallModule, { strategy: server, logger: false });
    app.useGlobalFilters(new TransportErrorFilter());
    await app.listen();
    const client = new RedisStreamsClient({ redisUrl: REDIS_URL, prefix, service: 'echo', timeoutMs: 5000, localDispatch: true });
    await client.connect();
    try {
      const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => firstValueFrom(client.send('echo', i))));
      assert.deepEqual(
        replies.map((r: any) => r.n),
        [0, 1, 2, 3, 4, 5],
        'every request answered, none lost',
      );
      assert.equal(await streamLength(`${prefix}:rpc:echo`), 4, 'two ran here at once, four waited in the stream');
    } finally {
      await client.close();
      await app.close();
      await deleteRedisPrefix(prefix);
    }
  });
});
