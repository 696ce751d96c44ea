import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { before, it } from 'node:test';
import { http, parseSse } from '../../support/http-client';
import { TestPlatform } from '../../support/test-platform';
import { ConsoleFixture } from './console-fixture';

/** Console pages of workflow apps and settings (issue 11): run history node by node, versions, palette defaults, model providers. */
export function workflowAndSettingsPages(shared: () => ConsoleFixture) {
  let t: TestPlatform;
  let token: string;
  let appId: string;
  before(() => {
    ({ t, token, appId } = shared());
  });
  const c = (method: string, path: string, body?: unknown) => http(t.base, method, `/console/api${path}`, { token, body });
  /** A console SSE call, read to the end. */
  const stream = async (path: string, body: unknown) => {
    const res = await fetch(`${t.base}/console/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const raw = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', events: res.status === 200 ? parseSse(raw) : [], raw };
  };

  it('keeps workflow run history node by node, app logs, published versions, palette defaults, and names the node a bad draft breaks', async () => {
    const flow = (await c('POST', '/apps', { name: 'Counter', mode: 'workflow' })).body;
    const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
    const graph = {
      nodes: [
        node('start', 'start', { variables: [{ variable: 'text', label: 'text', type: 'text-input', required: true }] }),
        node('count', 'code', {
          code_language: 'javascript',
          variables: [{ variable: 'text', value_selector: ['start', 'text'] }],
          code: 'function main({ text }) { if (text === "boom") throw new Error("no booms"); return { n: text.length }; }',
          outputs: { n: { type: 'number' } },
        }),
        node('end', 'end', { outputs: [{ variable: 'n', value_selector: ['count', 'n'] }] }),
      ],
      edges: [
        { id: 'a', source: 'start', target: 'count' },
        { id: 'b', source: 'count', target: 'end' },
      ],
    };
    const broken = await c('POST', `/apps/${flow.id}/workflows/draft`, {
      graph: { ...graph, nodes: [...graph.nodes, node('lost', 'end', { outputs: [{ variable: 'x', value_selector: ['nowhere', 'x'] }] })] },
    });
    assert.deepEqual([broken.status, broken.body.code, broken.body.params], [400, 'invalid_param', 'graph.nodes.lost']);
    assert.match(broken.body.message, /lost/);
    assert.equal((await c('POST', `/apps/${flow.id}/workflows/draft`, { graph })).status, 200);

    const ok = await stream(`/apps/${flow.id}/workflows/draft/run`, { inputs: { text: 'hello' } });
    assert.equal(ok.events.at(-1).data.status, 'succeeded', ok.raw);
    const failed = await stream(`/apps/${flow.id}/workflows/draft/run`, { inputs: { text: 'boom' } });
    assert.equal(failed.events.at(-1).data.status, 'failed');
    assert.equal((await c('POST', `/apps/${flow.id}/workflows/publish`)).status, 200);
    const flowKey = (await c('POST', `/apps/${flow.id}/api-keys`)).body.token;
    const api = await http(t.base, 'POST', '/v1/workflows/run', {
      token: flowKey,
      body: { inputs: { text: 'abc' }, response_mode: 'blocking', user: 'robot-1' },
    });
    assert.equal(api.body.data.status, 'succeeded', api.text);

    const all = await c('GET', `/apps/${flow.id}/workflow-runs?limit=2`);
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.data.map((r: any) => [r.status, r.triggered_from, r.created_by_role]),
      [
        ['succeeded', 'app-run', 'end_user'],
        ['failed', 'debugging', 'account'],
      ],
    );
    assert.equal(all.body.has_more, true);
    assert.equal(all.body.data[0].created_by_end_user.session_id, 'robot-1');
    assert.equal(all.body.data[1].created_by_account.name, 'Admin');
    const rest = await c('GET', `/apps/${flow.id}/workflow-runs?limit=2&last_id=${all.body.data[1].id}`);
    assert.deepEqual([rest.body.has_more, rest.body.data.map((r: any) => r.id)], [false, [ok.events[0].workflow_run_id]]);
    const debugOnly = await c('GET', `/apps/${flow.id}/workflow-runs?triggered_from=debugging`);
    assert.equal(debugOnly.body.data.length, 2);

    const run = await c('GET', `/apps/${flow.id}/workflow-runs/${ok.events[0].workflow_run_id}`);
    assert.deepEqual(
      [run.status, run.body.status, run.body.inputs, run.body.outputs, run.body.total_steps],
      [200, 'succeeded', { text: 'hello' }, { n: 5 }, 3],
    );
    assert.deepEqual(
      run.body.graph.nodes.map((n: any) => n.id),
      ['start', 'count', 'end'],
    );
    const nodes = await c('GET', `/apps/${flow.id}/workflow-runs/${ok.events[0].workflow_run_id}/node-executions`);
    assert.deepEqual(
      nodes.body.data.map((n: any) => [n.node_id, n.node_type, n.status]),
      [
        ['start', 'start', 'succeeded'],
        ['count', 'code', 'succeeded'],
        ['end', 'end', 'succeeded'],
      ],
    );
    const count = nodes.body.data[1];
    assert.deepEqual([count.inputs, count.outputs], [{ text: 'hello' }, { n: 5 }]);
    assert.ok(count.elapsed_time >= 0 && count.created_at <= count.finished_at);
    const failedNodes = await c('GET', `/apps/${flow.id}/workflow-runs/${failed.events[0].workflow_run_id}/node-executions`);
    const boom = failedNodes.body.data.find((n: any) => n.node_id === 'count');
    assert.equal(boom.status, 'failed');
    assert.match(boom.error, /no booms/);
    assert.equal((await c('GET', `/apps/${flow.id}/workflow-runs/00000000-0000-0000-0000-000000000000`)).status, 404);
    assert.equal((await c('GET', `/apps/${appId}/workflow-runs`)).body.code, 'not_workflow_app');

    const appLogs = await c('GET', `/apps/${flow.id}/workflow-app-logs?page=1&limit=10`);
    assert.deepEqual(
      [appLogs.body.total, appLogs.body.data[0].workflow_run.status, appLogs.body.data[0].created_by_end_user.session_id],
      [1, 'succeeded', 'robot-1'],
    );
    assert.equal((await c('GET', `/apps/${flow.id}/workflow-app-logs?keyword=nothing-like-this`)).body.total, 0);

    const versions = await c('GET', `/apps/${flow.id}/workflows?page=1&limit=10`);
    assert.deepEqual(
      versions.body.items.map((w: any) => [w.version === 'draft', w.is_current]),
      [
        [true, false],
        [false, true],
      ],
    );
    assert.deepEqual([versions.body.total, versions.body.has_more], [2, false]);

    const palette = await c('GET', `/apps/${flow.id}/workflows/default-workflow-block-configs`);
    const types = palette.body.map((b: any) => b.type);
    for (const ty of ['llm', 'code', 'if-else', 'http-request', 'knowledge-retrieval', 'iteration', 'end']) assert.ok(types.includes(ty), ty);
    assert.ok(!types.includes('start'));
    assert.equal(palette.body.find((b: any) => b.type === 'code').config.code_language, 'javascript', 'no python sandbox is configured here');
    const one = await c('GET', `/apps/${flow.id}/workflows/default-workflow-block-configs/llm`);
    assert.equal(one.body.config.prompt_templates.chat_model.prompts[0].role, 'system');
    assert.equal((await c('GET', `/apps/${flow.id}/workflows/default-workflow-block-configs/teleport`)).status, 404);
  });

  it('settings: lists the model provider, tests a connection against the provider itself, keeps the key hidden, forgets credentials', async () => {
    const providers = await c('GET', '/workspaces/current/model-providers');
    assert.equal(providers.status, 200, providers.text);
    const [p] = providers.body.data;
    assert.deepEqual([p.provider, p.custom_configuration.status, p.system_configuration.enabled], ['openai', 'no-configure', true]);
    assert.ok(p.provider_credential_schema.credential_form_schemas.some((f: any) => f.variable === 'openai_api_base'));
    assert.deepEqual((await c('GET', '/workspaces/current/model-providers/openai/credentials')).body, { credentials: null, source: 'deployment' });

    // A provider that refuses the key, and one that is not there at all.
    const refusing = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided: sk-wrong', type: 'invalid_request_error' } }));
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    const refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/v1`;
    try {
      const validate = (credentials: unknown) => c('POST', '/workspaces/current/model-providers/openai/credentials/validate', { credentials });
      assert.deepEqual((await validate({ openai_api_key: 'sk-test', openai_api_base: t.model.url })).body, { result: 'success' });
      assert.ok(
        t.model.requests.some((r) => r.method === 'GET' && r.path === '/models'),
        'the provider was called',
      );
      const denied = await validate({ openai_api_key: 'sk-wrong', openai_api_base: refusingUrl });
      assert.equal(denied.status, 200);
      assert.equal(denied.body.result, 'error');
      assert.match(denied.body.error, /Incorrect API key/);
      const startedAt = Date.now();
      const down = await validate({ openai_api_key: 'sk-x', openai_api_base: 'http://127.0.0.1:9/v1' });
      assert.deepEqual([down.status, down.body.result], [200, 'error']);
      assert.ok(Date.now() - startedAt < 15_000);
      assert.equal((await validate({})).status, 400);
      assert.equal((await validate({ openai_api_base: 'not a url' })).status, 400);
      assert.equal(
        (await c('POST', '/workspaces/current/model-providers/anthropic/credentials/validate', { credentials: { openai_api_key: 'x' } })).status,
        404,
      );
    } finally {
      refusing.close();
    }

    const saved = await c('POST', '/workspaces/current/model-providers/openai/credentials', {
      credentials: { openai_api_key: 'sk-workspace', openai_api_base: t.model.url },
    });
    assert.equal(saved.status, 200, saved.text);
    const shown = await c('GET', '/workspaces/current/model-providers/openai/credentials');
    assert.deepEqual(shown.body, {
      credentials: { openai_api_key: '[__HIDDEN__]', openai_api_base: t.model.url, openai_organization: '' },
      source: 'workspace',
    });
    assert.equal((await c('GET', '/workspaces/current/model-providers')).body.data[0].custom_configuration.status, 'active');
    // The hidden key sent back means "keep the stored one", for saving and for testing.
    const hidden = { openai_api_key: '[__HIDDEN__]', openai_api_base: t.model.url };
    assert.equal((await c('POST', '/workspaces/current/model-providers/openai/credentials', { credentials: hidden })).status, 200);
    t.model.clearRequests();
    assert.equal((await c('POST', '/workspaces/current/model-providers/openai/credentials/validate', { credentials: hidden })).body.result, 'success');
    const used = t.model.requests.find((r) => r.path === '/models')!;
    assert.equal(used.headers.authorization, 'Bearer sk-workspace', 'the stored key survived a save with the placeholder and was the one tested');
    assert.equal((await c('DELETE', '/workspaces/current/model-providers/openai/credentials')).status, 204);
    assert.equal((await c('GET', '/workspaces/current/model-providers/openai/credentials')).body.source, 'deployment');

    const llm = await c('GET', '/workspaces/current/default-model?model_type=llm');
    assert.deepEqual([llm.body.data.model, llm.body.data.provider.provider], ['gpt-4o-mini', 'openai']);
    assert.equal((await c('GET', '/workspaces/current/default-model?model_type=telepathy')).status, 400);
    assert.equal((await c('GET', '/workspaces/current/models/model-types/llm')).body.data[0].provider, 'openai');
  });

  it("serves Dify's edition flags and upload limits", async () => {
    const sys = await http(t.base, 'GET', '/console/api/system-features');
    assert.deepEqual([sys.status, sys.body.enable_email_password_login, sys.body.is_allow_register, sys.body.enable_marketplace], [200, true, false, false]);
    assert.equal((await http(t.base, 'GET', '/console/api/features')).status, 401);
    const features = await c('GET', '/features');
    assert.deepEqual([features.body.billing.enabled, features.body.can_replace_logo], [false, false]);
    const upload = await c('GET', '/files/upload');
    assert.deepEqual([upload.body.file_size_limit, upload.body.batch_count_limit], [15, 5]);
  });
}
