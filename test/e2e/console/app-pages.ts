import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { http, parseSse } from '../../support/http-client';
import { KnowledgeClient } from '../../support/knowledge-client';
import { TestPlatform } from '../../support/test-platform';
import { ConsoleFixture } from './console-fixture';

export const CONFIG = {
  model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: { temperature: 0.1 } },
  pre_prompt: 'You help {{name}}.',
  user_input_form: [{ 'text-input': { label: 'Name', variable: 'name', required: false } }],
  opening_statement: 'Hi! Ask me anything.',
  suggested_questions: ['What can you do?'],
};

/** Console pages of apps (issue 11): web app settings and switches, copies, the preview chat, logs. */
export function appPages(shared: () => ConsoleFixture) {
  let t: TestPlatform;
  let token: string;
  let appId: string;
  let key: string;
  before(() => {
    ({ t, token, appId, key } = shared());
  });
  const c = (method: string, path: string, body?: unknown) => http(t.base, method, `/console/api${path}`, { token, body });
  /** A console SSE call, read to the end. */
  const stream = async (path: string, body: unknown) => {
    const res = await fetch(`${t.base}/console/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const raw = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', events: res.status === 200 ? parseSse(raw) : [], raw };
  };

  it('shows the web app in the app detail, edits its settings, and the web app reads them', async () => {
    const detail = (await c('GET', `/apps/${appId}`)).body;
    assert.equal(detail.site.title, detail.name, 'an untouched site is titled after the app');
    assert.equal(detail.site.default_language, 'en-US');
    assert.match(detail.site.code, /^[0-9a-z]{16}$/);

    const bad = await c('POST', `/apps/${appId}/site`, { default_language: 'xx-XX' });
    assert.deepEqual([bad.status, bad.body.code, bad.body.params], [400, 'invalid_param', 'default_language']);
    const badColour = await c('POST', `/apps/${appId}/site`, { chat_color_theme: 'red; background:url(x)' });
    assert.equal(badColour.status, 400);

    const saved = await c('POST', `/apps/${appId}/site`, {
      title: 'Help desk',
      copyright: '© Acme',
      default_language: 'zh-Hans',
      chat_color_theme: '#1C64F2',
      custom_disclaimer: 'AI may err.',
    });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(
      [saved.body.title, saved.body.copyright, saved.body.default_language, saved.body.code],
      ['Help desk', '© Acme', 'zh-Hans', detail.site.code],
    );
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
    assert.deepEqual(
      draft.body.graph.nodes.map((n: any) => n.id),
      ['start', 'end'],
    );
    assert.equal(flowCopy.workflow, null);
    assert.equal((await c('POST', '/apps/00000000-0000-0000-0000-000000000000/copy', {})).status, 404);
  });

  it('lists apps with name search, mode filter, paging and is_created_by_me', async () => {
    const page = await c('GET', '/apps?page=1&limit=2&mode=chat');
    assert.deepEqual([page.body.page, page.body.limit, page.body.total, page.body.has_more, page.body.data.length], [1, 2, 3, true, 2]);
    const named = await c('GET', '/apps?name=v2');
    assert.deepEqual(
      named.body.data.map((a: any) => a.name),
      ['Help desk v2'],
    );
    const mine = await c('GET', '/apps?is_created_by_me=true&limit=100');
    assert.equal(mine.body.total, 5);
  });

  it('previews a chat app as the signed-in account: streamed answer, citations with document, score and text, usage and latency', async () => {
    const k = await c('POST', '/datasets/api-keys');
    const kb = new KnowledgeClient(t.base, k.body.token);
    const ds = await kb.newDataset('Handbook');
    const fact = 'Holiday policy: every employee gets twenty-eight days of paid leave per year.';
    await kb.textDocument(ds.id, { name: 'handbook.txt', text: fact, indexing_technique: 'high_quality', process_rule: { mode: 'automatic' } });
    const withKb = {
      ...CONFIG,
      suggested_questions_after_answer: { enabled: true },
      dataset_configs: { retrieval_model: 'multiple', top_k: 2, datasets: { datasets: [{ dataset: { enabled: true, id: ds.id } }] } },
    };
    assert.equal((await c('POST', `/apps/${appId}/model-config`, withKb)).status, 200);

    const r = await stream(`/apps/${appId}/chat-messages`, { inputs: { name: 'Ann' }, query: 'How many days of paid leave?', conversation_id: '' });
    assert.equal(r.status, 200, r.raw);
    assert.match(r.type, /text\/event-stream/);
    const answer = r.events
      .filter((e) => e.event === 'message')
      .map((e) => e.answer)
      .join('');
    assert.equal(answer, 'Echo: How many days of paid leave?');
    const end = r.events.find((e) => e.event === 'message_end');
    assert.ok(end.metadata.usage.total_tokens > 0 && end.metadata.usage.latency > 0, JSON.stringify(end.metadata.usage));
    const [cite] = end.metadata.retriever_resources;
    assert.deepEqual([cite.document_name, cite.dataset_name, cite.content, cite.retriever_from], ['handbook.txt', 'Handbook', fact, 'dev']);
    assert.equal(typeof cite.score, 'number');

    // History, as the preview and the logs drawer read it.
    const hist = await c('GET', `/apps/${appId}/chat-messages?conversation_id=${end.conversation_id}&limit=20`);
    assert.equal(hist.status, 200, hist.text);
    const [m] = hist.body.data;
    assert.deepEqual(
      [hist.body.has_more, m.query, m.answer, m.from_source, m.from_end_user_id],
      [false, 'How many days of paid leave?', answer, 'console', null],
    );
    assert.ok(m.message_tokens > 0 && m.answer_tokens > 0 && m.provider_response_latency > 0, JSON.stringify(m));
    assert.equal(m.retriever_resources[0].document_name, 'handbook.txt');
    assert.match(m.from_account_id, /^[0-9a-f-]{36}$/);
    // A second turn keeps the conversation.
    const next = await stream(`/apps/${appId}/chat-messages`, { inputs: {}, query: 'And sick days?', conversation_id: end.conversation_id });
    assert.equal(next.events.find((e) => e.event === 'message_end').conversation_id, end.conversation_id);
    const page1 = await c('GET', `/apps/${appId}/chat-messages?conversation_id=${end.conversation_id}&limit=1`);
    assert.deepEqual([page1.body.has_more, page1.body.data[0].query], [true, 'And sick days?']);
    const page2 = await c('GET', `/apps/${appId}/chat-messages?conversation_id=${end.conversation_id}&limit=1&first_id=${page1.body.data[0].id}`);
    assert.deepEqual([page2.body.has_more, page2.body.data[0].query], [false, 'How many days of paid leave?']);
    assert.equal((await c('GET', `/apps/${appId}/chat-messages`)).status, 400, 'conversation_id is required');
    const suggested = await c('GET', `/apps/${appId}/chat-messages/${m.id}/suggested-questions`);
    assert.equal(suggested.status, 200, suggested.text);
    assert.equal(suggested.body.result, 'success');
    assert.ok(Array.isArray(suggested.body.data) && suggested.body.data.length >= 1, suggested.text);
  });

  it('previews an unsaved model config without saving it, and answers blocking when asked', async () => {
    const draft = { ...CONFIG, pre_prompt: 'UNSAVED PROMPT for {{name}}' };
    const r = await c('POST', `/apps/${appId}/chat-messages`, {
      inputs: { name: 'Bo' },
      query: 'try the draft',
      response_mode: 'blocking',
      model_config: draft,
    });
    assert.equal(r.status, 200, r.text);
    const sent = [...t.model.requests].reverse().find((q) => q.path === '/chat/completions' && JSON.stringify(q.body).includes('try the draft'))!.body as any;
    assert.match(sent.messages[0].content, /UNSAVED PROMPT for Bo/);
    assert.equal((await c('GET', `/apps/${appId}`)).body.model_config.pre_prompt, CONFIG.pre_prompt, 'the saved config is untouched');
    const bad = await c('POST', `/apps/${appId}/chat-messages`, {
      inputs: {},
      query: 'x',
      response_mode: 'blocking',
      model_config: { pre_prompt: 'no model' },
    });
    assert.deepEqual([bad.status, bad.body.code], [400, 'invalid_param']);
    const other = await c('POST', '/apps/00000000-0000-0000-0000-000000000000/chat-messages', { query: 'x' });
    assert.equal(other.status, 404);
  });

  it('stops a preview answer mid-stream', async () => {
    t.model.setLatency({ firstTokenMs: 0, perTokenMs: 120 });
    try {
      const res = await fetch(`${t.base}/console/api/apps/${appId}/chat-messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: {}, query: 'one two three four five six seven eight nine ten' }),
      });
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let buf = '';
      let stopped = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        const m = buf.match(/"task_id":"([0-9a-f-]{36})"/);
        if (m && !stopped) {
          stopped = true;
          const stop = await c('POST', `/apps/${appId}/chat-messages/${m[1]}/stop`);
          assert.deepEqual([stop.status, stop.body], [200, { result: 'success' }]);
        }
      }
      const events = parseSse(buf);
      assert.equal(events.at(-1).event, 'message_end');
      const said = events
        .filter((e) => e.event === 'message')
        .map((e) => e.answer)
        .join('');
      assert.ok(said.length < 'Echo: one two three four five six seven eight nine ten'.length, said);
    } finally {
      t.model.setLatency({});
    }
  });

  it('lists chat logs from every source with message counts, feedback stats, keyword and date filters; rates and deletes', async () => {
    // A Service API user's conversation next to the console's previews, with the user's like.
    const api = await http(t.base, 'POST', '/v1/chat-messages', {
      token: key,
      body: { inputs: {}, query: 'Where is the parking garage?', response_mode: 'blocking', user: 'visitor-7' },
    });
    assert.equal(api.status, 200, api.text);
    await http(t.base, 'POST', `/v1/messages/${api.body.message_id}/feedbacks`, { token: key, body: { rating: 'like', user: 'visitor-7' } });
    const admin = await c('POST', `/apps/${appId}/feedbacks`, { message_id: api.body.message_id, rating: 'dislike', content: 'outdated' });
    assert.deepEqual([admin.status, admin.body], [200, { result: 'success' }]);

    const list = await c('GET', `/apps/${appId}/chat-conversations?page=1&limit=10`);
    assert.equal(list.status, 200, list.text);
    assert.ok(list.body.total >= 3, list.text);
    const row = list.body.data.find((x: any) => x.id === api.body.conversation_id);
    assert.deepEqual(
      [row.from_source, row.from_end_user_session_id, row.message_count, row.user_feedback_stats, row.admin_feedback_stats, row.summary],
      ['api', 'visitor-7', 1, { like: 1, dislike: 0 }, { like: 0, dislike: 1 }, 'Where is the parking garage?'],
    );
    assert.equal(list.body.data[0].id, api.body.conversation_id, 'most recently updated first');
    const preview = list.body.data.find((x: any) => x.from_source === 'console' && x.message_count === 2);
    assert.equal(preview.from_account_name, 'Admin');

    const kw = await c('GET', `/apps/${appId}/chat-conversations?keyword=parking`);
    assert.deepEqual(
      kw.body.data.map((x: any) => x.id),
      [api.body.conversation_id],
    );
    const future = await c('GET', `/apps/${appId}/chat-conversations?start=2999-01-01%2000:00`);
    assert.deepEqual([future.body.total, future.body.data], [0, []]);
    const past = await c('GET', `/apps/${appId}/chat-conversations?end=2000-01-01%2000:00`);
    assert.equal(past.body.total, 0);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await c('GET', `/apps/${appId}/chat-conversations?start=${today}%2000:00`)).body.total, list.body.total);
    assert.equal((await c('GET', `/apps/${appId}/chat-conversations?start=yesterday`)).status, 400);

    const detail = await c('GET', `/apps/${appId}/chat-conversations/${api.body.conversation_id}`);
    assert.deepEqual([detail.status, detail.body.message_count, detail.body.from_end_user_session_id], [200, 1, 'visitor-7']);
    const msgs = await c('GET', `/apps/${appId}/chat-messages?conversation_id=${api.body.conversation_id}`);
    const fb = msgs.body.data[0].feedbacks.map((f: any) => [f.from_source, f.rating]).sort();
    assert.deepEqual(fb, [
      ['admin', 'dislike'],
      ['user', 'like'],
    ]);
    const one = await c('GET', `/apps/${appId}/messages/${api.body.message_id}`);
    assert.deepEqual([one.status, one.body.query, one.body.metadata.usage.total_tokens > 0], [200, 'Where is the parking garage?', true]);

    assert.equal((await c('DELETE', `/apps/${appId}/chat-conversations/${api.body.conversation_id}`)).status, 204);
    assert.equal((await c('GET', `/apps/${appId}/chat-conversations/${api.body.conversation_id}`)).status, 404);
    assert.equal((await c('GET', `/apps/${appId}/completion-conversations`)).body.code, 'not_completion_app');
  });

  it('previews a completion app and lists its logs, one row per message', async () => {
    const writer = (await c('POST', '/apps', { name: 'Writer', mode: 'completion' })).body;
    const r = await stream(`/apps/${writer.id}/completion-messages`, { inputs: { query: 'a haiku about rivers' } });
    assert.equal(r.status, 200, r.raw);
    assert.ok(r.events.some((e) => e.event === 'message_end'));
    const list = await c('GET', `/apps/${writer.id}/completion-conversations`);
    assert.equal(list.status, 200, list.text);
    const [row] = list.body.data;
    assert.deepEqual([list.body.total, row.from_source, row.message.inputs.query], [1, 'console', 'a haiku about rivers']);
    const detail = await c('GET', `/apps/${writer.id}/completion-conversations/${row.id}`);
    assert.ok(detail.body.message.answer_tokens > 0, detail.text);
  });

  it('previews a chatflow app on its draft', async () => {
    const flow = (await c('POST', '/apps', { name: 'Chatflow', mode: 'advanced-chat' })).body;
    const graph = {
      nodes: [
        { id: 'start', data: { type: 'start', title: 'Start' } },
        { id: 'answer', data: { type: 'answer', title: 'Answer', answer: 'Draft says: {{#sys.query#}}' } },
      ],
      edges: [{ id: 'e', source: 'start', target: 'answer' }],
    };
    assert.equal((await c('POST', `/apps/${flow.id}/workflows/draft`, { graph })).status, 200);
    const r = await stream(`/apps/${flow.id}/advanced-chat/workflows/draft/run`, { inputs: {}, query: 'ping' });
    assert.equal(r.status, 200, r.raw);
    assert.equal(
      r.events
        .filter((e) => e.event === 'message')
        .map((e) => e.answer)
        .join(''),
      'Draft says: ping',
    );
    assert.ok(r.events.some((e) => e.event === 'workflow_finished'));
    const viaChat = await c('POST', `/apps/${flow.id}/chat-messages`, { inputs: {}, query: 'pong', response_mode: 'blocking' });
    assert.equal(viaChat.body.answer, 'Draft says: pong', viaChat.text);

    // Chatflow runs say which conversation and message they answered.
    const runs = await c('GET', `/apps/${flow.id}/advanced-chat/workflow-runs?limit=10`);
    assert.equal(runs.status, 200, runs.text);
    const [latest] = runs.body.data;
    assert.deepEqual(
      [runs.body.data.length, latest.triggered_from, latest.conversation_id, latest.message_id],
      [2, 'debugging', viaChat.body.conversation_id, viaChat.body.message_id],
    );
    const logs = await c('GET', `/apps/${flow.id}/chat-conversations`);
    assert.equal(logs.body.total, 2, 'chatflow conversations are in the chat logs too');
  });
}
