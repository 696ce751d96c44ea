/**
 * Behaviour behind routes the conformance test only checks by shape: re-attaching to a workflow run's
 * events (live and finished, and after the kept events expired), document downloads (signed URL, ZIP),
 * stored process rules, and who a dataset key acts as.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createAdminAndApp, http, parseSse } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { REDIS_URL, TestPlatform, startTestPlatform } from '../support/test-platform';

const MODEL = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });

/** Reads an SSE response to its end, noting when the first event arrived and handing it over at once. */
async function readEvents(res: Response, onFirst?: (e: any) => void): Promise<{ events: any[]; firstAt: number; lastAt: number }> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let raw = '';
  let firstAt = 0;
  let lastAt = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    lastAt = Date.now();
    raw += dec.decode(value, { stream: true });
    if (!firstAt && raw.includes('\n\n')) {
      firstAt = Date.now();
      onFirst?.(parseSse(raw.slice(0, raw.indexOf('\n\n') + 2))[0]);
    }
  }
  return { events: parseSse(raw).filter((e) => e.event !== 'ping'), firstAt, lastAt };
}

describe('re-attaching to workflow runs, document downloads, process rules, the acting account', () => {
  let t: TestPlatform;
  let token: string;
  let workflowKey: string;
  let c: KnowledgeClient;
  let ownerId: string;

  before(async () => {
    t = await startTestPlatform();
    const fx = await createAdminAndApp(t.base, undefined, 'workflow');
    ({ token } = fx);
    workflowKey = fx.key;
    const graph = {
      nodes: [
        node('start', 'start', { variables: [{ variable: 'query', label: 'Query', type: 'paragraph', required: true }] }),
        node('llm', 'llm', { model: MODEL, prompt_template: [{ role: 'user', text: '{{#start.query#}}' }] }),
        node('end', 'end', { outputs: [{ variable: 'result', value_selector: ['llm', 'text'] }] }),
      ],
      edges: [edge('start', 'llm'), edge('llm', 'end')],
    };
    await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/draft`, { token, body: { graph } });
    await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/publish`, { token });
    const k = await http(t.base, 'POST', '/console/api/datasets/api-keys', { token });
    c = new KnowledgeClient(t.base, k.body.token);
    const db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    ownerId = (await db.query(`SELECT id FROM accounts WHERE email = 'admin@example.com'`)).rows[0].id;
    await db.end();
  });
  after(async () => t?.stop());

  it('re-attaches to a running workflow: what happened so far, then live events to the end', async () => {
    t.model.setLatency({ firstTokenMs: 1500 });
    try {
      const run = await fetch(`${t.base}/v1/workflows/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${workflowKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: { query: 'slowly' }, response_mode: 'streaming', user: 'u1' }),
      });
      let first!: (e: any) => void;
      const firstEvent = new Promise<any>((r) => (first = r));
      const original = readEvents(run, first);
      const runId = (await firstEvent).workflow_run_id as string;
      const attached = await fetch(`${t.base}/v1/workflow/${runId}/events?user=u1`, { headers: { authorization: `Bearer ${workflowKey}` } });
      assert.equal(attached.status, 200);
      assert.match(attached.headers.get('content-type') ?? '', /^text\/event-stream/);
      const [a, o] = await Promise.all([readEvents(attached), original]);
      assert.ok(a.firstAt < o.lastAt, 'the replay starts before the run ends');
      assert.deepEqual(
        a.events.map((e) => e.event),
        o.events.map((e) => e.event),
      );
      assert.deepEqual(a.events.at(-1), o.events.at(-1));
      assert.equal(a.events.at(-1).data.outputs.result, 'Echo: slowly');
    } finally {
      t.model.setLatency({});
    }
  });

  it('replays a finished run and ends; after its events expired, retells it from the database', async () => {
    const run = await http(t.base, 'POST', '/v1/workflows/run', {
      token: workflowKey,
      body: { inputs: { query: 'done' }, response_mode: 'blocking', user: 'u2' },
    });
    const id = run.body.workflow_run_id;
    const replay = parseSse((await http(t.base, 'GET', `/v1/workflow/${id}/events?user=u2`, { token: workflowKey })).text);
    const nodeEvents = [
      'workflow_started',
      'node_started',
      'node_finished',
      'node_started',
      'node_finished',
      'node_started',
      'node_finished',
      'workflow_finished',
    ];
    assert.deepEqual(
      replay.map((e) => e.event).filter((e) => e !== 'text_chunk'),
      nodeEvents,
    );
    assert.ok(
      replay.some((e) => e.event === 'text_chunk'),
      'the replay has the streamed text too',
    );
    const redis = new Redis(REDIS_URL);
    await redis.del(`${t.config.redisPrefix}:workflow-run-events:${id}`);
    redis.disconnect();
    const retold = parseSse((await http(t.base, 'GET', `/v1/workflow/${id}/events?user=u2`, { token: workflowKey })).text);
    // The database keeps runs and node executions, not the streamed text.
    assert.deepEqual(
      retold.map((e) => e.event),
      nodeEvents,
    );
    assert.deepEqual(retold.at(-1).data.outputs, { result: 'Echo: done' });
    assert.deepEqual(
      retold.filter((e) => e.event === 'node_finished').map((e) => e.data.node_id),
      ['start', 'llm', 'end'],
    );
  });

  it('refuses re-attaching without user, to an unknown run, and from a chat app', async () => {
    const noUser = await http(t.base, 'GET', '/v1/workflow/00000000-0000-4000-8000-000000000000/events', { token: workflowKey });
    assert.deepEqual([noUser.status, noUser.body.code], [400, 'invalid_param']);
    const unknown = await http(t.base, 'GET', '/v1/workflow/00000000-0000-4000-8000-000000000000/events?user=u', { token: workflowKey });
    assert.deepEqual([unknown.status, unknown.body.code], [404, 'not_found']);
    const chat = await createAdminAndApp(t.base, { model: MODEL });
    const wrong = await http(t.base, 'GET', '/v1/workflow/00000000-0000-4000-8000-000000000000/events?user=u', { token: chat.key });
    assert.deepEqual([wrong.status, wrong.body.code], [400, 'not_workflow_app']);
  });

  it('downloads a document’s upload through a short-lived signed URL, and several as one ZIP', async () => {
    const ds = await c.newDataset('Downloads');
    const a = await c.upload(
      `/datasets/${ds.id}/document/create-by-file`,
      { name: 'a.txt', bytes: 'first file', type: 'text/plain' },
      { indexing_technique: 'high_quality', process_rule: { mode: 'automatic' } },
    );
    const b = await c.textDocument(ds.id, { name: 'b.txt', text: 'second file', indexing_technique: 'high_quality' });
    const dl = await c.api('GET', `/datasets/${ds.id}/documents/${a.body.document.id}/download`);
    assert.equal(dl.status, 200, dl.text);
    const file = await fetch(dl.body.url);
    assert.equal(file.status, 200);
    assert.equal(await file.text(), 'first file');
    assert.match(file.headers.get('content-disposition') ?? '', /attachment; filename\*=UTF-8''a\.txt/);
    const forged = new URL(dl.body.url);
    forged.searchParams.set('sign', 'forged');
    const refused = await http(t.base, 'GET', forged.pathname + forged.search);
    assert.deepEqual([refused.status, refused.body.code], [403, 'forbidden']);

    const zip = await fetch(`${t.base}/v1/datasets/${ds.id}/documents/download-zip`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ document_ids: [a.body.document.id, b.id] }),
    });
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    assert.deepEqual(Object.fromEntries(Object.entries(entries).map(([n, d]) => [n, strFromU8(d)])), { 'a.txt': 'first file', 'b.txt': 'second file' });
    const missing = await c.api('POST', `/datasets/${ds.id}/documents/download-zip`, { document_ids: ['00000000-0000-4000-8000-000000000000'] });
    assert.deepEqual([missing.status, missing.body.code], [404, 'not_found']);
  });

  it('stores each process rule a document was made with, and serves the latest as the dataset’s', async () => {
    const ds = await c.newDataset('Rules');
    const custom = {
      mode: 'custom',
      rules: { pre_processing_rules: [{ id: 'remove_extra_spaces', enabled: true }], segmentation: { separator: '\n', max_tokens: 300, chunk_overlap: 10 } },
    };
    const doc = await c.textDocument(ds.id, { name: 'r.txt', text: 'line one\nline two', indexing_technique: 'high_quality', process_rule: custom });
    const detail = await c.api('GET', `/datasets/${ds.id}/documents/${doc.id}`);
    const ruleId = detail.body.dataset_process_rule_id;
    assert.match(ruleId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      [detail.body.document_process_rule.id, detail.body.document_process_rule.mode, detail.body.document_process_rule.rules.segmentation.max_tokens],
      [ruleId, 'custom', 300],
    );
    assert.equal(detail.body.dataset_process_rule.mode, 'custom');
    const renamed = await c.api('POST', `/datasets/${ds.id}/documents/${doc.id}/update-by-text`, { name: 'r2.txt' });
    assert.equal(renamed.body.document.dataset_process_rule_id, ruleId, 'a rename keeps the rule');
    const redone = await c.api('POST', `/datasets/${ds.id}/documents/${doc.id}/update-by-text`, { process_rule: { mode: 'automatic' } });
    assert.notEqual(redone.body.document.dataset_process_rule_id, ruleId, 're-processing with a new rule stores a new one');
    const latest = await http(t.base, 'GET', `/console/api/datasets/process-rule?document_id=${doc.id}`, { token });
    assert.equal(latest.status, 200, latest.text);
    assert.equal(latest.body.mode, 'automatic');
    assert.equal(latest.body.limits.indexing_max_segmentation_tokens_length, 4000);
    const fallback = await http(t.base, 'GET', '/console/api/datasets/process-rule', { token });
    assert.deepEqual([fallback.body.mode, fallback.body.rules.segmentation.max_tokens], ['automatic', 500]);
  });

  it('acts as the workspace owner with a dataset key: created_by / updated_by of segments, documents and uploads', async () => {
    const ds = await c.newDataset('Owner');
    assert.equal(ds.created_by, ownerId);
    assert.equal(ds.author_name, 'Admin');
    const doc = await c.textDocument(ds.id, { name: 'o.txt', text: 'owned text', indexing_technique: 'high_quality' });
    const base = `/datasets/${ds.id}/documents/${doc.id}/segments`;
    const [seg] = (await c.api('GET', base)).body.data;
    assert.deepEqual([seg.created_by, seg.updated_by], [ownerId, null]);
    const edited = await c.api('POST', `${base}/${seg.id}`, { segment: { content: 'owned text, edited' } });
    assert.deepEqual([edited.body.data.created_by, edited.body.data.updated_by], [ownerId, ownerId]);
    const made = await c.api('POST', base, { segments: [{ content: 'added by hand' }] });
    assert.equal(made.body.data[0].created_by, ownerId);
    const up = await c.upload('/datasets/pipeline/file-upload', { name: 'p.md', bytes: '# pipeline', type: 'text/markdown' });
    assert.equal(up.status, 201, up.text);
    assert.equal(up.body.created_by, ownerId);
    assert.match(up.body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
    const icon = await fetch(`${t.base}${(await c.api('GET', '/workspaces/current/models/model-types/text-embedding')).body.data[0].icon_small.en_US}`);
    assert.deepEqual([icon.status, icon.headers.get('content-type')?.split(';')[0]], [200, 'image/svg+xml']);
  });
});
