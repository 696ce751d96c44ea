import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChatAppFixture, createAdminAndApp, http, sse } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const CONFIG = {
  model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: { temperature: 0.1 } },
  pre_prompt: 'You are the assistant of {{name}}. Style: {{style}}.',
  user_input_form: [
    { 'text-input': { label: 'Name', variable: 'name', required: true, max_length: 10 } },
    { select: { label: 'Style', variable: 'style', required: false, options: ['formal', 'casual'], default: 'formal' } },
  ],
  opening_statement: 'Hello!',
  suggested_questions: ['What can you do?'],
  suggested_questions_after_answer: { enabled: true },
};

describe('Service API: chat apps end to end', () => {
  let t: TestPlatform;
  let app: ChatAppFixture;

  before(async () => {
    t = await startTestPlatform({ UPLOAD_FILE_SIZE_LIMIT_MB: '1' });
    app = await createAdminAndApp(t.base, CONFIG);
  });
  after(async () => t?.stop());

  /** The chat request the model got for a query (background naming calls come and go around it). */
  const requestWith = (query: string): any =>
    [...t.model.requests]
      .reverse()
      .filter((r) => !JSON.stringify(r.body).includes('short title'))
      .find((r) => JSON.stringify((r.body as any)?.messages?.at(-1) ?? '').includes(JSON.stringify(query).slice(1, -1)))!.body;

  const chat = (body: Record<string, unknown>, key = app.key) =>
    http(t.base, 'POST', '/v1/chat-messages', { token: key, body: { inputs: { name: '张三' }, user: 'user-1', auto_generate_name: false, ...body } });

  it('answers a blocking chat with Dify fields and substitutes pre_prompt inputs', async () => {
    const res = await chat({ query: '你好，我想了解产品信息', response_mode: 'blocking' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.event, 'message');
    assert.equal(res.body.mode, 'chat');
    assert.match(res.body.message_id, /^[0-9a-f-]{36}$/);
    assert.equal(res.body.id, res.body.message_id);
    assert.match(res.body.conversation_id, /^[0-9a-f-]{36}$/);
    assert.ok(res.body.answer.includes('你好，我想了解产品信息'), res.body.answer);
    const usage = res.body.metadata.usage;
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.equal(typeof usage.total_price, 'string');
    assert.equal(usage.currency, 'USD');
    assert.deepEqual(res.body.metadata.retriever_resources, []);
    const sent = requestWith('你好，我想了解产品信息');
    assert.equal(sent.messages[0].role, 'system');
    assert.equal(sent.messages[0].content, 'You are the assistant of 张三. Style: formal.');
  });

  it('streams message events then message_end over SSE with Dify headers', async () => {
    const res = await sse(t.base, '/v1/chat-messages', app.key, {
      inputs: { name: 'Ann' },
      query: 'stream me a reply please',
      response_mode: 'streaming',
      user: 'user-1',
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('x-accel-buffering'), 'no');
    const messages = res.events.filter((e) => e.event === 'message');
    assert.ok(messages.length > 1, 'answer arrives in several chunks');
    const end = res.events.at(-1);
    assert.equal(end.event, 'message_end');
    assert.ok(end.metadata.usage.total_tokens > 0);
    assert.equal(messages.map((m) => m.answer).join(''), 'Echo: stream me a reply please');
    for (const m of messages) {
      assert.equal(m.message_id, end.message_id);
      assert.equal(m.conversation_id, end.conversation_id);
      assert.equal(m.task_id, end.task_id);
    }
  });

  it('keeps conversation memory across turns and lists history oldest-first with cursor paging', async () => {
    const first = await chat({ query: 'my favourite colour is teal' });
    const cid = first.body.conversation_id;
    await chat({ query: 'second turn', conversation_id: cid });
    await chat({ query: 'what is my favourite colour?', conversation_id: cid });
    const sent = requestWith('what is my favourite colour?');
    const contents = sent.messages.map((m: any) => m.content);
    assert.ok(contents.includes('my favourite colour is teal'), 'first turn is in memory');
    assert.ok(contents.includes('Echo: my favourite colour is teal'), 'first answer is in memory');
    assert.equal(contents.at(-1), 'what is my favourite colour?');

    const page1 = await http(t.base, 'GET', `/v1/messages?conversation_id=${cid}&user=user-1&limit=2`, { token: app.key });
    assert.equal(page1.status, 200);
    assert.equal(page1.body.has_more, true);
    assert.deepEqual(
      page1.body.data.map((m: any) => m.query),
      ['second turn', 'what is my favourite colour?'],
    );
    const page2 = await http(t.base, 'GET', `/v1/messages?conversation_id=${cid}&user=user-1&limit=2&first_id=${page1.body.data[0].id}`, { token: app.key });
    assert.equal(page2.body.has_more, false);
    assert.deepEqual(
      page2.body.data.map((m: any) => m.query),
      ['my favourite colour is teal'],
    );
  });

  it('validates inputs against user_input_form with invalid_param', async () => {
    const missing = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body: { inputs: {}, query: 'hi', user: 'u' } });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 'invalid_param');
    assert.match(missing.body.message, /name is required/);
    const tooLong = await chat({ query: 'hi', inputs: { name: 'x'.repeat(11) } });
    assert.equal(tooLong.body.code, 'invalid_param');
    const badSelect = await chat({ query: 'hi', inputs: { name: 'a', style: 'rude' } });
    assert.equal(badSelect.status, 400);
    assert.match(badSelect.body.message, /formal, casual/);
  });

  it('rejects bad requests with Dify errors, never a 500', async () => {
    const noAuth = await http(t.base, 'POST', '/v1/chat-messages', { body: { query: 'x', user: 'u', inputs: {} } });
    assert.equal(noAuth.status, 401);
    assert.equal(noAuth.body.code, 'unauthorized');
    assert.match(noAuth.headers.get('www-authenticate')!, /Bearer/);
    const badScheme = await http(t.base, 'GET', '/v1/parameters', { headers: { authorization: 'Basic abc' } });
    assert.equal(badScheme.body.code, 'unauthorized');
    const badKey = await http(t.base, 'POST', '/v1/chat-messages', { token: 'app-notarealkey000000000000', body: { query: 'x', user: 'u', inputs: {} } });
    assert.deepEqual([badKey.status, badKey.body.code], [401, 'invalid_api_key']);
    const badJson = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, raw: '{"query":', headers: { 'content-type': 'application/json' } });
    assert.deepEqual([badJson.status, badJson.body.code], [400, 'invalid_param']);
    const noQuery = await chat({ query: undefined });
    assert.deepEqual([noQuery.status, noQuery.body.code, noQuery.body.params], [400, 'invalid_param', 'query']);
    const noUser = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body: { query: 'x', inputs: { name: 'a' } } });
    assert.deepEqual([noUser.status, noUser.body.params], [400, 'user']);
    const unknownConv = await chat({ query: 'x', conversation_id: '00000000-0000-4000-8000-000000000000' });
    assert.deepEqual([unknownConv.status, unknownConv.body.code], [404, 'not_found']);
    const notUuid = await chat({ query: 'x', conversation_id: 'abc' });
    assert.equal(notUuid.status, 400);
    const unknownRoute = await http(t.base, 'GET', '/v1/nope', { token: app.key });
    assert.deepEqual([unknownRoute.status, unknownRoute.body.code], [404, 'not_found']);
    for (const r of [noAuth, badKey, badJson, noQuery, unknownConv]) assert.deepEqual(Object.keys(r.body).slice(0, 3), ['code', 'message', 'status']);
  });

  it('scopes conversations and messages to the user and the app', async () => {
    const mine = await chat({ query: 'private', user: 'alice' });
    const cid = mine.body.conversation_id;
    const other = await http(t.base, 'GET', `/v1/messages?conversation_id=${cid}&user=bob`, { token: app.key });
    assert.deepEqual([other.status, other.body.code], [404, 'not_found']);
    const cont = await chat({ query: 'hijack', conversation_id: cid, user: 'bob' });
    assert.equal(cont.status, 404);
    const second = await createAdminAndApp(t.base, CONFIG);
    const viaOtherApp = await http(t.base, 'GET', `/v1/messages?conversation_id=${cid}&user=alice`, { token: second.key });
    assert.equal(viaOtherApp.status, 404);
    const bobList = await http(t.base, 'GET', '/v1/conversations?user=bob', { token: app.key });
    assert.equal(bobList.body.data.length, 0);
  });

  it('records feedback, renames, lists and deletes conversations', async () => {
    const a = await chat({ query: 'conversation one', user: 'carol', auto_generate_name: false });
    const b = await chat({ query: 'conversation two', user: 'carol', auto_generate_name: false });
    const like = await http(t.base, 'POST', `/v1/messages/${a.body.message_id}/feedbacks`, { token: app.key, body: { rating: 'like', user: 'carol' } });
    assert.deepEqual([like.status, like.body], [200, { result: 'success' }]);
    let hist = await http(t.base, 'GET', `/v1/messages?conversation_id=${a.body.conversation_id}&user=carol`, { token: app.key });
    assert.deepEqual(hist.body.data[0].feedback, { rating: 'like' });
    await http(t.base, 'POST', `/v1/messages/${a.body.message_id}/feedbacks`, { token: app.key, body: { rating: null, user: 'carol' } });
    hist = await http(t.base, 'GET', `/v1/messages?conversation_id=${a.body.conversation_id}&user=carol`, { token: app.key });
    assert.equal(hist.body.data[0].feedback, null);
    const badRating = await http(t.base, 'POST', `/v1/messages/${a.body.message_id}/feedbacks`, { token: app.key, body: { rating: 'love', user: 'carol' } });
    assert.equal(badRating.body.code, 'invalid_param');

    // Newer Dify: the app's feedbacks in one list, and who gave them.
    await http(t.base, 'POST', `/v1/messages/${b.body.message_id}/feedbacks`, {
      token: app.key,
      body: { rating: 'dislike', content: 'too short', user: 'carol' },
    });
    const all = await http(t.base, 'GET', '/v1/app/feedbacks?page=1&limit=20', { token: app.key });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.data.map((f: any) => [f.message_id, f.rating, f.content, f.from_source]),
      [[b.body.message_id, 'dislike', 'too short', 'user']],
    );
    const who = await http(t.base, 'GET', `/v1/end-users/${all.body.data[0].from_end_user_id}`, { token: app.key });
    assert.equal(who.status, 200, who.text);
    assert.deepEqual([who.body.app_id, who.body.type, who.body.external_user_id, who.body.is_anonymous], [app.appId, 'service_api', 'carol', false]);
    assert.equal((await http(t.base, 'GET', '/v1/end-users/00000000-0000-4000-8000-000000000000', { token: app.key })).status, 404);
    const badPage = await http(t.base, 'GET', '/v1/app/feedbacks?limit=0', { token: app.key });
    assert.deepEqual([badPage.status, badPage.body.code], [400, 'invalid_param']);

    const list = await http(t.base, 'GET', '/v1/conversations?user=carol&limit=1', { token: app.key });
    assert.equal(list.body.has_more, true);
    assert.equal(list.body.data[0].id, b.body.conversation_id, 'most recently updated first');
    assert.equal(list.body.data[0].name, 'conversation two');
    assert.equal(list.body.data[0].introduction, 'Hello!');
    const next = await http(t.base, 'GET', `/v1/conversations?user=carol&limit=1&last_id=${list.body.data[0].id}`, { token: app.key });
    assert.equal(next.body.data[0].id, a.body.conversation_id);

    const renamed = await http(t.base, 'POST', `/v1/conversations/${a.body.conversation_id}/name`, {
      token: app.key,
      body: { name: 'Renamed', user: 'carol' },
    });
    assert.equal(renamed.body.name, 'Renamed');
    const auto = await http(t.base, 'POST', `/v1/conversations/${a.body.conversation_id}/name`, {
      token: app.key,
      body: { auto_generate: true, user: 'carol' },
    });
    assert.equal(auto.status, 200);
    assert.ok(auto.body.name.length > 0 && auto.body.name !== 'Renamed');
    const noName = await http(t.base, 'POST', `/v1/conversations/${a.body.conversation_id}/name`, { token: app.key, body: { user: 'carol' } });
    assert.equal(noName.body.code, 'invalid_param');

    const del = await http(t.base, 'DELETE', `/v1/conversations/${a.body.conversation_id}`, { token: app.key, body: { user: 'carol' } });
    assert.equal(del.status, 204);
    const gone = await http(t.base, 'GET', `/v1/messages?conversation_id=${a.body.conversation_id}&user=carol`, { token: app.key });
    assert.equal(gone.status, 404);
  });

  it('suggests three follow-up questions when enabled', async () => {
    t.model.setReply((body: any) => (JSON.stringify(body).includes('follow-up') ? '["What else?", "How much?", "When?"]' : 'ok'));
    try {
      const a = await chat({ query: 'tell me about pricing', user: 'dave' });
      const s = await http(t.base, 'GET', `/v1/messages/${a.body.message_id}/suggested?user=dave`, { token: app.key });
      assert.deepEqual(s.body, { result: 'success', data: ['What else?', 'How much?', 'When?'] });
    } finally {
      t.model.setReply(null as never);
    }
  });

  it('reports a failing model as completion_request_error (blocking) and as an error event (streaming)', async () => {
    t.model.failNext(2, { status: 500, message: 'upstream exploded' }); // the client retries once
    const blocking = await chat({ query: 'fail please', user: 'erin' });
    assert.equal(blocking.status, 500);
    assert.equal(blocking.body.code, 'completion_request_error');
    assert.match(blocking.body.message, /upstream exploded/);
    t.model.failNext(2, { status: 500, message: 'upstream exploded again' });
    const streamed = await sse(t.base, '/v1/chat-messages', app.key, { inputs: { name: 'a' }, query: 'fail', response_mode: 'streaming', user: 'erin' });
    assert.equal(streamed.status, 200);
    const err = streamed.events.at(-1);
    assert.equal(err.event, 'error');
    assert.equal(err.code, 'completion_request_error');
  });

  it('stops a running answer: the stream ends with message_end and the model call is aborted', async () => {
    t.model.setLatency({ firstTokenMs: 0, perTokenMs: 150 });
    try {
      const res = await fetch(`${t.base}/v1/chat-messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: { name: 'a' }, query: 'one two three four five six seven eight nine ten', response_mode: 'streaming', user: 'frank' }),
      });
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let buf = '';
      let taskId: string | undefined;
      const abortedBefore = t.model.aborted;
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        const m = buf.match(/"task_id":"([0-9a-f-]{36})"/);
        if (m && !taskId) {
          taskId = m[1];
          const stop = await http(t.base, 'POST', `/v1/chat-messages/${taskId}/stop`, { token: app.key, body: { user: 'frank' } });
          assert.deepEqual(stop.body, { result: 'success' });
        }
      }
      const events = buf
        .split('\n\n')
        .filter((b) => b.startsWith('data: '))
        .map((b) => JSON.parse(b.slice(6)));
      assert.equal(events.at(-1).event, 'message_end');
      const answered = events
        .filter((e) => e.event === 'message')
        .map((e) => e.answer)
        .join('');
      assert.ok(answered.length < 'Echo: one two three four five six seven eight nine ten'.length, 'answer was cut short');
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(t.model.aborted > abortedBefore, 'the model request was aborted');
      const hist = await http(t.base, 'GET', `/v1/messages?conversation_id=${events[0].conversation_id}&user=frank`, { token: app.key });
      assert.equal(hist.body.data[0].answer, answered, 'the partial answer is saved');
    } finally {
      t.model.setLatency({ firstTokenMs: 0, perTokenMs: 0 });
    }
  });

  it('stops answers on whichever chat replica runs them', async () => {
    // A second chat service in this process: requests now split between two replicas over Redis.
    const { bootstrapChat } = require('../../apps/chat/src/main');
    const { PinoLogger } = require('@sluice/config');
    const second = await bootstrapChat(t.config, new PinoLogger('silent', 'replica-2'));
    t.model.setLatency({ firstTokenMs: 0, perTokenMs: 200 });
    try {
      const runOne = async (i: number) => {
        const res = await fetch(`${t.base}/v1/chat-messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${app.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            inputs: { name: 'a' },
            query: `replica test ${i} a b c d e f g h`,
            response_mode: 'streaming',
            user: `r${i}`,
            auto_generate_name: false,
          }),
        });
        const reader = res.body!.getReader();
        let buf = '';
        let stopped = false;
        const t0 = Date.now();
        while (true) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += new TextDecoder().decode(value);
          const m = buf.match(/"task_id":"([0-9a-f-]{36})"/);
          if (m && !stopped) {
            stopped = true;
            await http(t.base, 'POST', `/v1/chat-messages/${m[1]}/stop`, { token: app.key, body: { user: `r${i}` } });
          }
        }
        return { elapsed: Date.now() - t0, last: buf.trim().split('\n\n').at(-1)! };
      };
      const results = await Promise.all([0, 1, 2, 3, 4, 5].map(runOne));
      for (const r of results) {
        assert.match(r.last, /"event":"message_end"/);
        assert.ok(r.elapsed < 1500, `stopped early (${r.elapsed} ms; a full answer takes over 2 s)`);
      }
    } finally {
      t.model.setLatency({});
      await second.close();
    }
  });

  it('tags every response with a request id, keeping a sane caller-given one', async () => {
    const own = await http(t.base, 'GET', '/v1/info', { token: app.key, headers: { 'x-request-id': 'trace-abc-123' } });
    assert.equal(own.headers.get('x-request-id'), 'trace-abc-123');
    const gen = await http(t.base, 'GET', '/v1/info', { token: app.key, headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(gen.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
  });

  it('serves parameters, meta, info and site', async () => {
    const p = await http(t.base, 'GET', '/v1/parameters?user=u', { token: app.key });
    assert.equal(p.body.opening_statement, 'Hello!');
    assert.deepEqual(p.body.suggested_questions, ['What can you do?']);
    assert.equal(p.body.user_input_form[0]['text-input'].variable, 'name');
    assert.equal(p.body.system_parameters.file_size_limit, 1);
    assert.deepEqual((await http(t.base, 'GET', '/v1/meta', { token: app.key })).body, { tool_icons: {} });
    const info = await http(t.base, 'GET', '/v1/info', { token: app.key });
    assert.equal(info.body.mode, 'chat');
    const site = await http(t.base, 'GET', '/v1/site', { token: app.key });
    assert.equal(typeof site.body.title, 'string');
  });

  it('uploads files and passes images to a vision model', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const fd = new FormData();
    fd.append('file', new Blob([png], { type: 'image/png' }), 'pixel.png');
    fd.append('user', 'gina');
    const up = await http(t.base, 'POST', '/v1/files/upload', { token: app.key, raw: fd });
    assert.equal(up.status, 201, up.text);
    assert.deepEqual([up.body.name, up.body.extension, up.body.mime_type, up.body.size], ['pixel.png', 'png', 'image/png', png.length]);
    const res = await chat({
      query: 'what is in the picture?',
      user: 'gina',
      files: [{ type: 'image', transfer_method: 'local_file', upload_file_id: up.body.id }],
    });
    assert.equal(res.status, 200, res.text);
    const last = requestWith('what is in the picture?');
    const parts = last.messages.at(-1).content;
    assert.ok(Array.isArray(parts) && parts.some((p: any) => p.type === 'image_url' && p.image_url.url.startsWith('data:image/png;base64,')));

    // Newer Dify: the file's bytes back, sandboxed; as an attachment on request; only for its own app.
    const preview = await fetch(`${t.base}/v1/files/${up.body.id}/preview`, { headers: { authorization: `Bearer ${app.key}` } });
    assert.equal(preview.status, 200);
    assert.deepEqual(Buffer.from(await preview.arrayBuffer()), png);
    assert.equal(preview.headers.get('content-type'), 'image/png');
    assert.equal(preview.headers.get('content-security-policy'), 'sandbox');
    const attached = await fetch(`${t.base}/v1/files/${up.body.id}/preview?as_attachment=true`, { headers: { authorization: `Bearer ${app.key}` } });
    assert.match(attached.headers.get('content-disposition') ?? '', /^attachment; filename\*=UTF-8''pixel\.png$/);
    await attached.arrayBuffer();
    const otherApp = await createAdminAndApp(t.base);
    assert.equal((await http(t.base, 'GET', `/v1/files/${up.body.id}/preview`, { token: otherApp.key })).status, 404);
    assert.equal((await http(t.base, 'GET', '/v1/files/not-a-file/preview', { token: app.key })).status, 404);

    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc(1024 * 1024 + 10)]), 'big.pdf');
    big.append('user', 'gina');
    const tooBig = await http(t.base, 'POST', '/v1/files/upload', { token: app.key, raw: big });
    assert.deepEqual([tooBig.status, tooBig.body.code], [413, 'file_too_large']);
    const exe = new FormData();
    exe.append('file', new Blob([Buffer.from('MZ')]), 'tool.exe');
    exe.append('user', 'gina');
    const badType = await http(t.base, 'POST', '/v1/files/upload', { token: app.key, raw: exe });
    assert.deepEqual([badType.status, badType.body.code], [415, 'unsupported_file_type']);
    const none = new FormData();
    none.append('user', 'gina');
    const noFile = await http(t.base, 'POST', '/v1/files/upload', { token: app.key, raw: none });
    assert.deepEqual([noFile.status, noFile.body.code], [400, 'no_file_uploaded']);
    const unknownFile = await chat({
      query: 'x',
      user: 'gina',
      files: [{ type: 'image', transfer_method: 'local_file', upload_file_id: '00000000-0000-4000-8000-000000000000' }],
    });
    assert.equal(unknownFile.status, 400);
  });

  it('runs completion apps on /v1/completion-messages and the seed alias /v1/completions', async () => {
    const c = await createAdminAndApp(
      t.base,
      {
        model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'completion', completion_params: {} },
        pre_prompt: 'Write about {{topic}} in a {{style}} style.',
        user_input_form: [
          { 'text-input': { label: 'Topic', variable: 'topic', required: true } },
          { 'text-input': { label: 'Style', variable: 'style', required: false } },
        ],
      },
      'completion',
    );
    for (const path of ['/v1/completion-messages', '/v1/completions']) {
      const r = await http(t.base, 'POST', path, {
        token: c.key,
        body: { inputs: { topic: '人工智能', style: '专业' }, response_mode: 'blocking', user: 'user-123' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.mode, 'completion');
      assert.equal(r.body.answer, 'Echo: Write about 人工智能 in a 专业 style.');
      assert.equal(r.body.conversation_id, undefined);
    }
    const streamed = await sse(t.base, '/v1/completion-messages', c.key, { inputs: { topic: 'x' }, response_mode: 'streaming', user: 'u' });
    assert.equal(streamed.events.at(-1).event, 'message_end');
    const wrong = await http(t.base, 'POST', '/v1/chat-messages', { token: c.key, body: { inputs: { topic: 'x' }, query: 'hi', user: 'u' } });
    assert.deepEqual([wrong.status, wrong.body.code], [400, 'not_chat_app']);
    const wrong2 = await http(t.base, 'POST', '/v1/completion-messages', { token: app.key, body: { inputs: { name: 'x' }, user: 'u' } });
    assert.deepEqual([wrong2.status, wrong2.body.code], [400, 'not_completion_app']);
  });
});
