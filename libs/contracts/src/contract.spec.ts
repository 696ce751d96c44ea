import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatContracts } from './chat/chat.contracts';
import { TeamsContracts } from './chat/teams.contracts';
import { bodySchemaOf, declaredSchemaOf, parseAfterLookup, parseContract } from './contract';
import { DatasetContracts } from './dataset/dataset.contracts';
import { InvalidParamError } from './errors';

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
  assert.throws(
    () => parseContract(ChatContracts.generate, { caller, kind: 'chat' }),
    (e: InvalidParamError) => e.params === 'query',
  );
});

test('a contract declares the service that answers it', () => {
  assert.equal(ChatContracts.generate.service, 'chat');
  assert.equal(ChatContracts.generate.pattern, 'chat.generate');
});

test('a part declared afterLookup passes receipt as sent and is validated later with the schema the contract declares', () => {
  const C = DatasetContracts.segments.childCreate;
  const received = parseContract(C, { tenantId: 't', via: 'api', body: { content: 42 } });
  assert.deepEqual(received.body, { content: 42 });
  assert.equal(bodySchemaOf(C), undefined, 'not validated at the HTTP edge either');
  assert.ok(declaredSchemaOf(C, 'body'));
  assert.deepEqual(parseAfterLookup(C, 'body', { content: 'x' }), { content: 'x' });
  assert.throws(
    () => parseAfterLookup(C, 'body', undefined),
    (e: InvalidParamError) => e.params === 'content' && e.message === 'content is required',
  );
  assert.throws(() => parseAfterLookup(DatasetContracts.datasets.get, 'body', {}), /declares no body validated after its lookups/);
});

test("an end user is checked as the `user` the client sent, after the client's own fields", () => {
  const C = ChatContracts.conversations;
  assert.equal(parseContract(C, { caller, query: {} }).query.limit, 20);
  assert.throws(
    () => parseContract(C, { caller: { ...caller, sessionId: '' }, query: {} }),
    (e: InvalidParamError) => e.params === 'user' && e.message === 'user: user must not be empty',
  );
  assert.throws(
    () => parseContract(C, { caller: { ...caller, sessionId: '' }, query: { limit: '0' } }),
    (e: InvalidParamError) => e.params === 'limit',
  );
});

test('a body validated on receipt is named as sent; absent is empty', () => {
  const scope = { tenantId: 't', accountId: 'a', role: 'owner' };
  assert.throws(
    () => parseContract(TeamsContracts.workspaceRename, { scope }),
    (e: InvalidParamError) => e.params === 'name' && e.message === 'name is required',
  );
  assert.equal(parseContract(TeamsContracts.workspaceRename, { scope, body: { name: ' W ' } }).body.name, 'W');
});
