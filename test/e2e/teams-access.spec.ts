/**
 * Who may do what in the console, for every route the gateway serves: the role × route matrix,
 * derived from each route's declared @Access level (a route without one fails here), and
 * cross-workspace isolation on every resource type.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ACCESS_LEVELS, WorkspaceRole, roleMay } from '@sluice/contracts';
import { ConsoleRoute, consoleRoutes } from '../support/console-routes';
import { http } from '../support/http-client';
import { ROLES, team } from '../support/teams';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const GUARD_FORBIDDEN = 'You do not have permission to perform this action.';
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const GRAPH = {
  nodes: [
    node('start', 'start'),
    node('tt', 'template-transform', { variables: [], template: 'hi' }),
    node('end', 'end', { outputs: [{ variable: 'v', value_selector: ['tt', 'output'] }] }),
  ],
  edges: [
    { id: 'a', source: 'start', target: 'tt', sourceHandle: 'source', targetHandle: 'target' },
    { id: 'b', source: 'tt', target: 'end', sourceHandle: 'source', targetHandle: 'target' },
  ],
};

/** Ids of one workspace's objects of every kind. */
interface Fixture {
  app: string;
  appKeyId: string;
  appKey: string;
  workflowApp: string;
  workflowKey: string;
  run: string;
  conversation: string;
  message: string;
  annotation: string;
  dataset: string;
  datasetKeyId: string;
  datasetKey: string;
  document: string;
  batch: string;
  segment: string;
  tag: string;
  metadata: string;
  file: string;
  member: string;
}

async function ok(p: Promise<{ status: number; text: string; body: any }>, status = 200): Promise<any> {
  const r = await p;
  assert.equal(r.status, status, r.text);
  return r.body;
}

/** A workspace with one object of every kind, created by `token` (an owner). */
async function populate(t: TestPlatform, token: string, member: string): Promise<Fixture> {
  const b = t.base;
  const app = (await ok(http(b, 'POST', '/console/api/apps', { token, body: { name: 'Chat', mode: 'chat' } }), 201)).id;
  const key = await ok(http(b, 'POST', `/console/api/apps/${app}/api-keys`, { token }), 201);
  const chat = await ok(
    http(b, 'POST', '/v1/chat-messages', { token: key.token, body: { inputs: {}, query: 'hello', response_mode: 'blocking', user: 'u1' } }),
  );
  const annotation = (await ok(http(b, 'POST', '/v1/apps/annotations', { token: key.token, body: { question: 'q?', answer: 'a.' } }), 201)).id;
  const workflowApp = (await ok(http(b, 'POST', '/console/api/apps', { token, body: { name: 'Flow', mode: 'workflow' } }), 201)).id;
  await ok(http(b, 'POST', `/console/api/apps/${workflowApp}/workflows/draft`, { token, body: { graph: GRAPH } }));
  await ok(http(b, 'POST', `/console/api/apps/${workflowApp}/workflows/publish`, { token }));
  const wfKey = (await ok(http(b, 'POST', `/console/api/apps/${workflowApp}/api-keys`, { token }), 201)).token;
  const run = (await ok(http(b, 'POST', '/v1/workflows/run', { token: wfKey, body: { inputs: {}, response_mode: 'blocking', user: 'u1' } }))).workflow_run_id;
  const dsKey = await ok(http(b, 'POST', '/console/api/datasets/api-keys', { token }), 201);
  const dataset = (
    await ok(http(b, 'POST', '/console/api/datasets', { token, body: { name: 'KB', permission: 'all_team_members', indexing_technique: 'economy' } }), 201)
  ).id;
  const doc = await ok(
    http(b, 'POST', `/v1/datasets/${dataset}/document/create-by-text`, {
      token: dsKey.token,
      body: {
        name: 'doc.txt',
        text: 'Sluice keeps teams apart. Every workspace is its own.',
        indexing_technique: 'economy',
        process_rule: { mode: 'automatic' },
      },
    }),
  );
  for (let i = 0; ; i++) {
    const s = await ok(http(b, 'GET', `/v1/datasets/${dataset}/documents/${doc.batch}/indexing-status`, { token: dsKey.token }));
    if (s.data[0].indexing_status === 'completed') break;
    assert.ok(i < 200 && s.data[0].indexing_status !== 'error', JSON.stringify(s));
    await new Promise((r) => setTimeout(r, 100));
  }
  const segs = await ok(http(b, 'GET', `/v1/datasets/${dataset}/documents/${doc.document.id}/segments`, { token: dsKey.token }));
  const tag = (await ok(http(b, 'POST', '/v1/datasets/tags', { token: dsKey.token, body: { name: `tag-${randomUUID().slice(0, 6)}` } }))).id;
  await ok(http(b, 'POST', '/v1/datasets/tags/binding', { token: dsKey.token, body: { tag_ids: [tag], target_id: dataset } }), 204);
  const metadata = (await ok(http(b, 'POST', `/v1/datasets/${dataset}/metadata`, { token: dsKey.token, body: { type: 'string', name: 'author' } }), 201)).id;
  const form = new FormData();
  form.append('file', new Blob(['secret notes'], { type: 'text/plain' }), 'notes.txt');
  form.append('user', 'u1');
  const file = (await ok(http(b, 'POST', '/v1/files/upload', { token: key.token, raw: form }), 201)).id;
  return {
    app,
    appKeyId: key.id,
    appKey: key.token,
    workflowApp,
    workflowKey: wfKey,
    run,
    conversation: chat.conversation_id,
    message: chat.message_id ?? chat.id,
    annotation,
    dataset,
    datasetKeyId: dsKey.id,
    datasetKey: dsKey.token,
    document: doc.document.id,
    batch: doc.batch,
    segment: segs.data[0].id,
    tag,
    metadata,
    file,
    member,
  };
}

/** Real ids of workspace A for a route's path parameters; a parameter nobody knows fails the test (add it here). */
function fillPath(r: ConsoleRoute, fx: Fixture, idsOf: 'real' | 'fake'): { path: string; namesObject: boolean } {
  let namesObject = false;
  const path = r.path.replace(/:(\w+)/g, (_m, name: string) => {
    const id = (real: string) => {
      namesObject = true;
      return idsOf === 'real' ? real : randomUUID();
    };
    switch (name) {
      case 'id':
      case 'app_id':
        return id(r.path.includes('/workflow') ? fx.workflowApp : fx.app);
      case 'keyId':
        return id(r.path.startsWith('/console/api/datasets') ? fx.datasetKeyId : fx.appKeyId);
      case 'dataset_id':
        return id(fx.dataset);
      case 'document_id':
        return id(fx.document);
      case 'member_id':
        return id(fx.member);
      case 'segment_id':
        return id(fx.segment);
      case 'conversation_id':
        return id(fx.conversation);
      case 'message_id':
        return id(fx.message);
      case 'run_id':
      case 'workflow_run_id':
        return id(fx.run);
      case 'annotation_id':
        return id(fx.annotation);
      case 'metadata_id':
        return id(fx.metadata);
      case 'tag_id':
        return id(fx.tag);
      case 'file_id':
        return id(fx.file);
      case 'batch':
        return fx.batch;
      case 'provider':
        return 'openai';
      case 'status':
      case 'action':
        return 'enable';
      // Transient or generated names: nothing to find in another workspace, so no object is named.
      case 'taskId':
        return randomUUID();
      case 'child_chunk_id':
        return id(randomUUID());
      case 'block_type':
        return 'llm';
      case 'model_type':
        return 'llm';
      case 'tenant_id':
        return randomUUID();
      case 'icon_type':
        return 'icon_small';
      case 'lang':
        return 'en_US';
      default:
        throw new Error(`${r.method} ${r.path}: no fixture for path parameter :${name} — add one to fillPath`);
    }
  });
  return { path, namesObject };
}

describe('teams: role × route matrix and workspace isolation', () => {
  let t: TestPlatform;
  let tokens: Record<WorkspaceRole, string>;
  let outsider: string;
  let a: Fixture;
  let routes: ConsoleRoute[];

  before(async () => {
    t = await startTestPlatform({ ALLOW_REGISTER: 'true' });
    const tm = await team(t.base);
    tokens = tm.tokens;
    const reg = await ok(
      http(t.base, 'POST', '/console/api/register', { body: { email: 'outsider@example.org', name: 'Outsider', password: 'outsider-password' } }),
    );
    outsider = reg.data.access_token;
    a = await populate(t, tokens.owner, tm.ids.normal);
    routes = consoleRoutes(t.platform.gateway);
  });
  after(async () => t?.stop());

  it('finds the console routes through Nest, and every one declares who may call it', () => {
    assert.ok(routes.length > 60, `only ${routes.length} console routes found: the scan is broken`);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    assert.deepEqual(undeclared, [], `console routes without @Access(...): ${undeclared.join(', ')}`);
  });

  it('answers 401 without a session on every non-public route', async () => {
    for (const r of routes.filter((x) => x.access && x.access !== 'public')) {
      const res = await http(t.base, r.method, fillPath(r, a, 'real').path, { body: r.method === 'GET' ? undefined : {} });
      assert.equal(res.status, 401, `${r.method} ${r.path}: ${res.text}`);
    }
  });

  it('lets exactly the roles of each route’s declared level act, and answers 403 forbidden to the others', async () => {
    let checked = 0;
    for (const r of routes.filter((x) => x.access && x.access !== 'public')) {
      for (const role of ROLES) {
        const allowed = roleMay(r.access!, role);
        // Allowed roles get ids that exist nowhere, so nothing is changed or deleted: what matters is that the guard let them through.
        const { path } = fillPath(r, a, allowed ? 'fake' : 'real');
        const res = await http(t.base, r.method, path, { token: tokens[role], body: r.method === 'GET' ? undefined : {} });
        const label = `${role} ${r.method} ${r.path} (@Access('${r.access}')): ${res.status} ${res.text.slice(0, 200)}`;
        if (allowed) {
          assert.ok(res.status !== 401 && !(res.status === 403 && res.body?.message === GUARD_FORBIDDEN), label);
          assert.ok(res.status < 500, label);
        } else {
          assert.equal(res.status, 403, label);
          assert.equal(res.body.code, 'forbidden', label);
        }
        checked++;
      }
    }
    assert.ok(checked >= 5 * 55, `checked ${checked}`);
    assert.deepEqual(Object.keys(ACCESS_LEVELS).sort(), ['admin', 'app_viewer', 'dataset_editor', 'editor', 'member', 'owner', 'public']);
  });

  it('answers an owner of another workspace exactly as for an object that does not exist (404), on every console route naming one', async () => {
    let checked = 0;
    for (const r of routes.filter((x) => x.access && x.access !== 'public')) {
      const real = fillPath(r, a, 'real');
      if (!real.namesObject) continue;
      const body = r.method === 'GET' ? undefined : {};
      const res = await http(t.base, r.method, real.path, { token: outsider, body });
      const none = await http(t.base, r.method, fillPath(r, a, 'fake').path, { token: outsider, body });
      const label = `${r.method} ${real.path}: ${res.status} ${res.text.slice(0, 200)}`;
      // Bodies are empty, so a route that validates before looking up says 400; either way nothing tells A's ids apart.
      assert.ok(res.status === 404 || res.status === 400, label);
      assert.deepEqual([res.status, res.body?.code], [none.status, none.body?.code], `${label} — differs from an unknown id`);
      checked++;
    }
    assert.ok(checked > 30, `checked ${checked}`);
  });

  it('isolates every resource type across workspaces, on the console and the Service API', async () => {
    const b = t.base;
    // The outsider's own keys, so the Service API is tried with valid credentials of the other workspace.
    const bApp = (await ok(http(b, 'POST', '/console/api/apps', { token: outsider, body: { name: 'B chat', mode: 'chat' } }), 201)).id;
    const bKey = (await ok(http(b, 'POST', `/console/api/apps/${bApp}/api-keys`, { token: outsider }), 201)).token;
    const bFlow = (await ok(http(b, 'POST', '/console/api/apps', { token: outsider, body: { name: 'B flow', mode: 'workflow' } }), 201)).id;
    await ok(http(b, 'POST', `/console/api/apps/${bFlow}/workflows/draft`, { token: outsider, body: { graph: GRAPH } }));
    await ok(http(b, 'POST', `/console/api/apps/${bFlow}/workflows/publish`, { token: outsider }));
    const bFlowKey = (await ok(http(b, 'POST', `/console/api/apps/${bFlow}/api-keys`, { token: outsider }), 201)).token;
    const bDsKey = (await ok(http(b, 'POST', '/console/api/datasets/api-keys', { token: outsider }), 201)).token;

    const cases: [string, string, string, string, unknown?][] = [
      ['apps', 'GET', `/console/api/apps/${a.app}`, outsider],
      ['keys', 'DELETE', `/console/api/apps/${a.app}/api-keys/${a.appKeyId}`, outsider],
      ['dataset keys', 'DELETE', `/console/api/datasets/api-keys/${a.datasetKeyId}`, outsider],
      ['conversations', 'GET', `/v1/messages?conversation_id=${a.conversation}&user=u1`, bKey],
      ['conversations', 'POST', `/v1/conversations/${a.conversation}/name`, bKey, { name: 'x', user: 'u1' }],
      ['conversations', 'DELETE', `/v1/conversations/${a.conversation}`, bKey, { user: 'u1' }],
      ['files', 'GET', `/v1/files/${a.file}/preview`, bKey],
      ['annotations', 'PUT', `/v1/apps/annotations/${a.annotation}`, bKey, { question: 'x', answer: 'y' }],
      ['annotations', 'DELETE', `/v1/apps/annotations/${a.annotation}`, bKey],
      ['workflows', 'GET', `/console/api/apps/${a.workflowApp}/workflows/draft`, outsider],
      ['workflows', 'GET', `/console/api/apps/${a.workflowApp}/workflows/publish`, outsider],
      ['runs', 'GET', `/v1/workflows/run/${a.run}`, bFlowKey],
      ['datasets', 'GET', `/v1/datasets/${a.dataset}`, bDsKey],
      ['datasets', 'GET', `/console/api/datasets/${a.dataset}`, outsider],
      ['documents', 'GET', `/v1/datasets/${a.dataset}/documents/${a.document}`, bDsKey],
      ['documents', 'GET', `/console/api/datasets/${a.dataset}/documents/${a.document}`, outsider],
      ['segments', 'GET', `/v1/datasets/${a.dataset}/documents/${a.document}/segments/${a.segment}`, bDsKey],
      ['segments', 'DELETE', `/v1/datasets/${a.dataset}/documents/${a.document}/segments/${a.segment}`, bDsKey],
      ['metadata', 'PATCH', `/v1/datasets/${a.dataset}/metadata/${a.metadata}`, bDsKey, { name: 'pwned' }],
      ['tags', 'PATCH', '/v1/datasets/tags', bDsKey, { tag_id: a.tag, name: 'pwned' }],
      ['tags', 'DELETE', '/v1/datasets/tags', bDsKey, { tag_id: a.tag }],
    ];
    for (const [kind, method, path, token, body] of cases) {
      const r = await http(b, method, path, { token, body });
      assert.equal(r.status, 404, `${kind}: ${method} ${path} → ${r.status} ${r.text.slice(0, 200)}`);
    }
    const noNewWorkspace = await http(b, 'POST', '/console/api/workspaces', { token: outsider, body: { name: 'Second' } });
    assert.deepEqual([noNewWorkspace.status, noNewWorkspace.body.code], [403, 'forbidden'], 'ALLOW_CREATE_WORKSPACE is off here');
    // Nothing of A shows up in B's lists either.
    assert.equal(
      (await ok(http(b, 'GET', '/console/api/apps?limit=100', { token: outsider }))).data.some((x: any) => x.id === a.app || x.id === a.workflowApp),
      false,
      'apps',
    );
    assert.equal((await ok(http(b, 'GET', '/console/api/datasets', { token: outsider }))).total, 0, 'datasets');
    assert.equal((await ok(http(b, 'GET', '/v1/datasets', { token: bDsKey }))).total, 0, 'datasets via key');
    assert.deepEqual(
      (await ok(http(b, 'GET', '/v1/datasets/tags', { token: bDsKey }))).map((x: any) => x.id),
      [],
      'tags',
    );
    assert.equal((await ok(http(b, 'GET', '/v1/conversations?user=u1', { token: bKey }))).data.length, 0, 'conversations');
    assert.equal((await ok(http(b, 'GET', '/v1/workflows/logs', { token: bFlowKey }))).data.length, 0, 'runs');
    assert.equal((await ok(http(b, 'GET', '/console/api/workspaces/current/members', { token: outsider }))).accounts.length, 1, 'members');
    assert.equal((await ok(http(b, 'GET', '/console/api/datasets/api-keys', { token: outsider }))).data.length, 1, 'keys');
    // A's objects are untouched.
    assert.equal(
      (await ok(http(b, 'GET', `/v1/datasets/${a.dataset}/documents/${a.document}/segments/${a.segment}`, { token: a.datasetKey }))).data.id,
      a.segment,
    );
    assert.equal((await ok(http(b, 'GET', '/v1/datasets/tags', { token: a.datasetKey }))).find((x: any) => x.id === a.tag).name.startsWith('tag-'), true);
    assert.equal((await ok(http(b, 'GET', `/v1/workflows/run/${a.run}`, { token: a.workflowKey }))).id, a.run);
    assert.equal((await http(b, 'GET', `/v1/files/${a.file}/preview`, { token: a.appKey })).status, 200);
  });

  it('lets only members who may edit an app preview an unsaved configuration; a normal member previews the saved one', async () => {
    const saved = (await ok(http(t.base, 'GET', `/console/api/apps/${a.app}`, { token: tokens.owner }))).model_config;
    const { model_id: _a, configs: _b, provider: _c, ...config } = saved;
    const unsaved = { ...config, pre_prompt: 'UNSAVED-PROMPT-MARKER' };
    const promptSeen = async (role: WorkspaceRole) => {
      const before = t.model.requests.length;
      await ok(
        http(t.base, 'POST', `/console/api/apps/${a.app}/chat-messages`, {
          token: tokens[role],
          body: { inputs: {}, query: 'hi', response_mode: 'blocking', model_config: unsaved },
        }),
      );
      const sent = t.model.requests.slice(before).filter((r) => r.path === '/chat/completions');
      return sent.some((r) => JSON.stringify(r.body).includes('UNSAVED-PROMPT-MARKER'));
    };
    assert.equal(await promptSeen('editor'), true, 'an editor tries the unsaved prompt');
    assert.equal(await promptSeen('normal'), false, 'a normal member gets the saved one');
  });
});
