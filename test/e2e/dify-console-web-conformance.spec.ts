/**
 * The Knowledge API's console counterparts and the Web API, as Dify's console and web app call them,
 * checked against the same schemas of Dify's OpenAPI document (where Dify's console/web routes answer in
 * the Service API's shape) or, where the document has no counterpart, against the shape Dify's source gives
 * (see each row). Every row also refuses a request without credentials with a 401 in Dify's envelope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http, parseSse } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { ConformanceException, DifySpec, Violation, unexcused } from '../support/openapi-conformance';
import { TestPlatform, startTestPlatform } from '../support/test-platform';
import { CONFORMANCE_EXCEPTIONS } from './dify-openapi-exceptions';

/** This file's share of the one exceptions list: entries for `console:` and `web:` routes. */
const SURFACE_EXCEPTIONS = CONFORMANCE_EXCEPTIONS.filter((x) => x.ops !== '*' && x.ops.every((op) => op.includes(':')));

const MODEL = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
const spec = new DifySpec();

interface Row {
  /** `console` (session token) or `web` (passport + X-App-Code). */
  surface: 'console' | 'web';
  method: string;
  path: () => string;
  body?: () => unknown;
  form?: () => FormData;
  /** The Service API operation whose 2xx schema the answer has, or a JSON schema from Dify's source. */
  as: string | { schema: object; source: string };
  status?: number;
  events?: 'ChunkChatEvent';
}

describe("Dify's console (knowledge) and web app routes, checked against Dify's shapes", () => {
  let t: TestPlatform;
  const fx: Record<string, string> = {};
  const used = new Set<ConformanceException>();

  before(async () => {
    t = await startTestPlatform();
    const admin = await createAdminAndApp(t.base, { model: MODEL, user_input_form: [{ 'text-input': { label: 'City', variable: 'city', required: false } }] });
    fx.token = admin.token;
    const app = await http(t.base, 'GET', `/console/api/apps/${admin.appId}`, { token: admin.token });
    fx.code = app.body.site.code;
    fx.passport = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': fx.code } })).body.access_token;
    const chat = await http(t.base, 'POST', '/api/chat-messages', {
      token: fx.passport,
      headers: { 'x-app-code': fx.code },
      body: { inputs: {}, query: 'hello', response_mode: 'blocking' },
    });
    Object.assign(fx, { conversation: chat.body.conversation_id, message: chat.body.message_id });
    const k = await http(t.base, 'POST', '/console/api/datasets/api-keys', { token: admin.token });
    const c = new KnowledgeClient(t.base, k.body.token);
    const ds = await c.newDataset('Console KB');
    fx.dataset = ds.id;
    const doc = await c.textDocument(ds.id, { name: 'c.txt', text: 'Console knowledge about Dify.', indexing_technique: 'high_quality' });
    Object.assign(fx, { doc: doc.id, batch: doc.batch });
  });
  after(async () => t?.stop());

  const rows: Row[] = [
    { surface: 'console', method: 'GET', path: () => `/console/api/datasets/${fx.dataset}`, as: 'getDatasetDetail' },
    {
      surface: 'console',
      method: 'PATCH',
      path: () => `/console/api/datasets/${fx.dataset}`,
      body: () => ({ description: 'edited in the console' }),
      as: 'updateDataset',
    },
    { surface: 'console', method: 'GET', path: () => `/console/api/datasets/${fx.dataset}/documents?page=1&limit=20`, as: 'listDocuments' },
    { surface: 'console', method: 'GET', path: () => `/console/api/datasets/${fx.dataset}/documents/${fx.doc}`, as: 'getDocumentDetail' },
    { surface: 'console', method: 'GET', path: () => `/console/api/datasets/${fx.dataset}/batch/${fx.batch}/indexing-status`, as: 'getDocumentIndexingStatus' },
    {
      surface: 'console',
      method: 'POST',
      path: () => `/console/api/datasets/${fx.dataset}/hit-testing`,
      body: () => ({ query: 'What is Dify?' }),
      as: 'retrieveSegments',
    },
    { surface: 'console', method: 'GET', path: () => `/console/api/datasets/${fx.dataset}/documents/${fx.doc}/download`, as: 'downloadDocument' },
    {
      surface: 'console',
      method: 'GET',
      path: () => `/console/api/datasets/process-rule?document_id=${fx.doc}`,
      as: {
        source: 'api/controllers/console/datasets/datasets_document.py GetProcessRuleApi: {mode, rules, limits}',
        schema: {
          type: 'object',
          required: ['mode', 'rules', 'limits'],
          properties: {
            mode: { type: 'string' },
            rules: { type: 'object' },
            limits: { type: 'object', required: ['indexing_max_segmentation_tokens_length'] },
          },
        },
      },
    },
    {
      surface: 'web',
      method: 'POST',
      path: () => '/api/chat-messages',
      body: () => ({ inputs: {}, query: 'blocking from the web', response_mode: 'blocking', conversation_id: fx.conversation }),
      as: 'sendChatMessage',
    },
    {
      surface: 'web',
      method: 'POST',
      path: () => '/api/chat-messages',
      body: () => ({ inputs: {}, query: 'streaming from the web', response_mode: 'streaming' }),
      as: 'sendChatMessage',
      events: 'ChunkChatEvent',
    },
    { surface: 'web', method: 'GET', path: () => `/api/messages?conversation_id=${fx.conversation}&limit=20`, as: 'getConversationHistory' },
    { surface: 'web', method: 'GET', path: () => '/api/conversations?limit=20', as: 'getConversationsList' },
    {
      surface: 'web',
      method: 'POST',
      path: () => `/api/conversations/${fx.conversation}/name`,
      body: () => ({ name: 'Renamed on the web' }),
      as: 'renameConversation',
    },
    { surface: 'web', method: 'POST', path: () => `/api/messages/${fx.message}/feedbacks`, body: () => ({ rating: 'like' }), as: 'postChatMessageFeedback' },
    { surface: 'web', method: 'GET', path: () => '/api/parameters', as: 'getChatAppParameters' },
    { surface: 'web', method: 'GET', path: () => '/api/meta', as: 'getChatAppMeta' },
    {
      surface: 'web',
      method: 'POST',
      path: () => '/api/files/upload',
      as: 'uploadChatFile',
      status: 201,
      form: () => {
        const f = new FormData();
        f.append('file', new Blob(['a note'], { type: 'text/plain' }), 'note.txt');
        return f;
      },
    },
  ];

  async function send(row: Row, auth = true) {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${row.surface === 'console' ? fx.token : fx.passport}`;
    if (row.surface === 'web') headers['x-app-code'] = fx.code;
    let body: RequestInit['body'];
    if (row.form) body = row.form();
    else if (row.body) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(row.body());
    }
    const res = await fetch(t.base + row.path(), { method: row.method, headers, body });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* SSE */
    }
    return { status: res.status, text, json };
  }

  for (const row of rows) {
    const name = typeof row.as === 'string' ? row.as : 'Dify source shape';
    const shown = row.path
      .toString()
      .match(/`([^`]*)`|'([^']*)'/)
      ?.slice(1)
      .find(Boolean)
      ?.replace(/\$\{fx\.(\w+)\}/g, '{$1}');
    it(`${row.method} ${shown} (${row.surface}) answers as ${name}${row.events ? ', every event' : ''}`, async () => {
      const r = await send(row);
      const want = row.status ?? (typeof row.as === 'string' ? spec.successStatus(row.as) : 200);
      assert.equal(r.status, want, r.text.slice(0, 400));
      const found: Violation[] = [];
      const key = `${row.surface}:${typeof row.as === 'string' ? row.as : 'source'}`;
      if (row.events) {
        for (const e of parseSse(r.text)) if (e.event !== 'ping') found.push(...spec.validateEvent(row.events, e));
      } else if (typeof row.as === 'string') found.push(...spec.validateResponse(row.as, want, r.json));
      else found.push(...spec.validateJson(row.as.schema, r.json));
      const left = unexcused(key, found, SURFACE_EXCEPTIONS, used).map((v) => `${v.kind} ${v.pointer}: ${v.message}`);
      assert.deepEqual([...new Set(left)], [], r.text.slice(0, 600));
    });
  }

  it('refuses every row without credentials: 401 in Dify’s envelope', async () => {
    const failures: string[] = [];
    for (const row of rows) {
      const r = await send(row, false);
      if (r.status !== 401 || r.json?.code !== 'unauthorized' || r.json?.status !== 401)
        failures.push(`${row.method} ${row.path()}: ${r.status} ${r.text.slice(0, 120)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('needs every surface exception it lists', () => {
    assert.deepEqual(
      SURFACE_EXCEPTIONS.filter((x) => !used.has(x)).map((x) => `${x.ops} ${x.kind} ${x.pointer}`),
      [],
    );
  });
});
