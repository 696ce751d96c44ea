/**
 * Chat benchmark: blocking and streaming chat through the gateway against the same call made
 * directly to the model server, in alternating rounds of one run.
 *
 *   npm run bench:chat     (env: BENCH_ROUND_MS=3000, BENCH_ROUNDS=3, BENCH_SWEEP=1,4,16,32,64,128, BENCH_SPLIT=1)
 *
 * Every party is a process of its own: the platform as `npm start` runs it (own process group,
 * default settings, logs to a file), a private Redis, the test model server answering instantly,
 * and the load generator. A blocking request starts a new conversation each time, with Dify's
 * default `auto_generate_name` (the background title call is part of what a user's request costs).
 * The direct call is the streamed call Sluice itself makes, read to the end. CPU per request is the
 * platform's processes + its PostgreSQL backends + the private Redis, over the gateway rounds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchRedis, LoadGenerator, ModelServer, Platform, RunResult, Sample, cpuMeter, machine, mergeRounds, root } from '../support/platform';
import { appendRun, chatTargets } from './chat-runs';

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SWEEP = (process.env.BENCH_SWEEP ?? '1,4,16,32,64,128').split(',').map(Number);
const SPLIT = process.env.BENCH_SPLIT !== '0';
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const PROMPT = 'What is Sluice?';
const SYSTEM = 'You are terse.';

async function json(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<any>;
}

/** An admin, a chat app with a system prompt, and its API key. */
async function seed(base: string): Promise<string> {
  await json(base, 'POST', '/console/api/setup', { email: 'bench@example.com', name: 'Bench', password: 'bench-password' });
  const token = (await json(base, 'POST', '/console/api/login', { email: 'bench@example.com', password: 'bench-password' })).data.access_token;
  const app = await json(base, 'POST', '/console/api/apps', { name: 'bench', mode: 'chat' }, token);
  await json(
    base,
    'POST',
    `/console/api/apps/${app.id}/model-config`,
    { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} }, pre_prompt: SYSTEM },
    token,
  );
  return (await json(base, 'POST', `/console/api/apps/${app.id}/api-keys`, undefined, token)).token;
}

export interface CaseResult extends RunResult {
  /** platform CPU (processes + PostgreSQL backends + Redis) per request, ms; gateway cases only */
  cpuMsPerRequest?: number;
  cpu?: Record<string, number>;
  /** PostgreSQL transactions (statements outside transactions count one each) and Redis commands per request */
  pgTransactionsPerRequest?: number;
  redisCommandsPerRequest?: number;
}

export interface ChatBenchResult {
  machine: ReturnType<typeof machine>;
  settings: { roundMs: number; rounds: number; sweep: number[] };
  /** mode → case → concurrency → result */
  modes: Record<string, Record<string, Record<number, CaseResult>>>;
  summary: Record<string, number>;
  targets: { name: string; value: number; target: string; ok: boolean }[];
}

/** When the gateway rounds ran (monotonic µs): a profile of the platform is read inside these only. */
const windows: [number, number][] = [];

async function runMode(split: boolean, model: ModelServer, redis: BenchRedis, load: LoadGenerator): Promise<Record<string, Record<number, CaseResult>>> {
  const platform = new Platform({ split, redisUrl: redis.url, modelUrl: model.url, pg: PG });
  await platform.start();
  try {
    const key = await seed(platform.base);
    const gw = { authorization: `Bearer ${key}` };
    const direct = { authorization: 'Bearer sk-bench' };
    const chatBody = (mode: string) => JSON.stringify({ inputs: {}, query: PROMPT, response_mode: mode, user: 'bench-user' });
    const directBody = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: PROMPT },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    const modelChat = `${model.url}/chat/completions`;
    const cases = {
      'direct blocking': { url: modelChat, headers: direct, body: directBody },
      'gateway blocking': { url: `${platform.base}/v1/chat-messages`, headers: gw, body: chatBody('blocking') },
      'direct streaming': { url: modelChat, headers: direct, body: directBody, marker: '"content"' },
      'gateway streaming': { url: `${platform.base}/v1/chat-messages`, headers: gw, body: chatBody('streaming'), marker: '"event":"message"' },
    };
    // Warm up JIT, pools and caches on every path.
    for (const spec of Object.values(cases)) await load.round({ ...spec, concurrency: 16, durationMs: 0, warmup: 400 });

    const plan: [string, string, number, number][] = [];
    for (const c of SWEEP) plan.push(['direct blocking', 'gateway blocking', c, c === 1 || c === 32 ? ROUNDS : Math.max(1, ROUNDS - 1)]);
    if (!split) for (const c of [1, 32]) plan.push(['direct streaming', 'gateway streaming', c, ROUNDS]);

    const out: Record<string, Record<number, CaseResult>> = {};
    for (const [directCase, gatewayCase, c, rounds] of plan) {
      const got: Record<string, { samples: Sample[]; seconds: number }[]> = { [directCase]: [], [gatewayCase]: [] };
      const cpu: Record<string, number> = {};
      let cpuRequests = 0;
      const trips = { pg: 0, redis: 0 };
      for (let r = 0; r < rounds; r++) {
        // Alternate which goes first, so drift in the machine's load favours neither.
        const order = r % 2 ? [gatewayCase, directCase] : [directCase, gatewayCase];
        for (const name of order) {
          const isGateway = name === gatewayCase;
          // Unmeasured first: connections for this concurrency opened, pools grown.
          await load.round({ ...cases[name as keyof typeof cases], concurrency: c, durationMs: 0, warmup: 2 * c });
          const before = isGateway ? { pg: await platform.pgStatements(), redis: await redis.commands() } : undefined;
          const stop = isGateway
            ? await cpuMeter({
                platform: () => platform.pids,
                postgres: () => platform.pgBackends(),
                redis: () => (redis.pid ? [redis.pid] : []),
                load: () => [load.pid],
                model: () => [model.pid],
              })
            : undefined;
          const t0 = process.hrtime.bigint() / 1000n;
          const res = await load.round({ ...cases[name as keyof typeof cases], concurrency: c, durationMs: ROUND_MS });
          got[name].push(res);
          if (isGateway) windows.push([Number(t0), Number(process.hrtime.bigint() / 1000n)]);
          if (stop) {
            // Background work a request caused (the conversation's title) belongs to it.
            await new Promise((r) => setTimeout(r, 300));
            for (const [k, v] of Object.entries(await stop())) cpu[k] = (cpu[k] ?? 0) + v;
            await new Promise((r) => setTimeout(r, 700));
            trips.pg += (await platform.pgStatements()) - before!.pg;
            trips.redis += (await redis.commands()) - before!.redis - 2;
            cpuRequests += res.samples.length;
          }
        }
      }
      (out[directCase] ??= {})[c] = mergeRounds(got[directCase]);
      const g: CaseResult = mergeRounds(got[gatewayCase]);
      g.cpu = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v / cpuRequests]));
      g.cpuMsPerRequest = (cpu.platform + cpu.postgres + cpu.redis) / cpuRequests;
      g.pgTransactionsPerRequest = trips.pg / cpuRequests;
      g.redisCommandsPerRequest = trips.redis / cpuRequests;
      (out[gatewayCase] ??= {})[c] = g;
      const d = out[directCase][c];
      console.log(
        `${split ? 'split ' : ''}${gatewayCase.padEnd(18)} c=${String(c).padStart(3)}  ${g.rps.toFixed(0).padStart(5)} req/s (direct ${d.rps.toFixed(0)})  ` +
          `p50 ${g.p50.toFixed(2)} ms (direct ${d.p50.toFixed(2)})  p99 ${g.p99.toFixed(2)} (direct ${d.p99.toFixed(2)})  ` +
          `ttft ${g.ttftP50.toFixed(2)} (direct ${d.ttftP50.toFixed(2)})  cpu ${g.cpuMsPerRequest.toFixed(2)} ms/req ` +
          `[${Object.entries(g.cpu)
            .map(([k, v]) => `${k} ${v.toFixed(2)}`)
            .join(', ')}]  pg ${g.pgTransactionsPerRequest.toFixed(1)} redis ${g.redisCommandsPerRequest.toFixed(1)} per req  errors ${g.errors}/${d.errors}`,
      );
    }
    return out;
  } finally {
    await platform.stop();
  }
}

async function main() {
  const redis = new BenchRedis();
  await redis.start();
  const model = new ModelServer();
  await model.start();
  const load = new LoadGenerator();
  const info = machine();
  console.log(`chat benchmark: ${info.cores} cores, Node ${info.node}, load average ${info.loadavg}, rounds of ${ROUND_MS} ms`);
  try {
    const modes: ChatBenchResult['modes'] = { single: await runMode(false, model, redis, load) };
    if (SPLIT) modes.split = await runMode(true, model, redis, load);
    const s = modes.single;
    const summary: Record<string, number> = {
      blocking_rps_c32: s['gateway blocking'][32]?.rps,
      direct_rps_c32: s['direct blocking'][32]?.rps,
      errors_c32: s['gateway blocking'][32]?.errors,
      overhead_p50_ms_c1: s['gateway blocking'][1]?.p50 - s['direct blocking'][1]?.p50,
      overhead_p99_ms_c1: s['gateway blocking'][1]?.p99 - s['direct blocking'][1]?.p99,
      ttft_overhead_p50_ms_c1: s['gateway streaming']?.[1]?.ttftP50 - s['direct streaming']?.[1]?.ttftP50,
      cpu_ms_per_request_c32: s['gateway blocking'][32]?.cpuMsPerRequest ?? NaN,
      cpu_ms_per_request_c1: s['gateway blocking'][1]?.cpuMsPerRequest ?? NaN,
      split_rps_c32: modes.split?.['gateway blocking'][32]?.rps ?? NaN,
      split_over_single_c32: (modes.split?.['gateway blocking'][32]?.rps ?? NaN) / s['gateway blocking'][32]?.rps,
    };
    const targets = chatTargets(summary);
    console.log('\ntargets (same run, gateway against the direct model call):');
    for (const t of targets)
      console.log(`  ${t.ok ? 'ok  ' : 'MISS'} ${t.name.padEnd(42)} ${Number.isFinite(t.value) ? t.value.toFixed(2) : 'n/a'}  (${t.target})`);
    const result: ChatBenchResult = {
      machine: { ...info, loadavg: `${info.loadavg} → ${machine().loadavg}` },
      settings: { roundMs: ROUND_MS, rounds: ROUNDS, sweep: SWEEP },
      modes,
      summary,
      targets,
    };
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'chat-windows.json'), JSON.stringify(windows));
    // A partial run (a profile, one concurrency) is kept apart: it is neither the latest result nor a run of the log.
    if (!(SWEEP.includes(1) && SWEEP.includes(32) && SPLIT && ROUNDS >= 3)) {
      writeFileSync(join(dir, `chat-partial-${Date.now()}.json`), JSON.stringify(result, null, 2));
      return;
    }
    writeFileSync(join(dir, `chat-${Date.now()}.json`), JSON.stringify(result, null, 2));
    writeFileSync(join(dir, 'chat-latest.json'), JSON.stringify(result, null, 2));
    appendRun(result);
  } finally {
    load.stop();
    model.stop();
    redis.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
