/**
 * Workflow engine overhead: a 20-node chain of instant nodes (template-transform), 100 runs at once,
 * against a 1-node graph run the same way, in one run. Per-node overhead = (time per run of the
 * 20-node graph − time per run of the 1-node graph) / 19.
 *
 *   npm run bench:workflow        (env: BENCH_RUNS=2000)
 */
import { Graph } from '../../apps/workflow/src/graph/graph.types';
import { machine } from '../support/platform';
import { saveResult } from '../support/results';
import { runEngine, tpl } from './engine-fixture';

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const CONCURRENCY = 100;

export interface EngineBenchResult {
  machine: ReturnType<typeof machine>;
  settings: { runs: number; concurrency: number };
  graphs: Record<string, { runsPerSec: number; msPerRun: number }>;
  perNodeMs: number;
  perJinjaNodeMs: number;
}

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

const measure = (graph: Graph) => runEngine(graph, RUNS, CONCURRENCY);

async function main() {
  const info = machine();
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
  const graphs = { '2 nodes': base, '20 nodes': twenty, '20 nodes, Jinja2': sandboxed };
  saveResult('workflow', {
    machine: { ...info, loadavg: `${info.loadavg} → ${machine().loadavg}` },
    settings: { runs: RUNS, concurrency: CONCURRENCY },
    graphs,
    perNodeMs: perNode,
    perJinjaNodeMs: perJinja,
  } satisfies EngineBenchResult);
  tpl.onModuleDestroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
