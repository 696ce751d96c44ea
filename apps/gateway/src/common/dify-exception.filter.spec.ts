import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { NotChatAppError } from '@sluice/contracts';
import { DifyExceptionFilter } from './dify-exception.filter';

/** What body-parser (through http-errors) throws. */
const httpError = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { status, statusCode: status, expose: true, ...extra });

/** What pg throws, as TypeORM wraps it. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { name: 'QueryFailedError', code, driverError: {}, routine: 'x' });

describe('DifyExceptionFilter', () => {
  const f = new DifyExceptionFilter();

  it('renders domain errors with their code and status', () => {
    assert.deepEqual(f.toPayload(new NotChatAppError()), { code: 'not_chat_app', message: new NotChatAppError().message, status: 400 });
  });
  it('maps body-parser and framework errors to Dify codes', () => {
    assert.equal(f.toPayload({ type: 'entity.parse.failed' }).code, 'invalid_param');
    assert.equal(f.toPayload(new PayloadTooLargeException()).code, 'file_too_large');
    assert.equal(f.toPayload(new NotFoundException()).code, 'not_found');
  });
  it('answers every body-parser failure with a 4xx in our words', () => {
    const cases: [unknown, number][] = [
      [httpError(413, 'too many parameters', { type: 'parameters.too.many' }), 413],
      [httpError(415, 'unsupported content encoding "x-bogus"', { type: 'encoding.unsupported' }), 415],
      [httpError(415, 'unsupported charset "X-BOGUS"', { type: 'charset.unsupported' }), 415],
      [httpError(400, 'incorrect header check', { code: 'Z_DATA_ERROR', errno: -3 }), 400],
      [httpError(400, 'The input exceeded the depth', { type: 'querystring.parse.rangeError' }), 400],
      [httpError(400, 'request aborted', { type: 'request.aborted' }), 400],
      [Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 }), 404],
    ];
    for (const [err, status] of cases) {
      const p = f.toPayload(err);
      assert.equal(p.status, status, JSON.stringify(p));
      assert.doesNotMatch(p.message, /x-bogus|X-BOGUS|header check|%E0/, 'no parser message quoted');
    }
  });
  it('turns PostgreSQL data errors into 400 invalid_param and races into 409, without quoting the database', () => {
    for (const code of ['22P02', '22003', '22021', '54000', '22P05', '22001', '22008']) {
      const p = f.toPayload(pgError(code, 'invalid input syntax for type uuid: "abc"'));
      assert.deepEqual([p.status, p.code], [400, 'invalid_param'], code);
      assert.doesNotMatch(p.message, /syntax|uuid|abc/);
    }
    assert.deepEqual([f.toPayload(pgError('23505', 'duplicate key value')).status, f.toPayload(pgError('23505', 'x')).code], [409, 'conflict']);
    assert.equal(f.toPayload(pgError('42703', 'column "x" does not exist')).status, 500, "other database failures are not the caller's fault");
    assert.equal(f.toPayload(Object.assign(new Error('x'), { code: 'ENOENT' })).status, 500);
  });
  it('hides unexpected errors behind an error id', () => {
    const p = f.toPayload(new Error('secret internals at /srv/app.js:12'));
    assert.equal(p.status, 500);
    assert.equal(p.code, 'internal_server_error');
    assert.ok(!p.message.includes('secret internals'));
    assert.match(p.message, /error id [0-9a-f-]{36}/);
  });

  it('answers 503 with a plain message when PostgreSQL or Redis is down, quoting neither driver', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const pg = f.toPayload(refused);
    assert.deepEqual(pg, { code: 'service_unavailable', message: 'The database is unavailable, try again shortly.', status: 503, retryAfter: 5 });
    const shutdown = f.toPayload(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    assert.equal(shutdown.status, 503);
    const maxRetries = new Error('Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.');
    maxRetries.name = 'MaxRetriesPerRequestError';
    const redis = f.toPayload(maxRetries);
    assert.equal(redis.status, 503);
    assert.equal(redis.code, 'service_unavailable');
    assert.doesNotMatch(redis.message, /maxRetriesPerRequest|ioredis|retries/);
  });
  it('keeps query errors that are not outages as 500', () => {
    assert.equal(f.toPayload(Object.assign(new Error('syntax error at or near "x"'), { code: '42601' })).status, 500);
  });
});
