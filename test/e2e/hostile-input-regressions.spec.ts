/**
 * The hostile inputs of issue 9 §A, exactly as reported, each of which answered 500: now a 4xx in
 * Dify's envelope. The numbers follow the issue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { HttpResult, createAdminAndApp, http } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });
const CHAT_CONFIG = {
  model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat' },
  user_input_form: [{ 'text-input': { label: 'Name', variable: 'name', required: false } }],
};

/** A 4xx in Dify's envelope with the given status (and code / field when given). */
function refused(r: HttpResult, status: number, code?: string, params?: string) {
  assert.equal(r.status, status, r.text);
  assert.deepEqual(
    Object.keys(r.body)
      .filter((k) => k !== 'params')
      .sort(),
    ['code', 'message', 'status'],
    r.text,
  );
  assert.equal(r.body.status, status);
  if (code) assert.equal(r.body.code, code, r.text);
  if (params) assert.equal(r.body.params, params, r.text);
  assert.doesNotMatch(r.text, /invalid input syntax|out of range for type|index row|stack|\.ts:\d+/);
}

const raw = (base: string, method: string, path: string, body: string | Buffer, headers: Record<string, string>) =>
  http(base, method, path, { raw: body, headers });

describe('hostile input: the reported cases answer 4xx', () => {
  let t: TestPlatform;
  let token: string;
  let chat: { appId: string; key: string };

  before(async () => {
    t = await startTestPlatform();
  });
  after(async () => t?.stop());

  it('8. POST /console/api/setup without a body is 400', async () => {
    refused(await http(t.base, 'POST', '/console/api/setup'), 400, 'invalid_param');
    const form = new FormData();
    form.append('email', 'x');
    refused(await http(t.base, 'POST', '/console/api/setup', { raw: form }), 400, 'invalid_param');
    const fx = await createAdminAndApp(t.base, CHAT_CONFIG);
    ({ token } = fx);
    chat = fx;
    refused(await http(t.base, 'POST', '/console/api/setup'), 400, 'invalid_param');
  });

  it('1. body-parser failures on open and authenticated routes: too many parameters 413, unknown encoding 415, gzip on plain text 400', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&');
    for (const [path, auth] of [
      ['/console/api/login', {}],
      ['/v1/chat-messages', { authorization: `Bearer ${chat.key}` }],
    ] as const) {
      refused(await raw(t.base, 'POST', path, many, { ...auth, 'content-type': 'application/x-www-form-urlencoded' }), 413);
      refused(await raw(t.base, 'POST', path, '{"query":"hi"}', { ...auth, 'content-type': 'application/json', 'content-encoding': 'x-bogus' }), 415);
      refused(await raw(t.base, 'POST', path, '{"query":"hi"}', { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }), 400);
      refused(await raw(t.base, 'POST', path, '{"query":', { ...auth, 'content-type': 'application/json' }), 400, 'invalid_param');
      refused(await raw(t.base, 'POST', path, '{}', { ...auth, 'content-type': 'application/json; charset=x-bogus' }), 415);
    }
  });

  it('2. NUL in queries, bodies, path ids and jsonb is refused, naming the field', async () => {
    const send = (body: unknown) => http(t.base, 'POST', '/v1/chat-messages', { token: chat.key, body });
    refused(await http(t.base, 'GET', '/v1/conversations?user=%00', { token: chat.key }), 400, 'invalid_param', 'user');
    refused(await send({ query: 'a\u0000b', inputs: {}, user: 'u' }), 400, 'invalid_param', 'query');
    refused(await send({ query: 'hi', inputs: {}, user: '\u0000' }), 400, 'invalid_param', 'user');
    refused(await send({ query: 'hi', inputs: { name: 'x\u0000' }, user: 'u' }), 400, 'invalid_param', 'inputs.name');
    refused(
      await http(t.base, 'POST', `/console/api/apps/${chat.appId}/model-config`, { token, body: { ...CHAT_CONFIG, pre_prompt: 'be\u0000nice' } }),
      400,
      'invalid_param',
      'pre_prompt',
    );
    refused(await http(t.base, 'GET', `/console/api/apps/%00`, { token }), 404, 'not_found');
    const kc = await KnowledgeClient.create(t).then((k) => k.client);
    const d = await kc.newDataset('nul');
    refused(await kc.api('GET', `/datasets/${d.id}/documents/%00`), 404, 'not_found');
    refused(await kc.api('GET', `/datasets/${d.id}/documents/a%00b/indexing-status`), 400, 'invalid_param', 'batch');
  });

  it('3. inputs nested 8,000 deep are refused before anything serialises them', async () => {
    const body = `{"query":"x","user":"u","inputs":${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}}`;
    const r = await raw(t.base, 'POST', '/v1/chat-messages', body, { authorization: `Bearer ${chat.key}`, 'content-type': 'application/json' });
    refused(r, 400, 'invalid_param');
    assert.match(r.body.params, /^inputs(\.a)+$/);
  });

  it('4. lone surrogates in inputs, model config and conversation variables are refused', async () => {
    const json = (path: string, text: string, auth: string, method = 'POST') =>
      raw(t.base, method, path, text, { authorization: `Bearer ${auth}`, 'content-type': 'application/json' });
    refused(await json('/v1/chat-messages', '{"query":"x","user":"u","inputs":{"name":"\\ud800"}}', chat.key), 400, 'invalid_param', 'inputs.name');
    refused(
      await json(`/console/api/apps/${chat.appId}/model-config`, `{"model":{"name":"gpt-4o-mini"},"opening_statement":"\\udc00"}`, token),
      400,
      'invalid_param',
      'opening_statement',
    );
    refused(
      await json('/v1/conversations/00000000-0000-4000-8000-000000000000/variables/topic', '{"value":"\\ud83d","user":"u"}', chat.key, 'PUT'),
      400,
      'invalid_param',
      'value',
    );
  });

  it('5. page and limit are bounded on every paged list (Dify: page 1–99999, limit 1–100)', async () => {
    const { client: kc } = await KnowledgeClient.create(t);
    const d = await kc.newDataset('paged');
    const doc = await kc.api('POST', `/datasets/${d.id}/document/create-by-text`, {
      name: 'pc',
      text: 'Line one.\nLine two.\n\nLine three.\nLine four.',
      doc_form: 'hierarchical_model',
      process_rule: {
        mode: 'hierarchical',
        rules: { parent_mode: 'paragraph', segmentation: { separator: '\n\n', max_tokens: 500 }, subchunk_segmentation: { separator: '\n', max_tokens: 100 } },
      },
    });
    await kc.waitForBatch(d.id, doc.body.batch);
    const seg = (await kc.api('GET', `/datasets/${d.id}/documents/${doc.body.document.id}/segments`)).body.data[0].id;
    const flow = await createAdminAndApp(t.base, undefined, 'workflow');
    const lists: [string, string][] = [
      [`/console/api/apps?`, token],
      ['/console/api/datasets?', token],
      ['/v1/datasets?', kc.key],
      [`/v1/datasets/${d.id}/documents?`, kc.key],
      [`/console/api/datasets/${d.id}/documents?`, token],
      [`/v1/datasets/${d.id}/documents/${doc.body.document.id}/segments?`, kc.key],
      [`/v1/datasets/${d.id}/documents/${doc.body.document.id}/segments/${seg}/child_chunks?`, kc.key],
      ['/v1/apps/annotations?', chat.key],
      ['/v1/app/feedbacks?', chat.key],
      ['/v1/workflows/logs?', flow.key],
      [`/api/conversations?app_id=${chat.appId}&`, token],
    ];
    for (const [path, auth] of lists) {
      for (const page of ['99999999999999999999', '1e20', '100000', '0'])
        refused(await http(t.base, 'GET', `${path}page=${page}`, { token: auth }), 400, 'invalid_param', 'page');
      for (const limit of ['0', '1000', '1e308']) refused(await http(t.base, 'GET', `${path}limit=${limit}`, { token: auth }), 400, 'invalid_param', 'limit');
      const last = await http(t.base, 'GET', `${path}page=99999&limit=100`, { token: auth });
      assert.equal(last.status, 200, `${path}: ${last.text}`);
      assert.deepEqual(last.body.data, []);
    }
  });

  it('6. non-UUID ids in paths are 404 not_found; an empty document_id in a body is 400', async () => {
    refused(await http(t.base, 'DELETE', '/console/api/apps/not-a-uuid', { token }), 404, 'not_found');
    refused(await http(t.base, 'GET', '/console/api/apps/not-a-uuid/export', { token }), 404, 'not_found');
    refused(await http(t.base, 'POST', '/console/api/apps/not-a-uuid/workflows/draft/run', { token, body: { inputs: {} } }), 404, 'not_found');
    const { client: kc } = await KnowledgeClient.create(t);
    const d = await kc.newDataset('ids');
    refused(
      await kc.api('POST', `/datasets/${d.id}/documents/metadata`, { operation_data: [{ document_id: '', metadata_list: [] }] }),
      400,
      'invalid_param',
      'operation_data.0.document_id',
    );
  });

  it('7. out-of-range integers are 400 invalid_param, not "integer out of range"', async () => {
    refused(await http(t.base, 'PUT', `/console/api/apps/${chat.appId}`, { token, body: { api_rpm: 1e308 } }), 400, 'invalid_param', 'api_rpm');
    refused(
      await raw(t.base, 'PUT', `/console/api/apps/${chat.appId}`, '{"max_active_requests":18446744073709551616}', {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      }),
      400,
      'invalid_param',
      'max_active_requests',
    );
    refused(await http(t.base, 'PUT', `/console/api/apps/${chat.appId}`, { token, body: { api_rph: 2 ** 31 } }), 400, 'invalid_param', 'api_rph');
    assert.equal((await http(t.base, 'PUT', `/console/api/apps/${chat.appId}`, { token, body: { api_rpm: 2 ** 31 - 1 } })).status, 200);
    await http(t.base, 'PUT', `/console/api/apps/${chat.appId}`, { token, body: { api_rpm: 0 } });
  });

  it('9. user and other indexed text are bounded at the edge (a 1 MB user no longer reaches an index)', async () => {
    const form = new FormData();
    form.append('user', 'x'.repeat(1_000_000));
    form.append('file', new Blob(['hello']), 'a.txt');
    refused(await http(t.base, 'POST', '/v1/files/upload', { token: chat.key, raw: form }), 400, 'invalid_param', 'user');
    refused(
      await http(t.base, 'POST', '/v1/chat-messages', { token: chat.key, body: { query: 'hi', inputs: {}, user: 'u'.repeat(256) } }),
      400,
      'invalid_param',
      'user',
    );
    refused(
      await http(t.base, 'POST', '/console/api/login', { body: { email: `${'a'.repeat(300_000)}@example.com`, password: 'x' } }),
      400,
      'invalid_param',
      'email',
    );
    const { client: kc } = await KnowledgeClient.create(t);
    refused(await kc.api('POST', '/datasets', { name: 'm', embedding_model: 'x'.repeat(100_000) }), 400, 'invalid_param', 'embedding_model');
  });

  it('10. ten concurrent publishes of one workflow all succeed, with ten distinct versions, the newest live', async () => {
    const flow = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = { nodes: [node('start', 'start'), node('end', 'end', { outputs: [] })], edges: [edge('start', 'end')] };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${flow.appId}/workflows/draft`, { token, body: { graph } })).status, 200);
    const results = await Promise.all(Array.from({ length: 10 }, () => http(t.base, 'POST', `/console/api/apps/${flow.appId}/workflows/publish`, { token })));
    assert.deepEqual(
      results.map((r) => r.status),
      Array(10).fill(200),
      results.map((r) => r.text).join('\n'),
    );
    const db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    try {
      const rows = (await db.query(`SELECT version FROM workflows WHERE app_id = $1 AND version <> 'draft' ORDER BY version`, [flow.appId])).rows.map(
        (r) => r.version as string,
      );
      assert.equal(new Set(rows).size, 10, 'ten distinct versions');
      const current = (await db.query('SELECT w.version FROM apps a JOIN workflows w ON w.id = a.workflow_id WHERE a.id = $1', [flow.appId])).rows[0].version;
      assert.equal(current, rows.at(-1), 'the app runs the newest');
    } finally {
      await db.end();
    }
  });

  it('11. sixteen concurrent key creates stop at the limit of 10, for app keys and dataset keys', async () => {
    const app = (await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'keys', mode: 'chat' } })).body;
    const appKeys = await Promise.all(Array.from({ length: 16 }, () => http(t.base, 'POST', `/console/api/apps/${app.id}/api-keys`, { token })));
    assert.equal(appKeys.filter((r) => r.status === 201).length, 10);
    for (const r of appKeys.filter((x) => x.status !== 201)) refused(r, 400, 'api_key_limit_exceeded');
    assert.equal((await http(t.base, 'GET', `/console/api/apps/${app.id}/api-keys`, { token })).body.data.length, 10);
    const before = (await http(t.base, 'GET', '/console/api/datasets/api-keys', { token })).body.data.length;
    const dsKeys = await Promise.all(Array.from({ length: 16 }, () => http(t.base, 'POST', '/console/api/datasets/api-keys', { token })));
    assert.equal(dsKeys.filter((r) => r.status === 201).length, 10 - before);
    assert.equal((await http(t.base, 'GET', '/console/api/datasets/api-keys', { token })).body.data.length, 10);
  });
});
