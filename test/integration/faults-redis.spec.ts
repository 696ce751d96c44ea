import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { OpenAiTestServer } from '@sluice/testing';
import { ChatOutcome, LEAKS, chatLoad } from '../support/chat-load';
import { createAdminAndApp, http } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { OwnRedis } from '../support/own-redis';
import { PlatformProcess } from '../support/platform-process';
import { PG_ADMIN_URL, dropDatabase } from '../support/test-platform';

// Fault suite, Redis: the whole platform (`npm start`, one process) against a private Redis with
// AOF, SIGKILLed and flushed under chat load. Everything it prints must stay JSON.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fault suite: Redis killed and flushed under load', () => {
  const id = randomBytes(4).toString('hex');
  const db = `sluice_faults_redis_${id}`;
  const dbUrl = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${db}` }).toString();
  const model = new OpenAiTestServer();
  let redis: OwnRedis;
  let proc: PlatformProcess;
  let base: string;
  let key: string;
  let pg: Client;

  before(async () => {
    redis = await OwnRedis.start({ aof: true });
    const { url } = await model.start();
    model.setLatency({ perTokenMs: 15 });
    model.setReply('Sluice answers this question in a few short words.');
    proc = await PlatformProcess.start({
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'fr',
      OPENAI_BASE_URL: url,
      OPENAI_API_KEY: 'sk-test',
      INGEST_WATCHDOG_INTERVAL_SECONDS: '2',
    });
    base = proc.url!;
    const app = await createAdminAndApp(base, {
      model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
      pre_prompt: 'Be brief.',
    });
    key = app.key;
    pg = new Client({ connectionString: dbUrl });
    await pg.connect();
  });

  after(async () => {
    await pg?.end();
    await proc?.stop();
    await model.stop();
    await redis?.stop();
    await dropDatabase(db);
  });

  /** What every outcome of a fault must satisfy: an answer, or Dify's 503 telling the caller to retry — nothing else, and quickly. */
  function assertOutcomes(outcomes: ChatOutcome[], maxWaitMs: number) {
    for (const o of outcomes) {
      assert.doesNotMatch(o.body, LEAKS, `a body leaked internals: ${o.body.slice(0, 300)}`);
      if (o.answer !== undefined) continue;
      assert.equal(o.errorCode, 'service_unavailable', `${o.mode} ${o.status}: ${o.body.slice(0, 300)}`);
      if (o.mode === 'blocking') assert.equal(o.status, 503);
    }
    const longest = Math.max(...outcomes.map((o) => o.end - o.start));
    assert.ok(longest < maxWaitMs, `a request waited ${longest} ms`);
  }

  /** Every answer given was stored as given; every stored answer was given, unless its caller was told to retry. */
  async function assertNothingLostOrDuplicated(outcomes: ChatOutcome[], since: Date) {
    const rows: { id: string; answer: string; status: string }[] = (await pg.query(`SELECT id, answer, status FROM messages WHERE created_at >= $1`, [since]))
      .rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const answered = outcomes.filter((o) => o.answer !== undefined);
    for (const o of answered) {
      const row = byId.get(o.messageId!);
      assert.ok(row, `answered message ${o.messageId} is stored`);
      assert.equal(row.status, 'normal');
      assert.equal(row.answer, o.answer);
    }
    const given = new Set(answered.map((o) => o.messageId));
    const storedNotGiven = rows.filter((r) => r.status === 'normal' && !given.has(r.id)).length;
    const toldToRetry = outcomes.filter((o) => o.errorCode === 'service_unavailable').length;
    assert.ok(storedNotGiven <= toldToRetry, `${storedNotGiven} answers stored but never returned, only ${toldToRetry} callers told to retry`);
  }

  it('Redis SIGKILLed (AOF on) mid-request: callers get 503 at once, no request waits more than a few seconds, service resumes after the restart', async () => {
    const since = new Date(Date.now() - 1000);
    const load = chatLoad(base, key, 6);
    await sleep(1500);
    const killedAt = Date.now();
    await redis.kill();
    await sleep(1000);
    const health = await http(base, 'GET', '/health');
    assert.equal(health.status, 503);
    assert.equal(health.body.checks.redis.status, 'down');
    assert.equal(health.body.checks.transport.status, 'down');
    assert.doesNotMatch(health.text, LEAKS);
    await sleep(1500);
    const restartedAt = Date.now();
    await redis.restart();
    await sleep(4000);
    await load.stop();

    if (process.env.FAULTS_DEBUG)
      for (const o of load.outcomes.filter((x) => x.start >= restartedAt - 500).sort((a, b) => a.start - b.start))
        console.log(o.start - restartedAt, o.end - restartedAt, o.mode, o.status, o.errorCode, o.body.slice(0, 160));
    const after = load.outcomes.filter((o) => o.answer !== undefined && o.start >= restartedAt).sort((a, b) => a.end - b.end)[0];
    assert.ok(after, 'chats succeed again after the restart');
    const told = load.outcomes.filter((o) => o.errorCode && o.start < killedAt).map((o) => o.end - killedAt);
    console.log(
      `  Redis SIGKILL: ${load.outcomes.length} turns, ${load.outcomes.filter((o) => o.errorCode).length} told to retry ` +
        `(in-flight ones within ${Math.max(0, ...told)} ms); first answer ${after.end - restartedAt} ms after Redis was back`,
    );
    assert.ok(after.end - restartedAt < 5000, `recovered ${after.end - restartedAt} ms after the restart`);
    assertOutcomes(load.outcomes, 6000);
    await assertNothingLostOrDuplicated(load.outcomes, since);
    assert.equal((await http(base, 'GET', '/health')).status, 200);
    assert.deepEqual(proc.nonJsonLines(killedAt), [], 'every line printed during the outage is JSON');
  });

  it('Redis back empty (flushed) under load: service resumes within seconds, the watchdog schedule and lost ingestion jobs come back', async () => {
    const k = await http(base, 'POST', '/console/api/login', { body: { email: 'admin@example.com', password: 'correct-horse-battery' } });
    const ds = await http(base, 'POST', '/console/api/datasets/api-keys', { token: k.body.data.access_token });
    const kb = new KnowledgeClient(base, ds.body.token);
    const dataset = await kb.newDataset(`flush-${id}`);
    model.setLatency({ perTokenMs: 15, embeddingMs: 400 });
    const docs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const text = Array.from({ length: 300 }, (_, j) => `Document ${i} line ${j}: refunds, invoices and delivery ${j}.`).join('\n\n');
      const r = await kb.api('POST', `/datasets/${dataset.id}/document/create-by-text`, {
        name: `doc-${i}.txt`,
        text,
        indexing_technique: 'high_quality',
        process_rule: { mode: 'automatic' },
      });
      assert.equal(r.status, 200, r.text);
      docs.push(r.body.document.id);
    }
    await sleep(1500); // the documents are being embedded

    const since = new Date(Date.now() - 1000);
    const load = chatLoad(base, key, 6);
    await sleep(1000);
    const flushedAt = Date.now();
    await redis.flushAll();
    await sleep(3000);
    await load.stop();
    model.setLatency({ perTokenMs: 15 });

    const firstOk = load.outcomes.filter((o) => o.answer !== undefined && o.start >= flushedAt).sort((a, b) => a.end - b.end)[0];
    assert.ok(firstOk, 'chats succeed again after the flush');
    console.log(
      `  Redis flush: first answer ${firstOk.end - flushedAt} ms after the flush; ${load.outcomes.filter((o) => o.errorCode).length} of ${load.outcomes.length} told to retry`,
    );
    assert.ok(firstOk.end - flushedAt < 3000);
    assertOutcomes(load.outcomes, 5000);
    await assertNothingLostOrDuplicated(load.outcomes, since);

    const q = new Queue('ingest-maintenance', { connection: { host: '127.0.0.1', port: redis.port }, prefix: 'fr:bull' });
    try {
      let back = 0;
      for (let t = Date.now(); !back; await sleep(100)) {
        if (await q.getJobScheduler('watchdog')) back = Date.now();
        assert.ok(Date.now() - t < 15_000, 'the watchdog schedule is registered again');
      }
      console.log(`  Redis flush: watchdog schedule back ${back - flushedAt} ms after the flush`);
    } finally {
      await q.close();
    }
    // The documents whose jobs were flushed away are found by the watchdog and finish.
    const until = Date.now() + 45_000;
    for (;;) {
      const rows = (await pg.query(`SELECT id, indexing_status, error, total_segments FROM documents WHERE id = ANY($1)`, [docs])).rows;
      if (rows.every((r) => r.indexing_status === 'completed')) {
        console.log(`  Redis flush: the 3 documents in flight completed ${Date.now() - flushedAt} ms after the flush`);
        for (const r of rows) {
          const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM document_segments WHERE document_id = $1`, [r.id])).rows;
          assert.equal(n, r.total_segments);
        }
        break;
      }
      assert.ok(Date.now() < until, `documents did not complete after the flush: ${JSON.stringify(rows)}`);
      await sleep(250);
    }
    assert.equal((await http(base, 'GET', '/health')).status, 200);
    assert.deepEqual(proc.nonJsonLines(flushedAt), [], 'every line printed after the flush is JSON');
  });
});
