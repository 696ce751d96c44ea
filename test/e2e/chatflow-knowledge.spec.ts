import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http, sse } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const model = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });
const PARAGRAPHS = { mode: 'custom', rules: { pre_processing_rules: [], segmentation: { separator: '\n\n', max_tokens: 1000, chunk_overlap: 0 } } };
const REFUND = 'Refund policy: customers may return any product within thirty days of delivery for a full refund.';
const SHIPPING = 'Shipping times: orders leave our warehouse within two business days and arrive within a week.';

describe('knowledge-retrieval nodes over a real knowledge base (chatflow and workflow)', () => {
  let t: TestPlatform;
  let token = '';
  let datasetId = '';
  let documentId = '';

  before(async () => {
    t = await startTestPlatform();
    ({ token } = await createAdminAndApp(t.base, undefined, 'advanced-chat'));
    const dsKey = (await http(t.base, 'POST', '/console/api/datasets/api-keys', { token })).body.token as string;
    const kb = new KnowledgeClient(t.base, dsKey);
    datasetId = (await kb.newDataset('Store policies')).id;
    documentId = (
      await kb.textDocument(datasetId, { name: 'policies.txt', text: `${REFUND}\n\n${SHIPPING}`, indexing_technique: 'high_quality', process_rule: PARAGRAPHS })
    ).id;
  });
  after(async () => t?.stop());

  const retrieval = (query: string[]) =>
    node('kr', 'knowledge-retrieval', {
      query_variable_selector: query,
      dataset_ids: [datasetId],
      retrieval_mode: 'multiple',
      multiple_retrieval_config: { top_k: 2, score_threshold: null, reranking_enable: false },
    });

  it('a chatflow answers from retrieved segments and cites them in message_end', async () => {
    const app = await createAdminAndApp(t.base, undefined, 'advanced-chat');
    const graph = {
      nodes: [
        node('start', 'start'),
        retrieval(['sys', 'query']),
        node('llm', 'llm', {
          model,
          context: { enabled: true, variable_selector: ['kr', 'result'] },
          prompt_template: [
            { role: 'system', text: 'Use only this:\n{{#context#}}' },
            { role: 'user', text: '{{#sys.query#}}' },
          ],
        }),
        node('answer', 'answer', { answer: '{{#llm.text#}}' }),
      ],
      edges: [edge('start', 'kr'), edge('kr', 'llm'), edge('llm', 'answer')],
    };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/draft`, { token, body: { graph } })).status, 200);
    await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/publish`, { token });
    const query = 'How many days do I have to return a product for a refund?';
    t.model.clearRequests();
    const r = await sse(t.base, '/v1/chat-messages', app.key, { inputs: {}, query, response_mode: 'streaming', user: 'k' });
    assert.equal(r.status, 200);
    const end = r.events.find((e) => e.event === 'message_end');
    assert.ok(end, JSON.stringify(r.events.at(-1)));
    // Ranking is the dataset service's business; this checks that what was retrieved is what is cited and prompted.
    const resources = end.metadata.retriever_resources as any[];
    assert.deepEqual(
      resources.map((x) => x.position),
      resources.map((_, i) => i + 1),
    );
    const res = resources.find((x) => x.content === REFUND);
    assert.ok(res, JSON.stringify(resources));
    assert.deepEqual([res.dataset_id, res.dataset_name, res.document_id, res.document_name], [datasetId, 'Store policies', documentId, 'policies.txt']);
    assert.equal(typeof res.score, 'number');
    assert.match(res.segment_id, /^[0-9a-f-]{36}$/);
    const sent = (t.model.requests.find((x) => x.path === '/chat/completions')!.body as any).messages;
    assert.equal(sent[0].content, `Use only this:\n${resources.map((x) => x.content).join('\n')}`);
    const blocking = await http(t.base, 'POST', '/v1/chat-messages', { token: app.key, body: { inputs: {}, query, user: 'k' } });
    assert.deepEqual(
      blocking.body.metadata.retriever_resources.map((x: any) => x.content),
      resources.map((x) => x.content),
    );
  });

  it('a workflow outputs Dify-shaped retrieval results', async () => {
    const app = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [
        node('start', 'start', { variables: [{ variable: 'q', label: 'q', type: 'text-input', required: true }] }),
        retrieval(['start', 'q']),
        node('end', 'end', { outputs: [{ variable: 'result', value_selector: ['kr', 'result'] }] }),
      ],
      edges: [edge('start', 'kr'), edge('kr', 'end')],
    };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/draft`, { token, body: { graph } })).status, 200);
    await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/publish`, { token });
    const r = await http(t.base, 'POST', '/v1/workflows/run', {
      token: app.key,
      body: { inputs: { q: 'Shipping times: when do orders leave our warehouse and arrive?' }, user: 'k' },
    });
    assert.equal(r.body.data.status, 'succeeded', r.body.data.error);
    const result = r.body.data.outputs.result as any[];
    assert.deepEqual(result.map((x) => x.content).sort(), [REFUND, SHIPPING]);
    const hit = result.find((x) => x.content === SHIPPING);
    assert.equal(hit.title, 'policies.txt');
    assert.deepEqual(
      [hit.metadata._source, hit.metadata.dataset_id, hit.metadata.dataset_name, hit.metadata.document_id, hit.metadata.document_name],
      ['knowledge', datasetId, 'Store policies', documentId, 'policies.txt'],
    );
    assert.deepEqual(
      result.map((x) => x.metadata.position),
      [1, 2],
    );
    assert.equal(typeof hit.metadata.score, 'number');
    assert.match(hit.metadata.segment_id, /^[0-9a-f-]{36}$/);
  });

  it('single retrieval mode: the model picks one dataset by its name and description, and only it is searched', async () => {
    const dsKey = (await http(t.base, 'POST', '/console/api/datasets/api-keys', { token })).body.token as string;
    const ds = await http(t.base, 'POST', '/v1/datasets', {
      token: dsKey,
      body: { name: 'Engineering wiki', description: 'How we build, deploy and operate our services', indexing_technique: 'high_quality' },
    });
    assert.ok([200, 201].includes(ds.status), ds.text);
    const wikiId = ds.body.id as string;
    const DEPLOY = 'Deployments: merge to main, wait for the pipeline, then promote the build to production.';
    const doc = await http(t.base, 'POST', `/v1/datasets/${wikiId}/document/create-by-text`, {
      token: dsKey,
      body: { name: 'deploy.md', text: DEPLOY, indexing_technique: 'high_quality', process_rule: PARAGRAPHS },
    });
    assert.ok([200, 201].includes(doc.status), doc.text);
    for (const deadline = Date.now() + 60_000; ;) {
      const st = await http(t.base, 'GET', `/v1/datasets/${wikiId}/documents/${doc.body.batch}/indexing-status`, { token: dsKey });
      if (st.body?.data?.[0]?.indexing_status === 'completed') break;
      assert.ok(Date.now() < deadline && st.body?.data?.[0]?.indexing_status !== 'error', st.text);
      await new Promise((r) => setTimeout(r, 100));
    }
    const app = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [
        node('start', 'start', { variables: [{ variable: 'q', label: 'q', type: 'text-input', required: true }] }),
        node('kr', 'knowledge-retrieval', {
          query_variable_selector: ['start', 'q'],
          dataset_ids: [datasetId, wikiId],
          retrieval_mode: 'single',
          single_retrieval_config: { model },
        }),
        node('end', 'end', { outputs: [{ variable: 'result', value_selector: ['kr', 'result'] }] }),
      ],
      edges: [edge('start', 'kr'), edge('kr', 'end')],
    };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/draft`, { token, body: { graph } })).status, 200);
    await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/publish`, { token });
    const offered: string[] = [];
    t.model.setReply((body) => {
      const system = String(body?.messages?.[0]?.content ?? '');
      if (!system.includes('knowledge base')) return null as never;
      offered.push(system);
      const q = String(body.messages.at(-1).content);
      return JSON.stringify({ dataset_id: /deploy/i.test(q) ? wikiId : datasetId });
    });
    try {
      const run = async (q: string) => {
        const r = await http(t.base, 'POST', '/v1/workflows/run', { token: app.key, body: { inputs: { q }, user: 'k' } });
        assert.equal(r.body.data.status, 'succeeded', r.body.data.error);
        assert.ok(r.body.data.total_tokens > 0, 'the routing call is counted');
        return (r.body.data.outputs.result as any[]).map((x) => [x.metadata.dataset_name, x.content]);
      };
      assert.deepEqual(await run('How do I deploy to production?'), [['Engineering wiki', DEPLOY]]);
      const store = await run('Can I get a refund for a product I returned?');
      assert.ok(store.length > 0 && store.every(([name]) => name === 'Store policies'), JSON.stringify(store));
      assert.match(offered[0], /Store policies[\s\S]*useful for when you want to answer queries about the Store policies/);
      assert.match(offered[0], /Engineering wiki[\s\S]*How we build, deploy and operate our services/);
    } finally {
      t.model.setReply(null);
    }
  });

  it('automatic metadata filtering: the metadata model of the node writes the conditions from the query; an unusable reply means no filter', async () => {
    const dsKey = (await http(t.base, 'POST', '/console/api/datasets/api-keys', { token })).body.token as string;
    const kb = new KnowledgeClient(t.base, dsKey);
    const manuals = (await kb.newDataset('Product manuals')).id;
    const kettle = (
      await kb.textDocument(manuals, { name: 'kettle.txt', text: 'Descale the device every month with vinegar.', indexing_technique: 'high_quality' })
    ).id;
    const toaster = (
      await kb.textDocument(manuals, {
        name: 'toaster.txt',
        text: 'Clean the device every month by emptying the crumb tray.',
        indexing_technique: 'high_quality',
      })
    ).id;
    const field = await kb.api('POST', `/datasets/${manuals}/metadata`, { type: 'string', name: 'product' });
    assert.equal(field.status, 201, field.text);
    const set = await kb.api('POST', `/datasets/${manuals}/documents/metadata`, {
      operation_data: [
        { document_id: kettle, metadata_list: [{ id: field.body.id, name: 'product', value: 'kettle' }] },
        { document_id: toaster, metadata_list: [{ id: field.body.id, name: 'product', value: 'toaster' }] },
      ],
    });
    assert.equal(set.status, 200, set.text);

    const app = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [
        node('start', 'start', { variables: [{ variable: 'q', label: 'q', type: 'text-input', required: true }] }),
        node('kr', 'knowledge-retrieval', {
          query_variable_selector: ['start', 'q'],
          dataset_ids: [manuals],
          retrieval_mode: 'multiple',
          multiple_retrieval_config: { top_k: 5, score_threshold: null, reranking_enable: false },
          metadata_filtering_mode: 'automatic',
          metadata_model_config: model,
        }),
        node('end', 'end', { outputs: [{ variable: 'result', value_selector: ['kr', 'result'] }] }),
      ],
      edges: [edge('start', 'kr'), edge('kr', 'end')],
    };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/draft`, { token, body: { graph } })).status, 200);
    await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/publish`, { token });
    const asked: string[] = [];
    let reply = '';
    t.model.setReply((body) => {
      const system = String(body?.messages?.[0]?.content ?? '');
      if (!system.includes('narrow a document search by metadata')) return null;
      asked.push(system);
      return reply;
    });
    const run = async (q: string) => {
      const r = await http(t.base, 'POST', '/v1/workflows/run', { token: app.key, body: { inputs: { q }, user: 'k' } });
      assert.equal(r.body.data.status, 'succeeded', r.body.data.error);
      return (r.body.data.outputs.result as any[]).map((x) => x.title).sort();
    };
    try {
      reply = 'Sure: {"conditions": [{"name": "product", "comparison_operator": "is", "value": "kettle"}]}';
      assert.deepEqual(await run('How often should I clean my kettle?'), ['kettle.txt']);
      assert.match(asked[0], /- product \(string\): contains/);
      // Dify's own reply shape is understood too.
      reply = '{"metadata_map": [{"metadata_field_name": "product", "metadata_field_value": "toaster", "comparison_operator": "is"}]}';
      assert.deepEqual(await run('How often should I clean my toaster?'), ['toaster.txt']);
      // A field that does not exist, or prose, filters nothing out.
      reply = '{"conditions": [{"name": "colour", "comparison_operator": "is", "value": "red"}]}';
      assert.deepEqual(await run('How often should I clean the device?'), ['kettle.txt', 'toaster.txt']);
      reply = 'No filter needed.';
      assert.deepEqual(await run('How often should I clean the device?'), ['kettle.txt', 'toaster.txt']);
    } finally {
      t.model.setReply(null);
    }
  });
});
