import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { Client } from 'pg';
import { OpenAiTestServer } from '@sluice/testing';
import { http } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const ADMIN = { email: 'owner@example.com', name: 'Owner', password: 'a-very-long-password' };

describe('Console API and Web API', () => {
  let t: TestPlatform;
  let token: string;

  before(async () => {
    t = await startTestPlatform();
  });
  after(async () => t?.stop());

  it('sets up the first admin once, then refuses with already_setup', async () => {
    assert.deepEqual((await http(t.base, 'GET', '/console/api/setup')).body, { step: 'not_started' });
    const bad = await http(t.base, 'POST', '/console/api/setup', { body: { email: 'not-an-email', name: 'x', password: 'short' } });
    assert.deepEqual([bad.status, bad.body.code], [400, 'invalid_param']);
    const ok = await http(t.base, 'POST', '/console/api/setup', { body: ADMIN });
    assert.deepEqual([ok.status, ok.body], [201, { result: 'success' }]);
    const again = await http(t.base, 'POST', '/console/api/setup', { body: { ...ADMIN, email: 'second@example.com' } });
    assert.deepEqual([again.status, again.body.code], [403, 'already_setup']);
    assert.deepEqual((await http(t.base, 'GET', '/console/api/setup')).body, { step: 'finished' });
  });

  it('logs in with tokens in the body and a session cookie; bad passwords get 401', async () => {
    const wrong = await http(t.base, 'POST', '/console/api/login', { body: { email: ADMIN.email, password: 'wrong-password' } });
    assert.equal(wrong.status, 401);
    const res = await http(t.base, 'POST', '/console/api/login', { body: { email: ADMIN.email.toUpperCase(), password: ADMIN.password, remember_me: true } });
    assert.equal(res.status, 200);
    assert.equal(res.body.result, 'success');
    assert.equal(res.body.data.expires_in, 3600);
    token = res.body.data.access_token;
    const cookie = res.headers.get('set-cookie')!;
    assert.match(cookie, /session=[^;]+/);
    const session = cookie.match(/session=([^;]+)/)![1];
    const viaCookie = await http(t.base, 'GET', '/console/api/apps', { headers: { cookie: `session=${session}` } });
    assert.equal(viaCookie.status, 200);
    const noAuth = await http(t.base, 'GET', '/console/api/apps');
    assert.deepEqual([noAuth.status, noAuth.body.code], [401, 'unauthorized']);
    const forged = await http(t.base, 'GET', '/console/api/apps', { token: token.slice(0, -2) + 'xx' });
    assert.equal(forged.status, 401);
  });

  it('manages apps: create, list with paging/search/mode, get, update, delete', async () => {
    const created = await http(t.base, 'POST', '/console/api/apps', {
      token,
      body: { name: '新的聊天应用', mode: 'chat', description: 'd', icon: '🤖', icon_background: '#FFEAD5' },
    });
    assert.equal(created.status, 201);
    for (const f of [
      'id',
      'name',
      'description',
      'mode',
      'status',
      'enable_site',
      'enable_api',
      'api_rpm',
      'api_rph',
      'is_demo',
      'model_config',
      'created_at',
      'updated_at',
      'icon',
      'icon_background',
    ]) {
      assert.ok(f in created.body, `app has ${f}`);
    }
    assert.equal(created.body.model_config.provider, 'openai');
    assert.equal(typeof created.body.model_config.model_id, 'string');
    await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Writer', mode: 'completion' } });
    await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Flow', mode: 'workflow' } });
    const page = await http(t.base, 'GET', '/console/api/apps?page=1&limit=2', { token });
    assert.deepEqual([page.body.total, page.body.limit, page.body.page, page.body.has_more, page.body.data.length], [3, 2, 1, true, 2]);
    const search = await http(t.base, 'GET', '/console/api/apps?search=writ', { token });
    assert.deepEqual(
      search.body.data.map((a: any) => a.name),
      ['Writer'],
    );
    const mode = await http(t.base, 'GET', '/console/api/apps?mode=workflow', { token });
    assert.deepEqual(
      mode.body.data.map((a: any) => a.name),
      ['Flow'],
    );
    const badMode = await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'x', mode: 'nonsense' } });
    assert.deepEqual([badMode.status, badMode.body.code], [400, 'invalid_param']);
    const upd = await http(t.base, 'PUT', `/console/api/apps/${created.body.id}`, { token, body: { name: 'Renamed', enable_api: true } });
    assert.equal(upd.body.name, 'Renamed');
    assert.equal((await http(t.base, 'GET', `/console/api/apps/${created.body.id}`, { token })).body.name, 'Renamed');
    const del = await http(t.base, 'DELETE', `/console/api/apps/${mode.body.data[0].id}`, { token });
    assert.equal(del.status, 204);
    assert.equal((await http(t.base, 'GET', `/console/api/apps/${mode.body.data[0].id}`, { token })).status, 404);
    assert.equal((await http(t.base, 'GET', '/console/api/apps/not-a-uuid', { token })).status, 404);
  });

  it('issues API keys shown once, stored hashed, listed masked, at most 10, revocable', async () => {
    const app = (await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Keys', mode: 'chat' } })).body;
    const k = await http(t.base, 'POST', `/console/api/apps/${app.id}/api-keys`, { token });
    assert.equal(k.status, 201);
    assert.equal(k.body.type, 'app');
    assert.match(k.body.token, /^app-[A-Za-z0-9]{24}$/);
    const db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    try {
      const rows = (await db.query('SELECT token_hash, token_hint FROM api_tokens')).rows;
      assert.ok(rows.length >= 1);
      assert.ok(
        rows.every((r) => !JSON.stringify(r).includes(k.body.token)),
        'plain token is not stored',
      );
    } finally {
      await db.end();
    }
    const list = await http(t.base, 'GET', `/console/api/apps/${app.id}/api-keys`, { token });
    assert.equal(list.body.data.length, 1);
    assert.notEqual(list.body.data[0].token, k.body.token);
    assert.ok(!list.body.data[0].token.includes(k.body.token.slice(8, 20)));
    const works = await http(t.base, 'GET', '/v1/parameters', { token: k.body.token });
    assert.equal(works.status, 200);
    for (let i = 0; i < 9; i++) assert.equal((await http(t.base, 'POST', `/console/api/apps/${app.id}/api-keys`, { token })).status, 201);
    const eleventh = await http(t.base, 'POST', `/console/api/apps/${app.id}/api-keys`, { token });
    assert.equal(eleventh.status, 400);
    const del = await http(t.base, 'DELETE', `/console/api/apps/${app.id}/api-keys/${k.body.id}`, { token });
    assert.equal(del.status, 204);
    const revoked = await http(t.base, 'GET', '/v1/parameters', { token: k.body.token });
    assert.deepEqual([revoked.status, revoked.body.code], [401, 'invalid_api_key']);
    const dk = await http(t.base, 'POST', '/console/api/datasets/api-keys', { token });
    assert.match(dk.body.token, /^dataset-[A-Za-z0-9]{24}$/);
    const datasetKeyOnAppRoute = await http(t.base, 'GET', '/v1/parameters', { token: dk.body.token });
    assert.equal(datasetKeyOnAppRoute.status, 401);
  });

  it('rotates refresh tokens and revokes on logout', async () => {
    const login = await http(t.base, 'POST', '/console/api/login', { body: { email: ADMIN.email, password: ADMIN.password } });
    const { access_token, refresh_token } = login.body.data;
    const r1 = await http(t.base, 'POST', '/console/api/refresh-token', { body: { refresh_token } });
    assert.equal(r1.status, 200);
    assert.notEqual(r1.body.data.access_token, access_token);
    const replay = await http(t.base, 'POST', '/console/api/refresh-token', { body: { refresh_token } });
    assert.equal(replay.status, 401, 'a refresh token works once');
    const out = await http(t.base, 'POST', '/console/api/logout', { token: r1.body.data.access_token });
    assert.equal(out.status, 200);
    assert.equal((await http(t.base, 'GET', '/console/api/apps', { token: r1.body.data.access_token })).status, 401);
  });

  it('uses per-workspace provider credentials over the deployment default', async () => {
    const other = new OpenAiTestServer();
    const { url } = await other.start();
    try {
      const app = (await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Creds', mode: 'chat' } })).body;
      const key = (await http(t.base, 'POST', `/console/api/apps/${app.id}/api-keys`, { token })).body.token;
      const bad = await http(t.base, 'POST', '/console/api/workspaces/current/model-providers/openai/credentials', { token, body: { credentials: {} } });
      assert.equal(bad.body.code, 'invalid_param');
      const set = await http(t.base, 'POST', '/console/api/workspaces/current/model-providers/openai/credentials', {
        token,
        body: { credentials: { openai_api_key: 'sk-workspace', openai_api_base: url } },
      });
      assert.equal(set.status, 200);
      await new Promise((r) => setTimeout(r, 5100)); // the chat service caches credentials for 5 s
      const res = await http(t.base, 'POST', '/v1/chat-messages', {
        token: key,
        body: { inputs: {}, query: 'which server?', user: 'u', auto_generate_name: false },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(other.requests.length, 1, 'the workspace server answered');
      assert.equal(other.requests[0].headers.authorization, 'Bearer sk-workspace');
      const db = new Client({ connectionString: t.config.databaseUrl });
      await db.connect();
      const row = (await db.query('SELECT encrypted_config FROM provider_credentials')).rows[0];
      await db.end();
      assert.ok(!row.encrypted_config.includes('sk-workspace'), 'credentials are encrypted at rest');
    } finally {
      await http(t.base, 'POST', '/console/api/workspaces/current/model-providers/openai/credentials', {
        token,
        body: { credentials: { openai_api_key: 'sk-test', openai_api_base: t.model.url } },
      });
      await other.stop();
    }
  });

  it('serves the seed Web API: /api/login, chat by app_id, paged conversations, rename', async () => {
    const app = (await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Web', mode: 'chat' } })).body;
    const login = await http(t.base, 'POST', '/api/login', { body: { email: ADMIN.email, password: ADMIN.password, remember_me: true } });
    assert.equal(login.status, 200);
    const ut = login.body.data.access_token;
    assert.equal(typeof login.body.data.refresh_token, 'string');
    const chat = await http(t.base, 'POST', '/api/chat-messages', {
      token: ut,
      body: { app_id: app.id, inputs: {}, query: 'hello web', response_mode: 'blocking' },
    });
    assert.equal(chat.status, 200, chat.text);
    const convs = await http(t.base, 'GET', `/api/conversations?app_id=${app.id}&page=1&limit=20`, { token: ut });
    assert.deepEqual([convs.body.total, convs.body.page, convs.body.limit, convs.body.has_more], [1, 1, 20, false]);
    assert.equal(convs.body.data[0].id, chat.body.conversation_id);
    assert.equal(convs.body.data[0].status, 'normal');
    const rn = await http(t.base, 'POST', `/api/conversations/${chat.body.conversation_id}/name`, { token: ut, body: { name: '产品咨询对话' } });
    assert.equal(rn.body.result, 'success', rn.text);
    assert.deepEqual(Object.keys(rn.body.data).sort(), ['id', 'name', 'updated_at']);
    assert.equal(rn.body.data.name, '产品咨询对话');
    const bad = await http(t.base, 'GET', `/api/conversations?app_id=${app.id}`, { token: 'garbage' });
    assert.equal(bad.status, 401);
    const missingApp = await http(t.base, 'GET', '/api/conversations', { token: ut });
    assert.equal(missingApp.body.code, 'invalid_param');
  });

  it("serves Dify's web app flow: a passport from X-App-Code, then chat and conversations without app_id or user", async () => {
    const app = (await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Public FAQ', mode: 'chat' } })).body;
    assert.match(app.site.code, /^[0-9a-z]{16}$/);
    const code = app.site.code as string;
    const web = (passport: string, method: string, path: string, body?: unknown, appCode = code) =>
      http(t.base, method, path, { token: passport, body, headers: { 'x-app-code': appCode } });

    const missing = await http(t.base, 'GET', '/api/passport');
    assert.deepEqual([missing.status, missing.body.code], [401, 'unauthorized']);
    assert.equal((await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': 'no-such-code' } })).status, 404);
    const p1 = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).body.access_token as string;
    const p2 = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).body.access_token as string;
    assert.ok(p1 && p2 && p1 !== p2, 'every passport is a new visitor');

    const chat = await web(p1, 'POST', '/api/chat-messages', { inputs: {}, query: 'hello from the web app', response_mode: 'blocking' });
    assert.equal(chat.status, 200, chat.text);
    assert.match(chat.body.answer, /hello from the web app/);
    const mine = await web(p1, 'GET', '/api/conversations?limit=20');
    assert.deepEqual([mine.status, mine.body.data.map((c: any) => c.id), mine.body.has_more], [200, [chat.body.conversation_id], false]);
    const msgs = await web(p1, 'GET', `/api/messages?conversation_id=${chat.body.conversation_id}`);
    assert.equal(msgs.body.data[0].query, 'hello from the web app');
    assert.equal((await web(p1, 'GET', '/api/parameters')).status, 200);
    const messageId = msgs.body.data[0].id;
    const liked = await web(p1, 'POST', `/api/messages/${messageId}/feedbacks`, { rating: 'like' });
    assert.deepEqual([liked.status, liked.body.result], [200, 'success'], liked.text);
    assert.equal((await web(p1, 'GET', `/api/messages?conversation_id=${chat.body.conversation_id}`)).body.data[0].feedback?.rating, 'like');
    assert.equal((await web(p2, 'POST', `/api/messages/${messageId}/feedbacks`, { rating: 'dislike' })).status, 404, 'another visitor cannot rate it');
    assert.equal((await web(p1, 'GET', '/api/site')).status, 200);
    const form = new FormData();
    form.append('file', new Blob(['a note for the assistant'], { type: 'text/plain' }), 'note.txt');
    const up = await http(t.base, 'POST', '/api/files/upload', { token: p1, raw: form, headers: { 'x-app-code': code } });
    assert.equal(up.status, 201, up.text);
    assert.deepEqual([up.body.name, up.body.extension], ['note.txt', 'txt']);
    const empty = await http(t.base, 'POST', '/api/files/upload', { token: p1, raw: new FormData(), headers: { 'x-app-code': code } });
    assert.deepEqual([empty.status, empty.body.code], [400, 'no_file_uploaded']);
    const noQuery = await web(p1, 'POST', '/api/chat-messages', { inputs: {}, response_mode: 'blocking' });
    assert.deepEqual([noQuery.status, noQuery.body.code], [400, 'invalid_param']);

    // Another visitor sees nothing of the first one's, and cannot touch it.
    assert.deepEqual((await web(p2, 'GET', '/api/conversations')).body.data, []);
    assert.equal((await web(p2, 'GET', `/api/messages?conversation_id=${chat.body.conversation_id}`)).status, 404);
    assert.equal((await web(p2, 'DELETE', `/api/conversations/${chat.body.conversation_id}`)).status, 404);
    const second = await web(p1, 'POST', '/api/chat-messages', { inputs: {}, query: 'a second conversation', response_mode: 'blocking' });
    const pin = await web(p1, 'PATCH', `/api/conversations/${chat.body.conversation_id}/pin`);
    assert.deepEqual([pin.status, pin.body], [200, { result: 'success' }], pin.text);
    assert.deepEqual(
      (await web(p1, 'GET', '/api/conversations?pinned=true')).body.data.map((c: any) => c.id),
      [chat.body.conversation_id],
    );
    assert.deepEqual(
      (await web(p1, 'GET', '/api/conversations?pinned=false')).body.data.map((c: any) => c.id),
      [second.body.conversation_id],
    );
    assert.equal((await web(p2, 'PATCH', `/api/conversations/${chat.body.conversation_id}/unpin`)).status, 404);
    assert.equal((await web(p1, 'PATCH', `/api/conversations/${chat.body.conversation_id}/unpin`)).status, 200);
    assert.deepEqual((await web(p1, 'GET', '/api/conversations?pinned=true')).body.data, []);
    const renamed = await web(p1, 'POST', `/api/conversations/${chat.body.conversation_id}/name`, { name: 'Mine' });
    assert.equal(renamed.body.data?.name ?? renamed.body.name, 'Mine', renamed.text);

    // A passport only works with its own app's code, and never on the console.
    const other = (await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Other app', mode: 'chat' } })).body;
    assert.equal((await web(p1, 'GET', '/api/conversations', undefined, other.site.code)).status, 401);
    assert.equal((await http(t.base, 'GET', '/api/conversations', { token: p1 })).status, 401, 'no X-App-Code: not an account token either');
    assert.equal((await http(t.base, 'GET', '/console/api/apps', { token: p1 })).status, 401);

    // A workflow app's web app runs its published workflow for the visitor.
    const flow = (await http(t.base, 'POST', '/console/api/apps', { token, body: { name: 'Echo flow', mode: 'workflow' } })).body;
    const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
    const graph = {
      nodes: [
        node('start', 'start', { variables: [{ variable: 'q', label: 'q', type: 'text-input', required: true }] }),
        node('end', 'end', { outputs: [{ variable: 'echo', value_selector: ['start', 'q'] }] }),
      ],
      edges: [{ id: 'e', source: 'start', target: 'end', sourceHandle: 'source', targetHandle: 'target' }],
    };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${flow.id}/workflows/draft`, { token, body: { graph } })).status, 200);
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${flow.id}/workflows/publish`, { token })).status, 200);
    const fp = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': flow.site.code } })).body.access_token as string;
    const run = await web(fp, 'POST', '/api/workflows/run', { inputs: { q: 'ping' }, response_mode: 'blocking' }, flow.site.code);
    assert.equal(run.status, 200, run.text);
    assert.deepEqual([run.body.data.status, run.body.data.outputs], ['succeeded', { echo: 'ping' }]);

    // Turning the web app off stops new passports.
    assert.equal((await http(t.base, 'PUT', `/console/api/apps/${app.id}`, { token, body: { enable_site: false } })).status, 200);
    assert.equal((await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).status, 404);
    assert.equal((await web(p1, 'GET', '/api/conversations')).status, 404, 'passports already issued stop working too');
    assert.equal((await http(t.base, 'PUT', `/console/api/apps/${app.id}`, { token, body: { enable_site: true } })).status, 200);
    assert.equal((await web(p1, 'GET', '/api/conversations')).status, 200, 'and work again when it is back on');
  });

  it('isolates workspaces: another tenant sees none of these apps, keys or conversations', async () => {
    const db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    try {
      const tenant = (await db.query(`INSERT INTO tenants (name) VALUES ('Other') RETURNING id`)).rows[0].id;
      const acc = (
        await db.query(`INSERT INTO accounts (email, name, password_hash) VALUES ('other@example.com', 'Other', $1) RETURNING id`, [
          await bcrypt.hash('other-password', 4),
        ])
      ).rows[0].id;
      await db.query(`INSERT INTO tenant_account_joins (tenant_id, account_id, role, current) VALUES ($1, $2, 'owner', true)`, [tenant, acc]);
    } finally {
      await db.end();
    }
    const mine = (await http(t.base, 'GET', '/console/api/apps?limit=100', { token })).body.data;
    const other = (await http(t.base, 'POST', '/console/api/login', { body: { email: 'other@example.com', password: 'other-password' } })).body.data
      .access_token;
    const theirs = await http(t.base, 'GET', '/console/api/apps', { token: other });
    assert.equal(theirs.body.total, 0);
    const victim = mine[0].id;
    for (const [m, p] of [
      ['GET', `/console/api/apps/${victim}`],
      ['PUT', `/console/api/apps/${victim}`],
      ['DELETE', `/console/api/apps/${victim}`],
      ['GET', `/console/api/apps/${victim}/api-keys`],
      ['POST', `/console/api/apps/${victim}/api-keys`],
    ] as const) {
      const r = await http(t.base, m, p, { token: other, body: m === 'PUT' ? { name: 'pwned' } : undefined });
      assert.equal(r.status, 404, `${m} ${p}`);
    }
    const webChat = await http(t.base, 'POST', '/api/chat-messages', { token: other, body: { app_id: victim, inputs: {}, query: 'x' } });
    assert.equal(webChat.status, 404);
    assert.equal((await http(t.base, 'GET', `/console/api/apps/${victim}`, { token })).body.name !== 'pwned', true);
  });
});
