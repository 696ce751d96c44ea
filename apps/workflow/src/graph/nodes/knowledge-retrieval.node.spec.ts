import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RetrieveRequest, RetrieverResource } from '@sluice/contracts';
import { LlmClient } from '@sluice/llm';
import { OpenAiTestServer } from '@sluice/testing';
import { DatasetSummary } from '../knowledge/dataset-retriever';
import { DatasetRouter } from '../knowledge/dataset-router';
import { VariablePool } from '../variable-pool';
import { KnowledgeRetrievalNode } from './knowledge-retrieval.node';

const HR: DatasetSummary = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'HR handbook',
  description: 'Leave, pay and benefits policies for staff',
  availableDocuments: 3,
};
const ENG: DatasetSummary = { id: '22222222-2222-4222-8222-222222222222', name: 'Engineering wiki', description: '', availableDocuments: 1 };
const EMPTY: DatasetSummary = { id: '33333333-3333-4333-8333-333333333333', name: 'Archive', description: 'Old things', availableDocuments: 0 };

describe('knowledge-retrieval node, retrieval_mode single (model router)', () => {
  const server = new OpenAiTestServer();
  const calls: RetrieveRequest[] = [];
  let known: DatasetSummary[] = [HR, ENG, EMPTY];
  const retriever = {
    async describe(_tenantId: string, ids: string[]) {
      return known.filter((d) => ids.includes(d.id));
    },
    async retrieve(req: RetrieveRequest): Promise<RetrieverResource[]> {
      calls.push(req);
      const ds = known.find((d) => d.id === req.datasetIds[0])!;
      return [
        {
          position: 1,
          dataset_id: ds.id,
          dataset_name: ds.name,
          document_id: 'doc',
          document_name: `${ds.name}.md`,
          segment_id: 'seg',
          score: 0.8,
          content: `from ${ds.name}`,
        },
      ];
    },
  };
  let nodeExec: KnowledgeRetrievalNode;

  before(async () => {
    const { url } = await server.start();
    const router = new DatasetRouter(new LlmClient(), { resolve: async () => ({ baseUrl: url, apiKey: 'sk-test' }) } as never);
    nodeExec = new KnowledgeRetrievalNode(retriever as never, router);
  });
  after(() => server.stop());

  const run = (query: string, extra: Record<string, unknown> = {}, ids = [HR.id, ENG.id, EMPTY.id]) =>
    nodeExec.execute(
      {
        id: 'kr',
        data: {
          type: 'knowledge-retrieval',
          query_variable_selector: ['sys', 'query'],
          dataset_ids: ids,
          retrieval_mode: 'single',
          single_retrieval_config: { model: { provider: 'openai', name: 'gpt-4o-mini', completion_params: { temperature: 0.7 } } },
          ...extra,
        },
      },
      { tenantId: 't', pool: new VariablePool({ query }), signal: new AbortController().signal, chunk: () => undefined },
    );

  it('asks the model which dataset fits, from names and descriptions, then retrieves from that one only', async () => {
    let system = '';
    server.setReply((body) => {
      system = body.messages[0].content;
      const q = body.messages.at(-1).content as string;
      return q.includes('deploy') ? `I would use {"dataset_id": "${ENG.id}"}` : `{"dataset_id": "${HR.id}"}`;
    });
    calls.length = 0;
    const res = await run('How do I deploy the service?');
    assert.deepEqual(
      (res.outputs.result as { content: string }[]).map((r) => r.content),
      ['from Engineering wiki'],
    );
    assert.deepEqual(
      calls.map((c) => [c.datasetIds, c.retrievalModel]),
      [[[ENG.id], undefined]],
      "one retrieval, with the dataset's own settings",
    );
    assert.match(system, /HR handbook[\s\S]*Leave, pay and benefits policies for staff/);
    assert.match(system, /Engineering wiki[\s\S]*useful for when you want to answer queries about the Engineering wiki/);
    assert.doesNotMatch(system, /Archive/, 'a dataset with no available document is not offered');
    assert.ok((res.tokens ?? 0) > 0, 'the routing call counts toward the run tokens');
    assert.deepEqual(res.processData?.chosen_dataset, { id: ENG.id, name: 'Engineering wiki' });
    const sent = server.requests.at(-1)!.body as { temperature: number; model: string };
    assert.deepEqual([sent.model, sent.temperature], ['gpt-4o-mini', 0.7]);

    const hr = await run('How many days of leave do I get?');
    assert.deepEqual(
      (hr.outputs.result as { content: string }[]).map((r) => r.content),
      ['from HR handbook'],
    );
  });

  it('retrieves nothing when the model picks no dataset', async () => {
    server.setReply('{"dataset_id": null}');
    calls.length = 0;
    const res = await run('What is the weather like?');
    assert.deepEqual(res.outputs.result, []);
    assert.equal(calls.length, 0);
  });

  it('asks no model when only one dataset is available', async () => {
    server.setReply(null);
    server.clearRequests();
    calls.length = 0;
    const res = await run('anything', {}, [HR.id, EMPTY.id]);
    assert.deepEqual(
      (res.outputs.result as { content: string }[]).map((r) => r.content),
      ['from HR handbook'],
    );
    assert.equal(server.requests.length, 0);
    known = [EMPTY];
    try {
      assert.deepEqual((await run('anything', {}, [EMPTY.id])).outputs.result, []);
    } finally {
      known = [HR, ENG, EMPTY];
    }
  });

  it('fails readably without a router model', async () => {
    await assert.rejects(run('q', { single_retrieval_config: {} }), /single retrieval mode needs single_retrieval_config\.model/);
  });
});
