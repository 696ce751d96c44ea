/**
 * Issue 9 §C: uploaded files stay with the app (and web visitor) they were uploaded through, and
 * browsers get CORS by API surface — the console only for listed origins, Secure cookies over HTTPS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RunningPlatform, startPlatform } from '../../apps/launcher/src/platform';
import { createAdminAndApp, http } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });
const CHAT_CONFIG = { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat' } };
const EVIL = 'https://evil.example';

async function upload(base: string, path: string, token: string, text: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  form.append('file', new Blob([text], { type: 'text/plain' }), 'notes.txt');
  const r = await http(base, 'POST', path, { token, raw: form, headers });
  assert.equal(r.status, 201, r.text);
  return r.body.id as string;
}

const localFile = (id: string) => ({ type: 'document', transfer_method: 'local_file', upload_file_id: id });

describe('security boundaries', () => {
  let t: TestPlatform;
  let token: string;

  before(async () => {
    t = await startTestPlatform();
    token = (await createAdminAndApp(t.base)).token;
  });
  after(async () => t?.stop());

  describe('C2. files belong to the app (and web visitor) they were uploaded through', () => {
    it("app A cannot use or preview app B's upload, nor a console upload; B can", async () => {
      const a = await createAdminAndApp(t.base, CHAT_CONFIG);
      const b = await createAdminAndApp(t.base, CHAT_CONFIG);
      const ofB = await upload(t.base, '/v1/files/upload', b.key, 'B private notes', { user: 'bob' });
      const chat = (key: string, id: string) =>
        http(t.base, 'POST', '/v1/chat-messages', { token: key, body: { query: 'summarise', inputs: {}, user: 'bob', files: [localFile(id)] } });
      const foreign = await chat(a.key, ofB);
      assert.deepEqual([foreign.status, foreign.body.code, foreign.body.params], [400, 'invalid_param', 'files']);
      assert.match(foreign.body.message, /File not found/);
      assert.equal((await chat(b.key, ofB)).status, 200);
      assert.equal((await http(t.base, 'GET', `/v1/files/${ofB}/preview`, { token: a.key })).status, 404);
      const consoleFile = await upload(t.base, '/console/api/files/upload', token, 'workspace notes');
      assert.equal((await chat(a.key, consoleFile)).status, 400, 'a console upload is not an app file');
      assert.equal((await http(t.base, 'GET', `/v1/files/${consoleFile}/preview`, { token: a.key })).status, 404);
    });

    it("a workflow's document-extractor reads only the run's own uploads", async () => {
      const w = await createAdminAndApp(t.base, undefined, 'workflow');
      const graph = {
        nodes: [
          node('start', 'start', { variables: [{ variable: 'doc', label: 'doc', type: 'file', required: true }] }),
          node('ext', 'document-extractor', { variable_selector: ['start', 'doc'] }),
          node('end', 'end', { outputs: [{ variable: 'text', value_selector: ['ext', 'text'] }] }),
        ],
        edges: [edge('start', 'ext'), edge('ext', 'end')],
      };
      await http(t.base, 'POST', `/console/api/apps/${w.appId}/workflows/draft`, { token, body: { graph } });
      await http(t.base, 'POST', `/console/api/apps/${w.appId}/workflows/publish`, { token });
      const other = await createAdminAndApp(t.base, CHAT_CONFIG);
      const foreign = await upload(t.base, '/v1/files/upload', other.key, 'not yours', { user: 'u' });
      const own = await upload(t.base, '/v1/files/upload', w.key, 'yours to read', { user: 'u' });
      const run = (id: string) => http(t.base, 'POST', '/v1/workflows/run', { token: w.key, body: { inputs: { doc: localFile(id) }, user: 'u' } });
      const refused = await run(foreign);
      assert.deepEqual([refused.status, refused.body.code, refused.body.params], [400, 'invalid_param', 'inputs.doc']);
      const ok = await run(own);
      assert.equal(ok.body.data?.status, 'succeeded', ok.text);
      assert.equal(ok.body.data.outputs.text, 'yours to read');
    });

    it("a web app visitor cannot use another visitor's upload", async () => {
      const app = await createAdminAndApp(t.base, CHAT_CONFIG);
      const code = (await http(t.base, 'GET', `/console/api/apps/${app.appId}`, { token })).body.site.code as string;
      const visitor = async () => (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).body.access_token as string;
      const [v1, v2] = [await visitor(), await visitor()];
      const h = { 'x-app-code': code };
      const ofV2 = await upload(t.base, '/api/files/upload', v2, 'visitor two only', {}, h);
      const chat = (p: string) =>
        http(t.base, 'POST', '/api/chat-messages', { token: p, headers: h, body: { query: 'read it', inputs: {}, files: [localFile(ofV2)] } });
      const stolen = await chat(v1);
      assert.deepEqual([stolen.status, stolen.body.code], [400, 'invalid_param'], stolen.text);
      assert.equal((await chat(v2)).status, 200);
      const ofKey = await upload(t.base, '/v1/files/upload', app.key, 'via the key', { user: 'someone' });
      const viaKey = await http(t.base, 'POST', '/api/chat-messages', { token: v1, headers: h, body: { query: 'x', inputs: {}, files: [localFile(ofKey)] } });
      assert.equal(viaKey.status, 400, 'a visitor cannot use files uploaded through the Service API either');
    });
  });

  describe('C3. CORS by API surface, Secure cookies behind a trusted proxy', () => {
    let configured: RunningPlatform;
    let base2 = '';
    const CONSOLE = 'https://console.example.com';
    const WEB = 'https://chat.example.com';

    before(async () => {
      // A second gateway on the same database and services, with origins listed and the loopback proxy trusted.
      configured = await startPlatform({
        ...t.config,
        services: ['gateway'],
        port: 0,
        cors: { consoleOrigins: [CONSOLE], webOrigins: [WEB] },
        trustedProxies: ['loopback'],
      });
      base2 = configured.url!;
    });
    after(async () => configured?.stop());

    const get = (base: string, path: string, origin: string, headers: Record<string, string> = {}) =>
      http(base, 'GET', path, { token, headers: { origin, ...headers } });
    const preflight = (base: string, path: string, origin: string, method = 'DELETE') =>
      fetch(base + path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
      });
    const cors = (h: Headers) => [h.get('access-control-allow-origin'), h.get('access-control-allow-credentials')];

    it('console: same origin only by default; listed origins with credentials; preflights answer accordingly', async () => {
      const evil = await get(t.base, '/console/api/apps', EVIL);
      assert.equal(evil.status, 200, 'the API still answers; the browser gets no permission to read it');
      assert.deepEqual(cors(evil.headers), [null, null]);
      const evilPre = await preflight(t.base, '/console/api/apps/00000000-0000-4000-8000-000000000000', EVIL);
      assert.equal(evilPre.status, 204);
      assert.deepEqual([...cors(evilPre.headers), evilPre.headers.get('access-control-allow-methods')], [null, null, null]);
      assert.deepEqual(cors((await get(base2, '/console/api/apps', EVIL)).headers), [null, null]);
      const listed = await get(base2, '/console/api/apps', CONSOLE);
      assert.deepEqual(cors(listed.headers), [CONSOLE, 'true']);
      assert.match(listed.headers.get('vary') ?? '', /Origin/i);
      const pre = await preflight(base2, '/console/api/apps/00000000-0000-4000-8000-000000000000', CONSOLE);
      assert.equal(pre.status, 204);
      assert.deepEqual(cors(pre.headers), [CONSOLE, 'true']);
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /DELETE/);
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    });

    it('Service API: any origin, never credentials', async () => {
      const app = await createAdminAndApp(t.base, CHAT_CONFIG);
      for (const base of [t.base, base2]) {
        const r = await http(base, 'GET', '/v1/info', { token: app.key, headers: { origin: EVIL } });
        assert.deepEqual(cors(r.headers), ['*', null]);
        const pre = await preflight(base, '/v1/chat-messages', EVIL, 'POST');
        assert.deepEqual([pre.status, ...cors(pre.headers)], [204, '*', null]);
      }
    });

    it('Web API: * without credentials by default; listed origins (only) with credentials when configured', async () => {
      assert.deepEqual(cors((await get(t.base, '/api/passport', EVIL)).headers), ['*', null]);
      assert.deepEqual(cors((await get(base2, '/api/passport', WEB)).headers), [WEB, 'true']);
      assert.deepEqual(cors((await get(base2, '/api/passport', EVIL)).headers), [null, null]);
      assert.deepEqual(cors((await get(t.base, '/health', EVIL)).headers), [null, null]);
    });

    it('login cookies are Secure over HTTPS from a trusted proxy, and X-Forwarded-Proto from anyone else is ignored', async () => {
      const login = (base: string, headers: Record<string, string>) =>
        http(base, 'POST', '/console/api/login', { headers, body: { email: 'admin@example.com', password: 'correct-horse-battery' } });
      const cookies = (r: { headers: Headers }) => r.headers.getSetCookie().filter((c) => /^(session|access_token|refresh_token)=/.test(c));
      const viaProxy = cookies(await login(base2, { 'x-forwarded-proto': 'https' }));
      assert.equal(viaProxy.length, 3);
      for (const c of viaProxy) assert.match(c, /; Secure/i);
      for (const c of cookies(await login(base2, {}))) assert.doesNotMatch(c, /Secure/i, 'plain HTTP keeps cookies usable');
      const untrusted = cookies(await login(t.base, { 'x-forwarded-proto': 'https' }));
      assert.equal(untrusted.length, 3);
      for (const c of untrusted) assert.doesNotMatch(c, /Secure/i, 'no TRUSTED_PROXIES: the header is not believed');
      for (const c of untrusted) assert.match(c, /HttpOnly/i);
    });
  });
});
