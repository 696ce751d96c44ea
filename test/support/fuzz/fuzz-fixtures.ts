/** Real objects of every kind, so hostile requests reach past "not found" into the services. */
import assert from 'node:assert/strict';
import { http } from '../http-client';
import { KnowledgeClient } from '../knowledge-client';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });
const model = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };

export const ADMIN = { email: 'fuzz@example.com', name: 'Fuzz', password: 'fuzz-password-123' };

export interface FuzzFixtures {
  console: string;
  /** a second session, only ever sent to /logout */
  logoutToken: string;
  apps: { chat: string; completion: string; workflow: string; chatflow: string };
  keys: { chat: string; completion: string; workflow: string; chatflow: string };
  siteCode: string;
  passport: string;
  datasetKey: string;
  ids: Record<string, string>;
}

async function ok(r: Promise<{ status: number; text: string; body: any }>, what: string): Promise<any> {
  const res = await r;
  assert.ok(res.status < 300, `${what}: ${res.status} ${res.text}`);
  return res.body;
}

async function login(base: string): Promise<string> {
  return (await ok(http(base, 'POST', '/console/api/login', { body: { email: ADMIN.email, password: ADMIN.password } }), 'login')).data.access_token;
}

async function app(base: string, token: string, mode: string) {
  const a = await ok(http(base, 'POST', '/console/api/apps', { token, body: { name: `fuzz ${mode}`, mode } }), `app ${mode}`);
  const k = await ok(http(base, 'POST', `/console/api/apps/${a.id}/api-keys`, { token }), `key ${mode}`);
  return { id: a.id as string, key: k.token as string, siteCode: a.site?.code as string };
}

export async function createFuzzFixtures(base: string): Promise<FuzzFixtures> {
  await ok(http(base, 'POST', '/console/api/setup', { body: ADMIN }), 'setup');
  const token = await login(base);
  const logoutToken = await login(base);
  const [chat, completion, workflow, chatflow] = await Promise.all(['chat', 'completion', 'workflow', 'advanced-chat'].map((m) => app(base, token, m)));
  const features = { text_to_speech: { enabled: true }, speech_to_text: { enabled: true }, suggested_questions_after_answer: { enabled: true } };
  const flow = {
    nodes: [
      node('start', 'start', { variables: [{ variable: 'topic', label: 'Topic', type: 'text-input', required: false, max_length: 50 }] }),
      node('end', 'end', { outputs: [{ variable: 'out', value_selector: ['start', 'topic'] }] }),
    ],
    edges: [edge('start', 'end')],
  };
  const cflow = { nodes: [node('start', 'start'), node('answer', 'answer', { answer: 'ok {{#sys.query#}}' })], edges: [edge('start', 'answer')] };
  // Independent strands, side by side: the chat app and its visitors, the two graphs, the knowledge base.
  const [chatIds, workflowIds, chatflowIds, knowledge] = await Promise.all([
    (async () => {
      await ok(
        http(base, 'POST', `/console/api/apps/${chat.id}/model-config`, { token, body: { model, pre_prompt: 'Be brief.', ...features } }),
        'chat config',
      );
      await ok(
        http(base, 'POST', `/console/api/apps/${completion.id}/model-config`, {
          token,
          body: {
            model,
            pre_prompt: 'Write about {{topic}}.',
            user_input_form: [{ 'text-input': { label: 'Topic', variable: 'topic', required: false, max_length: 50 } }],
          },
        }),
        'completion config',
      );
      const passport = (await ok(http(base, 'GET', '/api/passport', { headers: { 'x-app-code': chat.siteCode } }), 'passport')).access_token as string;
      const reply = await ok(http(base, 'POST', '/v1/chat-messages', { token: chat.key, body: { query: 'hello', inputs: {}, user: 'fuzz-user' } }), 'chat');
      const webReply = await ok(
        http(base, 'POST', '/api/chat-messages', { token: passport, headers: { 'x-app-code': chat.siteCode }, body: { query: 'hi', inputs: {} } }),
        'web chat',
      );
      const form = new FormData();
      form.append('user', 'fuzz-user');
      form.append('file', new Blob(['fuzz file'], { type: 'text/plain' }), 'fuzz.txt');
      const file = await ok(http(base, 'POST', '/v1/files/upload', { token: chat.key, raw: form }), 'upload');
      const annotation = await ok(http(base, 'POST', '/v1/apps/annotations', { token: chat.key, body: { question: 'q', answer: 'a' } }), 'annotation');
      return {
        passport,
        message: reply.message_id,
        conversation: reply.conversation_id,
        task: reply.task_id ?? reply.message_id,
        webConversation: webReply.conversation_id,
        webMessage: webReply.message_id,
        file: file.id,
        endUser: file.created_by,
        annotation: annotation.id,
      };
    })(),
    (async () => {
      await ok(http(base, 'POST', `/console/api/apps/${workflow.id}/workflows/draft`, { token, body: { graph: flow } }), 'workflow draft');
      await ok(http(base, 'POST', `/console/api/apps/${workflow.id}/workflows/publish`, { token }), 'workflow publish');
      const run = await ok(
        http(base, 'POST', '/v1/workflows/run', { token: workflow.key, body: { inputs: { topic: 't' }, user: 'fuzz-user' } }),
        'workflow run',
      );
      const published = await ok(http(base, 'GET', `/console/api/apps/${workflow.id}/workflows/publish`, { token }), 'published');
      return { workflowRun: run.workflow_run_id, workflowTask: run.task_id, workflowVersion: published.id };
    })(),
    (async () => {
      await ok(
        http(base, 'POST', `/console/api/apps/${chatflow.id}/workflows/draft`, {
          token,
          body: { graph: cflow, conversation_variables: [{ name: 'topic', value_type: 'string', value: '' }] },
        }),
        'chatflow draft',
      );
      await ok(http(base, 'POST', `/console/api/apps/${chatflow.id}/workflows/publish`, { token }), 'chatflow publish');
      const flowReply = await ok(
        http(base, 'POST', '/v1/chat-messages', { token: chatflow.key, body: { query: 'hello', inputs: {}, user: 'fuzz-user' } }),
        'chatflow',
      );
      const vars = await ok(http(base, 'GET', `/v1/conversations/${flowReply.conversation_id}/variables?user=fuzz-user`, { token: chatflow.key }), 'variables');
      return { flowConversation: flowReply.conversation_id, variable: vars.data[0]?.id };
    })(),
    (async () => {
      const datasetKey = (await ok(http(base, 'POST', '/console/api/datasets/api-keys', { token }), 'dataset key')).token as string;
      const kc = new KnowledgeClient(base, datasetKey);
      const dataset = await kc.newDataset('fuzz dataset');
      const doc = await kc.textDocument(dataset.id, { name: 'fuzz.txt', text: 'Fuzzing finds the inputs nobody thought of.\n\nSecond paragraph.' });
      const segments = await ok(http(base, 'GET', `/v1/datasets/${dataset.id}/documents/${doc.id}/segments`, { token: datasetKey }), 'segments');
      const field = await ok(
        http(base, 'POST', `/v1/datasets/${dataset.id}/metadata`, { token: datasetKey, body: { type: 'string', name: 'author' } }),
        'metadata',
      );
      const tag = await ok(http(base, 'POST', '/v1/datasets/tags', { token: datasetKey, body: { name: 'fuzz' } }), 'tag');
      return { datasetKey, ids: { dataset: dataset.id, document: doc.id, batch: doc.batch, segment: segments.data[0].id, metadata: field.id, tag: tag.id } };
    })(),
  ]);
  const { passport, ...chatRest } = chatIds;

  return {
    console: token,
    logoutToken,
    apps: { chat: chat.id, completion: completion.id, workflow: workflow.id, chatflow: chatflow.id },
    keys: { chat: chat.key, completion: completion.key, workflow: workflow.key, chatflow: chatflow.key },
    siteCode: chat.siteCode,
    passport,
    datasetKey: knowledge.datasetKey,
    ids: { ...chatRest, ...workflowIds, ...chatflowIds, ...knowledge.ids },
  };
}
