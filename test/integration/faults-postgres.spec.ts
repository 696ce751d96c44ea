import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '@sluice/config';
import { OpenAiTestServer } from '@sluice/testing';
import { IngestHarness } from '../../libs/knowledge/src/testing/ingest-harness';
import { ChatOutcome, LEAKS, chatTurn } from '../support/chat-load';
import { createAdminAndApp, http } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { OwnPostgres } from '../support/own-postgres';
import { PlatformProcess } from '../support/platform-process';
import { REDIS_URL, deleteRedisPrefix } from '../support/test-platform';

// Fault suite, PostgreSQL: the whole platform (one process) against a private PostgreSQL that is
// stopped for 30 s while 20 documents are being ingested and chats are being answered.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OUTAGE_MS = 30_000;
const DB_DOWN = { code: 'service_unavailable', message: 'The database is unavailable, try again shortly.', status: 503 };

describe('fault suite: PostgreSQL stopped for 30 s mid-ingestion', () => {
  const prefix = `faultspg-${randomBytes(4).toString('hex')}`;
  const model = new OpenAiTestServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-faults-pg-'));
  let pg: OwnPostgres;
  let proc: PlatformProcess;
  let h: IngestHarness;
  let base: string;

  before(async () => {
    pg = await OwnPostgres.start();
    const { url } = await model.start();
    const env = {
      DATABASE_URL: pg.url('sluice'),
      REDIS_URL,
      REDIS_PREFIX: prefix,
      OPENAI_BASE_URL: url,
      OPENAI_API_KEY: 'sk-test',
      DATA_DIR: dataDir,
      INGEST_WATCHDOG_INTERVAL_SECONDS: '5',
      // Turns cut off by the outage are reaped this long after they started (plus a margin).
      APP_MAX_EXECUTION_TIME: '8',
      WORKFLOW_MAX_EXECUTION_SECONDS: '8',
    };
    proc = await PlatformProcess.start(env);
    base = proc.url!;
    h = await IngestHarness.create(loadConfig(env));
  });

  after(async () => {
    await h?.close().catch(() => undefined);
    await proc?.stop();
    await model.stop();
    await pg?.destroy();
    await deleteRedisPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with a plain message and logs one line while it is down; afterwards all 20 documents complete, each segment indexed once, and the cut-off turns are marked as errors', async () => {
    const app = await createAdminAndApp(base, {
      model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
      pre_prompt: 'Be brief.',
    });
    const login = await http(base, 'POST', '/console/api/login', { body: { email: 'admin@example.com', password: 'correct-horse-battery' } });
    const dsKey = (await http(base, 'POST', '/console/api/datasets/api-keys', { token: login.body.data.access_token })).body.token as string;
    const kb = new KnowledgeClient(base, dsKey);
    const dataset = await kb.newDataset('outage');
    // Slow embeddings keep the documents mid-ingestion when the database goes away.
    model.setLatency({ embeddingMs: 8000, perTokenMs: 150 });
    model.setReply(Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '));
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const text = Array.from({ length: 120 }, (_, j) => `Document ${i}, paragraph ${j}: refunds take ${j} days; invoices are monthly.`).join('\n\n');
        return kb.api('POST', `/datasets/${dataset.id}/document/create-by-text`, {
          name: `doc-${i}.txt`,
          text,
          indexing_technique: 'high_quality',
          process_rule: { mode: 'automatic' },
        });
      }),
    );
    const docs: string[] = created.map((r) => {
      assert.equal(r.status, 200, r.text);
      return r.body.document.id;
    });
    // Turns in flight when the database goes: their answers cannot be saved.
    const cutOff: Promise<ChatOutcome>[] = [
      chatTurn(base, app.key, 'streaming', 'a question cut off by the outage', 'u-cut'),
      chatTurn(base, app.key, 'blocking', 'another one', 'u-cut'),
    ];
    await sleep(1500);
    const conversation = (await h.ds.query(`SELECT conversation_id FROM messages WHERE query = 'a question cut off by the outage'`))[0]?.conversation_id;
    assert.ok(conversation, 'the turn had started');
    const [{ pending }] = await h.ds.query(`SELECT count(*)::int AS pending FROM documents WHERE id = ANY($1) AND indexing_status <> 'completed'`, [docs]);
    assert.ok(pending >= 15, `documents are mid-ingestion (${pending} of 20)`);

    const downAt = Date.now();
    await pg.down();
    // While it is down: every entry point says so plainly, and fast.
    const probes = await Promise.all([
      http(base, 'GET', '/v1/datasets', { token: dsKey }),
      http(base, 'POST', '/v1/chat-messages', { token: app.key, body: { inputs: {}, query: 'hello?', response_mode: 'blocking', user: 'u-down' } }),
      http(base, 'POST', '/console/api/login', { body: { email: 'admin@example.com', password: 'correct-horse-battery' } }),
      http(base, 'GET', '/v1/datasets', { token: 'dataset-notcachedyet0000000000' }),
    ]);
    for (const p of probes) {
      assert.deepEqual(p.body, DB_DOWN, p.text);
      assert.equal(p.headers.get('retry-after'), '5');
    }
    const health = await http(base, 'GET', '/health');
    assert.equal(health.status, 503);
    assert.equal(health.body.checks.postgres.status, 'down');
    for (const o of await Promise.all(cutOff)) {
      assert.doesNotMatch(o.body, LEAKS);
      assert.equal(o.errorCode, 'service_unavailable', o.body);
    }
    // Many more failing requests over the outage…
    for (let i = 0; i < 20; i++) await http(base, 'GET', '/v1/datasets', { token: dsKey });
    await sleep(OUTAGE_MS - (Date.now() - downAt));
    const upAt = Date.now();
    await pg.up();

    // …and one log line for the whole outage, no stack trace, nothing that is not JSON.
    const outageLines = proc.lines.filter((l) => l.at >= downAt && l.at < upAt);
    assert.deepEqual(proc.nonJsonLines(downAt), []);
    const unavailable = outageLines.filter((l) => /PostgreSQL unavailable/.test(l.text));
    assert.equal(unavailable.length, 1, unavailable.map((l) => l.text).join('\n'));
    const errors = outageLines.filter((l) => JSON.parse(l.text).level >= 50);
    assert.deepEqual(
      errors.map((l) => l.text),
      [],
      'no error-level lines (stacks) per failed request',
    );

    // Every document completes within a minute of the database's return.
    model.setLatency({});
    model.setReply(null);
    const until = upAt + 60_000;
    let rows: { id: string; indexing_status: string; error: string | null; total_segments: number; completed_segments: number }[];
    for (;;) {
      rows = await h.ds
        .query(`SELECT id, indexing_status, error, total_segments, completed_segments FROM documents WHERE id = ANY($1)`, [docs])
        .catch(() => []);
      if (rows.length === 20 && rows.every((r) => r.indexing_status === 'completed' || r.indexing_status === 'error')) break;
      assert.ok(Date.now() < until, `not all documents finished within 60 s of the database's return: ${JSON.stringify(rows.map((r) => r.indexing_status))}`);
      await sleep(250);
    }
    console.log(`  PostgreSQL outage: 20 documents completed ${Date.now() - upAt} ms after it was back`);
    for (const r of rows) {
      const story = () =>
        proc.lines
          .filter((l) => l.text.includes(r.id) || /IngestWorkers|Watchdog/.test(l.text))
          .map((l) => l.text)
          .join('\n');
      assert.equal(r.indexing_status, 'completed', `${r.error}\n${story()}`);
      const segments = await h.segmentCount(r.id);
      assert.ok(segments > 0);
      assert.equal(r.total_segments, segments);
      assert.equal(r.completed_segments, segments);
      assert.equal(await h.vectorCount(dataset.id, r.id), segments, 'one vector per segment: none lost, none twice');
    }
    const [{ dupes }] = await h.ds.query(
      `SELECT count(*)::int AS dupes FROM (SELECT document_id, position FROM document_segments WHERE document_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1) d`,
      [docs],
    );
    assert.equal(dupes, 0);

    // The turns the outage cut off do not stay "running" for ever: history shows them as errors.
    let history;
    for (const t = Date.now(); ; await sleep(500)) {
      history = await http(base, 'GET', `/v1/messages?conversation_id=${conversation}&user=u-cut`, { token: app.key });
      if (history.status === 200 && history.body.data[0]?.status === 'error') break;
      assert.ok(Date.now() - t < 30_000, `the cut-off turn was not reaped: ${history.text}`);
    }
    assert.match(history.body.data[0].error, /interrupted/);
    assert.equal(history.body.data[0].answer, '');
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM messages WHERE status = 'running'`);
    assert.equal(n, 0, 'no message left running');
    // And the service works as before.
    const again = await chatTurn(base, app.key, 'blocking', 'back?', 'u-after');
    assert.equal(again.status, 200, again.body);
  });
});
