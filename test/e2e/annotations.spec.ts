import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChatAppFixture, createAdminAndApp, http, sse } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const CONFIG = { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} }, pre_prompt: 'You are the front desk.' };
const QUESTION = 'What are your opening hours on weekdays?';
const ANSWER = 'We open at nine and close at five, Monday to Friday.';

describe('annotations and annotation reply (/v1/apps/annotations)', () => {
  let t: TestPlatform;
  let app: ChatAppFixture;
  let annotationId = '';
  const api = (method: string, path: string, body?: unknown, token = app.key) => http(t.base, method, path, { token, body });
  // No conversation titles: they are model calls too, and these tests count the model's calls.
  const chat = (query: string) => api('POST', '/v1/chat-messages', { inputs: {}, query, user: 'ann', response_mode: 'blocking', auto_generate_name: false });
  const modelCalls = () => t.model.requests.filter((r) => r.path === '/chat/completions').length;

  before(async () => {
    t = await startTestPlatform();
    app = await createAdminAndApp(t.base, CONFIG);
  });
  after(async () => t?.stop());

  it('adds, lists, searches, changes and validates annotations', async () => {
    const created = await api('POST', '/v1/apps/annotations', { question: QUESTION, answer: ANSWER });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual([created.body.question, created.body.answer, created.body.hit_count, typeof created.body.created_at], [QUESTION, ANSWER, 0, 'number']);
    annotationId = created.body.id;
    await api('POST', '/v1/apps/annotations', { question: 'Where can I park?', answer: 'Behind the building.' });
    const list = await api('GET', '/v1/apps/annotations?page=1&limit=1');
    assert.deepEqual([list.body.total, list.body.has_more, list.body.data.length, list.body.page, list.body.limit], [2, true, 1, 1, 1]);
    assert.deepEqual(
      (await api('GET', '/v1/apps/annotations?keyword=park')).body.data.map((a: any) => a.answer),
      ['Behind the building.'],
    );
    const bad = await api('POST', '/v1/apps/annotations', { question: '  ', answer: 'x' });
    assert.deepEqual([bad.status, bad.body.code], [400, 'invalid_param']);
    const changed = await api('PUT', `/v1/apps/annotations/${annotationId}`, { question: QUESTION, answer: ANSWER });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await api('PUT', '/v1/apps/annotations/00000000-0000-4000-8000-000000000000', { question: 'q', answer: 'a' })).status, 404);
  });

  it('with reply on, an annotated question is answered from the annotation without the model; other questions still reach it', async () => {
    const before = await chat(QUESTION);
    assert.notEqual(before.body.answer, ANSWER, 'reply is off by default');

    const noModel = await api('POST', '/v1/apps/annotation-reply/enable', { score_threshold: 0.95 });
    assert.deepEqual([noModel.status, noModel.body.code], [400, 'invalid_param']);
    const badThreshold = await api('POST', '/v1/apps/annotation-reply/enable', { embedding_model_name: 'text-embedding-3-small', score_threshold: 2 });
    assert.deepEqual([badThreshold.status, badThreshold.body.code], [400, 'invalid_param']);
    const badAction = await api('POST', '/v1/apps/annotation-reply/maybe', {});
    assert.deepEqual([badAction.status, badAction.body.code], [400, 'invalid_param']);
    const on = await api('POST', '/v1/apps/annotation-reply/enable', {
      embedding_provider_name: 'openai',
      embedding_model_name: 'text-embedding-3-small',
      score_threshold: 0.95,
    });
    assert.equal(on.status, 200, on.text);
    assert.equal(on.body.job_status, 'completed');
    const status = await api('GET', `/v1/apps/annotation-reply/enable/status/${on.body.job_id}`);
    assert.deepEqual([status.body.job_id, status.body.job_status, status.body.error_msg], [on.body.job_id, 'completed', '']);

    const calls = modelCalls();
    const hit = await chat(QUESTION);
    assert.equal(hit.status, 200, hit.text);
    assert.equal(hit.body.answer, ANSWER);
    assert.equal(hit.body.metadata.annotation_reply.id, annotationId);
    assert.equal(modelCalls(), calls, 'the model was not asked');
    const streamed = await sse(t.base, '/v1/chat-messages', app.key, {
      inputs: {},
      query: QUESTION,
      user: 'ann',
      response_mode: 'streaming',
      auto_generate_name: false,
    });
    assert.equal(
      streamed.events
        .filter((e) => e.event === 'message')
        .map((e) => e.answer)
        .join(''),
      ANSWER,
    );
    assert.equal(streamed.events.find((e) => e.event === 'message_end').metadata.annotation_reply.id, annotationId);
    // The reply is a normal message of the conversation.
    const history = await api('GET', `/v1/messages?conversation_id=${hit.body.conversation_id}&user=ann`);
    assert.equal(history.body.data.at(-1).answer, ANSWER);

    const miss = await chat('Do you sell gift cards for the spa?');
    assert.notEqual(miss.body.answer, ANSWER);
    assert.equal(miss.body.metadata.annotation_reply, undefined);
    assert.equal(modelCalls(), calls + 1);
    const listed = (await api('GET', '/v1/apps/annotations?keyword=opening')).body.data[0];
    assert.equal(listed.hit_count, 2);

    // Added while reply is on: embedded at once.
    await api('POST', '/v1/apps/annotations', { question: 'Is there wifi for guests?', answer: 'Yes, the password is on the desk.' });
    assert.equal((await chat('Is there wifi for guests?')).body.answer, 'Yes, the password is on the desk.');

    const off = await api('POST', '/v1/apps/annotation-reply/disable');
    assert.equal(off.body.job_status, 'completed');
    assert.notEqual((await chat(QUESTION)).body.answer, ANSWER);
  });

  it('another app sees none of them; deleted annotations are gone', async () => {
    const other = await createAdminAndApp(t.base, CONFIG);
    assert.equal((await api('GET', '/v1/apps/annotations', undefined, other.key)).body.total, 0);
    assert.equal((await api('DELETE', `/v1/apps/annotations/${annotationId}`, undefined, other.key)).status, 404);
    assert.equal((await api('DELETE', `/v1/apps/annotations/${annotationId}`)).status, 204);
    assert.equal((await api('GET', '/v1/apps/annotations')).body.total, 2);
    assert.equal((await api('GET', '/v1/apps/annotation-reply/enable/status/not-a-job')).status, 404);
  });

  it('a chatflow app answers an annotated question without running its graph', async () => {
    const flow = await createAdminAndApp(t.base, undefined, 'advanced-chat');
    const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
    const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });
    const graph = {
      nodes: [
        node('start', 'start'),
        node('llm', 'llm', { model: CONFIG.model, prompt_template: [{ role: 'user', text: '{{#sys.query#}}' }] }),
        node('answer', 'answer', { answer: '{{#llm.text#}}' }),
      ],
      edges: [edge('start', 'llm'), edge('llm', 'answer')],
    };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${flow.appId}/workflows/draft`, { token: flow.token, body: { graph } })).status, 200);
    await http(t.base, 'POST', `/console/api/apps/${flow.appId}/workflows/publish`, { token: flow.token });
    const created = await api('POST', '/v1/apps/annotations', { question: QUESTION, answer: ANSWER }, flow.key);
    assert.equal(created.status, 201, created.text);
    await api(
      'POST',
      '/v1/apps/annotation-reply/enable',
      { embedding_provider_name: 'openai', embedding_model_name: 'text-embedding-3-small', score_threshold: 0.95 },
      flow.key,
    );
    const ask = (query: string) => api('POST', '/v1/chat-messages', { inputs: {}, query, user: 'ann', response_mode: 'blocking' }, flow.key);

    const calls = modelCalls();
    const hit = await ask(QUESTION);
    assert.equal(hit.status, 200, hit.text);
    assert.deepEqual([hit.body.answer, hit.body.metadata.annotation_reply.id], [ANSWER, created.body.id]);
    assert.equal(modelCalls(), calls, 'the graph did not run');
    const history = await api('GET', `/v1/messages?conversation_id=${hit.body.conversation_id}&user=ann`, undefined, flow.key);
    assert.equal(history.body.data.at(-1).answer, ANSWER);
    const miss = await ask('Do you sell gift cards for the spa?');
    assert.equal(miss.body.answer, 'Echo: Do you sell gift cards for the spa?');
  });
});
