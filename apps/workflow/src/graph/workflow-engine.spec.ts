import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetrieveRequest, RetrieverResource } from '@sluice/contracts';
import { TemplateSandbox } from '@sluice/jinja';
import { SafeHttpClient } from '../http/safe-http-client';
import { Jinja2Renderer } from './code/jinja2-renderer';
import { PythonSandboxService } from './code/python-sandbox.service';
import { EngineEvent, Graph } from './graph.types';
import { DatasetRouter } from './knowledge/dataset-router';
import { NodeRegistry } from './node-registry';
import { AnswerNode } from './nodes/answer.node';
import { CodeNode } from './nodes/code.node';
import { DocumentExtractorNode } from './nodes/document-extractor.node';
import { EndNode } from './nodes/end.node';
import { HttpRequestNode } from './nodes/http-request.node';
import { IfElseNode, compare } from './nodes/if-else.node';
import { KnowledgeRetrievalNode } from './nodes/knowledge-retrieval.node';
import { ListOperatorNode } from './nodes/list-operator.node';
import { LlmNode } from './nodes/llm.node';
import { ParameterExtractorNode } from './nodes/parameter-extractor.node';
import { QuestionClassifierNode } from './nodes/question-classifier.node';
import { StartNode } from './nodes/start.node';
import { TemplateTransformNode } from './nodes/template-transform.node';
import { VariableAggregatorNode } from './nodes/variable-aggregator.node';
import { VariableAssignerNode } from './nodes/variable-assigner.node';
import { WorkflowEngine } from './workflow-engine';

const fakeLlm = {
  async *streamChat(req: { messages: { content: string }[] }) {
    yield { delta: `echo ${req.messages.at(-1)!.content}` };
    yield { usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } };
  },
  // Classifier and extractor prompts get scripted JSON answers.
  async chat(req: { messages: { content: string }[] }) {
    const q = req.messages.at(-1)!.content;
    if (req.messages[0].content.includes('category_id'))
      return { text: q.includes('refund') ? 'Sure: {"category_id": "billing"}' : '{"category_name": "Other"}' };
    return { text: '```json\n{"city": "Paris", "days": "3", "rush": "maybe"}\n```' };
  },
};
const retrieveCalls: RetrieveRequest[] = [];
const fakeRetriever = {
  async retrieve(req: RetrieveRequest): Promise<RetrieverResource[]> {
    retrieveCalls.push(req);
    return [
      {
        position: 1,
        dataset_id: 'ds1',
        dataset_name: 'Handbook',
        document_id: 'doc1',
        document_name: 'leave.md',
        segment_id: 'seg1',
        score: 0.92,
        content: 'Staff get 25 days of leave.',
        word_count: 6,
      },
      {
        position: 2,
        dataset_id: 'ds1',
        dataset_name: 'Handbook',
        document_id: 'doc2',
        document_name: 'pay.md',
        segment_id: 'seg2',
        score: 0.61,
        content: 'Pay day is the 25th.',
      },
    ];
  },
};
const jinja = new Jinja2Renderer(new TemplateSandbox(), new PythonSandboxService({ codeExecution: {} }));
const engine = new WorkflowEngine(
  NodeRegistry.of([
    new StartNode(),
    new EndNode(),
    new AnswerNode(),
    new LlmNode(fakeLlm as never, { resolve: async () => ({}) } as never, { recent: async () => [] } as never, jinja),
    new IfElseNode(),
    new TemplateTransformNode(jinja),
    new CodeNode(new PythonSandboxService({ codeExecution: {} })),
    new VariableAggregatorNode(),
    new HttpRequestNode(new SafeHttpClient({ ssrfAllowPrivate: false })),
    new QuestionClassifierNode(fakeLlm as never, { resolve: async () => ({}) } as never),
    new ParameterExtractorNode(fakeLlm as never, { resolve: async () => ({}) } as never),
    new ListOperatorNode(),
    new VariableAssignerNode(),
    new KnowledgeRetrievalNode(fakeRetriever as never, new DatasetRouter(fakeLlm as never, { resolve: async () => ({}) } as never)),
    new DocumentExtractorNode({} as never),
  ]),
);
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, data: { type, title: id, ...data } });
const edge = (source: string, target: string, sourceHandle = 'source') => ({ source, target, sourceHandle });

async function run(graph: Graph, inputs: Record<string, unknown> = {}, signal = new AbortController().signal, maxSeconds?: number) {
  const events: EngineEvent[] = [];
  for await (const e of engine.run(graph, { runId: 'r', workflowId: 'w', tenantId: 't', inputs, sys: { user_id: 'u' }, signal, maxSeconds })) events.push(e);
  return { events, finished: events.at(-1)!.data as Record<string, any> };
}

const failing = (extra: Record<string, unknown>) => node('boom', 'code', { code: 'function main() { throw new Error("kaboom"); }', ...extra });

describe('WorkflowEngine', () => {
  it('retries a failing node, reporting each retry, then fails the run', async () => {
    const { events, finished } = await run({
      nodes: [node('start', 'start'), failing({ retry_config: { retry_enabled: true, max_retries: 2, retry_interval: 1 } })],
      edges: [edge('start', 'boom')],
    });
    assert.deepEqual(
      events.filter((e) => e.event === 'node_retry').map((e) => e.data.retry_index),
      [1, 2],
    );
    assert.equal(finished.status, 'failed');
    assert.match(finished.error, /kaboom/);
  });

  it('takes the fail-branch and ends partial-succeeded', async () => {
    const { events, finished } = await run({
      nodes: [
        node('start', 'start'),
        failing({ error_strategy: 'fail-branch' }),
        node('ok', 'template-transform', { template: 'fine' }),
        node('fallback', 'template-transform', { template: 'recovered' }),
        node('end', 'end', {
          outputs: [
            { variable: 'r', value_selector: ['fallback', 'output'] },
            { variable: 'err', value_selector: ['boom', 'error_message'] },
          ],
        }),
      ],
      edges: [edge('start', 'boom'), edge('boom', 'ok'), edge('boom', 'fallback', 'fail-branch'), edge('fallback', 'end')],
    });
    assert.equal(finished.status, 'partial-succeeded');
    assert.equal(finished.exceptions_count, 1);
    assert.equal(finished.outputs.r, 'recovered');
    assert.match(String(finished.outputs.err), /kaboom/);
    assert.ok(!events.some((e) => e.event === 'node_started' && e.data.node_id === 'ok'), 'the success path is skipped');
  });

  it('substitutes default values and carries on', async () => {
    const { finished } = await run({
      nodes: [
        node('start', 'start'),
        failing({ error_strategy: 'default-value', default_value: [{ key: 'answer', value: 42, type: 'number' }] }),
        node('end', 'end', { outputs: [{ variable: 'a', value_selector: ['boom', 'answer'] }] }),
      ],
      edges: [edge('start', 'boom'), edge('boom', 'end')],
    });
    assert.deepEqual([finished.status, finished.outputs], ['partial-succeeded', { a: 42 }]);
  });

  it('stops at the step limit', async () => {
    const nodes = [node('start', 'start'), ...Array.from({ length: 5 }, (_, i) => node(`n${i}`, 'template-transform', { template: 'x' }))];
    const edges = [edge('start', 'n0'), ...Array.from({ length: 4 }, (_, i) => edge(`n${i}`, `n${i + 1}`))];
    const events: EngineEvent[] = [];
    for await (const e of engine.run(
      { nodes, edges },
      { runId: 'r', workflowId: 'w', tenantId: 't', inputs: {}, sys: {}, signal: new AbortController().signal, maxSteps: 3 },
    ))
      events.push(e);
    assert.equal(events.at(-1)!.data.status, 'failed');
    assert.match(String(events.at(-1)!.data.error), /exceeded 3 steps/);
  });

  it('keeps code in its sandbox: no process, no require, bounded time', async () => {
    const attempt = async (code: string) => (await run({ nodes: [node('start', 'start'), node('c', 'code', { code })], edges: [edge('start', 'c')] })).finished;
    assert.match((await attempt('function main() { return { v: require("fs") } }')).error, /require is not defined/);
    assert.match((await attempt('function main() { return { v: this.constructor.constructor("return process")().pid } }')).error, /process is not defined/);
    const t0 = Date.now();
    assert.match((await attempt('function main() { while (true) {} }')).error, /timed out/);
    assert.ok(Date.now() - t0 < 8000);
  });

  for (const parallel of [false, true]) {
    it(`iterates over a list${parallel ? ' in parallel' : ''}, keeping the order of outputs`, async () => {
      const { events, finished } = await run({
        nodes: [
          node('start', 'start'),
          node('code', 'code', { code: 'function main() { return { items: ["a", "b", "c", "d"] }; }' }),
          node('iter', 'iteration', { iterator_selector: ['code', 'items'], output_selector: ['wrap', 'output'], is_parallel: parallel, parallel_nums: 2 }),
          { id: 'iter-start', parentId: 'iter', data: { type: 'iteration-start' } },
          {
            id: 'wrap',
            parentId: 'iter',
            data: {
              type: 'template-transform',
              variables: [
                { variable: 'x', value_selector: ['iter', 'item'] },
                { variable: 'i', value_selector: ['iter', 'index'] },
              ],
              template: '{{ i }}:{{ x }}',
            },
          },
          node('end', 'end', { outputs: [{ variable: 'all', value_selector: ['iter', 'output'] }] }),
        ],
        edges: [edge('start', 'code'), edge('code', 'iter'), edge('iter-start', 'wrap'), edge('iter', 'end')],
      });
      assert.equal(finished.status, 'succeeded', finished.error);
      assert.deepEqual(finished.outputs.all, ['0:a', '1:b', '2:c', '3:d']);
      assert.equal(events.filter((e) => e.event === 'iteration_next').length, 4);
      assert.ok(events.some((e) => e.event === 'iteration_completed'));
      assert.ok(events.some((e) => e.event === 'node_finished' && e.data.iteration_id === 'iter'));
    });
  }

  it('classifies questions into branches and extracts typed parameters', async () => {
    const graph = (query: string) => ({
      nodes: [
        node('start', 'start', { variables: [{ variable: 'q', type: 'text-input' }] }),
        node('cls', 'question-classifier', {
          query_variable_selector: ['start', 'q'],
          model: { name: 'm' },
          classes: [
            { id: 'billing', name: 'Billing' },
            { id: 'other', name: 'Other' },
          ],
        }),
        node('bill', 'parameter-extractor', {
          query: ['start', 'q'],
          model: { name: 'm' },
          parameters: [
            { name: 'city', type: 'string', required: true },
            { name: 'days', type: 'number' },
            { name: 'rush', type: 'bool' },
          ],
        }),
        node('end', 'end', {
          outputs: [
            { variable: 'city', value_selector: ['bill', 'city'] },
            { variable: 'days', value_selector: ['bill', 'days'] },
            { variable: 'ok', value_selector: ['bill', '__is_success'] },
            { variable: 'cls', value_selector: ['cls', 'class_name'] },
          ],
        }),
        node('end2', 'end', { outputs: [{ variable: 'cls', value_selector: ['cls', 'class_name'] }] }),
      ],
      edges: [edge('start', 'cls'), edge('cls', 'bill', 'billing'), edge('bill', 'end'), edge('cls', 'end2', 'other')],
    });
    const billing = await run(graph('I want a refund'), { q: 'I want a refund' });
    assert.deepEqual(billing.finished.outputs, { city: 'Paris', days: 3, ok: 1, cls: 'Billing' });
    const other = await run(graph('hello'), { q: 'hello' });
    assert.deepEqual(other.finished.outputs, { cls: 'Other' });
    assert.ok(!other.events.some((e) => e.event === 'node_started' && e.data.node_id === 'bill'));
  });

  it('filters, sorts and limits lists', async () => {
    const { finished } = await run({
      nodes: [
        node('start', 'start'),
        node('code', 'code', { code: 'function main() { return { xs: [{n: "b", v: 3}, {n: "a", v: 1}, {n: "c", v: 2}, {n: "d", v: 9}] }; }' }),
        node('lo', 'list-operator', {
          variable: ['code', 'xs'],
          filter_by: { enabled: true, conditions: [{ key: 'v', comparison_operator: '<', value: '5' }] },
          order_by: { enabled: true, key: 'v', value: 'desc' },
          limit: { enabled: true, size: 2 },
        }),
        node('end', 'end', {
          outputs: [
            { variable: 'r', value_selector: ['lo', 'result'] },
            { variable: 'f', value_selector: ['lo', 'first_record', 'n'] },
          ],
        }),
      ],
      edges: [edge('start', 'code'), edge('code', 'lo'), edge('lo', 'end')],
    });
    assert.deepEqual(finished.outputs, {
      r: [
        { n: 'b', v: 3 },
        { n: 'c', v: 2 },
      ],
      f: 'b',
    });
  });

  it('loops until its break condition, updating loop variables', async () => {
    const { events, finished } = await run({
      nodes: [
        node('start', 'start'),
        node('lp', 'loop', {
          loop_count: 10,
          loop_variables: [{ label: 'total', var_type: 'number', value_type: 'constant', value: 0 }],
          break_conditions: [{ variable_selector: ['lp', 'total'], comparison_operator: '≥', value: '7' }],
        }),
        { id: 'lp-start', parentId: 'lp', data: { type: 'loop-start' } },
        {
          id: 'add',
          parentId: 'lp',
          data: { type: 'assigner', items: [{ variable_selector: ['lp', 'total'], operation: '+=', input_type: 'constant', value: 3 }] },
        },
        node('end', 'end', {
          outputs: [
            { variable: 'total', value_selector: ['lp', 'total'] },
            { variable: 'rounds', value_selector: ['lp', 'loop_round'] },
          ],
        }),
      ],
      edges: [edge('start', 'lp'), edge('lp-start', 'add'), edge('lp', 'end')],
    });
    assert.equal(finished.status, 'succeeded', finished.error);
    assert.deepEqual(finished.outputs, { total: 9, rounds: 3 });
    assert.equal(events.filter((e) => e.event === 'loop_next').length, 3);
    assert.ok(events.some((e) => e.event === 'loop_completed'));
  });

  it('compares like Dify', () => {
    assert.ok(compare('hello world', 'contains', 'world'));
    assert.ok(compare(['a', 'b'], 'contains', 'b'));
    assert.ok(compare('10', '>', '9'), 'numbers compare as numbers');
    assert.ok(compare('', 'empty', undefined) && compare([], 'empty', undefined));
    assert.ok(compare('b', 'in', ['a', 'b']) && compare('x', 'not in', 'a, b'));
    assert.ok(compare(null, 'null', undefined) && compare(3, '≥', 3) && compare(2, '≠', 3));
  });

  it('renders templates without reaching prototypes', async () => {
    const { finished } = await run(
      {
        nodes: [
          node('start', 'start', { variables: [{ variable: 'x', type: 'text-input' }] }),
          node('t', 'template-transform', {
            variables: [{ variable: 'v', value_selector: ['start', 'x'] }],
            template: '{{ v }}/{{ v.constructor }}/{{ v.__proto__ }}',
          }),
          node('end', 'end', { outputs: [{ variable: 'o', value_selector: ['t', 'output'] }] }),
        ],
        edges: [edge('start', 't'), edge('t', 'end')],
      },
      { x: 'hi' },
    );
    assert.equal(finished.outputs.o, 'hi//');
  });
  it('fails a run that outlives its wall-time limit, closing the nodes still running', async () => {
    const t0 = Date.now();
    const { events, finished } = await run(
      {
        nodes: [
          node('start', 'start'),
          node('spin', 'code', { code: 'function main() { while (true) {} }' }),
          node('fast', 'template-transform', { template: 'ok' }),
          node('end', 'end', { outputs: [] }),
        ],
        edges: [edge('start', 'spin'), edge('start', 'fast'), edge('spin', 'end'), edge('fast', 'end')],
      },
      {},
      undefined,
      0.4,
    );
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.equal(finished.status, 'failed');
    assert.match(finished.error, /exceeded its time limit of 0.4 s/);
    const spin = events.filter((e) => e.event === 'node_finished' && e.data.node_id === 'spin');
    assert.equal(spin.length, 1, 'the node is closed exactly once');
    assert.deepEqual([spin[0].data.status, spin[0].data.error], ['failed', 'the run exceeded its time limit of 0.4 s']);
    assert.equal(events.filter((e) => e.event === 'node_started').length, events.filter((e) => e.event === 'node_finished').length, 'no node is left running');
    assert.equal(events.at(-1)!.event, 'workflow_finished');
  });

  it('runs an iteration nested in an iteration', async () => {
    const { events, finished } = await run({
      nodes: [
        node('start', 'start'),
        node('code', 'code', { code: 'function main() { return { rows: [["a", "b"], ["c"]] }; }' }),
        node('outer', 'iteration', { iterator_selector: ['code', 'rows'], output_selector: ['inner', 'output'] }),
        { id: 'outer-start', parentId: 'outer', data: { type: 'iteration-start' } },
        { id: 'inner', parentId: 'outer', data: { type: 'iteration', iterator_selector: ['outer', 'item'], output_selector: ['cell', 'output'] } },
        { id: 'inner-start', parentId: 'inner', data: { type: 'iteration-start' } },
        {
          id: 'cell',
          parentId: 'inner',
          data: {
            type: 'template-transform',
            variables: [
              { variable: 'x', value_selector: ['inner', 'item'] },
              { variable: 'row', value_selector: ['outer', 'index'] },
            ],
            template: '{{ row }}.{{ x|upper }}',
          },
        },
        node('end', 'end', { outputs: [{ variable: 'grid', value_selector: ['outer', 'output'] }] }),
      ],
      edges: [edge('start', 'code'), edge('code', 'outer'), edge('outer-start', 'inner'), edge('inner-start', 'cell'), edge('outer', 'end')],
    });
    assert.equal(finished.status, 'succeeded', finished.error);
    assert.deepEqual(finished.outputs.grid, [['0.A', '0.B'], ['1.C']]);
    assert.equal(events.filter((e) => e.event === 'iteration_started').length, 3, 'one outer and two inner iterations');
  });
  it('retrieves knowledge and answers from it: {{#context#}} filled, sources reported', async () => {
    retrieveCalls.length = 0;
    const { events, finished } = await run(
      {
        nodes: [
          node('start', 'start', { variables: [{ variable: 'q', type: 'text-input' }] }),
          node('kr', 'knowledge-retrieval', {
            query_variable_selector: ['start', 'q'],
            dataset_ids: ['ds1'],
            retrieval_mode: 'multiple',
            multiple_retrieval_config: { top_k: 3, score_threshold: 0.5, reranking_enable: false },
            metadata_filtering_mode: 'manual',
            metadata_filtering_conditions: { logical_operator: 'and', conditions: [{ name: 'lang', comparison_operator: 'is', value: '{{#start.q#}}' }] },
          }),
          node('llm', 'llm', {
            model: { name: 'm' },
            context: { enabled: true, variable_selector: ['kr', 'result'] },
            prompt_template: [
              { role: 'system', text: 'Answer from: {{#context#}}' },
              { role: 'user', text: '{{#start.q#}}' },
            ],
          }),
          node('end', 'end', {
            outputs: [
              { variable: 'result', value_selector: ['kr', 'result'] },
              { variable: 'text', value_selector: ['llm', 'text'] },
            ],
          }),
        ],
        edges: [edge('start', 'kr'), edge('kr', 'llm'), edge('llm', 'end')],
      },
      { q: 'leave' },
    );
    assert.equal(finished.status, 'succeeded', finished.error);
    assert.deepEqual(retrieveCalls[0], {
      tenantId: 't',
      datasetIds: ['ds1'],
      query: 'leave',
      retrievalModel: {
        top_k: 3,
        score_threshold_enabled: true,
        score_threshold: 0.5,
        reranking_enable: false,
        reranking_mode: undefined,
        reranking_model: undefined,
        weights: undefined,
      },
      metadataFilteringConditions: { logical_operator: 'and', conditions: [{ name: 'lang', comparison_operator: 'is', value: 'leave' }] },
    });
    const [first] = finished.outputs.result;
    assert.equal(first.content, 'Staff get 25 days of leave.');
    assert.equal(first.title, 'leave.md');
    assert.deepEqual(
      [
        first.metadata._source,
        first.metadata.dataset_name,
        first.metadata.document_id,
        first.metadata.segment_id,
        first.metadata.score,
        first.metadata.position,
      ],
      ['knowledge', 'Handbook', 'doc1', 'seg1', 0.92, 1],
    );
    const prompts = events.find((e) => e.event === 'node_finished' && e.data.node_id === 'llm')!.data.process_data as { prompts: { content: string }[] };
    assert.equal(prompts.prompts[0].content, 'Answer from: Staff get 25 days of leave.\nPay day is the 25th.');
    const sources = events.find((e) => e.event === 'retriever_resources')!.data.retriever_resources as Record<string, unknown>[];
    assert.deepEqual(
      sources.map((r) => [r.document_name, r.segment_id, r.score]),
      [
        ['leave.md', 'seg1', 0.92],
        ['pay.md', 'seg2', 0.61],
      ],
    );

    const empty = await run({
      nodes: [
        node('start', 'start'),
        node('kr', 'knowledge-retrieval', { query_variable_selector: ['sys', 'query'], dataset_ids: ['ds1'], retrieval_mode: 'multiple' }),
      ],
      edges: [edge('start', 'kr')],
    });
    assert.match(empty.finished.error, /Query is required/);
  });
  it('renders Jinja2 prompt templates (edition_type jinja2) in the sandbox', async () => {
    const { finished } = await run(
      {
        nodes: [
          node('start', 'start', { variables: [{ variable: 'q', type: 'text-input' }] }),
          node('llm', 'llm', {
            model: { name: 'm' },
            prompt_config: { jinja2_variables: [{ variable: 'q', value_selector: ['start', 'q'] }] },
            prompt_template: [
              {
                role: 'user',
                edition_type: 'jinja2',
                text: 'ignored',
                jinja2_text: '{% for w in q.split() %}{{ w|capitalize }}{% if not loop.last %}-{% endif %}{% endfor %}',
              },
            ],
          }),
          node('end', 'end', { outputs: [{ variable: 'text', value_selector: ['llm', 'text'] }] }),
        ],
        edges: [edge('start', 'llm'), edge('llm', 'end')],
      },
      { q: 'hello big world' },
    );
    assert.equal(finished.status, 'succeeded', finished.error);
    assert.equal(finished.outputs.text, 'echo Hello-Big-World');
  });
});
