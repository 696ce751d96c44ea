import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES, WorkflowVersionsRepository } from '@sluice/database';
import { WorkflowRepository } from '../../apps/workflow/src/workflows/workflow.repository';
import { createAdminAndApp, http, sse } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });
const model = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
// The interpreter's own path: version-manager shims can take seconds to start.
const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
const hasPython = probe.status === 0;
const PYTHON = probe.stdout?.trim() || 'python3';

/** A dify-sandbox stand-in (same route, X-Api-Key and envelope) that runs the code with the local python3. */
async function fakeDifySandbox(apiKey: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url !== '/v1/sandbox/run' || req.headers['x-api-key'] !== apiKey) return reply(401, { code: -401, message: 'unauthorized' });
      const { code, preload } = JSON.parse(raw);
      const py = spawn(PYTHON, ['-'], { timeout: 10_000 });
      let stdout = '';
      let stderr = '';
      py.stdout.on('data', (c) => (stdout += c));
      py.stderr.on('data', (c) => (stderr += c));
      py.on('close', (status) => reply(200, { code: 0, message: 'success', data: { stdout, error: status === 0 ? '' : stderr } }));
      py.stdin.end(`${preload}\n${code}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('workflow limits, the python sandbox and remote files (WORKFLOW_MAX_EXECUTION_SECONDS=1, CODE_EXECUTION_ENDPOINT set, SSRF_ALLOW_PRIVATE)', () => {
  let t: TestPlatform;
  let sandbox: { server: Server; url: string };
  let token: string;

  before(async () => {
    sandbox = await fakeDifySandbox('sandbox-secret');
    t = await startTestPlatform({
      WORKFLOW_MAX_EXECUTION_SECONDS: '1',
      CODE_EXECUTION_ENDPOINT: sandbox.url,
      CODE_EXECUTION_API_KEY: 'sandbox-secret',
      SSRF_ALLOW_PRIVATE: 'true',
    });
    ({ token } = await createAdminAndApp(t.base, undefined, 'workflow'));
  });
  after(async () => {
    await t?.stop();
    sandbox?.server.close();
  });

  async function publish(graph: unknown): Promise<string> {
    const app = await createAdminAndApp(t.base, undefined, 'workflow');
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/draft`, { token, body: { graph } })).status, 200);
    await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/publish`, { token });
    return app.key;
  }

  it('ends a run that outlives the wall-time limit as failed, with no node left running', async () => {
    const key = await publish({
      nodes: [
        node('start', 'start'),
        node('slow', 'llm', { model, prompt_template: [{ role: 'user', text: 'take your time' }] }),
        node('end', 'end', { outputs: [{ variable: 't', value_selector: ['slow', 'text'] }] }),
      ],
      edges: [edge('start', 'slow'), edge('slow', 'end')],
    });
    t.model.setLatency({ firstTokenMs: 4000 });
    try {
      const t0 = Date.now();
      const s = await sse(t.base, '/v1/workflows/run', key, { inputs: {}, response_mode: 'streaming', user: 'u' });
      assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
      assert.equal(s.status, 200);
      const slow = s.events.find((e) => e.event === 'node_finished' && e.data.node_id === 'slow').data;
      assert.deepEqual([slow.status, slow.error], ['failed', 'the run exceeded its time limit of 1 s']);
      const fin = s.events.at(-1);
      assert.deepEqual([fin.event, fin.data.status, fin.data.error], ['workflow_finished', 'failed', 'the run exceeded its time limit of 1 s']);

      const run = await http(t.base, 'GET', `/v1/workflows/run/${fin.workflow_run_id}`, { token: key });
      assert.deepEqual([run.body.status, run.body.error], ['failed', 'the run exceeded its time limit of 1 s']);
      const db = new Client({ connectionString: t.config.databaseUrl });
      await db.connect();
      try {
        const rows = (await db.query('SELECT node_id, status FROM workflow_node_executions WHERE workflow_run_id = $1 ORDER BY index', [fin.workflow_run_id]))
          .rows;
        assert.deepEqual(
          rows.map((r) => [r.node_id, r.status]),
          [
            ['start', 'succeeded'],
            ['slow', 'failed'],
          ],
        );
      } finally {
        await db.end();
      }
    } finally {
      t.model.setLatency({});
    }
  });

  it('fails runs orphaned by a dead process (past the wall-time limit), closing their running nodes', async () => {
    const ds = new DataSource({ type: 'postgres', url: t.config.databaseUrl, entities: ENTITIES });
    await ds.initialize();
    try {
      const [live] = await ds.query(`SELECT tenant_id, app_id, workflow_id FROM workflow_runs LIMIT 1`);
      const insertRun = async (ageSeconds: number) =>
        (
          await ds.query(
            `INSERT INTO workflow_runs (tenant_id, app_id, workflow_id, triggered_from, status, created_at)
           VALUES ($1, $2, $3, 'app-run', 'running', now() - make_interval(secs => $4)) RETURNING id`,
            [live.tenant_id, live.app_id, live.workflow_id, ageSeconds],
          )
        )[0].id as string;
      const orphan = await insertRun(7200);
      const young = await insertRun(0);
      await ds.query(
        `INSERT INTO workflow_node_executions (tenant_id, workflow_run_id, index, node_id, node_type, title, status)
         VALUES ($1, $2, 1, 'slow', 'llm', 'slow', 'running')`,
        [live.tenant_id, orphan],
      );
      assert.equal(await new WorkflowRepository(ds, new WorkflowVersionsRepository(ds)).failOrphans(t.config.workflowMaxExecutionSeconds + 60), 1);
      const runs = await ds.query(`SELECT id, status, error FROM workflow_runs WHERE id = ANY($1::uuid[])`, [[orphan, young]]);
      assert.deepEqual(runs.find((r: any) => r.id === orphan).status, 'failed');
      assert.match(runs.find((r: any) => r.id === orphan).error, /interrupted/);
      assert.equal(runs.find((r: any) => r.id === young).status, 'running', 'a run younger than the limit may still be alive');
      const [nodeRow] = await ds.query(`SELECT status FROM workflow_node_executions WHERE workflow_run_id = $1`, [orphan]);
      assert.equal(nodeRow.status, 'failed');
      await ds.query(`DELETE FROM workflow_runs WHERE id = $1`, [young]);
    } finally {
      await ds.destroy();
    }
  });

  it('runs python3 code nodes on the configured dify-sandbox', { skip: !hasPython && 'python3 is not installed' }, async () => {
    const key = await publish({
      nodes: [
        node('start', 'start', { variables: [{ variable: 'words', label: 'words', type: 'text-input', required: true }] }),
        node('py', 'code', {
          code_language: 'python3',
          variables: [{ variable: 'words', value_selector: ['start', 'words'] }],
          code: 'import collections\n\ndef main(words: str) -> dict:\n    c = collections.Counter(words.split())\n    return {"top": c.most_common(1)[0][0], "distinct": len(c)}\n',
          outputs: { top: { type: 'string' }, distinct: { type: 'number' } },
        }),
        node('end', 'end', {
          outputs: [
            { variable: 'top', value_selector: ['py', 'top'] },
            { variable: 'distinct', value_selector: ['py', 'distinct'] },
          ],
        }),
      ],
      edges: [edge('start', 'py'), edge('py', 'end')],
    });
    const r = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: { words: 'b a b c b a' }, user: 'u' } });
    assert.equal(r.body.data.status, 'succeeded', r.body.data.error);
    assert.deepEqual(r.body.data.outputs, { top: 'b', distinct: 3 });
  });

  it('extracts remote_url files from an address the configuration allows, capped at the upload limit', async () => {
    const files = createServer((req, res) => {
      if (req.url === '/notes.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('Remote notes: the meeting moved to Friday.');
      // Declared too big (Content-Length): refused from the header, before the download; the run here has only 1 s.
      const big = Buffer.alloc(16 * 1024 * 1024, 'x');
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(big.length) }).end(big);
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    try {
      const key = await publish({
        nodes: [
          node('start', 'start', { variables: [{ variable: 'doc', label: 'doc', type: 'file', required: true }] }),
          node('ext', 'document-extractor', { variable_selector: ['start', 'doc'] }),
          node('end', 'end', { outputs: [{ variable: 'text', value_selector: ['ext', 'text'] }] }),
        ],
        edges: [edge('start', 'ext'), edge('ext', 'end')],
      });
      const ok = await http(t.base, 'POST', '/v1/workflows/run', {
        token: key,
        body: { inputs: { doc: { type: 'document', transfer_method: 'remote_url', url: `${base}/notes.txt` } }, user: 'u' },
      });
      assert.equal(ok.body.data.status, 'succeeded', ok.body.data.error);
      assert.equal(ok.body.data.outputs.text, 'Remote notes: the meeting moved to Friday.');
      const big = await http(t.base, 'POST', '/v1/workflows/run', {
        token: key,
        body: { inputs: { doc: { type: 'document', transfer_method: 'remote_url', url: `${base}/big.txt` } }, user: 'u' },
      });
      assert.equal(big.body.data.status, 'failed');
      assert.match(big.body.data.error, /larger than the upload limit of 15 MB/);
    } finally {
      files.closeAllConnections();
      files.close();
    }
  });
});
