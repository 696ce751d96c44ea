/**
 * A 10-node workflow run through the gateway (`POST /v1/workflows/run`, blocking) at concurrency
 * 1, 4 and 16, against the engine alone running the same graph in this process, same run.
 *
 * Every party is a process of its own, as in the chat benchmark: the platform as `npm start` runs
 * it, a private Redis, the test model server (the graph does not call it, so no direct-model
 * baseline), and the load generator. The graph — start, an if-else, two template branches (one
 * skipped), a variable aggregator, four templates in a chain, end — calls no model, no sandbox and no
 * network: what the gateway adds is auth, the app and published workflow lookups, the run and its
 * node executions persisted, and the HTTP envelope. The engine baseline runs first, alone, at the
 * same concurrencies (runs/s and latency per run).
 *
 *   npm run bench:workflow-http   (env: BENCH_ROUND_MS=3000 BENCH_ROUNDS=2 BENCH_WORKFLOW_SWEEP=1,4,16)
 */
import { Graph } from '../../apps/workflow/src/graph/graph.types';
import { BenchRedis, LoadGenerator, ModelServer, Platform, RunResult, cpuMeter, machine, mergeRounds } from '../support/platform';
import { envList, saveResult } from '../support/results';
import { runEngine, tpl } from './engine-fixture';

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SWEEP = envList('BENCH_WORKFLOW_SWEEP', '1,4,16');
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string, sourceHandle = 'source') => ({ id: `${source}-${target}`, source, target, sourceHandle, targetHandle: 'target' });
const tt = (id: string, from: string[], template: string) => node(id, 'template-transform', { variables: [{ variable: 'v', value_selector: from }], template });

/** Ten nodes, nine executed (the untaken branch is skipped). */
export const GRAPH: Graph = {
  nodes: [
    node('start', 'start', { variables: [{ variable: 'topic', label: 'Topic', type: 'text-input', required: true, max_length: 50 }] }),
    node('branch', 'if-else', {
      cases: [
        { case_id: 'long', logical_operator: 'and', conditions: [{ variable_selector: ['start', 'topic'], comparison_operator: 'contains', value: 'long' }] },
      ],
    }),
    tt('longText', ['start', 'topic'], 'long: {{ v }}'),
    tt('shortText', ['start', 'topic'], 'short: {{ v }}'),
    node('join', 'variable-aggregator', {
      variables: [
        ['longText', 'output'],
        ['shortText', 'output'],
      ],
    }),
    tt('t1', ['join', 'output'], '{{ v }} one'),
    tt('t2', ['t1', 'output'], '{{ v }} two'),
    tt('t3', ['t2', 'output'], '{{ v }} three'),
    tt('t4', ['t3', 'output'], '{{ v }} four'),
    node('end', 'end', { outputs: [{ variable: 'text', value_selector: ['t4', 'output'] }] }),
  ],
  edges: [
    edge('start', 'branch'),
    edge('branch', 'longText', 'long'),
    edge('branch', 'shortText', 'false'),
    edge('longText', 'join'),
    edge('shortText', 'join'),
    edge('join', 't1'),
    edge('t1', 't2'),
    edge('t2', 't3'),
    edge('t3', 't4'),
    edge('t4', 'end'),
  ],
};
const INPUTS = { topic: 'tea' };
const EXPECTED = 'short: tea one two three four';

export interface WorkflowHttpPoint extends RunResult {
  concurrency: number;
  /** the engine alone, in process, at the same concurrency */
  engine: { runsPerSec: number; p50: number; p99: number };
  /** platform CPU (processes + PostgreSQL backends + Redis) per run, ms */
  cpuMsPerRun: number;
}

export interface WorkflowHttpBenchResult {
  machine: ReturnType<typeof machine>;
  settings: { roundMs: number; rounds: number; sweep: number[]; nodes: number };
  points: WorkflowHttpPoint[];
}

async function json(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const out = (await res.json()) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
}

/** An admin, a workflow app with GRAPH published, and its API key. */
async function seed(base: string): Promise<string> {
  await json(base, 'POST', '/console/api/setup', { email: 'bench@example.com', name: 'Bench', password: 'bench-password' });
  const token = (await json(base, 'POST', '/console/api/login', { email: 'bench@example.com', password: 'bench-password' })).data.access_token;
  const app = await json(base, 'POST', '/console/api/apps', { name: 'bench-workflow', mode: 'workflow' }, token);
  await json(base, 'POST', `/console/api/apps/${app.id}/workflows/draft`, { graph: GRAPH }, token);
  await json(base, 'POST', `/console/api/apps/${app.id}/workflows/publish`, undefined, token);
  const key = (await json(base, 'POST', `/console/api/apps/${app.id}/api-keys`, undefined, token)).token;
  // The graph must do what it says over HTTP too, or the comparison is of two different things.
  const run = await json(base, 'POST', '/v1/workflows/run', { inputs: INPUTS, response_mode: 'blocking', user: 'bench-user' }, key);
  if (run.data?.status !== 'succeeded' || run.data.outputs?.text !== EXPECTED)
    throw new Error(`the benchmark workflow did not run as expected: ${JSON.stringify(run)}`);
  return key;
}

async function main() {
  const info = machine();
  console.log(
    `workflow over HTTP: ${info.cores} cores, Node ${info.node}, load average ${info.loadavg}; ${GRAPH.nodes.length}-node graph, concurrency ${SWEEP.join(', ')}, rounds of ${ROUND_MS} ms`,
  );
  // The baseline first, while nothing else of the benchmark runs: about as many runs as a round would do.
  const engine: Record<number, WorkflowHttpPoint['engine']> = {};
  await runEngine(GRAPH, 500, 4, INPUTS);
  for (const c of SWEEP) {
    const probe = await runEngine(GRAPH, 200, c, INPUTS);
    const r = await runEngine(GRAPH, Math.max(200, Math.round((probe.runsPerSec * ROUND_MS * ROUNDS) / 1000)), c, INPUTS);
    engine[c] = { runsPerSec: r.runsPerSec, p50: r.p50, p99: r.p99 };
    console.log(
      `engine in process  c=${String(c).padStart(2)}  ${r.runsPerSec.toFixed(0).padStart(6)} runs/s  p50 ${r.p50.toFixed(3)} ms  p99 ${r.p99.toFixed(3)} ms`,
    );
  }
  tpl.onModuleDestroy();

  const redis = new BenchRedis();
  await redis.start();
  const model = new ModelServer();
  await model.start();
  const load = new LoadGenerator();
  const platform = new Platform({ split: false, redisUrl: redis.url, modelUrl: model.url, pg: PG });
  const points: WorkflowHttpPoint[] = [];
  try {
    await platform.start();
    const key = await seed(platform.base);
    const spec = {
      url: `${platform.base}/v1/workflows/run`,
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ inputs: INPUTS, response_mode: 'blocking', user: 'bench-user' }),
    };
    await load.round({ ...spec, concurrency: 4, durationMs: 0, warmup: 200 });
    for (const c of SWEEP) {
      const rounds = [];
      let cpu = 0;
      for (let r = 0; r < ROUNDS; r++) {
        await load.round({ ...spec, concurrency: c, durationMs: 0, warmup: 2 * c });
        const stop = await cpuMeter({ platform: () => platform.pids, postgres: () => platform.pgBackends(), redis: () => (redis.pid ? [redis.pid] : []) });
        rounds.push(await load.round({ ...spec, concurrency: c, durationMs: ROUND_MS }));
        const used = await stop();
        cpu += used.platform + used.postgres + used.redis;
      }
      const g = mergeRounds(rounds);
      const point: WorkflowHttpPoint = { ...g, concurrency: c, engine: engine[c], cpuMsPerRun: cpu / g.requests };
      points.push(point);
      console.log(
        `gateway            c=${String(c).padStart(2)}  ${g.rps.toFixed(0).padStart(6)} req/s   p50 ${g.p50.toFixed(2)} ms  p99 ${g.p99.toFixed(2)} ms  ` +
          `(${((100 * g.rps) / engine[c].runsPerSec).toFixed(1)} % of the engine's runs/s)  cpu ${point.cpuMsPerRun.toFixed(2)} ms/run  errors ${g.errors}`,
      );
    }
  } finally {
    await platform.stop();
    load.stop();
    model.stop();
    redis.stop();
  }
  saveResult('workflow-http', {
    machine: { ...info, loadavg: `${info.loadavg} → ${machine().loadavg}` },
    settings: { roundMs: ROUND_MS, rounds: ROUNDS, sweep: SWEEP, nodes: GRAPH.nodes.length },
    points,
  } satisfies WorkflowHttpBenchResult);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
