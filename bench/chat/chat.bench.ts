/**
 * Chat benchmark: blocking and streaming chat through the gateway (all apps in one child process,
 * talking over Redis) against the same calls made directly to the model server, in one run.
 *
 *   npm run bench:chat            (env: BENCH_REQUESTS=3000, BENCH_PORT=5391)
 *
 * The model is the project's OpenAI-compatible test server answering instantly; what is measured is
 * Sluice's own overhead: HTTP, auth, validation, transport, persistence, SSE.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { OpenAiTestServer } from '@sluice/testing';
import { post, run, RunResult } from '../support/load';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const PORT = Number(process.env.BENCH_PORT ?? 5391);
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const root = resolve(__dirname, '..', '..', '..');

async function json(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<any>;
}

async function main() {
  const model = new OpenAiTestServer();
  const { url: modelUrl } = await model.start();
  model.setReply('Sure, here is a short answer.');
  const db = `sluice_bench_${Date.now()}`;
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--no-node-snapshot', ...nodeArgs, join(root, 'dist/apps/launcher/src/main.js')], {
    env: {
      ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_URL: `${PG}/${db}`, OPENAI_BASE_URL: modelUrl,
      OPENAI_API_KEY: 'sk-bench', DATA_DIR: mkdtempSync(join(tmpdir(), 'sluice-bench-')), LOG_LEVEL: 'warn', REDIS_PREFIX: `bench${Date.now()}`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 120) throw new Error('platform did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
    await json(base, 'POST', '/console/api/setup', { email: 'bench@example.com', name: 'Bench', password: 'bench-password' });
    const token = (await json(base, 'POST', '/console/api/login', { email: 'bench@example.com', password: 'bench-password' })).data.access_token;
    const app = await json(base, 'POST', '/console/api/apps', { name: 'bench', mode: 'chat' }, token);
    await json(base, 'POST', `/console/api/apps/${app.id}/model-config`, { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} }, pre_prompt: 'You are terse.' }, token);
    const key = (await json(base, 'POST', `/console/api/apps/${app.id}/api-keys`, undefined, token)).token;

    const auth = { authorization: `Bearer ${key}` };
    const chatBody = (mode: string) => JSON.stringify({ inputs: {}, query: 'What is Sluice?', response_mode: mode, user: 'bench-user', auto_generate_name: false });
    const directBody = (stream: boolean) =>
      JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'What is Sluice?' }], stream, ...(stream ? { stream_options: { include_usage: true } } : {}) });
    const cases = {
      'direct blocking': () => post(`${modelUrl}/chat/completions`, { authorization: 'Bearer sk-bench' }, directBody(false)),
      'gateway blocking': () => post(`${base}/v1/chat-messages`, auth, chatBody('blocking')),
      'direct streaming': () => post(`${modelUrl}/chat/completions`, { authorization: 'Bearer sk-bench' }, directBody(true), '"content"'),
      'gateway streaming': () => post(`${base}/v1/chat-messages`, auth, chatBody('streaming'), '"event":"message"'),
    };
    // Warm up JIT, pools and caches.
    for (const fn of Object.values(cases)) await run(300, 16, fn);

    const results: Record<string, Record<number, RunResult>> = {};
    for (const c of [1, 32]) {
      for (const [name, fn] of Object.entries(cases)) {
        (results[name] ??= {})[c] = await run(c === 1 ? Math.min(REQUESTS, 1000) : REQUESTS, c, fn);
      }
    }
    const rows: string[] = [];
    const f = (n: number) => n.toFixed(2);
    rows.push('case                 conc  req/s    p50 ms  p99 ms  ttft p50  ttft p99  errors');
    for (const [name, byC] of Object.entries(results)) {
      for (const [c, r] of Object.entries(byC)) {
        rows.push(`${name.padEnd(20)} ${String(c).padStart(4)}  ${r.rps.toFixed(0).padStart(6)}  ${f(r.p50).padStart(7)} ${f(r.p99).padStart(7)}  ${f(r.ttftP50).padStart(8)}  ${f(r.ttftP99).padStart(8)}  ${r.errors}`);
      }
    }
    const summary = {
      blocking_rps_c32: results['gateway blocking'][32].rps,
      overhead_p50_ms_c32: results['gateway blocking'][32].p50 - results['direct blocking'][32].p50,
      overhead_p99_ms_c32: results['gateway blocking'][32].p99 - results['direct blocking'][32].p99,
      overhead_p50_ms_c1: results['gateway blocking'][1].p50 - results['direct blocking'][1].p50,
      ttft_overhead_p50_ms_c1: results['gateway streaming'][1].ttftP50 - results['direct streaming'][1].ttftP50,
      ttft_overhead_p50_ms_c32: results['gateway streaming'][32].ttftP50 - results['direct streaming'][32].ttftP50,
      rps_ratio_gateway_over_direct_c32: results['gateway blocking'][32].rps / results['direct blocking'][32].rps,
    };
    console.log(rows.join('\n'));
    console.log('\nsummary (budgets: >= 500 req/s; overhead p50 <= 3 ms, p99 <= 15 ms at 32; TTFT overhead <= 5 ms)');
    for (const [k, v] of Object.entries(summary)) console.log(`  ${k.padEnd(36)} ${v.toFixed(2)}`);
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', `chat-${Date.now()}.json`), JSON.stringify({ results, summary }, null, 2));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await model.stop();
    const c = new Client({ connectionString: `${PG}/postgres` });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await c.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
