import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidParamError } from './errors';
import { ChatContracts } from './chat/chat.contracts';
import { parseContract } from './contract';

const caller = { tenantId: 't', appId: 'a', userType: 'service_api', sessionId: 'u' };

test('a contract payload is validated with its schema and the client field is named as the client sent it', () => {
  const ok = parseContract(ChatContracts.generate, { caller, kind: 'chat', streaming: false, body: { query: 'hi', inputs: {}, user: 'u' } });
  assert.equal(ok.kind, 'chat');
  assert.equal(ok.body.response_mode, 'blocking');
  assert.throws(
    () => parseContract(ChatContracts.generate, { caller, kind: 'chat', body: { inputs: {}, user: 'u' } }),
    (e: InvalidParamError) => e.code === 'invalid_param' && e.params === 'query' && e.message === 'query is required',
  );
  assert.throws(
    () => parseContract(ChatContracts.generate, { caller, kind: 'completion', body: { inputs: 'x', user: 'u' } }),
    (e: InvalidParamError) => e.params === 'inputs' && e.message === 'inputs: inputs must be an object',
  );
});

test('a missing body is an empty one, so its required fields are named', () => {
  assert.throws(() => parseContract(ChatContracts.generate, { caller, kind: 'chat' }), (e: InvalidParamError) => e.params === 'query');
});

test('a contract declares the service that answers it', () => {
  assert.equal(ChatContracts.generate.service, 'chat');
  assert.equal(ChatContracts.generate.pattern, 'chat.generate');
});
