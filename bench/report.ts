/**
 * `npm run bench`: runs every benchmark, each as its own process, one after the other, keeps each
 * one's output under bench/results/, and writes bench/RESULTS.md with figures (bench/figures/*.svg)
 * for the benchmarks that leave a machine-readable result (chat, workflow-http, ingest, retrieval:
 * bench/results/<name>-latest.json); the others' printed output goes in as it is.
 *
 *   BENCH_ONLY=chat,workflow npm run bench     only these (the others' last outputs are kept)
 *   BENCH_REPORT_ONLY=1 npm run bench          rewrite RESULTS.md from the last outputs, run nothing
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChatRun, chatTargets, readRuns } from './chat/chat-runs';
import type { CaseResult, ChatBenchResult } from './chat/chat.bench';
import { ingestSection } from './ingest/ingest.report';
import { retrievalSection } from './retrieval/retrieval.report';
import { machine, root } from './support/platform';
import { loadResult } from './support/results';
import { Series, lineChart } from './support/svg-chart';
import { workflowHttpSection } from './workflow/workflow-http.report';

const BENCHES: { name: string; title: string; script: string; what: string; section?: () => string | undefined }[] = [
  {
    name: 'chat',
    title: 'Chat through the gateway',
    script: 'bench/chat/chat.bench.js',
    what: 'blocking and streaming chat against the direct model call (below)',
  },
  {
    name: 'workflow',
    title: 'Workflow engine',
    script: 'bench/workflow/engine.bench.js',
    what: 'per-node engine overhead, graphs of 2 and 20 nodes, sandboxed Jinja2 nodes',
  },
  {
    name: 'workflow-http',
    title: 'Workflow runs through the gateway',
    script: 'bench/workflow/workflow-http.bench.js',
    what: 'a 10-node workflow run blocking over HTTP by concurrency, against the engine alone in process',
    section: workflowHttpSection,
  },
  {
    name: 'parse-split',
    title: 'Parse and split',
    script: 'bench/ingest/parse-split.bench.js',
    what: 'pages/s of the extract → clean → split stages by document size',
  },
  {
    name: 'ingest',
    title: 'Ingestion end to end',
    script: 'bench/ingest/ingest.bench.js',
    what: 'pages/s through the BullMQ stages and a worker process by document size and documents in flight, embeddings at 0 and 150 ms, against in-process parse → split',
    section: ingestSection,
  },
  {
    name: 'retrieval',
    title: 'Retrieval',
    script: 'bench/retrieval/retrieval.bench.js',
    what: 'semantic, full-text and hybrid p50/p99 by segments and by datasets searched together, against the raw vector-store search',
    section: retrievalSection,
  },
  {
    name: 'resources',
    title: 'Resources of the five apps',
    script: 'bench/ops/resources.bench.js',
    what: 'memory and CPU of each app as its own process under a mixed load',
  },
];

const results = join(root, 'bench', 'results');
const figures = join(root, 'bench', 'figures');

function runAll() {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  for (const b of BENCHES) {
    if (only && !only.includes(b.name)) continue;
    console.log(`\n=== ${b.name} ===`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--no-node-snapshot', join(root, 'dist', b.script)], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 << 20,
    });
    process.stdout.write(r.stdout ?? '');
    const meta = { at: new Date().toISOString(), seconds: (Date.now() - t0) / 1000, status: r.status, machine: machine() };
    writeFileSync(join(results, `${b.name}.txt`), `${JSON.stringify(meta)}\n${r.stdout ?? ''}`);
  }
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const f2 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(2));
const f0 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(0));

function chatSection(r: ChatBenchResult, history: ChatRun[]): string {
  const m = r.machine;
  const caption = `${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.date.slice(0, 16).replace('T', ' ')} UTC, load average ${m.loadavg}\nbaseline: the same streamed call sent directly to the model server, alternating rounds of the same run`;
  const single = r.modes.single;
  const split = r.modes.split;
  const cs = r.settings.sweep;
  const pts = (byC: Record<number, CaseResult> | undefined, k: keyof CaseResult) =>
    cs.filter((c) => byC?.[c]).map((c) => [c, Number(byC![c][k])] as [number, number]);
  const series = (k: keyof CaseResult): Series[] => [
    { name: 'direct to the model', color: '#888', dashed: true, points: pts(single['direct blocking'], k) },
    { name: 'gateway (npm start)', color: '#1f77b4', points: pts(single['gateway blocking'], k) },
    ...(split ? [{ name: 'gateway + chat split', color: '#d62728', points: pts(split['gateway blocking'], k) }] : []),
  ];
  mkdirSync(figures, { recursive: true });
  writeFileSync(
    join(figures, 'chat-throughput.svg'),
    lineChart({ title: 'Blocking chat: requests per second', caption, xLabel: 'concurrent requests', yLabel: 'req/s', series: series('rps') }),
  );
  const lat: Series[] = [];
  for (const [k, dash] of [
    ['p50', false],
    ['p99', true],
  ] as const) {
    for (const s of series(k)) lat.push({ ...s, name: `${s.name} ${k}`, dashed: dash });
  }
  writeFileSync(
    join(figures, 'chat-latency.svg'),
    lineChart({
      title: 'Blocking chat: latency p50 (solid) and p99 (dashed)',
      caption,
      xLabel: 'concurrent requests',
      yLabel: 'ms (log scale)',
      logY: true,
      series: lat,
    }),
  );
  const cpu: Series[] = [
    { name: 'platform (npm start)', color: '#1f77b4', points: pts(single['gateway blocking'], 'cpuMsPerRequest') },
    ...(split ? [{ name: 'platform (split)', color: '#d62728', points: pts(split['gateway blocking'], 'cpuMsPerRequest') }] : []),
    {
      name: 'model server (for scale)',
      color: '#888',
      dashed: true,
      points: cs.filter((c) => single['gateway blocking'][c]?.cpu).map((c) => [c, single['gateway blocking'][c].cpu!.model] as [number, number]),
    },
  ];
  writeFileSync(
    join(figures, 'chat-cpu.svg'),
    lineChart({
      title: 'CPU-ms per blocking chat request (Node + PostgreSQL + Redis)',
      caption,
      xLabel: 'concurrent requests',
      yLabel: 'CPU ms per request',
      series: cpu,
    }),
  );

  const out: string[] = [];
  out.push(
    `Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores (${m.cpu}), Node ${m.node}; load average before → after the run: ${m.loadavg}.`,
  );
  out.push(`Rounds of ${r.settings.roundMs} ms, ${r.settings.rounds} per point at c=1 and c=32 (fewer elsewhere), gateway and direct alternating.`);
  out.push(
    "The model server answers instantly; every blocking request starts a new conversation, whose title is generated by a second model call in the background (Dify's default `auto_generate_name`).\n",
  );
  out.push('| target (same run) | value | target | |\n|---|---|---|---|');
  for (const t of r.targets) out.push(`| ${t.name} | ${f2(t.value)} | ${t.target} | ${t.ok ? 'met' : '**missed**'} |`);
  // The starting point, measured once before the chat-path work; kept so every report shows how far it came.
  out.push(
    '\nBefore the chat-path work (commit be3e641), this benchmark on the same machine (load average 11-19): blocking c=32 21.5 req/s\n' +
      '(direct 770 in the same run), c=1 overhead p50 50.6 ms; 16.1 CPU-ms per request in the platform process + 1.0 PostgreSQL + 0.5 Redis,\n' +
      '5.1 PostgreSQL transactions and 2.7 Redis commands per request (streaming TTFT overhead at c=1: 35 ms). What changed: [profile/PROFILE.md](profile/PROFILE.md).',
  );
  out.push('\n![requests per second](figures/chat-throughput.svg)\n\n![latency](figures/chat-latency.svg)\n\n![CPU per request](figures/chat-cpu.svg)\n');
  for (const [mode, byCase] of Object.entries(r.modes)) {
    out.push(
      `\n**${mode === 'single' ? 'One process (`npm start`)' : 'Split: gateway (+ workflow, dataset, ingest) and chat in two processes, over Redis'}**, blocking chat:\n`,
    );
    out.push(
      '| c | direct req/s | gateway req/s | direct p50 / p99 ms | gateway p50 / p99 ms | overhead p50 ms | CPU ms/req: platform + PG + Redis | PG tx / Redis cmds per req | errors |',
    );
    out.push('|---|---|---|---|---|---|---|---|---|');
    for (const c of cs) {
      const d = byCase['direct blocking']?.[c];
      const g = byCase['gateway blocking']?.[c];
      if (!d || !g) continue;
      out.push(
        `| ${c} | ${f0(d.rps)} | ${f0(g.rps)} | ${f2(d.p50)} / ${f2(d.p99)} | ${f2(g.p50)} / ${f2(g.p99)} | ${f2(g.p50 - d.p50)} | ` +
          `${f2(g.cpuMsPerRequest)} = ${f2(g.cpu?.platform)} + ${f2(g.cpu?.postgres)} + ${f2(g.cpu?.redis)} | ${f2(g.pgTransactionsPerRequest)} / ${f2(g.redisCommandsPerRequest)} | ${g.errors} |`,
      );
    }
    if (byCase['gateway streaming']) {
      out.push('\nStreaming (time to the first token event):\n');
      out.push('| c | direct TTFT p50 / p99 ms | gateway TTFT p50 / p99 ms | TTFT overhead p50 ms | CPU ms/req |\n|---|---|---|---|---|');
      for (const [c, g] of Object.entries(byCase['gateway streaming'])) {
        const d = byCase['direct streaming'][Number(c)];
        out.push(
          `| ${c} | ${f2(d.ttftP50)} / ${f2(d.ttftP99)} | ${f2(g.ttftP50)} / ${f2(g.ttftP99)} | ${f2(g.ttftP50 - d.ttftP50)} | ${f2(g.cpuMsPerRequest)} |`,
        );
      }
    }
  }
  if (history.length) {
    out.push('\n**Every full run on record** ([chat/runs.jsonl](chat/runs.jsonl), appended by each run, newest last):\n');
    out.push(
      '| when (UTC) | commit | CPU | load avg | c=32 req/s (direct) | overhead p50 c=1 ms | p99 c=1 ms | TTFT overhead c=1 ms | CPU ms/req c=32 | split/single | targets |\n|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const h of history) {
      const s = h.summary;
      const missed = chatTargets(s).filter((t) => !t.ok);
      out.push(
        `| ${h.date.slice(0, 16).replace('T', ' ')} | ${h.commit ?? '—'} | ${h.cpu} | ${h.loadavg.split(' ')[0]} | ${f0(s.blocking_rps_c32)} (${f0(s.direct_rps_c32)}) | ${f2(s.overhead_p50_ms_c1)} | ` +
          `${f2(s.overhead_p99_ms_c1)} | ${f2(s.ttft_overhead_p50_ms_c1)} | ${f2(s.cpu_ms_per_request_c32)} | ${f2(s.split_over_single_c32)} | ${missed.length ? `**missed**: ${missed.map((t) => t.name).join(', ')}` : 'all met'} |`,
      );
    }
    const notes = [...new Set(history.map((h) => h.note).filter(Boolean))];
    if (notes.length) out.push('\n' + notes.map((n) => `- ${n}`).join('\n'));
  }
  return out.join('\n');
}

function writeReport() {
  const md: string[] = [];
  const now = machine();
  md.push('# Benchmark results\n');
  md.push(
    `Written by \`npm run bench\` (bench/report.ts) on ${now.date.slice(0, 16).replace('T', ' ')} UTC: ${now.cores} cores (${now.cpu}), Node ${now.node}.`,
  );
  md.push(
    'Every figure states its machine, date and same-run baseline. The development machine is shared (other builds and test suites run on the same 2 cores),',
  );
  md.push(
    'so absolute numbers move with its load; the ratios to the same-run baseline are what to compare. Where the chat path spends its CPU: [profile/PROFILE.md](profile/PROFILE.md).\n',
  );
  md.push('| benchmark | what | command |\n|---|---|---|');
  for (const b of BENCHES) md.push(`| ${b.title} | ${b.what} | \`npm run bench:${b.name}\` |`);
  const chatFile = join(results, 'chat-latest.json');
  if (existsSync(chatFile)) {
    const history = readRuns();
    md.push('\n## Chat through the gateway\n');
    md.push(chatSection(JSON.parse(readFileSync(chatFile, 'utf8')) as ChatBenchResult, history));
  }
  for (const b of BENCHES.slice(1)) {
    const f = join(results, `${b.name}.txt`);
    md.push(`\n## ${b.title}\n`);
    // A benchmark run alone (npm run bench:<name>) leaves its JSON but no captured output.
    const section = b.section?.();
    // Its captured output is stale when the benchmark ran alone since (its JSON started after the output ended).
    const started = loadResult<{ machine: { date: string } }>(b.name)?.machine.date;
    if (!existsSync(f) || (section && started && started > JSON.parse(readFileSync(f, 'utf8').split('\n')[0]).at)) {
      md.push(section ? `${cap(b.what)}.\n\n${section}` : `Not run yet on this machine: \`npm run bench:${b.name}\`.`);
      continue;
    }
    const [first, ...rest] = readFileSync(f, 'utf8').split('\n');
    const meta = JSON.parse(first) as { at: string; seconds: number; status: number; machine: ReturnType<typeof machine> };
    const run = `Run ${meta.at.slice(0, 16).replace('T', ' ')} UTC (${meta.machine.cores} cores, Node ${meta.machine.node}, load average ${meta.machine.loadavg}), ${meta.seconds.toFixed(0)} s${meta.status ? `, **exit status ${meta.status}**` : ''}`;
    if (section) {
      md.push(`${cap(b.what)}. ${run}.\n`);
      md.push(section);
      md.push(`\n<details><summary>its output</summary>\n\n\`\`\`\n${rest.join('\n').trim()}\n\`\`\`\n</details>`);
      continue;
    }
    md.push(`${cap(b.what)}. ${run}; its baselines are in its own output:\n`);
    md.push('```\n' + rest.join('\n').trim() + '\n```');
  }
  writeFileSync(join(root, 'bench', 'RESULTS.md'), md.join('\n') + '\n');
  console.log('\nwrote bench/RESULTS.md and bench/figures/');
}

mkdirSync(results, { recursive: true });
if (!process.env.BENCH_REPORT_ONLY) runAll();
writeReport();
