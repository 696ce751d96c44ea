import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '@sluice/config';
import { OpenAiTestServer } from '@sluice/testing';
import { IngestHarness } from '../../libs/knowledge/src/testing/ingest-harness';
import { PG_ADMIN_URL, REDIS_URL, TestPlatform, deleteRedisPrefix, dropDatabase, startTestPlatform } from '../support/test-platform';

const launcher = resolve(__dirname, '..', '..', 'apps', 'launcher', 'src', 'main.js');
const bigText = (tag: string, n = 6000) =>
  Array.from({ length: n }, (_, i) => `${tag} paragraph ${i}: customers ask about refunds, invoices and delivery times; the answer differs for ${i}.`).join(
    '\n\n',
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An ingest worker in its own process, as in a Kubernetes pod, resolved once it is consuming. */
function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--no-node-snapshot', launcher], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Sluice started/.test(out)) res(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => rej(new Error(`worker exited (${code}): ${out}`)));
    setTimeout(() => rej(new Error(`worker did not start: ${out}`)), 30_000).unref();
  });
}

describe('a worker killed with SIGKILL mid-document', () => {
  const id = randomBytes(5).toString('hex');
  const db = `sluice_test_${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-kill-'));
  const model = new OpenAiTestServer();
  let env: Record<string, string>;
  let h: IngestHarness;
  const children: ChildProcess[] = [];

  before(async () => {
    const { url } = await model.start();
    const dbUrl = new URL(PG_ADMIN_URL);
    dbUrl.pathname = `/${db}`;
    env = {
      SERVICES: 'ingest-worker',
      HEALTH_PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL,
      REDIS_PREFIX: `sluicetest-${id}`,
      DATA_DIR: dataDir,
      OPENAI_BASE_URL: url,
      OPENAI_API_KEY: 'sk-test',
      LOG_LEVEL: 'warn',
    };
    children.push(await startWorker(env));
    h = await IngestHarness.create(loadConfig(env));
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
    await model.stop();
    await dropDatabase(db);
    await deleteRedisPrefix(env.REDIS_PREFIX);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('another worker finishes the document, with one vector per segment', { timeout: 120_000 }, async () => {
    model.setLatency({ embeddingMs: 300 });
    const dataset = await h.createDataset();
    const doc = await h.createDocument(dataset, 'kill.txt', bigText('kill'));
    await h.enqueue(dataset, doc);
    await h.waitFor(doc, (r) => !!r && r.completed_segments > 0);
    children[0].kill('SIGKILL');
    await new Promise((r) => children[0].once('exit', r));
    const stuck = (await h.status(doc))!;
    assert.notEqual(stuck.indexing_status, 'completed');

    model.setLatency({});
    children.push(await startWorker(env));
    const r = (await h.waitForStatus(doc, ['completed', 'error'], 90_000))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
    const segments = await h.segmentCount(doc);
    assert.equal(r.completed_segments, segments);
    assert.equal(await h.vectorCount(dataset, doc), segments);
  });
});

describe('the watchdog', () => {
  let p: TestPlatform;
  let h: IngestHarness;
  let dataset: string;

  before(async () => {
    p = await startTestPlatform({ SERVICES: 'ingest-worker', HEALTH_PORT: '0', INGEST_STAGE_TIMEOUT_SECONDS: '2', INGEST_WATCHDOG_INTERVAL_SECONDS: '1' });
    h = await IngestHarness.create(p.config);
    dataset = await h.createDataset();
  });
  after(async () => {
    p?.model.setLatency({});
    await h?.close();
    await p?.stop();
  });

  it('re-enqueues a waiting document whose job was lost, which then completes', { timeout: 60_000 }, async () => {
    const doc = await h.createDocument(dataset, 'lost.txt', bigText('lost', 5));
    // Never enqueued (as if Redis lost the job): only the watchdog can rescue it.
    await h.ds.query(`UPDATE documents SET stage_deadline_at = now() - interval '1 second' WHERE id = $1`, [doc]);
    const r = (await h.waitForStatus(doc, ['completed', 'error'], 30_000))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
  });

  it('fails a document stuck past its stage deadline with a readable error', { timeout: 60_000 }, async () => {
    p.model.setLatency({ embeddingMs: 15_000 });
    const doc = await h.createDocument(dataset, 'stuck.txt', bigText('stuck', 20));
    await h.enqueue(dataset, doc);
    const r = (await h.waitForStatus(doc, ['completed', 'error'], 40_000))!;
    assert.equal(r.indexing_status, 'error');
    assert.match(r.error!, /stuck in "indexing" for more than 2 seconds/);
    assert.ok(r.stopped_at);
    p.model.setLatency({});
    await sleep(200);
  });
});
