/** The workflow-over-HTTP section of bench/RESULTS.md and its figures, from bench/results/workflow-http-latest.json (+ workflow-latest.json). */
import { caption, f0, f2, loadResult, when, writeFigure } from '../support/results';
import { Series, lineChart } from '../support/svg-chart';
import type { EngineBenchResult } from './engine.bench';
import type { WorkflowHttpBenchResult } from './workflow-http.bench';

export function workflowHttpSection(): string | undefined {
  const r = loadResult<WorkflowHttpBenchResult>('workflow-http');
  if (!r) return undefined;
  const m = r.machine;
  const n = r.settings.nodes;
  const cap = caption(m, `the engine alone running the same ${n}-node graph in process, same run and concurrency (no model call)`);
  const pts = (f: (p: WorkflowHttpBenchResult['points'][number]) => number): [number, number][] => r.points.map((p) => [p.concurrency, f(p)]);
  writeFigure(
    'workflow-http-throughput.svg',
    lineChart({
      title: `Workflow runs per second (${n} nodes, blocking)`,
      caption: cap,
      xLabel: 'concurrent requests',
      yLabel: 'runs/s (log scale)',
      logY: true,
      series: [
        { name: 'engine in process', color: '#888', dashed: true, points: pts((p) => p.engine.runsPerSec) },
        { name: 'POST /v1/workflows/run', color: '#1f77b4', points: pts((p) => p.rps) },
      ],
    }),
  );
  const lat: Series[] = [];
  for (const [q, dashed] of [
    ['p50', false],
    ['p99', true],
  ] as const) {
    lat.push({ name: `engine ${q}`, color: '#888', dashed, points: pts((p) => p.engine[q]) });
    lat.push({ name: `gateway ${q}`, color: '#1f77b4', dashed, points: pts((p) => p[q]) });
  }
  writeFigure(
    'workflow-http-latency.svg',
    lineChart({
      title: 'Workflow run latency p50 (solid) and p99 (dashed)',
      caption: cap,
      xLabel: 'concurrent requests',
      yLabel: 'ms (log scale)',
      logY: true,
      series: lat,
    }),
  );
  const out: string[] = [];
  out.push(`Measured ${when(m)} on ${m.cores} cores (${m.cpu}), Node ${m.node}; load average before → after: ${m.loadavg}.`);
  out.push(
    `A published ${n}-node workflow (start, if-else, two template branches of which one is skipped, variable aggregator, four chained templates, end) run with \`POST /v1/workflows/run\` ` +
      `(blocking) through \`npm start\` in its own process group, from a load generator in another process; ${r.settings.rounds} rounds of ${r.settings.roundMs} ms per point. ` +
      'Baseline: the engine alone running the same graph in the benchmark process at the same concurrency, measured first, before the platform started. ' +
      'The graph calls no model, so there is no direct-model baseline; what the gateway adds is auth, the app and workflow lookups, the persisted run and node executions, and HTTP.\n',
  );
  out.push('![runs per second](figures/workflow-http-throughput.svg)\n\n![latency](figures/workflow-http-latency.svg)\n');
  out.push(
    '| c | engine runs/s | gateway req/s | gateway / engine | engine p50 / p99 ms | gateway p50 / p99 ms | CPU ms/run: platform + PG + Redis | errors |\n|---|---|---|---|---|---|---|---|',
  );
  for (const p of r.points) {
    out.push(
      `| ${p.concurrency} | ${f0(p.engine.runsPerSec)} | ${f0(p.rps)} | ${f2(p.rps / p.engine.runsPerSec)} | ${f2(p.engine.p50)} / ${f2(p.engine.p99)} | ${f2(p.p50)} / ${f2(p.p99)} | ${f2(p.cpuMsPerRun)} | ${p.errors} |`,
    );
  }
  const e = loadResult<EngineBenchResult>('workflow');
  if (e) {
    out.push(
      `\nEngine overhead (\`npm run bench:workflow\`, ${when(e.machine)}, ${e.settings.runs} runs, ${e.settings.concurrency} at once): ${f2(e.perNodeMs * 1000)} µs per instant node ` +
        `(budget 500 µs), ${f2(e.perJinjaNodeMs * 1000)} µs per sandboxed Jinja2 template node; ` +
        Object.entries(e.graphs)
          .map(([g, v]) => `${g} ${f0(v.runsPerSec)} runs/s`)
          .join(', ') +
        '.',
    );
  }
  return out.join('\n');
}
