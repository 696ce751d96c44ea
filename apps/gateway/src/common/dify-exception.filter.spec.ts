import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { NotChatAppError } from '@sluice/contracts';
import { DifyExceptionFilter } from './dify-exception.filter';

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
  it('hides unexpected errors behind an error id', () => {
    const p = f.toPayload(new Error('secret internals at /srv/app.js:12'));
    assert.equal(p.status, 500);
    assert.equal(p.code, 'internal_server_error');
    assert.ok(!p.message.includes('secret internals'));
    assert.match(p.message, /error id [0-9a-f-]{36}/);
  });
});
