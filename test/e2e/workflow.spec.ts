import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http, sse } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<any>;
const model = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string, sourceHandle = 'source') => ({ id: `${source}-${target}`, source, target, sourceHandle, targetHandle: 'target' });

const GRAPH = {
  nodes: [
    node('start', 'start', {
      variables: [
        { variable: 'topic', label: 'Topic', type: 'text-input', required: true, max_length: 50 },
        { variable: 'n', label: 'N', type: 'number', required: false },
      ],
    }),
    node('llm', 'llm', {
      model,
      prompt_template: [
        { role: 'system', text: 'Be brief.' },
        { role: 'user', text: 'Tell me about {{#start.topic#}}' },
      ],
    }),
    node('code', 'code', {
      code_language: 'javascript',
      variables: [{ variable: 'text', value_selector: ['llm', 'text'] }],
      code: 'function main({ text }) { return { length: text.length, upper: text.toUpperCase() }; }',
    }),
    node('branch', 'if-else', {
      cases: [{ case_id: 'big', logical_operator: 'and', conditions: [{ variable_selector: ['start', 'n'], comparison_operator: '>', value: '5' }] }],
    }),
    node('bigText', 'template-transform', { variables: [{ variable: 't', value_selector: ['start', 'topic'] }], template: 'big {{ t }}' }),
    node('smallText', 'template-transform', { variables: [{ variable: 't', value_selector: ['start', 'topic'] }], template: 'small {{ t }}' }),
    node('join', 'variable-aggregator', {
      variables: [
        ['bigText', 'output'],
        ['smallText', 'output'],
      ],
    }),
    node('end', 'end', {
      outputs: [
        { variable: 'text', value_selector: ['llm', 'text'] },
        { variable: 'length', value_selector: ['code', 'length'] },
        { variable: 'size', value_selector: ['join', 'output'] },
      ],
    }),
  ],
  edges: [
    edge('start', 'llm'),
    edge('llm', 'code'),
    edge('start', 'branch'),
    edge('branch', 'bigText', 'big'),
    edge('branch', 'smallText', 'false'),
    edge('bigText', 'join'),
    edge('smallText', 'join'),
    edge('code', 'end'),
    edge('join', 'end'),
  ],
};

describe('workflows: draft, publish, run', () => {
  let t: TestPlatform;
  let token: string;
  let appId: string;
  let key: string;

  before(async () => {
    t = await startTestPlatform();
    const fx = await createAdminAndApp(t.base, undefined, 'workflow');
    ({ token, appId, key } = fx);
  });
  after(async () => t?.stop());

  it('refuses graphs that cannot run, naming the node or edge', async () => {
    const save = (graph: unknown) => http(t.base, 'POST', `/console/api/apps/${appId}/workflows/draft`, { token, body: { graph } });
    const cases: [unknown, RegExp][] = [
      [{ nodes: [node('end', 'end')], edges: [] }, /no start node/],
      [{ nodes: [node('start', 'start')], edges: [edge('start', 'ghost')] }, /missing node ghost/],
      [
        {
          nodes: [node('start', 'start'), node('a', 'template-transform'), node('b', 'template-transform')],
          edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'a')],
        },
        /cycle through nodes a -> b -> a|cycle through nodes b -> a -> b/,
      ],
      [{ nodes: [node('start', 'start'), node('x', 'teleport')], edges: [edge('start', 'x')] }, /node x has unknown or unsupported type "teleport"/],
      [
        { nodes: [node('start', 'start'), node('e', 'end', { outputs: [{ variable: 'o', value_selector: ['nope', 'x'] }] })], edges: [edge('start', 'e')] },
        /node e refers to missing node nope/,
      ],
    ];
    for (const [graph, msg] of cases) {
      const r = await save(graph);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.code, 'invalid_param');
      assert.match(r.body.message, msg);
    }
  });

  it('runs only once published, then blocking with Dify fields and persisted runs', async () => {
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${appId}/workflows/draft`, { token, body: { graph: GRAPH } })).status, 200);
    const unpublished = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: { topic: 'tea' }, user: 'u' } });
    assert.equal(unpublished.body.code, 'app_unavailable');
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${appId}/workflows/publish`, { token })).status, 200);
    assert.equal((await http(t.base, 'GET', `/console/api/apps/${appId}/workflows/publish`, { token })).body.graph.nodes.length, GRAPH.nodes.length);

    const r = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: { topic: 'tea', n: 9 }, response_mode: 'blocking', user: 'u' } });
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.task_id, /^[0-9a-f-]{36}$/);
    assert.equal(r.body.workflow_run_id, r.body.data.id);
    const d = r.body.data;
    assert.equal(d.status, 'succeeded');
    assert.deepEqual(d.outputs, { text: 'Echo: Tell me about tea', length: 'Echo: Tell me about tea'.length, size: 'big tea' });
    assert.equal(d.error, null);
    assert.ok(d.total_steps >= 7 && d.total_tokens > 0 && d.elapsed_time > 0);
    for (const f of ['workflow_id', 'created_at', 'finished_at']) assert.ok(f in d, f);

    const got = await http(t.base, 'GET', `/v1/workflows/run/${d.id}`, { token: key });
    assert.equal(got.body.status, 'succeeded');
    assert.deepEqual(JSON.parse(got.body.inputs), { topic: 'tea', n: 9 });
    const logs = await http(t.base, 'GET', '/v1/workflows/logs?status=succeeded&limit=5', { token: key });
    assert.ok(logs.body.total >= 1);
    assert.equal(logs.body.data[0].workflow_run.status, 'succeeded');
  });

  it('streams Dify events and skips the untaken branch', async () => {
    const r = await sse(t.base, '/v1/workflows/run', key, { inputs: { topic: 'tea', n: 2 }, response_mode: 'streaming', user: 'u' });
    assert.equal(r.status, 200);
    const names = r.events.map((e) => e.event);
    assert.equal(names[0], 'workflow_started');
    assert.equal(names.at(-1), 'workflow_finished');
    assert.ok(names.includes('text_chunk'));
    const started = r.events.filter((e) => e.event === 'node_started').map((e) => e.data.node_id);
    assert.ok(started.includes('smallText') && !started.includes('bigText'), `ran ${started.join(',')}`);
    const fin = r.events.at(-1).data;
    assert.equal(fin.outputs.size, 'small tea');
    const llmDone = r.events.find((e) => e.event === 'node_finished' && e.data.node_id === 'llm').data;
    for (const f of ['id', 'node_id', 'node_type', 'title', 'index', 'predecessor_node_id', 'outputs', 'status', 'elapsed_time', 'created_at', 'finished_at'])
      assert.ok(f in llmDone, f);
    for (const e of r.events) assert.equal(e.workflow_run_id, fin.id);
  });

  it('runs a given published version by its id (POST /v1/workflows/{workflow_id}/run)', async () => {
    const { appId: vid, key: vkey } = await createAdminAndApp(t.base, undefined, 'workflow');
    const constant = (text: string) => ({
      nodes: [
        node('start', 'start'),
        node('tt', 'template-transform', { variables: [], template: text }),
        node('end', 'end', { outputs: [{ variable: 'v', value_selector: ['tt', 'output'] }] }),
      ],
      edges: [edge('start', 'tt'), edge('tt', 'end')],
    });
    const publish = async (text: string) => {
      await http(t.base, 'POST', `/console/api/apps/${vid}/workflows/draft`, { token, body: { graph: constant(text) } });
      await http(t.base, 'POST', `/console/api/apps/${vid}/workflows/publish`, { token });
      return (await http(t.base, 'GET', `/console/api/apps/${vid}/workflows/publish`, { token })).body.id as string;
    };
    const first = await publish('first');
    await publish('second');
    const run = (path: string) => http(t.base, 'POST', path, { token: vkey, body: { inputs: {}, user: 'u' } });
    assert.deepEqual((await run('/v1/workflows/run')).body.data.outputs, { v: 'second' });
    const old = await run(`/v1/workflows/${first}/run`);
    assert.equal(old.status, 200, old.text);
    assert.deepEqual([old.body.data.outputs, old.body.data.workflow_id], [{ v: 'first' }, first]);
    const draftId = (await http(t.base, 'GET', `/console/api/apps/${vid}/workflows/draft`, { token })).body.id as string;
    assert.equal((await run(`/v1/workflows/${draftId}/run`)).status, 404, 'a draft is not a published version');
    assert.equal((await run('/v1/workflows/00000000-0000-4000-8000-000000000000/run')).status, 404);
    const noUser = await http(t.base, 'POST', `/v1/workflows/${first}/run`, { token: vkey, body: { inputs: {} } });
    assert.deepEqual([noUser.status, noUser.body.code], [400, 'invalid_param']);
  });

  it('runs independent branches concurrently', async () => {
    const { appId: pid, key: pkey } = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [
        node('start', 'start'),
        node('a', 'llm', { model, prompt_template: [{ role: 'user', text: 'left' }] }),
        node('b', 'llm', { model, prompt_template: [{ role: 'user', text: 'right' }] }),
        node('end', 'end', {
          outputs: [
            { variable: 'a', value_selector: ['a', 'text'] },
            { variable: 'b', value_selector: ['b', 'text'] },
          ],
        }),
      ],
      edges: [edge('start', 'a'), edge('start', 'b'), edge('a', 'end'), edge('b', 'end')],
    };
    await http(t.base, 'POST', `/console/api/apps/${pid}/workflows/draft`, { token, body: { graph } });
    await http(t.base, 'POST', `/console/api/apps/${pid}/workflows/publish`, { token });
    // 1 s per branch: one after the other takes at least 2 s, whatever the machine's load; together well under.
    t.model.setLatency({ firstTokenMs: 1000 });
    try {
      const t0 = Date.now();
      const r = await http(t.base, 'POST', '/v1/workflows/run', { token: pkey, body: { inputs: {}, user: 'u' } });
      const took = Date.now() - t0;
      assert.deepEqual(r.body.data.outputs, { a: 'Echo: left', b: 'Echo: right' });
      assert.ok(took < 1700, `two 1 s branches took ${took} ms together`);
    } finally {
      t.model.setLatency({});
    }
  });

  it('fails a run whose code node throws or tries to escape — HTTP stays 200, never a 500', async () => {
    const { appId: cid, key: ckey } = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [
        node('start', 'start'),
        node('evil', 'code', { code_language: 'javascript', variables: [], code: 'function main() { return { pid: process.pid }; }' }),
        node('end', 'end', { outputs: [] }),
      ],
      edges: [edge('start', 'evil'), edge('evil', 'end')],
    };
    await http(t.base, 'POST', `/console/api/apps/${cid}/workflows/draft`, { token, body: { graph } });
    await http(t.base, 'POST', `/console/api/apps/${cid}/workflows/publish`, { token });
    const s = await sse(t.base, '/v1/workflows/run', ckey, { inputs: {}, response_mode: 'streaming', user: 'u' });
    assert.equal(s.status, 200);
    const failedNode = s.events.find((e) => e.event === 'node_finished' && e.data.node_id === 'evil').data;
    assert.equal(failedNode.status, 'failed');
    assert.match(failedNode.error, /process is not defined/);
    const fin = s.events.at(-1);
    assert.deepEqual([fin.event, fin.data.status], ['workflow_finished', 'failed']);
    const b = await http(t.base, 'POST', '/v1/workflows/run', { token: ckey, body: { inputs: {}, user: 'u' } });
    assert.deepEqual([b.status, b.body.data.status], [200, 'failed']);
  });

  it('refuses an http-request node aimed at the host (SSRF) with a clear node error', async () => {
    const { appId: hid, key: hkey } = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [
        node('start', 'start'),
        node('fetch', 'http-request', { method: 'get', url: `${t.base}/health`, headers: '', params: '', body: { type: 'none' } }),
        node('end', 'end', { outputs: [{ variable: 'b', value_selector: ['fetch', 'body'] }] }),
      ],
      edges: [edge('start', 'fetch'), edge('fetch', 'end')],
    };
    await http(t.base, 'POST', `/console/api/apps/${hid}/workflows/draft`, { token, body: { graph } });
    await http(t.base, 'POST', `/console/api/apps/${hid}/workflows/publish`, { token });
    const r = await http(t.base, 'POST', '/v1/workflows/run', { token: hkey, body: { inputs: {}, user: 'u' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.data.status, 'failed');
    assert.match(r.body.data.error, /Access to 127\.0\.0\.1 is blocked: loopback address/);
  });

  it('rejects bad input: missing required input, a chat app key', async () => {
    const missing = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: {}, user: 'u' } });
    assert.deepEqual([missing.status, missing.body.code, missing.body.params], [400, 'invalid_param', 'inputs.topic']);
    const tooLong = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: { topic: 'x'.repeat(51) }, user: 'u' } });
    assert.equal(tooLong.body.code, 'invalid_param');
    const chat = await createAdminAndApp(t.base);
    const wrong = await http(t.base, 'POST', '/v1/workflows/run', { token: chat.key, body: { inputs: {}, user: 'u' } });
    assert.deepEqual([wrong.status, wrong.body.code], [400, 'not_workflow_app']);
    const noRun = await http(t.base, 'GET', '/v1/workflows/run/00000000-0000-4000-8000-000000000000', { token: key });
    assert.equal(noRun.status, 404);
  });

  it('stops a running workflow: it ends stopped', async () => {
    t.model.setLatency({ firstTokenMs: 0, perTokenMs: 300 });
    try {
      const res = await fetch(`${t.base}/v1/workflows/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: { topic: 'a long topic to stream slowly' }, response_mode: 'streaming', user: 'stopper' }),
      });
      const reader = res.body!.getReader();
      let buf = '';
      let stopped = false;
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += new TextDecoder().decode(value);
        const m = buf.match(/"task_id":"([0-9a-f-]{36})"/);
        if (m && !stopped) {
          stopped = true;
          assert.deepEqual((await http(t.base, 'POST', `/v1/workflows/tasks/${m[1]}/stop`, { token: key, body: { user: 'stopper' } })).body, {
            result: 'success',
          });
        }
      }
      const last = JSON.parse(buf.trim().split('\n\n').at(-1)!.slice(6));
      assert.deepEqual([last.event, last.data.status], ['workflow_finished', 'stopped']);
      const run = await http(t.base, 'GET', `/v1/workflows/run/${last.workflow_run_id}`, { token: key });
      assert.equal(run.body.status, 'stopped', 'the persisted run is not left running');
    } finally {
      t.model.setLatency({});
    }
  });

  it('imports a graph exported from Dify (DSL YAML), runs it, and exports it back', async () => {
    const yaml = [
      'app:',
      '  description: Translate and shout',
      '  icon: 🤖',
      '  icon_background: "#FFEAD5"',
      '  mode: workflow',
      '  name: Shouter',
      '  use_icon_as_answer_icon: false',
      'kind: app',
      'version: 0.1.5',
      'workflow:',
      '  conversation_variables: []',
      '  environment_variables: []',
      '  features: {}',
      '  graph:',
      '    edges:',
      '    - data: {isInIteration: false, sourceType: start, targetType: code}',
      '      id: 1733000000001-source-1733000000002-target',
      '      source: "1733000000001"',
      '      sourceHandle: source',
      '      target: "1733000000002"',
      '      targetHandle: target',
      '      type: custom',
      '      zIndex: 0',
      '    - data: {isInIteration: false, sourceType: code, targetType: end}',
      '      id: 1733000000002-source-1733000000003-target',
      '      source: "1733000000002"',
      '      sourceHandle: source',
      '      target: "1733000000003"',
      '      targetHandle: target',
      '      type: custom',
      '      zIndex: 0',
      '    nodes:',
      '    - data:',
      '        desc: ""',
      '        selected: false',
      '        title: Start',
      '        type: start',
      '        variables:',
      '        - {label: text, max_length: 256, options: [], required: true, type: text-input, variable: text}',
      '      height: 90',
      '      id: "1733000000001"',
      '      position: {x: 80, y: 282}',
      '      type: custom',
      '      width: 244',
      '    - data:',
      '        code: |',
      '          function main({arg1}) {',
      '            return { result: arg1.toUpperCase() + "!" }',
      '          }',
      '        code_language: javascript',
      '        desc: ""',
      '        outputs:',
      '          result: {children: null, type: string}',
      '        title: Code',
      '        type: code',
      '        variables:',
      '        - value_selector: ["1733000000001", text]',
      '          variable: arg1',
      '      id: "1733000000002"',
      '      position: {x: 384, y: 282}',
      '      type: custom',
      '    - data:',
      '        desc: ""',
      '        outputs:',
      '        - value_selector: ["1733000000002", result]',
      '          variable: shout',
      '        title: End',
      '        type: end',
      '      id: "1733000000003"',
      '      position: {x: 688, y: 282}',
      '      type: custom',
    ].join('\n');
    const bad = await http(t.base, 'POST', '/console/api/apps/imports', { token, body: { mode: 'yaml-content', yaml_content: 'kind: [unclosed' } });
    assert.equal(bad.body.code, 'invalid_param');
    const imp = await http(t.base, 'POST', '/console/api/apps/imports', { token, body: { mode: 'yaml-content', yaml_content: yaml } });
    assert.equal(imp.body.status, 'completed', imp.text);
    const app = await http(t.base, 'GET', `/console/api/apps/${imp.body.app_id}`, { token });
    assert.deepEqual([app.body.name, app.body.mode], ['Shouter', 'workflow']);
    await http(t.base, 'POST', `/console/api/apps/${imp.body.app_id}/workflows/publish`, { token });
    const k = (await http(t.base, 'POST', `/console/api/apps/${imp.body.app_id}/api-keys`, { token })).body.token;
    const run = await http(t.base, 'POST', '/v1/workflows/run', { token: k, body: { inputs: { text: 'hello' }, user: 'u' } });
    assert.deepEqual(run.body.data.outputs, { shout: 'HELLO!' });
    const exp = await http(t.base, 'GET', `/console/api/apps/${imp.body.app_id}/export`, { token });
    const { parse } = require('yaml');
    const doc = parse(exp.body.data);
    assert.deepEqual([doc.kind, doc.app.mode, doc.workflow.graph.nodes.length], ['app', 'workflow', 3]);
  });

  it('reads environment variables in runs and never returns secret values', async () => {
    const { appId: eid, key: ekey } = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [
        node('start', 'start'),
        node('t', 'template-transform', { variables: [{ variable: 'r', value_selector: ['env', 'region'] }], template: 'region={{ r }}' }),
        node('end', 'end', { outputs: [{ variable: 'o', value_selector: ['t', 'output'] }] }),
      ],
      edges: [edge('start', 't'), edge('t', 'end')],
    };
    const env = [
      { name: 'region', value: 'eu-west', value_type: 'string' },
      { name: 'api_token', value: 'tok-very-secret', value_type: 'secret' },
    ];
    await http(t.base, 'POST', `/console/api/apps/${eid}/workflows/draft`, { token, body: { graph, environment_variables: env } });
    await http(t.base, 'POST', `/console/api/apps/${eid}/workflows/publish`, { token });
    const r = await http(t.base, 'POST', '/v1/workflows/run', { token: ekey, body: { inputs: {}, user: 'u' } });
    assert.equal(r.body.data.outputs.o, 'region=eu-west');
    for (const path of [`/console/api/apps/${eid}/workflows/draft`, `/console/api/apps/${eid}/workflows/publish`, `/console/api/apps/${eid}/export`]) {
      const got = await http(t.base, 'GET', path, { token });
      assert.ok(!got.text.includes('tok-very-secret'), `${path} leaks the secret`);
    }
  });

  it('works with the official SDK: CompletionClient.runWorkflow', async () => {
    const sdk = await importEsm('dify-client');
    const client = new sdk.CompletionClient(key, `${t.base}/v1`);
    const r = await client.runWorkflow({ topic: 'sdk', n: 1 }, 'sdk-user');
    assert.equal(r.data.data.status, 'succeeded');
    assert.equal(r.data.data.outputs.size, 'small sdk');
  });
});
