/**
 * `npm run bench:resources`: what each app costs, to size the Kubernetes resource requests.
 *
 * Starts the five apps as five processes (SERVICES=<app>, as in the Deployments) against a fresh
 * database and the OpenAI-compatible test model, then measures each process from /proc: resident
 * memory (RSS) idle and at its peak, and CPU seconds consumed, while it serves a load of streaming
 * chats, knowledge ingestion and retrievals. CPU seconds per unit of work hold on a busy machine
 * (the wall time does not), so requests are derived from them at a stated rate.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OpenAiTestServer } from '@sluice/testing';
import { createAdminAndApp, http, sse } from '../../test/support/http-client';
import { KnowledgeClient } from '../../test/support/knowledge-client';
import { LAUNCHER, LauncherProcess, MIGRATE, freePort, runToEnd } from '../../test/support/launcher-process';
import { PG_ADMIN_URL, REDIS_URL, deleteRedisPrefix, dropDatabase } from '../../test/support/test-platform';

const APPS = ['gateway', 'chat', 'workflow', 'dataset', 'ingest-worker'] as const;
const CHATS = Number(process.env.BENCH_CHATS ?? 200);
const DOCS = Number(process.env.BENCH_DOCS ?? 40);
const RETRIEVES = Number(process.env.BENCH_RETRIEVES ?? 100);
const CONCURRENCY = 8;
const TICKS = 100; // USER_HZ

function sample(pid: number): { rssMb: number; cpuS: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { rssMb: rssKb / 1024, cpuS: (Number(stat[11]) + Number(stat[12])) / TICKS };
}

async function pool<T>(n: number, items: T[], fn: (x: T) => Promise<unknown>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

async function main() {
  const model = new OpenAiTestServer();
  const { url } = await model.start();
  const id = randomBytes(4).toString('hex');
  const db = `sluice_bench_res_${id}`;
  const dbUrl = new URL(PG_ADMIN_URL);
  dbUrl.pathname = `/${db}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-res-'));
  const common = {
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL,
    REDIS_PREFIX: `sluicebench-${id}`,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: url,
    LOG_LEVEL: 'warn',
    MIGRATION_ENABLED: 'false',
  };
  const m = await runToEnd(MIGRATE, common);
  if (m.code !== 0) throw new Error(m.out);
  const procs: Record<string, LauncherProcess> = {};
  let base = '';
  try {
    for (const app of APPS) {
      const port = await freePort();
      if (app === 'gateway') base = `http://127.0.0.1:${port}`;
      procs[app] = new LauncherProcess(LAUNCHER, {
        ...common,
        SERVICES: app,
        PORT: String(port),
        HEALTH_PORT: String(await freePort()),
        METRICS_PORT: String(await freePort()),
      });
    }
    await Promise.all(Object.values(procs).map((p) => p.waitFor(/Sluice started/, 120_000)));
    await new Promise((r) => setTimeout(r, 3000));
    const idle = Object.fromEntries(APPS.map((a) => [a, sample(procs[a].child.pid!)]));
    const peak = Object.fromEntries(APPS.map((a) => [a, idle[a].rssMb]));
    const sampler = setInterval(() => {
      for (const a of APPS) peak[a] = Math.max(peak[a], sample(procs[a].child.pid!).rssMb);
    }, 200);

    const admin = await createAdminAndApp(base, { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} } });
    const t0 = Date.now();
    await pool(
      CONCURRENCY,
      Array.from({ length: CHATS }, (_, i) => i),
      (i) => sse(base, '/v1/chat-messages', admin.key, { inputs: {}, query: `question ${i}`, response_mode: 'streaming', user: `u-${i % 20}` }),
    );
    const chatS = (Date.now() - t0) / 1000;
    const dk = await http(base, 'POST', '/console/api/datasets/api-keys', { token: admin.token });
    const kc = new KnowledgeClient(base, dk.body.token);
    const ds = await kc.newDataset('bench');
    const text = (i: number) =>
      Array.from({ length: 60 }, (_, j) => `Paragraph ${j} of document ${i}: refunds, shipping and warranty terms, clause ${i * 100 + j}.`).join('\n\n');
    const t1 = Date.now();
    const batches: string[] = [];
    await pool(
      4,
      Array.from({ length: DOCS }, (_, i) => i),
      async (i) => {
        const r = await kc.api('POST', `/datasets/${ds.id}/document/create-by-text`, {
          name: `d${i}.txt`,
          text: text(i),
          indexing_technique: 'high_quality',
          process_rule: { mode: 'automatic' },
        });
        batches.push(r.body.batch);
      },
    );
    for (const b of batches) await kc.waitForBatch(ds.id, b, 600_000);
    const ingestS = (Date.now() - t1) / 1000;
    await pool(
      CONCURRENCY,
      Array.from({ length: RETRIEVES }, (_, i) => i),
      (i) =>
        kc.api('POST', `/datasets/${ds.id}/retrieve`, {
          query: `warranty clause ${i}`,
          retrieval_model: { search_method: 'hybrid_search', top_k: 4, reranking_enable: false },
        }),
    );
    clearInterval(sampler);
    const end = Object.fromEntries(APPS.map((a) => [a, sample(procs[a].child.pid!)]));
    const result = {
      measured_at: new Date().toISOString(),
      node: process.version,
      load: { streaming_chats: CHATS, chat_wall_s: chatS, documents: DOCS, paragraphs_per_document: 60, ingest_wall_s: ingestS, retrieves: RETRIEVES },
      apps: Object.fromEntries(
        APPS.map((a) => [
          a,
          { idle_rss_mb: Math.round(idle[a].rssMb), peak_rss_mb: Math.round(peak[a]), cpu_s_under_load: Math.round((end[a].cpuS - idle[a].cpuS) * 100) / 100 },
        ]),
      ),
    };
    console.log(JSON.stringify(result, null, 2));
    const out = resolve(__dirname, '..', '..', '..', 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'resources.json'), JSON.stringify(result, null, 2));
  } finally {
    for (const p of Object.values(procs)) p.kill('SIGTERM');
    await Promise.all(Object.values(procs).map((p) => p.exited));
    await model.stop();
    await dropDatabase(db);
    await deleteRedisPrefix(common.REDIS_PREFIX);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
