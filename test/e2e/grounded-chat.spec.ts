import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http, sse } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const PARAGRAPHS = { mode: 'custom', rules: { pre_processing_rules: [], segmentation: { separator: '\n\n', max_tokens: 1000, chunk_overlap: 0 } } };
const REFUND = 'Refund policy: customers may return any product within thirty days of delivery for a full refund.';
const SHIPPING = 'Shipping times: orders leave our warehouse within two business days and arrive within a week.';

describe('Chat apps grounded in a knowledge base', () => {
  let t: TestPlatform;
  let appKey = '';
  let token = '';
  let appId = '';
  let datasetId = '';
  let documentId = '';

  before(async () => {
    t = await startTestPlatform();
    const admin = await createAdminAndApp(t.base);
    token = admin.token;
    appId = admin.appId;
    appKey = admin.key;
    const k = await http(t.base, 'POST', '/console/api/datasets/api-keys', { token });
    const dsKey = k.body.token as string;
    const kb = new KnowledgeClient(t.base, dsKey);
    datasetId = (await kb.newDataset('Store policies')).id;
    documentId = (
      await kb.textDocument(datasetId, { name: 'policies.txt', text: `${REFUND}\n\n${SHIPPING}`, indexing_technique: 'high_quality', process_rule: PARAGRAPHS })
    ).id;
    const cfg = await http(t.base, 'POST', `/console/api/apps/${appId}/model-config`, {
      token,
      body: {
        model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
        pre_prompt: 'You answer questions about the store.',
        dataset_configs: {
          retrieval_model: 'multiple',
          top_k: 2,
          score_threshold_enabled: false,
          reranking_enable: false,
          datasets: { datasets: [{ dataset: { enabled: true, id: datasetId } }] },
        },
      },
    });
    assert.equal(cfg.status, 200, cfg.text);
  });
  after(async () => t?.stop());

  /** The chat completion request the model received for a query (not the conversation-naming call). */
  const modelRequestFor = (query: string) =>
    [...t.model.requests]
      .reverse()
      .find(
        (r) =>
          r.path === '/chat/completions' &&
          !JSON.stringify(r.body).includes('short title') &&
          JSON.stringify((r.body as { messages?: unknown[] })?.messages?.at(-1) ?? '').includes(query),
      )?.body as { messages: { role: string; content: string }[] } | undefined;

  const assertRefundResource = (resources: any[]) => {
    assert.ok(Array.isArray(resources) && resources.length >= 1, JSON.stringify(resources));
    const r = resources[0];
    assert.equal(r.position, 1);
    assert.equal(r.dataset_id, datasetId);
    assert.equal(r.dataset_name, 'Store policies');
    assert.equal(r.document_id, documentId);
    assert.equal(r.document_name, 'policies.txt');
    assert.match(r.segment_id, /^[0-9a-f-]{36}$/);
    assert.equal(typeof r.score, 'number');
    assert.equal(r.content, REFUND);
    assert.equal(r.retriever_from, 'api');
  };

  it('a blocking answer cites its segments, and the model saw them in its prompt', async () => {
    const query = 'How many days do I have to return a product for a refund?';
    const res = await http(t.base, 'POST', '/v1/chat-messages', {
      token: appKey,
      body: { inputs: {}, query, response_mode: 'blocking', user: 'u1', auto_generate_name: false },
    });
    assert.equal(res.status, 200, res.text);
    assertRefundResource(res.body.metadata.retriever_resources);
    const sent = modelRequestFor(query);
    assert.ok(sent, 'the model was called');
    assert.equal(sent.messages[0].role, 'system');
    assert.ok(sent.messages[0].content.includes(REFUND), 'the segment text is in the system prompt');
    assert.ok(sent.messages[0].content.includes('You answer questions about the store.'));

    const list = await http(t.base, 'GET', `/v1/messages?conversation_id=${res.body.conversation_id}&user=u1`, { token: appKey });
    assert.equal(list.status, 200, list.text);
    assertRefundResource(list.body.data.at(-1).retriever_resources);
  });

  it('a streamed answer carries retriever_resources in message_end', async () => {
    const query = 'What is your refund policy for returns?';
    const res = await sse(t.base, '/v1/chat-messages', appKey, { inputs: {}, query, response_mode: 'streaming', user: 'u2', auto_generate_name: false });
    assert.equal(res.status, 200, res.raw);
    const end = res.events.find((e) => e.event === 'message_end');
    assert.ok(end, res.raw);
    assertRefundResource(end.metadata.retriever_resources);
    assert.ok(modelRequestFor(query)?.messages[0].content.includes(REFUND));
  });

  it('every turn retrieves again for its own question', async () => {
    const first = await http(t.base, 'POST', '/v1/chat-messages', {
      token: appKey,
      body: { inputs: {}, query: 'refund within thirty days?', response_mode: 'blocking', user: 'u3' },
    });
    const second = await http(t.base, 'POST', '/v1/chat-messages', {
      token: appKey,
      body: {
        inputs: {},
        query: 'How fast does shipping leave the warehouse?',
        response_mode: 'blocking',
        user: 'u3',
        conversation_id: first.body.conversation_id,
      },
    });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.metadata.retriever_resources[0].content, SHIPPING);
  });

  it('on the Web API the same citations say they came from the web app', async () => {
    const login = await http(t.base, 'POST', '/api/login', { body: { email: 'admin@example.com', password: 'correct-horse-battery' } });
    assert.equal(login.status, 200, login.text);
    const web = await http(t.base, 'POST', '/api/chat-messages', {
      token: login.body.data.access_token,
      body: { app_id: appId, inputs: {}, query: 'Can I return a product for a refund?', response_mode: 'blocking' },
    });
    assert.equal(web.status, 200, web.text);
    const [r] = web.body.metadata.retriever_resources;
    assert.deepEqual([r.content, r.retriever_from], [REFUND, 'web_app']);
  });

  it('an app without datasets answers with no resources and no context', async () => {
    const plain = await createAdminAndApp(t.base, {
      model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
      pre_prompt: 'Plain.',
    });
    const query = 'refund policy please';
    const res = await http(t.base, 'POST', '/v1/chat-messages', { token: plain.key, body: { inputs: {}, query, response_mode: 'blocking', user: 'u4' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.metadata.retriever_resources, []);
    assert.ok(!modelRequestFor(query)?.messages[0].content.includes(REFUND));
  });
});
