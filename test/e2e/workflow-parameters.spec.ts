import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });

/** A start node with every kind of input Dify's form has, as Dify's editor saves them. */
const VARIABLES = [
  { variable: 'topic', label: 'Topic', type: 'text-input', required: true, max_length: 48, options: [], default: 'cats' },
  { variable: 'notes', label: 'Notes', type: 'paragraph', required: false, max_length: 2000, options: [] },
  { variable: 'tone', label: 'Tone', type: 'select', required: true, options: ['dry', 'warm'], default: 'warm' },
  { variable: 'count', label: 'Count', type: 'number', required: false, options: [] },
  {
    variable: 'doc',
    label: 'Document',
    type: 'file',
    required: false,
    allowed_file_types: ['document'],
    allowed_file_upload_methods: ['local_file'],
    allowed_file_extensions: [],
  },
  {
    variable: 'pics',
    label: 'Pictures',
    type: 'file-list',
    required: false,
    max_length: 3,
    allowed_file_types: ['image'],
    allowed_file_upload_methods: ['local_file', 'remote_url'],
    allowed_file_extensions: [],
  },
];

const FEATURES = {
  opening_statement: 'Hello! What shall we write about?',
  suggested_questions: ['About cats', 'About tides'],
  suggested_questions_after_answer: { enabled: true },
  speech_to_text: { enabled: true },
  text_to_speech: { enabled: true, voice: 'alloy', language: 'en-US', autoPlay: 'enabled' },
  retriever_resource: { enabled: false },
  sensitive_word_avoidance: { enabled: false, type: '', configs: [] },
  file_upload: {
    enabled: true,
    allowed_file_types: ['image'],
    allowed_file_upload_methods: ['local_file'],
    number_limits: 2,
    image: { enabled: true, number_limits: 2, transfer_methods: ['local_file'] },
  },
};

describe('/parameters of workflow and chatflow apps come from their workflow', () => {
  let t: TestPlatform;

  before(async () => {
    t = await startTestPlatform();
  });
  after(async () => t?.stop());

  /** The Service API with the key, and the Web API with a passport from the app's web app code. */
  async function bothSurfaces(fx: { token: string; appId: string; key: string }) {
    const app = await http(t.base, 'GET', `/console/api/apps/${fx.appId}`, { token: fx.token });
    const passport = (await http(t.base, 'GET', '/api/passport', { headers: { 'x-app-code': app.body.site.code } })).body.access_token as string;
    const service = await http(t.base, 'GET', '/v1/parameters?user=u1', { token: fx.key });
    const web = await http(t.base, 'GET', '/api/parameters', { token: passport, headers: { 'x-app-code': app.body.site.code } });
    assert.equal(service.status, 200, service.text);
    assert.equal(web.status, 200, web.text);
    assert.deepEqual(web.body, service.body, 'both APIs answer the same parameters');
    return service.body;
  }

  it('a published workflow app: the start node as the input form, the features as saved', async () => {
    const fx = await createAdminAndApp(t.base, undefined, 'workflow');
    const graph = {
      nodes: [node('start', 'start', { variables: VARIABLES }), node('end', 'end', { outputs: [{ variable: 'out', value_selector: ['start', 'topic'] }] })],
      edges: [edge('start', 'end')],
    };
    assert.equal(
      (await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/draft`, { token: fx.token, body: { graph, features: FEATURES } })).status,
      200,
    );
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/publish`, { token: fx.token })).status, 200);
    // A later draft edit is not what clients of the published app see.
    const edited = { ...graph, nodes: [node('start', 'start', { variables: [VARIABLES[0]] }), graph.nodes[1]] };
    await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/draft`, {
      token: fx.token,
      body: { graph: edited, features: { opening_statement: 'draft only' } },
    });

    const p = await bothSurfaces(fx);
    assert.deepEqual(p.user_input_form, [
      { 'text-input': VARIABLES[0] },
      { paragraph: { ...VARIABLES[1], default: '' } },
      { select: VARIABLES[2] },
      { number: VARIABLES[3] },
      { file: VARIABLES[4] },
      { 'file-list': VARIABLES[5] },
    ]);
    assert.equal(p.opening_statement, FEATURES.opening_statement);
    assert.deepEqual(p.suggested_questions, FEATURES.suggested_questions);
    assert.deepEqual(p.suggested_questions_after_answer, { enabled: true });
    assert.deepEqual(p.speech_to_text, { enabled: true });
    assert.deepEqual(p.text_to_speech, FEATURES.text_to_speech);
    assert.deepEqual(p.retriever_resource, { enabled: false });
    assert.deepEqual(p.sensitive_word_avoidance, FEATURES.sensitive_word_avoidance);
    assert.deepEqual(p.file_upload, FEATURES.file_upload);
    assert.deepEqual(p.annotation_reply, { enabled: false });
    assert.deepEqual(p.more_like_this, { enabled: false });
    assert.equal(typeof p.system_parameters.file_size_limit, 'number');
  });

  it('a chatflow app not yet published: the draft, so the console preview renders its form', async () => {
    const fx = await createAdminAndApp(t.base, undefined, 'advanced-chat');
    const graph = {
      nodes: [node('start', 'start', { variables: [VARIABLES[2]] }), node('answer', 'answer', { answer: '{{#start.tone#}}' })],
      edges: [edge('start', 'answer')],
    };
    const features = { opening_statement: 'Pick a tone.', suggested_questions: ['dry?'], retriever_resource: { enabled: true } };
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/draft`, { token: fx.token, body: { graph, features } })).status, 200);

    const p = await bothSurfaces(fx);
    assert.deepEqual(p.user_input_form, [{ select: VARIABLES[2] }]);
    assert.equal(p.opening_statement, 'Pick a tone.');
    assert.deepEqual(p.suggested_questions, ['dry?']);
    assert.deepEqual(p.retriever_resource, { enabled: true });
    // Features the workflow does not set read as Dify's defaults.
    assert.deepEqual(p.speech_to_text, { enabled: false });
    assert.deepEqual(p.text_to_speech, { enabled: false });

    // Published: the published copy is what clients get, and it runs with the form's inputs.
    assert.equal((await http(t.base, 'POST', `/console/api/apps/${fx.appId}/workflows/publish`, { token: fx.token })).status, 200);
    const chat = await http(t.base, 'POST', '/v1/chat-messages', { token: fx.key, body: { inputs: { tone: 'dry' }, query: 'hi', user: 'u1' } });
    assert.equal(chat.status, 200, chat.text);
    assert.equal(chat.body.answer, 'dry');
  });

  it('a workflow app without any workflow is unavailable (app_unavailable, as the chat apps without a model config)', async () => {
    const fx = await createAdminAndApp(t.base, undefined, 'workflow');
    const r = await http(t.base, 'GET', '/v1/parameters', { token: fx.key });
    assert.deepEqual([r.status, r.body.code], [503, 'app_unavailable'], r.text);
  });
});
