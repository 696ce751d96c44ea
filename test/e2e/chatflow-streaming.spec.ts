import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http, sse } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const model = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string, sourceHandle = 'source') => ({ id: `${source}-${target}`, source, target, sourceHandle, targetHandle: 'target' });

describe('chatflow: answers stream token by token; LLM memory', () => {
  let t: TestPlatform;
  let token: string;

  before(async () => {
    t = await startTestPlatform();
    ({ token } = await createAdminAndApp(t.base, undefined, 'advanced-chat'));
  });
  after(async () => t?.stop());

  async function publish(graph: unknown): Promise<string> {
    const app = await createAdminAndApp(t.base, undefined, 'advanced-chat');
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/draft`, { token, body: { graph } })).status, 200);
    await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/publish`, { token });
    return app.key;
  }

  it('streams an answer node while its LLM streams, in order, then message_end and workflow_finished', async () => {
    const key = await publish({
      nodes: [
        node('start', 'start'),
        node('llm', 'llm', { model, prompt_template: [{ role: 'user', text: '{{#sys.query#}}' }] }),
        node('answer', 'answer', { answer: 'Bot says: {{#llm.text#}} (asked: {{#sys.query#}})' }),
      ],
      edges: [edge('start', 'llm'), edge('llm', 'answer')],
    });
    t.model.setLatency({ perTokenMs: 60 });
    try {
      const r = await sse(t.base, '/v1/chat-messages', key, { inputs: {}, query: 'tell me three things', response_mode: 'streaming', user: 'st' });
      assert.equal(r.status, 200);
      const names = r.events.map((e) => e.event);
      const messages = r.events.filter((e) => e.event === 'message');
      assert.ok(messages.length >= 5, `only ${messages.length} message events`);
      assert.equal(messages.map((m) => m.answer).join(''), 'Bot says: Echo: tell me three things (asked: tell me three things)');
      assert.equal(messages[0].answer, 'Bot says: ', 'the literal text goes out first');
      const llmDone = r.events.findIndex((e) => e.event === 'node_finished' && e.data.node_id === 'llm');
      const streamedBefore = r.events.slice(0, llmDone).filter((e) => e.event === 'message').length;
      assert.ok(streamedBefore >= 4, `only ${streamedBefore} message events arrived while the LLM was still running`);
      assert.deepEqual(names.slice(-2), ['message_end', 'workflow_finished']);
      const end = r.events.at(-2);
      const hist = await http(t.base, 'GET', `/v1/messages?conversation_id=${end.conversation_id}&user=st`, { token: key });
      assert.equal(hist.body.data[0].answer, 'Bot says: Echo: tell me three things (asked: tell me three things)');
    } finally {
      t.model.setLatency({});
    }
  });

  it('streams several answer nodes in graph order, and only the branch taken', async () => {
    const key = await publish({
      nodes: [
        node('start', 'start'),
        node('llm1', 'llm', { model, prompt_template: [{ role: 'user', text: 'one {{#sys.query#}}' }] }),
        node('a1', 'answer', { answer: '[{{#llm1.text#}}] ' }),
        node('llm2', 'llm', { model, prompt_template: [{ role: 'user', text: 'two' }] }),
        node('a2', 'answer', { answer: '[{{#llm2.text#}}]' }),
        node('branch', 'if-else', {
          cases: [
            { case_id: 'yes', logical_operator: 'and', conditions: [{ variable_selector: ['sys', 'query'], comparison_operator: 'contains', value: 'yes' }] },
          ],
        }),
        node('ay', 'answer', { answer: ' +yes' }),
        node('an', 'answer', { answer: ' +no' }),
      ],
      edges: [
        edge('start', 'llm1'),
        edge('llm1', 'a1'),
        edge('a1', 'llm2'),
        edge('llm2', 'a2'),
        edge('a2', 'branch'),
        edge('branch', 'ay', 'yes'),
        edge('branch', 'an', 'false'),
      ],
    });
    t.model.setLatency({ perTokenMs: 20 });
    try {
      for (const [q, tail] of [
        ['yes please', ' +yes'],
        ['nope', ' +no'],
      ]) {
        const r = await sse(t.base, '/v1/chat-messages', key, { inputs: {}, query: q, response_mode: 'streaming', user: 'st2' });
        const text = r.events
          .filter((e) => e.event === 'message')
          .map((m) => m.answer)
          .join('');
        assert.equal(text, `[Echo: one ${q}] [Echo: two]${tail}`);
        const blocking = await http(t.base, 'POST', '/v1/chat-messages', { token: key, body: { inputs: {}, query: q, user: 'st2' } });
        assert.equal(blocking.body.answer, text);
      }
    } finally {
      t.model.setLatency({});
    }
  });

  it("puts the conversation's earlier turns into an LLM node with memory (window size)", async () => {
    const key = await publish({
      nodes: [
        node('start', 'start'),
        node('llm', 'llm', {
          model,
          prompt_template: [{ role: 'system', text: 'You remember things.' }],
          memory: { window: { enabled: true, size: 2 }, query_prompt_template: 'Q: {{#sys.query#}}' },
        }),
        node('answer', 'answer', { answer: '{{#llm.text#}}' }),
      ],
      edges: [edge('start', 'llm'), edge('llm', 'answer')],
    });
    let cid = '';
    for (const q of ['my name is Ada', 'I like tea', 'I live in Paris', 'who am I?']) {
      t.model.clearRequests();
      const r = await http(t.base, 'POST', '/v1/chat-messages', { token: key, body: { inputs: {}, query: q, user: 'mem', conversation_id: cid } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.answer, `Echo: Q: ${q}`);
      cid = r.body.conversation_id;
    }
    const sent = (t.model.requests.find((x) => x.path === '/chat/completions')!.body as any).messages.map((m: any) => [m.role, m.content]);
    assert.deepEqual(sent, [
      ['system', 'You remember things.'],
      ['user', 'I like tea'],
      ['assistant', 'Echo: Q: I like tea'],
      ['user', 'I live in Paris'],
      ['assistant', 'Echo: Q: I live in Paris'],
      ['user', 'Q: who am I?'],
    ]);
    t.model.clearRequests();
    const fresh = await http(t.base, 'POST', '/v1/chat-messages', { token: key, body: { inputs: {}, query: 'new chat', user: 'mem' } });
    assert.equal(fresh.status, 200);
    assert.equal((t.model.requests.find((x) => x.path === '/chat/completions')!.body as any).messages.length, 2, 'a new conversation has no history');
  });
});
