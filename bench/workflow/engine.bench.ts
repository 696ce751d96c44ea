/**
 * Workflow engine overhead: a 20-node chain of instant nodes (template-transform), 100 runs at once,
 * against a 1-node graph run the same way, in one run. Per-node overhead = (time per run of the
 * 20-node graph − time per run of the 1-node graph) / 19.
 *
 *   npm run bench:workflow        (env: BENCH_RUNS=2000)
 */
import { TemplateSandbox } from '@sluice/jinja';
import { Jinja2Renderer } from '../../apps/workflow/src/graph/code/jinja2-renderer';
import { PythonSandboxService } from '../../apps/workflow/src/graph/code/python-sandbox.service';
import { Graph } from '../../apps/workflow/src/graph/graph.types';
import { NodeRegistry } from '../../apps/workflow/src/graph/node-registry';
import { AnswerNode } from '../../apps/workflow/src/graph/nodes/answer.node';
import { CodeNode } from '../../apps/workflow/src/graph/nodes/code.node';
import { DocumentExtractorNode } from '../../apps/workflow/src/graph/nodes/document-extractor.node';
import { EndNode } from '../../apps/workflow/src/graph/nodes/end.node';
import { HttpRequestNode } from '../../apps/workflow/src/graph/nodes/http-request.node';
import { IfElseNode } from '../../apps/workflow/src/graph/nodes/if-else.node';
import { KnowledgeRetrievalNode } from '../../apps/workflow/src/graph/nodes/knowledge-retrieval.node';
import { ListOperatorNode } from '../../apps/workflow/src/graph/nodes/list-operator.node';
import { LlmNode } from '../../apps/workflow/src/graph/nodes/llm.node';
import { ParameterExtractorNode } from '../../apps/workflow/src/graph/nodes/parameter-extractor.node';
import { QuestionClassifierNode } from '../../apps/workflow/src/graph/nodes/question-classifier.node';
import { StartNode } from '../../apps/workflow/src/graph/nodes/start.node';
import { TemplateTransformNode } from '../../apps/workflow/src/graph/nodes/template-transform.node';
import { VariableAggregatorNode } from '../../apps/workflow/src/graph/nodes/variable-aggregator.node';
import { VariableAssignerNode } from '../../apps/workflow/src/graph/nodes/variable-assigner.node';
import { WorkflowEngine } from '../../apps/workflow/src/graph/workflow-engine';
import { SafeHttpClient } from '../../apps/workflow/src/http/safe-http-client';

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const CONCURRENCY = 100;
const tpl = new TemplateSandbox();
const jinja = new Jinja2Renderer(tpl, new PythonSandboxService({ codeExecution: {} }));
const engine = new WorkflowEngine(
  NodeRegistry.of([
    new StartNode(),
    new EndNode(),
    new AnswerNode(),
    new LlmNode({} as never, {} as never, {} as never, {} as never),
    new IfElseNode(),
    new TemplateTransformNode(jinja),
    new CodeNode(new PythonSandboxService({ codeExecution: {} })),
    new VariableAggregatorNode(),
    new HttpRequestNode(new SafeHttpClient({ ssrfAllowPrivate: false })),
    new QuestionClassifierNode({} as never, {} as never),
    new ParameterExtractorNode({} as never, {} as never),
    new ListOperatorNode(),
    new VariableAssignerNode(),
    new KnowledgeRetrievalNode({} as never, {} as never),
    new DocumentExtractorNode({} as never),
  ]),
);

function chain(n: number, template = '{{ v }}.'): Graph {
  const nodes = [{ id: 'start', data: { type: 'start', variables: [{ variable: 'x', type: 'text-input' }] } }] as Graph['nodes'];
  const edges: Graph['edges'] = [];
  let prev = 'start';
  for (let i = 0; i < n - 2; i++) {
    const id = `t${i}`;
    nodes.push({
      id,
      data: {
        type: 'template-transform',
        variables: [{ variable: 'v', value_selector: [prev === 'start' ? 'sys' : prev, prev === 'start' ? 'user_id' : 'output'] }],
        template,
      },
    });
    edges.push({ source: prev, target: id });
    prev = id;
  }
  nodes.push({ id: 'end', data: { type: 'end', outputs: [{ variable: 'o', value_selector: [prev, 'output'] }] } });
  edges.push({ source: prev, target: 'end' });
  return { nodes, edges };
}

async function measure(graph: Graph): Promise<{ runsPerSec: number; msPerRun: number }> {
  let issued = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < RUNS) {
        issued++;
        // Each run has its own stop signal, as in the service.
        const signal = new AbortController().signal;
        for await (const _ of engine.run(graph, { runId: 'r', workflowId: 'w', tenantId: 't', inputs: { x: 'a' }, sys: { user_id: 'u' }, signal })) void _;
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  return { runsPerSec: RUNS / s, msPerRun: (s * 1000) / RUNS };
}

async function main() {
  const small = chain(2);
  const big = chain(20);
  await measure(big); // warm-up
  const base = await measure(small);
  const twenty = await measure(big);
  // Templates with Jinja2 syntax render in the isolate: what a sandboxed node costs on top.
  const jinja = chain(20, '{{ v ~ "." }}');
  await measure(jinja);
  const sandboxed = await measure(jinja);
  const perNode = (twenty.msPerRun - base.msPerRun) / 18;
  const perJinja = (sandboxed.msPerRun - base.msPerRun) / 18;
  console.log(`graph                 runs/s    ms/run (CPU, ${CONCURRENCY} concurrent runs)`);
  console.log(`2 nodes              ${base.runsPerSec.toFixed(0).padStart(7)}   ${base.msPerRun.toFixed(3)}`);
  console.log(`20 nodes             ${twenty.runsPerSec.toFixed(0).padStart(7)}   ${twenty.msPerRun.toFixed(3)}`);
  console.log(`20 nodes, Jinja2     ${sandboxed.runsPerSec.toFixed(0).padStart(7)}   ${sandboxed.msPerRun.toFixed(3)}`);
  console.log(`\nengine overhead per node: ${perNode.toFixed(4)} ms (budget 0.5 ms)`);
  console.log(`per sandboxed Jinja2 template node: ${perJinja.toFixed(4)} ms`);
  tpl.onModuleDestroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
