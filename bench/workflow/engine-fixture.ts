/**
 * The workflow engine in process, with the node executors the workflow service registers (those
 * that would call out get empty dependencies: the benchmarks' graphs do not use them), and a
 * closed-loop runner: `concurrency` runs at a time until `runs` are done.
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

export const tpl = new TemplateSandbox();
const jinja = new Jinja2Renderer(tpl, new PythonSandboxService({ codeExecution: {} }));
export const engine = new WorkflowEngine(
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

/** Runs of `graph` per second with `concurrency` at a time, and each run's latency. */
export async function runEngine(graph: Graph, runs: number, concurrency: number, inputs: Record<string, unknown> = { x: 'a' }) {
  let issued = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < runs) {
        issued++;
        const t1 = performance.now();
        // Each run has its own stop signal, as in the service.
        const signal = new AbortController().signal;
        for await (const _ of engine.run(graph, { runId: 'r', workflowId: 'w', tenantId: 't', inputs, sys: { user_id: 'u' }, signal })) void _;
        latencies.push(performance.now() - t1);
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { runsPerSec: runs / s, msPerRun: (s * 1000) / runs, p50: pct(50), p99: pct(99) };
}
