/**
 * Dify's own OpenAPI document of the Service API (test/fixtures/dify-openapi), operation by operation, against
 * a running Sluice: one well-formed request per operation built from the document's examples (ids from real
 * fixtures), status and body validated with ajv (SSE: every event against the event schemas), then the same
 * operations without a key (401 in Dify's envelope) and with each required field missing (400).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http, parseSse } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { ConformanceException, DifySpec, Violation, unexcused } from '../support/openapi-conformance';
import { TestPlatform, startTestPlatform } from '../support/test-platform';
import { CONFORMANCE_EXCEPTIONS, NOT_SERVED } from './dify-openapi-exceptions';

const MODEL = { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} };
const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });

type Chunk = 'ChunkChatEvent' | 'ChunkCompletionEvent' | 'ChunkWorkflowEvent';
interface Req {
  key: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  form?: { file?: { name: string; bytes: string | Buffer; type: string }; fields?: Record<string, string> };
  /** SSE answer: every event is validated against this chunk schema's mapping. */
  events?: Chunk;
}
interface Case {
  op: string;
  label?: string;
  req: () => Req | Promise<Req>;
  /** Extra behaviour to assert on the answer (beyond the schema). */
  check?: (r: Answer) => void;
}
interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
  events?: any[];
}

const spec = new DifySpec();

describe("Dify's OpenAPI document of the Service API, every operation", () => {
  let t: TestPlatform;
  const used = new Set<ConformanceException>();
  const fx: Record<string, string> = {};

  async function send(op: string, req: Req, auth = true): Promise<Answer> {
    const o = spec.operation(op);
    let path =
      '/v1' +
      o.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const v = req.params?.[name];
        if (v === undefined) throw new Error(`${op}: no value for path parameter ${name}`);
        return encodeURIComponent(v);
      });
    if (req.query) path += '?' + new URLSearchParams(req.query).toString();
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${req.key}`;
    let body: RequestInit['body'];
    if (req.form) {
      const form = new FormData();
      for (const [k, v] of Object.entries(req.form.fields ?? {})) form.append(k, v);
      if (req.form.file) form.append('file', new Blob([req.form.file.bytes], { type: req.form.file.type }), req.form.file.name);
      body = form;
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    const res = await fetch(t.base + path, { method: o.method, headers, body });
    const type = res.headers.get('content-type') ?? '';
    if (/json|event-stream|^text\//.test(type) || !type) {
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* SSE or text */
      }
      return { status: res.status, headers: res.headers, body: parsed, text, events: type.includes('event-stream') ? parseSse(text) : undefined };
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body: bytes, text: `<${bytes.length} bytes of ${type}>` };
  }

  function problems(op: string, r: Answer, req: Req): string[] {
    const status = spec.successStatus(op);
    if (r.status !== status) return [`status ${r.status} (spec: ${status}): ${r.text.slice(0, 400)}`];
    const types = spec.successContentTypes(op);
    const found: Violation[] = [];
    if (req.events) {
      if (!r.events) return [`expected an event stream, got ${r.headers.get('content-type')}: ${r.text.slice(0, 200)}`];
      if (!r.events.length) return ['empty event stream'];
      for (const e of r.events) if (e.event !== 'ping') found.push(...spec.validateEvent(req.events, e));
    } else if (types.includes('application/json')) {
      found.push(...spec.validateResponse(op, status, r.body));
    } else if (types.length) {
      const type = r.headers.get('content-type') ?? '';
      if (!types.some((x) => type.startsWith(x)))
        found.push({ pointer: '', kind: 'content-type', message: `content-type ${type} (spec: ${types.join(', ')})` });
    } else if (status === 204 && r.text) return [`204 with a body: ${r.text.slice(0, 200)}`];
    return unexcused(op, dedupe(found), CONFORMANCE_EXCEPTIONS, used).map((v) => `${v.kind} ${v.pointer}: ${v.message}`);
  }

  const dedupe = (v: Violation[]) => [...new Map(v.map((x) => [`${x.kind} ${x.pointer}`, x])).values()];

  before(async () => {
    t = await startTestPlatform({ UPLOAD_FILE_SIZE_LIMIT_MB: '2' });
    // Apps of each mode. The chat app has an input form, speech and suggestions on.
    const chat = await createAdminAndApp(t.base, {
      model: MODEL,
      pre_prompt: 'You help in {{city}}.',
      user_input_form: [{ 'text-input': { label: 'City', variable: 'city', required: false, max_length: 50 } }],
      opening_statement: 'Hello!',
      suggested_questions_after_answer: { enabled: true },
      speech_to_text: { enabled: true },
      text_to_speech: { enabled: true, voice: 'alloy' },
    });
    Object.assign(fx, { token: chat.token, chatApp: chat.appId, chatKey: chat.key });
    const admin = (method: string, path: string, body?: unknown) => http(t.base, method, `/console/api${path}`, { token: fx.token, body });
    const app = async (mode: string) => {
      const a = await admin('POST', '/apps', { name: `${mode}-app`, mode });
      const k = await admin('POST', `/apps/${a.body.id}/api-keys`);
      return { id: a.body.id as string, key: k.body.token as string };
    };
    const completion = await app('completion');
    await admin('POST', `/apps/${completion.id}/model-config`, {
      model: MODEL,
      pre_prompt: 'Answer for {{city}}: {{query}}',
      user_input_form: [
        { 'text-input': { label: 'City', variable: 'city', required: true } },
        { paragraph: { label: 'Query', variable: 'query', required: false } },
      ],
      text_to_speech: { enabled: true, voice: 'alloy' },
    });
    fx.completionKey = completion.key;
    const wf = await app('workflow');
    const graph = {
      nodes: [
        node('start', 'start', { variables: [{ variable: 'query', label: 'Query', type: 'paragraph', required: true }] }),
        node('llm', 'llm', { model: MODEL, prompt_template: [{ role: 'user', text: '{{#start.query#}}' }] }),
        node('end', 'end', { outputs: [{ variable: 'result', value_selector: ['llm', 'text'] }] }),
      ],
      edges: [edge('start', 'llm'), edge('llm', 'end')],
    };
    assert.equal((await admin('POST', `/apps/${wf.id}/workflows/draft`, { graph })).status, 200);
    assert.equal((await admin('POST', `/apps/${wf.id}/workflows/publish`)).status, 200);
    fx.workflowKey = wf.key;
    const run = await http(t.base, 'POST', '/v1/workflows/run', {
      token: wf.key,
      body: { inputs: { query: 'hi' }, response_mode: 'blocking', user: 'abc-123' },
    });
    assert.equal(run.status, 200, run.text);
    Object.assign(fx, { workflowId: run.body.data.workflow_id, workflowRunId: run.body.workflow_run_id });
    const flow = await app('advanced-chat');
    const flowGraph = {
      nodes: [node('start', 'start'), node('answer', 'answer', { answer: 'Topic: {{#conversation.topic#}}; you said {{#sys.query#}}' })],
      edges: [edge('start', 'answer')],
    };
    await admin('POST', `/apps/${flow.id}/workflows/draft`, {
      graph: flowGraph,
      conversation_variables: [{ id: randomUUID(), name: 'topic', value_type: 'string', value: 'none', description: 'what we talk about' }],
    });
    await admin('POST', `/apps/${flow.id}/workflows/publish`);
    fx.flowKey = flow.key;
    const flowMsg = await http(t.base, 'POST', '/v1/chat-messages', { token: flow.key, body: { inputs: {}, query: 'hi', user: 'abc-123' } });
    assert.equal(flowMsg.status, 200, flowMsg.text);
    fx.flowConversation = flowMsg.body.conversation_id;
    const flowStream = parseSse(
      (
        await http(t.base, 'POST', '/v1/chat-messages', {
          token: flow.key,
          body: { inputs: {}, query: 'streamed', response_mode: 'streaming', user: 'abc-123' },
        })
      ).text,
    );
    fx.flowRunId = flowStream.find((e) => e.workflow_run_id).workflow_run_id;
    const vars = await http(t.base, 'GET', `/v1/conversations/${fx.flowConversation}/variables?user=abc-123`, { token: flow.key });
    fx.flowVariable = vars.body.data[0].id;

    // A chat conversation with a message, an uploaded file (its creator is the end user), annotations.
    const msg = await http(t.base, 'POST', '/v1/chat-messages', { token: fx.chatKey, body: { inputs: { city: 'Paris' }, query: 'hello', user: 'abc-123' } });
    assert.equal(msg.status, 200, msg.text);
    Object.assign(fx, { conversation: msg.body.conversation_id, message: msg.body.message_id });
    await http(t.base, 'POST', `/v1/messages/${fx.message}/feedbacks`, { token: fx.chatKey, body: { rating: 'like', user: 'abc-123', content: 'good' } });
    const form = new FormData();
    form.append('user', 'abc-123');
    form.append('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')], { type: 'image/png' }), 'pixel.png');
    const up = await http(t.base, 'POST', '/v1/files/upload', { token: fx.chatKey, raw: form });
    assert.equal(up.status, 201, up.text);
    Object.assign(fx, { file: up.body.id, endUser: up.body.created_by });
    for (const q of ['What is Dify?', 'To delete']) {
      const a = await http(t.base, 'POST', '/v1/apps/annotations', { token: fx.chatKey, body: { question: q, answer: 'An LLM app platform.' } });
      fx[q === 'To delete' ? 'annotationToDelete' : 'annotation'] = a.body.id;
    }
    const en = await http(t.base, 'POST', '/v1/apps/annotation-reply/enable', {
      token: fx.chatKey,
      body: { score_threshold: 0.9, embedding_provider_name: 'openai', embedding_model_name: 'text-embedding-3-small' },
    });
    fx.annotationJob = en.body.job_id;

    // Knowledge: a dataset with completed documents, a parent-child dataset, metadata, a tag.
    const { client } = await KnowledgeClient.create(t);
    fx.datasetKey = client.key;
    const ds = await client.newDataset('Conformance KB');
    fx.dataset = ds.id;
    fx.doc = (
      await client.textDocument(ds.id, {
        name: 'guide.txt',
        text: 'Dify is an LLM application platform.\n\nSluice serves its APIs.',
        indexing_technique: 'high_quality',
        process_rule: { mode: 'automatic' },
      })
    ).id;
    const second = await client.textDocument(ds.id, {
      name: 'second.txt',
      text: 'A second document about retrieval.',
      indexing_technique: 'high_quality',
      process_rule: { mode: 'automatic' },
    });
    Object.assign(fx, { doc2: second.id, batch: second.batch });
    const fileDoc = await client.upload(
      `/datasets/${ds.id}/document/create-by-file`,
      { name: 'notes.txt', bytes: 'Notes uploaded as a file.\n\nA second paragraph.', type: 'text/plain' },
      { indexing_technique: 'high_quality', process_rule: { mode: 'automatic' } },
    );
    assert.equal(fileDoc.status, 200, fileDoc.text);
    await client.waitForBatch(ds.id, fileDoc.body.batch);
    fx.fileDoc = fileDoc.body.document.id;
    const segs = await client.api('GET', `/datasets/${ds.id}/documents/${fx.doc}/segments`);
    fx.segment = segs.body.data[0].id;
    const pc = await client.newDataset('Parent child KB');
    fx.pcDataset = pc.id;
    fx.pcDoc = (
      await client.textDocument(pc.id, {
        name: 'pc.txt',
        text: 'First paragraph line one.\nFirst paragraph line two.\n\nSecond paragraph line one.\nSecond paragraph line two.',
        doc_form: 'hierarchical_model',
        process_rule: {
          mode: 'hierarchical',
          rules: {
            parent_mode: 'paragraph',
            segmentation: { separator: '\n\n', max_tokens: 500 },
            subchunk_segmentation: { separator: '\n', max_tokens: 100 },
          },
        },
      })
    ).id;
    const pcSegs = await client.api('GET', `/datasets/${pc.id}/documents/${fx.pcDoc}/segments`);
    fx.pcSegment = pcSegs.body.data[0].id;
    fx.childChunk = pcSegs.body.data[0].child_chunks[0].id;
    const meta = await client.api('POST', `/datasets/${ds.id}/metadata`, { type: 'string', name: 'author' });
    fx.metadata = meta.body.id;
    const tag = await client.api('POST', '/datasets/tags', { name: 'conformance' });
    fx.tag = tag.body.id;
  });
  after(async () => t?.stop());

  const K = () => ({ key: fx.datasetKey });
  const D = () => ({ ...K(), params: { dataset_id: fx.dataset } });
  const example = (op: string, name?: string) => spec.requestExample(op, name);

  const CASES: Case[] = [
    // Chat apps
    {
      op: 'sendChatMessage',
      label: 'blocking',
      req: () => ({ key: fx.chatKey, body: { ...example('sendChatMessage', 'blocking_example'), conversation_id: fx.conversation } }),
    },
    {
      op: 'sendChatMessage',
      label: 'streaming',
      // The example's remote image is left out: the suite has no internet, and the app has no file upload.
      req: () => ({ key: fx.chatKey, events: 'ChunkChatEvent', body: { ...example('sendChatMessage', 'streaming_example'), files: undefined } }),
      check: (r) => assert.deepEqual([r.events![0].event, r.events!.at(-1).event], ['message', 'message_end']),
    },
    {
      op: 'sendChatMessage',
      label: 'chatflow streaming',
      req: () => ({ key: fx.flowKey, events: 'ChunkChatEvent', body: { ...example('sendChatMessage', 'streaming_example'), files: undefined, inputs: {} } }),
    },
    { op: 'stopChatMessageGeneration', req: () => ({ key: fx.chatKey, params: { task_id: randomUUID() }, body: example('stopChatMessageGeneration') }) },
    { op: 'getSuggestedQuestions', req: () => ({ key: fx.chatKey, params: { message_id: fx.message }, query: { user: 'abc-123' } }) },
    {
      op: 'uploadChatFile',
      req: () => ({ key: fx.chatKey, form: { fields: { user: 'abc-123' }, file: { name: 'notes.txt', bytes: 'some notes', type: 'text/plain' } } }),
    },
    { op: 'previewChatFile', req: () => ({ key: fx.chatKey, params: { file_id: fx.file }, query: { user: 'abc-123' } }) },
    { op: 'getEndUserChat', req: () => ({ key: fx.chatKey, params: { end_user_id: fx.endUser } }) },
    { op: 'postChatMessageFeedback', req: () => ({ key: fx.chatKey, params: { message_id: fx.message }, body: example('postChatMessageFeedback') }) },
    { op: 'getChatAppFeedbacks', req: () => ({ key: fx.chatKey, query: { page: '1', limit: '20' } }), check: (r) => assert.ok(r.body.data.length >= 1) },
    { op: 'getConversationsList', req: () => ({ key: fx.chatKey, query: { user: 'abc-123', limit: '20', sort_by: '-updated_at' } }) },
    { op: 'getConversationHistory', req: () => ({ key: fx.chatKey, query: { conversation_id: fx.conversation, user: 'abc-123', limit: '20' } }) },
    { op: 'getConversationVariables', req: () => ({ key: fx.flowKey, params: { conversation_id: fx.flowConversation }, query: { user: 'abc-123' } }) },
    { op: 'renameConversation', req: () => ({ key: fx.chatKey, params: { conversation_id: fx.conversation }, body: example('renameConversation') }) },
    {
      op: 'updateChatConversationVariable',
      req: () => ({
        key: fx.flowKey,
        params: { conversation_id: fx.flowConversation, variable_id: fx.flowVariable },
        body: example('updateChatConversationVariable'),
      }),
    },
    {
      op: 'deleteConversation',
      req: async () => {
        const m = await http(t.base, 'POST', '/v1/chat-messages', { token: fx.chatKey, body: { inputs: {}, query: 'to delete', user: 'abc-123' } });
        return { key: fx.chatKey, params: { conversation_id: m.body.conversation_id }, body: example('deleteConversation') };
      },
    },
    {
      op: 'audioToText',
      req: () => ({
        key: fx.chatKey,
        form: { fields: { user: 'abc-123' }, file: { name: 'hello.mp3', bytes: Buffer.from('ID3fake-mp3-bytes'), type: 'audio/mpeg' } },
      }),
    },
    { op: 'textToAudioChat', req: () => ({ key: fx.chatKey, body: example('textToAudioChat') }) },
    { op: 'getChatAppInfo', req: () => ({ key: fx.chatKey }) },
    { op: 'getChatAppParameters', req: () => ({ key: fx.chatKey }) },
    { op: 'getChatAppMeta', req: () => ({ key: fx.chatKey }) },
    { op: 'getChatWebAppSettings', req: () => ({ key: fx.chatKey }) },
    { op: 'createAnnotation', req: () => ({ key: fx.chatKey, body: example('createAnnotation') }) },
    { op: 'getAnnotationList', req: () => ({ key: fx.chatKey, query: { page: '1', limit: '20', keyword: 'Dify' } }) },
    { op: 'updateAnnotation', req: () => ({ key: fx.chatKey, params: { annotation_id: fx.annotation }, body: example('updateAnnotation') }) },
    { op: 'deleteAnnotation', req: () => ({ key: fx.chatKey, params: { annotation_id: fx.annotationToDelete } }) },
    { op: 'initialAnnotationReplySettings', req: () => ({ key: fx.chatKey, params: { action: 'enable' }, body: example('initialAnnotationReplySettings') }) },
    { op: 'getInitialAnnotationReplySettingsStatus', req: () => ({ key: fx.chatKey, params: { action: 'enable', job_id: fx.annotationJob } }) },
    // Workflows
    { op: 'getWorkflowRunDetail', req: () => ({ key: fx.workflowKey, params: { workflow_run_id: fx.workflowRunId } }) },
    { op: 'getWorkflowLogs', req: () => ({ key: fx.workflowKey, query: { page: '1', limit: '20', status: 'succeeded' } }) },
    {
      op: 'streamWorkflowEvents',
      label: 'finished run: replayed, then the stream ends',
      req: () => ({ key: fx.workflowKey, params: { workflow_run_id: fx.workflowRunId }, query: { user: 'abc-123' }, events: 'ChunkWorkflowEvent' }),
      check: (r) => assert.deepEqual([r.events![0].event, r.events!.at(-1).event], ['workflow_started', 'workflow_finished']),
    },
    {
      op: 'streamWorkflowEvents',
      label: 'a chatflow run: its chat events again',
      req: () => ({ key: fx.flowKey, params: { workflow_run_id: fx.flowRunId }, query: { user: 'abc-123' }, events: 'ChunkChatEvent' }),
      check: (r) =>
        assert.deepEqual(
          r.events!.slice(-2).map((e) => e.event),
          ['message_end', 'workflow_finished'],
        ),
    },
    { op: 'executeWorkflow', label: 'blocking', req: () => ({ key: fx.workflowKey, body: example('executeWorkflow', 'blocking_example') }) },
    {
      op: 'executeWorkflow',
      label: 'streaming',
      req: () => ({ key: fx.workflowKey, body: example('executeWorkflow', 'streaming_example'), events: 'ChunkWorkflowEvent' }),
      check: (r) => assert.equal(r.events!.at(-1).event, 'workflow_finished'),
    },
    { op: 'runWorkflowById', req: () => ({ key: fx.workflowKey, params: { workflow_id: fx.workflowId }, body: example('runWorkflowById') }) },
    { op: 'stopWorkflowTaskGeneration', req: () => ({ key: fx.workflowKey, params: { task_id: randomUUID() }, body: example('stopWorkflowTaskGeneration') }) },
    { op: 'createCompletionMessage', label: 'blocking', req: () => ({ key: fx.completionKey, body: example('createCompletionMessage', 'blocking_example') }) },
    {
      op: 'createCompletionMessage',
      label: 'streaming',
      req: () => ({
        key: fx.completionKey,
        body: { ...example('createCompletionMessage', 'streaming_example'), files: undefined },
        events: 'ChunkCompletionEvent',
      }),
    },
    { op: 'stopGenerate', req: () => ({ key: fx.completionKey, params: { task_id: randomUUID() }, body: example('stopGenerate') }) },
    // Knowledge bases
    {
      op: 'createDataset',
      req: () => ({
        ...K(),
        body: { name: 'Product docs', description: 'Docs', indexing_technique: 'high_quality', permission: 'only_me', provider: 'vendor' },
      }),
    },
    { op: 'listDatasets', req: () => ({ ...K(), query: { page: '1', limit: '20' } }) },
    { op: 'getDatasetDetail', req: () => D() },
    { op: 'updateDataset', req: () => ({ ...D(), body: { name: 'Conformance KB', description: 'Updated' } }) },
    {
      op: 'deleteDataset',
      req: async () => ({
        ...K(),
        params: {
          dataset_id: (await http(t.base, 'POST', '/v1/datasets', { token: fx.datasetKey, body: { name: `to delete ${randomUUID().slice(0, 8)}` } })).body.id,
        },
      }),
    },
    {
      op: 'createDocumentFromText',
      req: () => ({
        ...D(),
        body: {
          name: 'text.txt',
          text: 'Plain text for the knowledge base.',
          indexing_technique: 'high_quality',
          doc_form: 'text_model',
          doc_language: 'English',
          process_rule: { mode: 'automatic' },
        },
      }),
    },
    {
      op: 'createDocumentFromFile',
      req: () => ({
        ...D(),
        form: {
          fields: { data: spec.operation('createDocumentFromFile').op.requestBody.content['multipart/form-data'].schema.properties.data.example },
          file: { name: 'report.txt', bytes: 'A quarterly report.', type: 'text/plain' },
        },
      }),
    },
    { op: 'listDocuments', req: () => ({ ...D(), query: { page: '1', limit: '20' } }) },
    { op: 'getDocumentDetail', req: () => ({ ...D(), params: { dataset_id: fx.dataset, document_id: fx.doc }, query: { metadata: 'all' } }) },
    {
      op: 'deleteDocument',
      req: async () => {
        const r = await http(t.base, 'POST', `/v1/datasets/${fx.dataset}/document/create-by-text`, {
          token: fx.datasetKey,
          body: { name: 'gone.txt', text: 'bye', indexing_technique: 'high_quality', process_rule: { mode: 'automatic' } },
        });
        return { ...K(), params: { dataset_id: fx.dataset, document_id: r.body.document.id } };
      },
    },
    {
      op: 'updateDocument',
      req: () => ({
        ...K(),
        params: { dataset_id: fx.dataset, document_id: fx.fileDoc },
        form: {
          fields: { data: JSON.stringify({ process_rule: { mode: 'automatic' } }) },
          file: { name: 'notes.txt', bytes: 'Notes, second version.', type: 'text/plain' },
        },
      }),
    },
    { op: 'downloadDocument', req: () => ({ ...K(), params: { dataset_id: fx.dataset, document_id: fx.fileDoc } }) },
    { op: 'getDocumentIndexingStatus', req: () => ({ ...K(), params: { dataset_id: fx.dataset, batch: fx.batch } }) },
    {
      op: 'updateDocumentByText',
      req: () => ({
        ...K(),
        params: { dataset_id: fx.dataset, document_id: fx.doc2 },
        body: { name: 'second.txt', text: 'A second document, rewritten.', process_rule: { mode: 'automatic' } },
      }),
    },
    {
      op: 'updateDocumentByFile',
      req: () => ({
        ...K(),
        params: { dataset_id: fx.dataset, document_id: fx.fileDoc },
        form: {
          fields: { data: '{"doc_form":"text_model","doc_language":"English","process_rule":{"mode":"automatic"}}' },
          file: { name: 'notes.txt', bytes: 'Notes, third version.', type: 'text/plain' },
        },
      }),
    },
    { op: 'downloadDocumentsZip', req: () => ({ ...D(), body: { document_ids: [fx.fileDoc] } }) },
    { op: 'batchUpdateDocumentStatus', req: () => ({ ...K(), params: { dataset_id: fx.dataset, action: 'enable' }, body: { document_ids: [fx.doc] } }) },
    {
      op: 'createSegments',
      req: () => ({
        ...K(),
        params: { dataset_id: fx.dataset, document_id: fx.doc },
        body: { segments: [{ content: 'A hand-written chunk.', answer: '', keywords: ['hand'] }] },
      }),
    },
    { op: 'listSegments', req: () => ({ ...K(), params: { dataset_id: fx.dataset, document_id: fx.doc }, query: { page: '1', limit: '20' } }) },
    { op: 'getSegmentDetail', req: () => ({ ...K(), params: { dataset_id: fx.dataset, document_id: fx.doc, segment_id: fx.segment } }) },
    {
      op: 'updateSegment',
      req: () => ({
        ...K(),
        params: { dataset_id: fx.dataset, document_id: fx.doc, segment_id: fx.segment },
        body: { segment: { content: 'Dify is an LLM application platform, edited.', keywords: ['dify'], enabled: true } },
      }),
    },
    {
      op: 'deleteSegment',
      req: async () => {
        const r = await http(t.base, 'POST', `/v1/datasets/${fx.dataset}/documents/${fx.doc}/segments`, {
          token: fx.datasetKey,
          body: { segments: [{ content: 'to delete' }] },
        });
        return { ...K(), params: { dataset_id: fx.dataset, document_id: fx.doc, segment_id: r.body.data[0].id } };
      },
    },
    {
      op: 'createChildChunk',
      req: () => ({
        ...K(),
        params: { dataset_id: fx.pcDataset, document_id: fx.pcDoc, segment_id: fx.pcSegment },
        body: { content: 'A hand-written child chunk.' },
      }),
    },
    {
      op: 'getChildChunks',
      req: () => ({ ...K(), params: { dataset_id: fx.pcDataset, document_id: fx.pcDoc, segment_id: fx.pcSegment }, query: { page: '1', limit: '20' } }),
    },
    {
      op: 'updateChildChunk',
      req: () => ({
        ...K(),
        params: { dataset_id: fx.pcDataset, document_id: fx.pcDoc, segment_id: fx.pcSegment, child_chunk_id: fx.childChunk },
        body: { content: 'An edited child chunk.' },
      }),
    },
    {
      op: 'deleteChildChunk',
      req: async () => {
        const r = await http(t.base, 'POST', `/v1/datasets/${fx.pcDataset}/documents/${fx.pcDoc}/segments/${fx.pcSegment}/child_chunks`, {
          token: fx.datasetKey,
          body: { content: 'to delete' },
        });
        return { ...K(), params: { dataset_id: fx.pcDataset, document_id: fx.pcDoc, segment_id: fx.pcSegment, child_chunk_id: r.body.data.id } };
      },
    },
    {
      op: 'retrieveSegments',
      req: () => ({
        ...D(),
        body: {
          query: 'What is Dify?',
          retrieval_model: { search_method: 'semantic_search', reranking_enable: false, top_k: 3, score_threshold_enabled: false },
        },
      }),
      check: (r) => assert.ok(r.body.records.length >= 1),
    },
    { op: 'createKnowledgeTag', req: () => ({ ...K(), body: { name: 'Engineering' } }) },
    { op: 'getKnowledgeTags', req: () => K() },
    { op: 'updateKnowledgeTag', req: () => ({ ...K(), body: { tag_id: fx.tag, name: 'conformance-renamed' } }) },
    {
      op: 'deleteKnowledgeTag',
      req: async () => ({
        ...K(),
        body: {
          tag_id: (await http(t.base, 'POST', '/v1/datasets/tags', { token: fx.datasetKey, body: { name: `to delete ${randomUUID().slice(0, 8)}` } })).body.id,
        },
      }),
    },
    { op: 'bindTagsToDataset', req: () => ({ ...K(), body: { tag_ids: [fx.tag], target_id: fx.dataset } }) },
    { op: 'queryDatasetTags', req: () => D(), check: (r) => assert.equal(r.body.total, 1) },
    { op: 'unbindTagFromDataset', label: 'tag_ids array', req: () => ({ ...K(), body: { tag_ids: [fx.tag], target_id: fx.dataset } }) },
    { op: 'unbindTagFromDataset', label: 'older single tag_id', req: () => ({ ...K(), body: { tag_id: fx.tag, target_id: fx.dataset } }) },
    { op: 'createMetadataField', req: () => ({ ...D(), body: { type: 'string', name: 'category' } }) },
    { op: 'listMetadataFields', req: () => D() },
    { op: 'updateMetadataField', req: () => ({ ...K(), params: { dataset_id: fx.dataset, metadata_id: fx.metadata }, body: { name: 'writer' } }) },
    { op: 'getBuiltInMetadataFields', req: () => D() },
    { op: 'toggleBuiltInMetadataField', req: () => ({ ...K(), params: { dataset_id: fx.dataset, action: 'enable' } }) },
    {
      op: 'batchUpdateDocumentMetadata',
      req: () => ({ ...D(), body: { operation_data: [{ document_id: fx.doc, metadata_list: [{ id: fx.metadata, value: 'Ada', name: 'writer' }] }] } }),
    },
    {
      op: 'deleteMetadataField',
      req: async () => ({
        ...K(),
        params: {
          dataset_id: fx.dataset,
          metadata_id: (
            await http(t.base, 'POST', `/v1/datasets/${fx.dataset}/metadata`, {
              token: fx.datasetKey,
              body: { type: 'number', name: `gone_${randomUUID().slice(0, 8)}` },
            })
          ).body.id,
        },
      }),
    },
    { op: 'getAvailableModels', req: () => ({ ...K(), params: { model_type: 'text-embedding' } }) },
    { op: 'uploadPipelineFile', req: () => ({ ...K(), form: { file: { name: 'report.txt', bytes: 'A report for a pipeline.', type: 'text/plain' } } }) },
  ];

  it('has a case for every operation the document declares, or lists it as not served', () => {
    const covered = new Set([...CASES.map((c) => c.op), ...NOT_SERVED.map((n) => n.op)]);
    const missing = spec.operations.map((o) => o.operationId).filter((id) => !covered.has(id));
    assert.deepEqual(missing, []);
    assert.equal(spec.operations.length, 82);
  });

  it('refuses every operation without a key: 401 in Dify’s envelope', async () => {
    const failures: string[] = [];
    for (const o of spec.operations) {
      const params = Object.fromEntries([...o.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], randomUUID()]));
      const r = await send(o.operationId, { key: '', params, body: o.method === 'GET' ? undefined : {} }, false);
      if (r.status !== 401 || r.body?.code !== 'unauthorized' || r.body?.status !== 401 || typeof r.body?.message !== 'string')
        failures.push(`${o.operationId}: ${r.status} ${r.text.slice(0, 120)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('refuses a request with a required field missing: 400', async () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const c of CASES) {
      if (seen.has(c.op)) continue;
      seen.add(c.op);
      for (const { req, field } of await withoutRequired(c)) {
        const r = await send(c.op, req);
        const excused = CONFORMANCE_EXCEPTIONS.find(
          (x) => (x.ops === '*' || x.ops.includes(c.op)) && x.kind === 'required-not-enforced' && x.pointer === `/${field}`,
        );
        if (excused) {
          used.add(excused);
          continue;
        }
        if (r.status !== 400 || typeof r.body?.code !== 'string' || r.body?.status !== 400)
          failures.push(`${c.op} without ${field}: ${r.status} ${r.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  for (const c of CASES) {
    it(`${c.op}${c.label ? ` (${c.label})` : ''}`, async () => {
      const req = await c.req();
      const r = await send(c.op, req);
      assert.deepEqual(problems(c.op, r, req), [], `${c.op}: ${r.text.slice(0, 600)}`);
      c.check?.(r);
    });
  }

  for (const n of NOT_SERVED) {
    it(`${n.op} is not served, and says so instead of 404`, async () => {
      const o = spec.operation(n.op);
      const params = Object.fromEntries([...o.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], m[1] === 'dataset_id' ? fx.dataset : randomUUID()]));
      const key = o.path.startsWith('/datasets') ? fx.datasetKey : fx.flowKey;
      const r = await send(n.op, { key, params, body: o.method === 'GET' ? undefined : example(n.op) });
      assert.deepEqual([r.status, r.body?.code], [501, 'not_implemented'], r.text);
      assert.match(r.body.message, /not served|not supported/i);
    });
  }

  it('needs every documented exception it lists (none is stale)', () => {
    // Entries for the console's and the Web API's routes are checked by dify-console-web-conformance.spec.ts.
    const mine = CONFORMANCE_EXCEPTIONS.filter((x) => x.ops === '*' || x.ops.some((op) => !op.includes(':')));
    const stale = mine.filter((x) => !used.has(x)).map((x) => `${x.ops} ${x.kind} ${x.pointer}`);
    assert.deepEqual(stale, []);
  });

  /** The case's request once per required field of the document, with that field left out. */
  async function withoutRequired(c: Case): Promise<{ req: Req; field: string }[]> {
    const o = spec.operation(c.op).op;
    const out: { req: Req; field: string }[] = [];
    const requiredQuery = (o.parameters ?? []).filter((p: any) => p.in === 'query' && p.required).map((p: any) => p.name as string);
    const content = o.requestBody?.content ?? {};
    const media = Object.keys(content)[0];
    let schema = media ? content[media].schema : undefined;
    if (schema?.$ref) schema = spec.doc.components.schemas[schema.$ref.split('/').pop()];
    const requiredBody: string[] = schema?.required ?? [];
    if (!requiredQuery.length && !requiredBody.length) return out;
    const base = await c.req();
    for (const f of requiredQuery) {
      const query = { ...base.query };
      delete query[f];
      out.push({ req: { ...base, query }, field: f });
    }
    for (const f of requiredBody) {
      if (base.form) {
        const form = { ...base.form, fields: { ...base.form.fields } };
        if (f === 'file') delete form.file;
        else delete form.fields[f];
        out.push({ req: { ...base, form }, field: f });
      } else if (base.body) {
        const body = { ...base.body };
        delete body[f];
        out.push({ req: { ...base, body }, field: f });
      }
    }
    return out;
  }
});
