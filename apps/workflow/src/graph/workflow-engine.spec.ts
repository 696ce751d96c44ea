import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerNode } from './nodes/answer.node';
import { CodeNode } from './nodes/code.node';
import { EndNode } from './nodes/end.node';
import { compare, IfElseNode } from './nodes/if-else.node';
import { LlmNode } from './nodes/llm.node';
import { StartNode } from './nodes/start.node';
import { TemplateTransformNode } from './nodes/template-transform.node';
import { VariableAggregatorNode } from './nodes/variable-aggregator.node';
import { EngineEvent, Graph } from './graph.types';
import { WorkflowEngine } from './workflow-engine';
import { ListOperatorNode } from './nodes/list-operator.node';
import { VariableAssignerNode } from './nodes/variable-assigner.node';
import { ParameterExtractorNode } from './nodes/parameter-extractor.node';
import { QuestionClassifierNode } from './nodes/question-classifier.node';
import { HttpRequestNode } from './nodes/http-request.node';
import { SafeHttpClient } from '../http/safe-http-client';

const fakeLlm = {
  async *streamChat(req: { messages: { content: string }[] }) {
    yield { delta: `echo ${req.messages.at(-1)!.content}` };
    yield { usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } };
  },
  // Classifier and extractor prompts get scripted JSON answers.
  async chat(req: { messages: { content: string }[] }) {
    const q = req.messages.at(-1)!.content;
    if (req.messages[0].content.includes('category_id')) return { text: q.includes('refund') ? 'Sure: {"category_id": "billing"}' : '{"category_name": "Other"}' };
    return { text: '```json\n{"city": "Paris", "days": "3", "rush": "maybe"}\n```' };
  },
};
const engine = new WorkflowEngine(
  new StartNode(), new EndNode(), new AnswerNode(), new LlmNode(fakeLlm as never, { resolve: async () => ({}) } as never),
  new IfElseNode(), new TemplateTransformNode(), new CodeNode(), new VariableAggregatorNode(),
  new HttpRequestNode(new SafeHttpClient({ ssrfAllowPrivate: false })),
  new QuestionClassifierNode(fakeLlm as never, { resolve: async () => ({}) } as never), new ParameterExtractorNode(fakeLlm as never, { resolve: async () => ({}) } as never), new ListOperatorNode(), new VariableAssignerNode(),
);
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, data: { type, title: id, ...data } });
const edge = (source: string, target: string, sourceHandle = 'source') => ({ source, target, sourceHandle });

async function run(graph: Graph, inputs: Record<string, unknown> = {}, signal = new AbortController().signal) {
  const events: EngineEvent[] = [];
  for await (const e of engine.run(graph, { runId: 'r', workflowId: 'w', tenantId: 't', inputs, sys: { user_id: 'u' }, signal })) events.push(e);
  return { events, finished: events.at(-1)!.data as Record<string, any> };
}

const failing = (extra: Record<string, unknown>) => node('boom', 'code', { code: 'function main() { throw new Error("kaboom"); }', ...extra });

describe('WorkflowEngine', () => {
  it('retries a failing node, reporting each retry, then fails the run', async () => {
    const { events, finished } = await run({ nodes: [node('start', 'start'), failing({ retry_config: { retry_enabled: true, max_retries: 2, retry_interval: 1 } })], edges: [edge('start', 'boom')] });
    assert.deepEqual(events.filter((e) => e.event === 'node_retry').map((e) => e.data.retry_index), [1, 2]);
    assert.equal(finished.status, 'failed');
    assert.match(finished.error, /kaboom/);
  });

  it('takes the fail-branch and ends partial-succeeded', async () => {
    const { events, finished } = await run({
      nodes: [node('start', 'start'), failing({ error_strategy: 'fail-branch' }), node('ok', 'template-transform', { template: 'fine' }), node('fallback', 'template-transform', { template: 'recovered' }),
        node('end', 'end', { outputs: [{ variable: 'r', value_selector: ['fallback', 'output'] }, { variable: 'err', value_selector: ['boom', 'error_message'] }] })],
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
      nodes: [node('start', 'start'), failing({ error_strategy: 'default-value', default_value: [{ key: 'answer', value: 42, type: 'number' }] }),
        node('end', 'end', { outputs: [{ variable: 'a', value_selector: ['boom', 'answer'] }] })],
      edges: [edge('start', 'boom'), edge('boom', 'end')],
    });
    assert.deepEqual([finished.status, finished.outputs], ['partial-succeeded', { a: 42 }]);
  });

  it('stops at the step limit', async () => {
    const nodes = [node('start', 'start'), ...Array.from({ length: 5 }, (_, i) => node(`n${i}`, 'template-transform', { template: 'x' }))];
    const edges = [edge('start', 'n0'), ...Array.from({ length: 4 }, (_, i) => edge(`n${i}`, `n${i + 1}`))];
    const events: EngineEvent[] = [];
    for await (const e of engine.run({ nodes, edges }, { runId: 'r', workflowId: 'w', tenantId: 't', inputs: {}, sys: {}, signal: new AbortController().signal, maxSteps: 3 })) events.push(e);
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
          { id: 'wrap', parentId: 'iter', data: { type: 'template-transform', variables: [{ variable: 'x', value_selector: ['iter', 'item'] }, { variable: 'i', value_selector: ['iter', 'index'] }], template: '{{ i }}:{{ x }}' } },
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
        node('cls', 'question-classifier', { query_variable_selector: ['start', 'q'], model: { name: 'm' }, classes: [{ id: 'billing', name: 'Billing' }, { id: 'other', name: 'Other' }] }),
        node('bill', 'parameter-extractor', { query: ['start', 'q'], model: { name: 'm' }, parameters: [{ name: 'city', type: 'string', required: true }, { name: 'days', type: 'number' }, { name: 'rush', type: 'bool' }] }),
        node('end', 'end', { outputs: [{ variable: 'city', value_selector: ['bill', 'city'] }, { variable: 'days', value_selector: ['bill', 'days'] }, { variable: 'ok', value_selector: ['bill', '__is_success'] }, { variable: 'cls', value_selector: ['cls', 'class_name'] }] }),
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
        node('lo', 'list-operator', { variable: ['code', 'xs'], filter_by: { enabled: true, conditions: [{ key: 'v', comparison_operator: '<', value: '5' }] }, order_by: { enabled: true, key: 'v', value: 'desc' }, limit: { enabled: true, size: 2 } }),
        node('end', 'end', { outputs: [{ variable: 'r', value_selector: ['lo', 'result'] }, { variable: 'f', value_selector: ['lo', 'first_record', 'n'] }] }),
      ],
      edges: [edge('start', 'code'), edge('code', 'lo'), edge('lo', 'end')],
    });
    assert.deepEqual(finished.outputs, { r: [{ n: 'b', v: 3 }, { n: 'c', v: 2 }], f: 'b' });
  });

  it('loops until its break condition, updating loop variables', async () => {
    const { events, finished } = await run({
      nodes: [
        node('start', 'start'),
        node('lp', 'loop', { loop_count: 10, loop_variables: [{ label: 'total', var_type: 'number', value_type: 'constant', value: 0 }], break_conditions: [{ variable_selector: ['lp', 'total'], comparison_operator: '≥', value: '7' }] }),
        { id: 'lp-start', parentId: 'lp', data: { type: 'loop-start' } },
        { id: 'add', parentId: 'lp', data: { type: 'assigner', items: [{ variable_selector: ['lp', 'total'], operation: '+=', input_type: 'constant', value: 3 }] } },
        node('end', 'end', { outputs: [{ variable: 'total', value_selector: ['lp', 'total'] }, { variable: 'rounds', value_selector: ['lp', 'loop_round'] }] }),
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
    const { finished } = await run({
      nodes: [node('start', 'start', { variables: [{ variable: 'x', type: 'text-input' }] }),
        node('t', 'template-transform', { variables: [{ variable: 'v', value_selector: ['start', 'x'] }], template: '{{ v }}/{{ v.constructor }}/{{ v.__proto__ }}' }),
        node('end', 'end', { outputs: [{ variable: 'o', value_selector: ['t', 'output'] }] })],
      edges: [edge('start', 't'), edge('t', 'end')],
    }, { x: 'hi' });
    assert.equal(finished.outputs.o, 'hi//');
  });
});
