import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAdminAndApp, http } from '../support/http-client';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const CONFIG = {
  model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: { temperature: 0.1 } },
  pre_prompt: 'You help {{name}}.',
  user_input_form: [{ 'text-input': { label: 'Name', variable: 'name', required: false } }],
  opening_statement: 'Hi! Ask me anything.',
  suggested_questions: ['What can you do?'],
};

/** Console pages for one app: web app (site) settings and switches, copies (issue 11). */
describe('Console: app site settings, switches and copy', () => {
  let t: TestPlatform;
  let token: string;
  let appId: string;
  let key: string;
  const c = (method: string, path: string, body?: unknown) => http(t.base, method, `/console/api${path}`, { token, body });

  before(async () => {
    t = await startTestPlatform();
    ({ token, appId, key } = await createAdminAndApp(t.base, CONFIG));
  });
  after(async () => t?.stop());

  it('shows the web app in the app detail, edits its settings, and the web app reads them', async () => {
    const detail = (await c('GET', `/apps/${appId}`)).body;
    assert.equal(detail.site.title, detail.name, 'an untouched site is titled after the app');
    assert.equal(detail.site.default_language, 'en-US');
    assert.match(detail.site.code, /^[0-9a-z]{16}$/);

    const bad = await c('POST', `/apps/${appId}/site`, { default_language: 'xx-XX' });
    assert.deepEqual([bad.status, bad.body.code, bad.body.params], [400, 'invalid_param', 'default_language']);
    const badColour = await c('POST', `/apps/${appId}/site`, { chat_color_theme: 'red; background:url(x)' });
    assert.equal(badColour.status, 400);

    const saved = await c('POST', `/apps/${appId}/site`, { title: 'Help desk', copyright: '© Acme', default_language: 'zh-Hans', chat_color_theme: '#1C64F2', custom_disclaimer: 'AI may err.' });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual([saved.body.title, saved.body.copyright, saved.body.default_language, saved.body.code], ['Help desk', '© Acme', 'zh-Hans', detail.site.code]);
    // Only the fields sent change.
    const again = await c('POST', `/apps/${appId}/site`, { privacy_policy: 'https://acme.example/privacy' });
    assert.deepEqual([again.body.title, again.body.privacy_policy], ['Help desk', 'https://acme.example/privacy']);

    const passport = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': detail.site.code } })).body.access_token;
    const site = await http(t.base, 'GET', '/api/site', { token: passport, headers: { 'x-app-code': detail.site.code } });
    assert.equal(site.status, 200, site.text);
    assert.equal(site.body.app_id, appId);
    assert.equal(site.body.enable_site, true);
    assert.match(site.body.end_user_id, /^[0-9a-f-]{36}$/);
    assert.deepEqual([site.body.site.title, site.body.site.chat_color_theme, site.body.site.custom_disclaimer], ['Help desk', '#1C64F2', 'AI may err.']);
    assert.equal(site.body.site.code, undefined, 'the web app is not told its own code back');
    const params = await http(t.base, 'GET', '/api/parameters', { token: passport, headers: { 'x-app-code': detail.site.code } });
    assert.deepEqual([params.body.opening_statement, params.body.suggested_questions], ['Hi! Ask me anything.', ['What can you do?']]);
    assert.equal(params.body.user_input_form[0]['text-input'].variable, 'name');
    assert.equal(typeof params.body.file_upload, 'object');
    // The Service API keeps the flat shape.
    assert.equal((await http(t.base, 'GET', '/v1/site', { token: key })).body.title, 'Help desk');
  });

  it('turns the web app off and on (passports follow at once), and regenerating the code retires old passports', async () => {
    const code = (await c('GET', `/apps/${appId}`)).body.site.code;
    const passport = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).body.access_token;
    const asVisitor = (p: string, k: string) => http(t.base, 'GET', '/api/parameters', { token: p, headers: { 'x-app-code': k } });

    const off = await c('POST', `/apps/${appId}/site-enable`, { enable_site: false });
    assert.deepEqual([off.status, off.body.enable_site, off.body.id], [200, false, appId]);
    assert.equal((await asVisitor(passport, code)).status, 404);
    assert.equal((await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).status, 404);
    assert.equal((await c('POST', `/apps/${appId}/site-enable`, {})).status, 400, 'enable_site is required');
    await c('POST', `/apps/${appId}/site-enable`, { enable_site: true });
    assert.equal((await asVisitor(passport, code)).status, 200);

    const reset = await c('POST', `/apps/${appId}/site/access-token-reset`);
    assert.equal(reset.status, 200);
    assert.notEqual(reset.body.code, code);
    assert.equal(reset.body.title, 'Help desk', 'settings survive a new code');
    assert.equal((await asVisitor(passport, code)).status, 404, 'a passport of the old code stops working');
    assert.equal((await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': code } })).status, 404);
    const fresh = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': reset.body.code } })).body.access_token;
    assert.equal((await asVisitor(fresh, reset.body.code)).status, 200);
  });

  it('turns the API off and on: the app key answers 403 at once, then works again', async () => {
    const ask = () => http(t.base, 'GET', '/v1/parameters', { token: key });
    assert.equal((await ask()).status, 200);
    const off = await c('POST', `/apps/${appId}/api-enable`, { enable_api: false });
    assert.deepEqual([off.status, off.body.enable_api], [200, false]);
    assert.equal((await ask()).status, 403);
    await c('POST', `/apps/${appId}/api-enable`, { enable_api: true });
    assert.equal((await ask()).status, 200);
  });

  it('copies an app with its configuration and site settings, but not its keys or code', async () => {
    const copy = await c('POST', `/apps/${appId}/copy`, { name: 'Help desk v2' });
    assert.equal(copy.status, 201, copy.text);
    assert.notEqual(copy.body.id, appId);
    assert.deepEqual([copy.body.name, copy.body.mode, copy.body.model_config.pre_prompt], ['Help desk v2', 'chat', CONFIG.pre_prompt]);
    assert.equal(copy.body.site.copyright, '© Acme');
    const original = (await c('GET', `/apps/${appId}`)).body;
    assert.notEqual(copy.body.site.code, original.site.code);
    assert.deepEqual((await c('GET', `/apps/${copy.body.id}/api-keys`)).body.data, []);
    const dflt = await c('POST', `/apps/${appId}/copy`, {});
    assert.equal(dflt.body.name, `${original.name} (copy)`);

    // A workflow app's copy carries its draft graph, unpublished.
    const flow = (await c('POST', '/apps', { name: 'Flow', mode: 'workflow' })).body;
    const graph = {
      nodes: [
        { id: 'start', data: { type: 'start', title: 'Start', variables: [{ variable: 'q', type: 'text-input', label: 'q', required: true }] } },
        { id: 'end', data: { type: 'end', title: 'End', outputs: [{ variable: 'out', value_selector: ['start', 'q'] }] } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'end' }],
    };
    assert.equal((await c('POST', `/apps/${flow.id}/workflows/draft`, { graph })).status, 200);
    const flowCopy = (await c('POST', `/apps/${flow.id}/copy`, { name: 'Flow copy' })).body;
    const draft = await c('GET', `/apps/${flowCopy.id}/workflows/draft`);
    assert.deepEqual(draft.body.graph.nodes.map((n: any) => n.id), ['start', 'end']);
    assert.equal(flowCopy.workflow, null);
    assert.equal((await c('POST', '/apps/00000000-0000-0000-0000-000000000000/copy', {})).status, 404);
  });

  it('lists apps with name search, mode filter, paging and is_created_by_me', async () => {
    const page = await c('GET', '/apps?page=1&limit=2&mode=chat');
    assert.deepEqual([page.body.page, page.body.limit, page.body.total, page.body.has_more, page.body.data.length], [1, 2, 3, true, 2]);
    const named = await c('GET', '/apps?name=v2');
    assert.deepEqual(named.body.data.map((a: any) => a.name), ['Help desk v2']);
    const mine = await c('GET', '/apps?is_created_by_me=true&limit=100');
    assert.equal(mine.body.total, 5);
  });
});
