import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { Client } from 'pg';
import { Observable, lastValueFrom } from 'rxjs';
import { ConflictError, InternalServerError, InvalidParamError } from '@sluice/contracts';
import { RedisStreamsClient, RedisStreamsServer, TransportErrorFilter } from '@sluice/transport';
import { PG_ADMIN_URL, REDIS_URL, deleteRedisPrefix } from '../support/test-platform';

/** Real PostgreSQL errors, raised by real queries, inside a service handler. */
async function failingQuery(sql: string, params: unknown[] = []): Promise<never> {
  const c = new Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql, params);
    throw new Error(`expected ${sql} to fail`);
  } finally {
    await c.end();
  }
}

@Controller()
class DataController {
  @MessagePattern('uuid')
  uuid() {
    return failingQuery('SELECT $1::uuid', ['not-a-uuid']);
  }

  @MessagePattern('nul')
  nul() {
    return failingQuery('SELECT $1::jsonb', ['"\\u0000"']);
  }

  @MessagePattern('int')
  int() {
    return failingQuery('SELECT $1::int', ['18446744073709551616']);
  }

  @MessagePattern('unique')
  unique() {
    return failingQuery('CREATE TEMP TABLE t (k int PRIMARY KEY); INSERT INTO t VALUES (1), (1)');
  }

  @MessagePattern('stream')
  stream() {
    return new Observable((sub) => void failingQuery('SELECT $1::uuid', ['x']).catch((e) => sub.error(e)));
  }

  @MessagePattern('other')
  other() {
    return failingQuery('SELECT * FROM no_such_table_anywhere');
  }
}

// Through Redis (split deployments) and in-process (`npm start`): the same mapping either way.
for (const mode of ['through Redis', 'in-process'] as const) {
  describe(`transport (${mode}): database errors a caller caused cross as 400 (or 409), not 500`, () => {
    const prefix = `transport-db-${randomBytes(4).toString('hex')}`;
    let app: INestMicroservice;
    let client: RedisStreamsClient;

    before(async () => {
      @Module({ controllers: [DataController] })
      class DataModule {}
      app = await NestFactory.createMicroservice(DataModule, {
        strategy: new RedisStreamsServer({ redisUrl: REDIS_URL, prefix, service: 'db' }),
        logger: false,
      });
      app.useGlobalFilters(new TransportErrorFilter());
      await app.listen();
      client = new RedisStreamsClient({ redisUrl: REDIS_URL, prefix, service: 'db', timeoutMs: 10_000, localDispatch: mode === 'in-process' });
      await client.connect();
    });
    after(async () => {
      await client?.close();
      await app?.close();
      await deleteRedisPrefix(prefix);
    });

    const call = (p: string) => lastValueFrom(client.send(p, {}));

    it('maps invalid text, NUL in jsonb and out-of-range numbers to invalid_param, without the database message', async () => {
      for (const p of ['uuid', 'nul', 'int', 'stream']) {
        await assert.rejects(call(p), (e: Error) => e instanceof InvalidParamError && !/syntax|uuid|unicode|range for type/i.test(e.message), p);
      }
    });
    it('maps a unique violation (a race) to 409 conflict and anything else to internal_server_error', async () => {
      await assert.rejects(call('unique'), ConflictError);
      await assert.rejects(call('other'), (e: Error) => e instanceof InternalServerError && !/no_such_table/.test(e.message));
    });
  });
}
