// sort-imports-ignore: the in-memory tracing import below must stay ahead of everything that loads pg, ioredis or http.
/**
 * Sluice as an operator runs it: one real `npm start` process (all apps) with MIGRATION_ENABLED=false
 * and a separate `npm run migrate`, probed on HEALTH_PORT, scraped on METRICS_PORT, read through its
 * logs, traced over OTLP together with a second gateway in this process, and stopped with SIGTERM
 * while an SSE stream is in flight.
 */

type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: { key: string }[] };
const hex = (id: string) => (/^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex'));

/** An OTLP/HTTP (JSON) receiver standing in for a collector. */
function otlpReceiver(): { server: Server; spans(): OtlpSpan[] } {
  const batches: any[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        batches.push(JSON.parse(body));
      } catch {
        /* not JSON */
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return {
    server,
    spans: () =>
      batches
        .flatMap((b) => b.resourceSpans ?? [])
        .flatMap((r: any) => r.scopeSpans ?? [])
        .flatMap((s: any) => s.spans ?? [])
        .map((s: OtlpSpan) => ({ ...s, traceId: hex(s.traceId), spanId: hex(s.spanId), parentSpanId: s.parentSpanId ? hex(s.parentSpanId) : undefined })),
  };
}

async function until<T>(fn: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(what);
    await new Promise((r) => setTimeout(r, 100));
  }
}
// First: tracing must start before pg, ioredis and HTTP are loaded (see the trace test below).
import { spans } from '../support/in-memory-tracing';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { loadConfig } from '@sluice/config';
import { OpenAiTestServer } from '@sluice/testing';
import { startPlatform } from '../../apps/launcher/src/platform';
import { createAdminAndApp, http, parseSse } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { freePort, LAUNCHER, LauncherProcess, MIGRATE, REINDEX, runToEnd } from '../support/launcher-process';
import { deleteRedisPrefix, dropDatabase, PG_ADMIN_URL, REDIS_URL } from '../support/test-platform';

const CONFIG = { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: { temperature: 0.1 } } };

describe('operations: one npm start process', () => {
  const id = randomBytes(4).toString('hex');
  const db = `sluice_ops_${id}`;
  const secretKey = randomBytes(32).toString('hex');
  const openaiKey = `sk-ops-${randomBytes(12).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-ops-'));
  const model = new OpenAiTestServer();
  const otlp = otlpReceiver();
  let env: Record<string, string>;
  let proc: LauncherProcess;
  let base: string;
  let health: string;
  let metrics: string;
  const secrets: string[] = [secretKey, openaiKey, 'correct-horse-battery'];

  before(async () => {
    const { url } = await model.start();
    await new Promise<void>((r) => otlp.server.listen(0, '127.0.0.1', r));
    const [port, healthPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
    const dbUrl = new URL(PG_ADMIN_URL);
    dbUrl.pathname = `/${db}`;
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL,
      REDIS_PREFIX: `sluiceops-${id}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      HEALTH_PORT: String(healthPort),
      METRICS_PORT: String(metricsPort),
      DATA_DIR: dataDir,
      SECRET_KEY: secretKey,
      OPENAI_API_KEY: openaiKey,
      OPENAI_BASE_URL: url,
      LOG_LEVEL: 'debug',
      MIGRATION_ENABLED: 'false',
      SHUTDOWN_TIMEOUT_SECONDS: '30',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(otlp.server.address() as { port: number }).port}`,
      OTEL_SERVICE_NAME: 'sluice-ops-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    base = `http://127.0.0.1:${port}`;
    health = `http://127.0.0.1:${healthPort}`;
    metrics = `http://127.0.0.1:${metricsPort}/metrics`;
  });

  after(async () => {
    proc?.kill();
    await proc?.exited;
    await model.stop();
    otlp.server.close();
    await dropDatabase(db);
    await deleteRedisPrefix(env.REDIS_PREFIX);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('with MIGRATION_ENABLED=false waits for `npm run migrate`, then starts', async () => {
    proc = new LauncherProcess(LAUNCHER, env);
    await proc.waitFor(/waiting for migrations/);
    const m = await runToEnd(MIGRATE, env);
    assert.equal(m.code, 0, m.out);
    assert.match(m.out, /Migrations applied: /);
    await proc.waitFor(/Sluice is running at/, 30_000);
    const again = await runToEnd(MIGRATE, env);
    assert.equal(again.code, 0);
    assert.match(again.out, /up to date/);
  });

  it('answers liveness, readiness and health on HEALTH_PORT, and /metrics only on METRICS_PORT', async () => {
    const live = await http(health, 'GET', '/livez');
    assert.equal(live.status, 200);
    const ready = await http(health, 'GET', '/readyz');
    assert.equal(ready.status, 200, ready.text);
    assert.deepEqual(Object.keys(ready.body.checks).sort(), ['postgres', 'queues', 'redis', 'transport']);
    const h = await http(base, 'GET', '/health');
    assert.equal(h.status, 200);
    assert.deepEqual(h.body.services, ['gateway', 'chat', 'workflow', 'dataset', 'ingest-worker']);
    assert.equal((await http(base, 'GET', '/metrics')).status, 404, 'metrics are not public on the API port');
    assert.equal((await http(health, 'GET', '/metrics')).status, 404, 'METRICS_PORT set: metrics only there');
    const scrape = await http(metrics.replace('/metrics', ''), 'GET', '/metrics');
    assert.equal(scrape.status, 200);
    assert.match(scrape.text, /^process_cpu_user_seconds_total \d/m);
    assert.match(scrape.text, /^nodejs_eventloop_lag_p99_seconds /m);
    assert.match(scrape.text, /^nodejs_heap_size_used_bytes /m);
  });

  it('serves the OpenAPI document and an interactive page without any CDN', async () => {
    const json = await http(base, 'GET', '/openapi.json');
    assert.equal(json.status, 200);
    for (const p of ['/v1/chat-messages', '/v1/datasets', '/console/api/apps', '/api/chat-messages', '/livez']) assert.ok(json.body.paths[p], `documents ${p}`);
    const yaml = await http(base, 'GET', '/openapi.yaml');
    assert.match(yaml.headers.get('content-type')!, /yaml/);
    assert.match(yaml.text, /^openapi: 3\./);
    const page = await http(base, 'GET', '/docs');
    assert.match(page.headers.get('content-type')!, /text\/html/);
    assert.doesNotMatch(page.text, /https?:\/\//, 'the page loads nothing from another host');
    const init = await http(base, 'GET', '/docs/init.js');
    assert.match(init.text, /url: '\/openapi\.json'/);
    assert.doesNotMatch(init.text, /https?:\/\//);
    const bundle = await fetch(`${base}/docs/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type')!, /javascript/);
    assert.ok((await bundle.arrayBuffer()).byteLength > 100_000);
    assert.equal((await http(base, 'GET', '/docs/package.json')).status, 404, 'only the viewer files are served');
  });

  let admin: { token: string; key: string };
  let kc: KnowledgeClient;
  let ds: { id: string };
  it('shows the queue dashboard to console sessions only', async () => {
    assert.equal((await http(base, 'GET', '/console/queues')).status, 401);
    assert.equal((await http(base, 'GET', '/console/queues/api/queues', { token: 'not-a-token' })).status, 401);
    admin = await createAdminAndApp(base, CONFIG);
    secrets.push(admin.token, admin.key);
    const page = await http(base, 'GET', '/console/queues', { headers: { cookie: `session=${admin.token}` } });
    assert.equal(page.status, 200);
    assert.match(page.text, /<html/i);
    assert.doesNotMatch(page.text, /https?:\/\//, 'the dashboard loads nothing from another host');
    const queues = await http(base, 'GET', '/console/queues/api/queues', { token: admin.token });
    assert.equal(queues.status, 200, queues.text);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name);
    for (const q of ['ingest-parse', 'ingest-embed', 'ingest-maintenance']) assert.ok(names.includes(q), `lists ${q}: ${names}`);
  });

  it('counts a chat and an ingestion in the metrics, and logs one access line per request', async () => {
    const chat = await http(base, 'POST', '/v1/chat-messages', {
      token: admin.key,
      body: { inputs: {}, query: 'a question that must stay out of the logs', response_mode: 'blocking', user: 'u-1' },
    });
    assert.equal(chat.status, 200, chat.text);
    const dk = await http(base, 'POST', '/console/api/datasets/api-keys', { token: admin.token });
    secrets.push(dk.body.token);
    kc = new KnowledgeClient(base, dk.body.token);
    ds = await kc.newDataset('ops');
    await kc.textDocument(ds.id, {
      name: 'a.txt',
      text: 'Refunds are possible within 30 days.\n\nShipping takes a week.',
      indexing_technique: 'high_quality',
      process_rule: { mode: 'automatic' },
    });
    const r = await kc.api('POST', `/datasets/${ds.id}/retrieve`, {
      query: 'refunds',
      retrieval_model: { search_method: 'hybrid_search', top_k: 2, reranking_enable: false },
    });
    assert.equal(r.status, 200, r.text);

    const text = (await http(metrics.replace('/metrics', ''), 'GET', '/metrics')).text;
    const has = (re: RegExp, what: string) => {
      if (re.test(text)) return;
      const family = /\^\\?(\w+)/.exec(re.source)?.[1] ?? '';
      assert.fail(
        `${what}: no ${re} in\n${text
          .split('\n')
          .filter((l) => l.startsWith(family.replace(/_count$/, '')))
          .join('\n')}`,
      );
    };
    has(/^sluice_http_requests_total\{method="POST",route="\/v1\/chat-messages",status="200"\} 1$/m, 'HTTP by route template and status');
    has(
      /^sluice_http_requests_total\{method="GET",route="\/v1\/datasets\/:dataset_id\/documents\/:batch\/indexing-status",status="200"\} \d+$/m,
      'ids stay out of the route label',
    );
    has(/^sluice_transport_requests_total\{service="chat",pattern="[^"]+",outcome="ok"\} \d+$/m, 'transport requests per pattern');
    has(/^sluice_transport_request_duration_seconds_count\{service="dataset",pattern="[^"]+"\} \d+$/m, 'transport latency');
    has(/^sluice_transport_handled_total\{service="chat",pattern="[^"]+",outcome="ok"\} \d+$/m, 'handled on the service side');
    has(/^sluice_model_calls_total\{provider="openai",model="gpt-4o-mini",operation="chat_stream",outcome="ok"\} 1$/m, 'model calls by provider/model/outcome');
    has(/^sluice_model_call_duration_seconds_count\{provider="openai",model="text-embedding-3-small",operation="embed"\} \d+$/m, 'embedding latency');
    has(/^sluice_model_tokens_total\{provider="openai",model="gpt-4o-mini",type="completion"\} [1-9]\d*$/m, 'tokens');
    has(/^sluice_embedding_cache_lookups_total\{result="miss"\} [1-9]\d*$/m, 'embedding cache');
    has(/^sluice_retrieval_duration_seconds_count\{method="hybrid_search"\} 1$/m, 'retrieval latency by method');
    for (const stage of ['parse', 'clean', 'split', 'embed', 'index'])
      has(new RegExp(`^sluice_ingest_stage_duration_seconds_count\\{stage="${stage}",outcome="ok"\\} 1$`, 'm'), `stage ${stage}`);
    has(/^sluice_queue_jobs\{queue="ingest-parse",state="waiting"\} 0$/m, 'queue depths');
    has(/^sluice_documents\{status="completed"\} 1$/m, 'documents by status');

    const access = proc.logLines().filter((l) => l.context === 'access');
    const chatLine = access.find((l) => l.route === '/v1/chat-messages');
    assert.ok(chatLine, 'the chat request has an access line');
    assert.equal(chatLine.method, 'POST');
    assert.equal(chatLine.status, 200);
    assert.equal(chatLine.caller, 'app_key');
    assert.equal(chatLine.request_id, chat.headers.get('x-request-id'));
    assert.equal(typeof chatLine.duration_ms, 'number');
    assert.ok(access.some((l) => l.caller === 'dataset_key' && l.route === '/v1/datasets'));
    assert.ok(access.some((l) => l.caller === 'account' && l.route === '/console/api/apps'));
    assert.equal(access.filter((l) => l.route === '/v1/chat-messages').length, 1, 'one line per request');
    assert.ok(!proc.output.includes('must stay out of the logs'), 'no request bodies in the logs');
  });

  it('`npm run reindex -- <dataset_id>` rebuilds a dataset through the running ingest worker', async () => {
    const r = await runToEnd(REINDEX, env, [ds.id]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`Dataset ${ds.id}: [1-9]\\d* segments reindexed`));
    const bad = await runToEnd(REINDEX, env, ['not-a-dataset']);
    assert.equal(bad.code, 2);
    assert.match(bad.out, /Usage: npm run reindex -- <dataset_id>/);
  });

  it('traces one chat and one upload across two processes: gateway here → chat, dataset and ingest stages there → model', async () => {
    const gw = await startPlatform(loadConfig({ ...env, SERVICES: 'gateway', PORT: '0', HEALTH_PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'silent' }));
    try {
      spans.reset();
      const chat = await http(gw.url!, 'POST', '/v1/chat-messages', {
        token: admin.key,
        body: { inputs: {}, query: 'trace me', response_mode: 'blocking', user: 'u-3' },
      });
      assert.equal(chat.status, 200, chat.text);
      const local = spans.getFinishedSpans();
      const entry = local.find((sp) => sp.kind === SpanKind.SERVER && sp.name === 'POST /v1/chat-messages');
      assert.ok(entry, `the gateway's HTTP span: ${local.map((sp) => sp.name)}`);
      const traceId = entry.spanContext().traceId;
      const call = local.find((sp) => sp.kind === SpanKind.CLIENT && sp.name.startsWith('chat ') && sp.spanContext().traceId === traceId);
      assert.ok(call, 'the transport call to chat is in the trace');
      // The other process: its handling span continues the call; the model call and its SQL are inside.
      const handled = await until(
        () => otlp.spans().find((sp) => sp.traceId === traceId && sp.kind === 2 && sp.name.startsWith('chat ')),
        10_000,
        'the chat process exported no span of this trace',
      );
      assert.equal(handled.parentSpanId, call.spanContext().spanId, 'parented by the gateway call');
      const remote = () => otlp.spans().filter((sp) => sp.traceId === traceId);
      await until(() => remote().find((sp) => sp.name === 'chat_stream gpt-4o-mini'), 5000, 'no model call span');
      assert.ok(
        remote().some((sp) => (sp.attributes ?? []).some((a) => a.key === 'db.system' || a.key === 'db.system.name')),
        'PostgreSQL is instrumented',
      );
      // The model server runs in this process: the provider call arrived with the same trace.
      assert.ok(
        spans.getFinishedSpans().some((sp) => sp.kind === SpanKind.SERVER && sp.spanContext().traceId === traceId && sp.name.startsWith('POST')),
        'the outgoing model request carried the trace',
      );

      spans.reset();
      const doc = await http(gw.url!, 'POST', `/v1/datasets/${ds.id}/document/create-by-text`, {
        token: kc.key,
        body: { name: 'b.txt', text: 'Returns need the receipt.', indexing_technique: 'high_quality', process_rule: { mode: 'automatic' } },
      });
      assert.equal(doc.status, 200, doc.text);
      await kc.waitForBatch(ds.id, doc.body.batch);
      const upload = spans.getFinishedSpans().find((sp) => sp.kind === SpanKind.SERVER && sp.name.includes('create-by-text'));
      assert.ok(upload);
      const uploadTrace = upload.spanContext().traceId;
      for (const stage of ['parse', 'clean', 'split', 'embed', 'index']) {
        await until(
          () => otlp.spans().find((sp) => sp.traceId === uploadTrace && sp.name === `ingest ${stage}`),
          10_000,
          `no ingest ${stage} span in the upload's trace`,
        );
      }
    } finally {
      await gw.stop();
    }
  });

  it('on SIGTERM finishes the SSE stream in flight, refuses new connections, and exits 0', async () => {
    model.setReply('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen');
    model.setLatency({ perTokenMs: 120 });
    const res = await fetch(`${base}/v1/chat-messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: {}, query: 'stream me', response_mode: 'streaming', user: 'u-2' }),
    });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    let raw = '';
    const dec = new TextDecoder();
    while (!raw.includes('"event":"message"')) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'stream ended before its first token');
      raw += dec.decode(value);
    }
    const t0 = Date.now();
    proc.kill('SIGTERM');
    await proc.waitFor(/SIGTERM received/, 5000);
    const notReady = await http(health, 'GET', '/readyz');
    assert.equal(notReady.status, 503, 'unready while draining');
    assert.match(notReady.body.message, /shutting down/);
    await assert.rejects(fetch(`${base}/v1/parameters`, { headers: { authorization: `Bearer ${admin.key}` } }), 'no new connection is accepted');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      raw += dec.decode(value);
    }
    const events = parseSse(raw).filter((e) => e.event !== 'ping');
    assert.equal(events.at(-1).event, 'message_end', `the stream ran to its end: ${raw.slice(-300)}`);
    assert.ok(events.filter((e) => e.event === 'message').length > 5);
    assert.equal(await proc.exited, 0, proc.output.slice(-2000));
    assert.ok(Date.now() - t0 < 25_000);
  });

  it('never writes a secret to its logs', () => {
    assert.ok(proc.output.length > 10_000, 'debug logs were captured');
    for (const s of secrets) assert.ok(!proc.output.includes(s), `a secret (${s.slice(0, 6)}…) appears in the logs`);
  });
});
