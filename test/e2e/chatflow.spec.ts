import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http, sse } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });

describe('chatflow (advanced-chat) apps on /v1/chat-messages', () => {
  let t: TestPlatform;
  let key: string;

  before(async () => {
    t = await startTestPlatform();
    const fx = await createAdminAndApp(t.base, undefined, 'advanced-chat');
    key = fx.key;
    const graph = {
      nodes: [
        node('start', 'start'),
        node('llm', 'llm', {
          model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
          prompt_template: [{ role: 'user', text: '{{#sys.query#}} (turn {{#sys.dialogue_count#}})' }],
        }),
        node('answer', 'answer', { answer: 'Bot says: {{#llm.text#}}' }),
      ],
      edges: [edge('start', 'llm'), edge('llm', 'answer')],
    };
    await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/draft`, {
      token: fx.token,
      body: { graph, conversation_variables: [{ name: 'topic', value_type: 'string', value: '' }] },
    });
    await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/publish`, { token: fx.token });
  });
  after(async () => t?.stop());

  it('answers blocking with the answer node, keeping the conversation', async () => {
    const first = await http(t.base, 'POST', '/v1/chat-messages', { token: key, body: { inputs: {}, query: 'hello flow', user: 'cf' } });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.mode, 'advanced-chat');
    assert.equal(first.body.answer, 'Bot says: Echo: hello flow (turn 1)');
    const second = await http(t.base, 'POST', '/v1/chat-messages', {
      token: key,
      body: { inputs: {}, query: 'again', user: 'cf', conversation_id: first.body.conversation_id },
    });
    assert.equal(second.body.answer, 'Bot says: Echo: again (turn 2)');
    const hist = await http(t.base, 'GET', `/v1/messages?conversation_id=${first.body.conversation_id}&user=cf`, { token: key });
    assert.deepEqual(
      hist.body.data.map((m: any) => [m.query, m.answer]),
      [
        ['hello flow', 'Bot says: Echo: hello flow (turn 1)'],
        ['again', 'Bot says: Echo: again (turn 2)'],
      ],
    );
    const convs = await http(t.base, 'GET', '/v1/conversations?user=cf', { token: key });
    assert.equal(convs.body.data[0].id, first.body.conversation_id);
  });

  it('streams workflow events, message, then message_end and workflow_finished', async () => {
    const r = await sse(t.base, '/v1/chat-messages', key, { inputs: {}, query: 'stream it', response_mode: 'streaming', user: 'cf2' });
    const names = r.events.map((e) => e.event);
    assert.equal(names[0], 'workflow_started');
    assert.deepEqual(names.slice(-2), ['message_end', 'workflow_finished']);
    const msg = r.events.find((e) => e.event === 'message');
    assert.equal(
      r.events
        .filter((e) => e.event === 'message')
        .map((e) => e.answer)
        .join(''),
      'Bot says: Echo: stream it (turn 1)',
    );
    for (const e of r.events) assert.equal(e.conversation_id, msg.conversation_id);
  });

  it('refuses an unknown conversation and a workflow run on a chatflow key', async () => {
    const r = await http(t.base, 'POST', '/v1/chat-messages', {
      token: key,
      body: { inputs: {}, query: 'x', user: 'cf', conversation_id: '00000000-0000-4000-8000-000000000000' },
    });
    assert.deepEqual([r.status, r.body.code], [404, 'not_found']);
    const w = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: {}, user: 'cf' } });
    assert.deepEqual([w.status, w.body.code], [400, 'not_workflow_app']);
  });

  it('keeps conversation variables per conversation, readable and writable over the API', async () => {
    const fx = await createAdminAndApp(t.base, undefined, 'advanced-chat');
    const graph = {
      nodes: [
        node('start', 'start'),
        node('assign', 'assigner', {
          items: [
            { variable_selector: ['conversation', 'count'], operation: '+=', input_type: 'constant', value: 1 },
            { variable_selector: ['conversation', 'seen'], operation: 'append', input_type: 'variable', value: ['sys', 'query'] },
          ],
        }),
        node('answer', 'answer', { answer: 'count={{#conversation.count#}} seen={{#conversation.seen#}}' }),
      ],
      edges: [edge('start', 'assign'), edge('assign', 'answer')],
    };
    const vars = [
      { id: 'v-count', name: 'count', value_type: 'number', value: 0 },
      { id: 'v-seen', name: 'seen', value_type: 'array[string]', value: [] },
    ];
    await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/draft`, { token: fx.token, body: { graph, conversation_variables: vars } });
    await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/publish`, { token: fx.token });
    const a = await http(t.base, 'POST', '/v1/chat-messages', { token: fx.key, body: { inputs: {}, query: 'a', user: 'v' } });
    assert.equal(a.body.answer, 'count=1 seen=["a"]', a.text);
    const b = await http(t.base, 'POST', '/v1/chat-messages', {
      token: fx.key,
      body: { inputs: {}, query: 'b', user: 'v', conversation_id: a.body.conversation_id },
    });
    assert.equal(b.body.answer, 'count=2 seen=["a","b"]');
    const other = await http(t.base, 'POST', '/v1/chat-messages', { token: fx.key, body: { inputs: {}, query: 'z', user: 'v' } });
    assert.equal(other.body.answer, 'count=1 seen=["z"]', 'a new conversation starts from the declared defaults');

    const cid = a.body.conversation_id;
    const list = await http(t.base, 'GET', `/v1/conversations/${cid}/variables?user=v`, { token: fx.key });
    assert.deepEqual(
      list.body.data.map((v: any) => [v.id, v.name, v.value_type, v.value]),
      [
        ['v-count', 'count', 'number', 2],
        ['v-seen', 'seen', 'array[string]', ['a', 'b']],
      ],
    );
    const bad = await http(t.base, 'PUT', `/v1/conversations/${cid}/variables/v-count`, { token: fx.key, body: { value: 'ten', user: 'v' } });
    assert.deepEqual([bad.status, bad.body.code], [400, 'bad_request']);
    const set = await http(t.base, 'PUT', `/v1/conversations/${cid}/variables/v-count`, { token: fx.key, body: { value: 10, user: 'v' } });
    assert.equal(set.body.value, 10);
    const c = await http(t.base, 'POST', '/v1/chat-messages', { token: fx.key, body: { inputs: {}, query: 'c', user: 'v', conversation_id: cid } });
    assert.equal(c.body.answer, 'count=11 seen=["a","b","c"]');
    const stranger = await http(t.base, 'GET', `/v1/conversations/${cid}/variables?user=someone-else`, { token: fx.key });
    assert.equal(stranger.status, 404);
  });
});
