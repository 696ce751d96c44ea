/**
 * fast-check arbitraries for hostile requests: every value an attacker (or a broken client) might send
 * in a body, a query string, a path or a header.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DocumentedOperation } from '../gateway-routes';
import { FuzzFixtures } from './fuzz-fixtures';

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer | FormData;
  /** a short description for failure reports (bodies can be a megabyte) */
  label: string;
}

const MB = 'A'.repeat(1 << 20);
const deepObject = (n: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
};
const deepRaw = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** Values that are wrong in kind or size for almost any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a\u0000b', '\u0000', 'x'.repeat(300), 'ä'.repeat(3000), '', ' ', '../../etc/passwd', '%00', '{{#sys.query#}}', '<script>alert(1)</script>'),
  fc.constantFrom('\ud800', 'x\udfffy', '\udbff\ud800', 'a\ud83d'),
  fc.constantFrom(1e308, -1e308, 2 ** 63, 2 ** 64, -(2 ** 63), 1.5, -1, 0, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1),
  fc.constantFrom(true, false, null, [], {}, [[]], { $ne: 1 }, '1e20', 'NaN', '-1', 'not-a-uuid', '00000000-0000-0000-0000-000000000000'),
  fc.constantFrom<unknown>(deepObject(40), deepObject(200), { __proto__: { polluted: 1 } }, JSON.parse('{"__proto__":{"polluted":1}}'), {
    constructor: { prototype: { x: 1 } },
  }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant('\u0000')), { maxKeys: 4 }),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant('\ud800')), { maxLength: 4 }),
);

/** Rarely, a megabyte: enough to find unbounded columns without slowing the suite down. */
const hostileOrHuge = fc.oneof({ weight: 60, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant(MB) });

export const hostileId = fc.constantFrom(
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '8e1c5a3c-5b1d-4c2f-9d8e-1a2b3c4d5e6f',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  '1e20',
  '99999999999999999999',
  '-1',
  '%20',
  'x'.repeat(2000),
  '..%2F..%2Fetc%2Fpasswd',
  '%C0%AE',
  'null',
  'ü',
);

const hostileQueryValue = fc.oneof(
  fc.constantFrom('99999999999999999999', '1e20', '1e308', '-1', '0', 'NaN', '1.5', '%00', 'a%00b', '%ED%A0%80', '%FF', '%', 'true', ''),
  fc.constantFrom('x'.repeat(4000), 'not-a-uuid', '00000000-0000-0000-0000-000000000000'),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

const QUERY_POOL = [
  'page',
  'limit',
  'user',
  'keyword',
  'last_id',
  'first_id',
  'conversation_id',
  'app_id',
  'status',
  'sort_by',
  'as_attachment',
  'document_id',
  'search',
  'mode',
  'name',
  'pinned',
  'variable_name',
  'tag_ids',
  'enabled',
];
const BODY_POOL = [
  'query',
  'inputs',
  'user',
  'response_mode',
  'conversation_id',
  'files',
  'name',
  'text',
  'indexing_technique',
  'process_rule',
  'doc_form',
  'page',
  'limit',
  'api_rpm',
  'api_rph',
  'max_active_requests',
  'enable_api',
  'email',
  'password',
  'refresh_token',
  'graph',
  'segments',
  'segment',
  'content',
  'answer',
  'keywords',
  'document_ids',
  'document_id',
  'operation_data',
  'metadata_list',
  'tag_ids',
  'tag_id',
  'target_id',
  'rating',
  'auto_generate',
  'app_id',
  'question',
  'type',
  'mode',
  'description',
  'retrieval_model',
  'data',
  'yaml_content',
  'mode',
  'message_id',
  'voice',
  'value',
  'enabled',
  'score_threshold',
  'embedding_model_name',
  'top_k',
  'parent_message_id',
  'workflow_id',
  'model',
  'pre_prompt',
  'user_input_form',
  'conversation_variables',
  'data_source',
  'permission',
  'icon',
  'remember_me',
  'credentials',
  'task_id',
];

/** Plausible values, so a request with one hostile field still gets past the others' validation. */
function validValue(field: string, fx: FuzzFixtures): unknown {
  const v: Record<string, unknown> = {
    query: 'hello',
    inputs: { topic: 'tea' },
    user: 'fuzz-user',
    response_mode: 'streaming',
    conversation_id: fx.ids.conversation,
    files: [],
    name: 'fuzz name',
    text: 'some text to index',
    indexing_technique: 'economy',
    process_rule: { mode: 'automatic' },
    doc_form: 'text_model',
    page: 1,
    limit: 20,
    api_rpm: 10,
    email: 'fuzz@example.com',
    password: 'fuzz-password-123',
    segments: [{ content: 'c' }],
    segment: { content: 'c' },
    content: 'content',
    answer: 'a',
    keywords: ['k'],
    document_ids: [fx.ids.document],
    document_id: fx.ids.document,
    tag_ids: [fx.ids.tag],
    tag_id: fx.ids.tag,
    target_id: fx.ids.dataset,
    rating: 'like',
    app_id: fx.apps.chat,
    question: 'q',
    type: 'string',
    mode: 'chat',
    retrieval_model: { search_method: 'keyword_search', top_k: 2 },
    data: '{}',
    message_id: fx.ids.message,
    enabled: true,
    score_threshold: 0.5,
    embedding_model_name: 'text-embedding-3-small',
    top_k: 3,
    workflow_id: fx.ids.workflowVersion,
    metadata_list: [],
    operation_data: [],
    files_upload: [{ type: 'document', transfer_method: 'local_file', upload_file_id: fx.ids.file }],
  };
  return field in v ? v[field] : 'fuzz';
}

/** Dify's `files` entries: a plausible shape with hostile ids or methods. */
const hostileFiles = (fx: FuzzFixtures) =>
  fc.array(
    fc.record(
      {
        type: fc.constantFrom('image', 'document', 'custom', 'x', '\u0000'),
        transfer_method: fc.constantFrom('local_file', 'remote_url', 'bogus'),
        upload_file_id: fc.oneof(fc.constant(fx.ids.file), hostileId),
        url: fc.constantFrom('http://127.0.0.1:1/x', 'http://[::ffff:127.0.0.1]/', 'file:///etc/passwd', 'http://0x7f.1/', '\u0000'),
      },
      { requiredKeys: ['transfer_method'] },
    ),
    { maxLength: 3 },
  );

function objectBody(op: DocumentedOperation, fx: FuzzFixtures): fc.Arbitrary<Record<string, unknown>> {
  const fields = [...new Set([...op.bodyFields, ...BODY_POOL])];
  return fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...fields), { minLength: 0, maxLength: 6 }),
      fc.array(fc.oneof({ weight: 2, arbitrary: hostileOrHuge }, { weight: 1, arbitrary: fc.constant('__valid__') }), { minLength: 6, maxLength: 6 }),
      fc.boolean(),
      hostileFiles(fx),
    )
    .map(([keys, values, baseValid, files]) => {
      const o: Record<string, unknown> = {};
      // Half the bodies start from a valid-looking request, so one bad field is the only fault.
      if (baseValid) for (const f of op.bodyFields.length ? op.bodyFields : ['user', 'query', 'inputs']) o[f] = validValue(f, fx);
      keys.forEach((k, i) => (o[k] = values[i] === '__valid__' ? validValue(k, fx) : values[i]));
      if ('files' in o && Array.isArray(o.files) && !o.files.length) o.files = files;
      return o;
    });
}

interface BodyPart {
  contentType?: string;
  encoding?: string;
  body?: string | Buffer | FormData;
  label: string;
}

function bodyArb(op: DocumentedOperation, fx: FuzzFixtures): fc.Arbitrary<BodyPart> {
  const json = objectBody(op, fx).map((o): BodyPart => ({ contentType: 'application/json', body: JSON.stringify(o), label: `json ${describe(o)}` }));
  const rawHazards = fc
    .tuple(
      objectBody(op, fx),
      fc.constantFrom('api_rpm', 'max_active_requests', 'limit', 'page', 'inputs', 'query', 'user', 'top_k'),
      fc.constantFrom(
        '18446744073709551616',
        '1e400',
        '-0',
        '"\\ud800"',
        '"a\\u0000b"',
        '{"k":"\\udc00"}',
        deepRaw(40),
        deepRaw(8000),
        '['.repeat(5000) + ']'.repeat(5000),
      ),
    )
    .map(([o, field, raw]): BodyPart => {
      const { [field]: _drop, ...rest } = o;
      const text = JSON.stringify(rest);
      return {
        contentType: 'application/json',
        body: `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"${field}":${raw}}`,
        label: `raw ${field}=${raw.slice(0, 40)}`,
      };
    });
  const malformed = fc
    .constantFrom('{', '{"a":1,}', "{'a':1}", '', 'null', '"x"', '[1,2', '\u0000', '{"a":"\\x"}', '{"a":NaN}', '\ufeff{}', '{"query":"\\ud800"}')
    .map((b): BodyPart => ({ contentType: 'application/json', body: b, label: `malformed ${JSON.stringify(b)}` }));
  const wrongType = fc
    .constantFrom<[string, string | Buffer]>(
      ['text/plain', '{"query":"hi"}'],
      ['application/xml', '<a>1</a>'],
      ['application/octet-stream', Buffer.from([0, 255, 254, 1])],
      ['application/json; charset=x-bogus', '{}'],
      ['application/json; charset=utf-16', '{}'],
      ['application/x-www-form-urlencoded; charset=koi8-r', 'a=1'],
      ['multipart/form-data', '--x\r\n'],
      ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="user"\r\n\r\nu\r\n'],
      ['application/json', '{"a":1}'.padEnd(50, ' ') + '\u0000'],
    )
    .map(([ct, b]): BodyPart => ({ contentType: ct, body: b, label: `content-type ${ct}` }));
  const urlencoded = fc
    .constantFrom(
      Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&'),
      'user=%00&query=hi',
      'a' + '[a]'.repeat(60) + '=1',
      'user=' + 'x'.repeat(5000),
      'page=1e20&limit=-1',
      'inputs[__proto__][x]=1',
    )
    .map((b): BodyPart => ({ contentType: 'application/x-www-form-urlencoded', body: b, label: `urlencoded ${b.slice(0, 40)}` }));
  const multipart = fc
    .tuple(
      fc.dictionary(
        fc.constantFrom('user', 'data', 'app_id', 'query', 'name', 'file'),
        fc.oneof(hostileValue, fc.constant('{"name":"\\u0000"}'), fc.constant(deepRaw(100))),
        { maxKeys: 3 },
      ),
      fc.boolean(),
      fc.constantFrom('a.txt', 'a.exe', '', '\u0000.txt', '../../x.md', 'x'.repeat(300) + '.txt'),
    )
    .map(([fields, withFile, fname]): BodyPart => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));
      if (withFile) form.append('file', new Blob(['hello fuzz']), fname);
      return { body: form, label: `multipart ${describe(fields)} file=${withFile ? fname.slice(0, 20) : '-'}` };
    });
  const encoded = fc
    .tuple(objectBody(op, fx), fc.constantFrom('x-bogus', 'gzip', 'deflate', 'br', 'gzip, deflate', 'identity, x', 'GZIP', 'gzip-valid'))
    .map(([o, enc]): BodyPart => {
      const text = JSON.stringify(o);
      if (enc === 'gzip-valid') return { contentType: 'application/json', encoding: 'gzip', body: gzipSync(text), label: `gzip(json ${describe(o)})` };
      return { contentType: 'application/json', encoding: enc, body: text, label: `content-encoding ${enc} on a plain body` };
    });
  return fc.oneof(
    { weight: 10, arbitrary: json },
    { weight: 3, arbitrary: rawHazards },
    { weight: 2, arbitrary: malformed },
    { weight: 2, arbitrary: wrongType },
    { weight: 1, arbitrary: urlencoded },
    { weight: 2, arbitrary: multipart },
    { weight: 2, arbitrary: encoded },
    { weight: 1, arbitrary: fc.constant<BodyPart>({ label: 'no body' }) },
  );
}

function describe(v: unknown): string {
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 40 ? `<${x.length} chars>` : x)) ?? String(v);
  return s.length > 200 ? s.slice(0, 200) + '…' : s;
}

/** Routes whose valid ids would let the fuzzer delete or switch off the fixtures everything else needs. */
export function isDestructive(op: DocumentedOperation): boolean {
  return (
    op.method === 'DELETE' ||
    /logout|model-config|credentials|api-keys\/\{status\}|documents\/status|processing|\/retry|update[-_]by/.test(op.path) ||
    (op.method === 'PUT' && op.path === '/console/api/apps/{id}') ||
    (op.method === 'PATCH' && /\/datasets\/\{dataset_id\}$/.test(op.path))
  );
}

function validParam(op: DocumentedOperation, name: string, fx: FuzzFixtures): string | undefined {
  const p = op.path;
  const web = p.startsWith('/api/');
  switch (name) {
    case 'id':
      if (p.startsWith('/console/api/apps/')) return /workflows|export/.test(p) ? fx.apps.workflow : fx.apps.chat;
      if (p.includes('/messages/')) return web ? fx.ids.webMessage : fx.ids.message;
      if (p.includes('/conversations/')) return web ? fx.ids.webConversation : fx.ids.conversation;
      if (p.includes('/files/')) return fx.ids.file;
      if (p.includes('/annotations/')) return fx.ids.annotation;
      if (p.includes('/end-users/')) return fx.ids.endUser;
      if (p.includes('/workflows/run/')) return fx.ids.workflowRun;
      return undefined;
    case 'conversationId':
      return fx.ids.flowConversation;
    case 'variable_id':
      return fx.ids.variable;
    case 'task_id':
      return p.includes('workflows') ? fx.ids.workflowTask : fx.ids.task;
    case 'workflow_id':
      return fx.ids.workflowVersion;
    case 'dataset_id':
      return fx.ids.dataset;
    case 'document_id':
      return fx.ids.document;
    case 'segment_id':
      return fx.ids.segment;
    case 'metadata_id':
      return fx.ids.metadata;
    case 'batch':
      return fx.ids.batch;
    case 'action':
    case 'status':
      return 'enable';
    case 'provider':
      return 'openai';
    case 'model_type':
      return 'text-embedding';
    default:
      return undefined;
  }
}

function appKeyFor(op: DocumentedOperation, fx: FuzzFixtures): string {
  if (op.path.includes('/variables')) return fx.keys.chatflow;
  if (op.path.startsWith('/v1/workflows')) return fx.keys.workflow;
  if (/completion/.test(op.path)) return fx.keys.completion;
  return fx.keys.chat;
}

/** Every hostile request one documented operation can receive. */
export function requestArb(op: DocumentedOperation, fx: FuzzFixtures, base: string): fc.Arbitrary<FuzzRequest> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const destructive = isDestructive(op);
  const params = fc.tuple(
    ...names.map((n) => {
      const valid = destructive ? undefined : validParam(op, n, fx);
      return valid ? fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: hostileId }) : hostileId;
    }),
  );
  const queryKeys = [...new Set([...op.queryParams, ...QUERY_POOL])];
  const query = fc.uniqueArray(fc.tuple(fc.constantFrom(...queryKeys), fc.oneof(hostileQueryValue, fc.constant('__valid__'))), {
    maxLength: 4,
    selector: ([k]) => k,
  });
  const credential = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...op.credentials) },
    { weight: 1, arbitrary: fc.constantFrom('garbage', 'basic', 'missing') },
  );
  const withBody = op.method !== 'GET';
  return fc.tuple(params, query, credential, withBody ? bodyArb(op, fx) : fc.constant<BodyPart>({ label: 'no body' })).map(([ps, q, cred, b]) => {
    let i = 0;
    const path = op.path.replace(/\{\w+\}/g, () => {
      const v = ps[i++] as string;
      return /^[0-9a-f-]{36}$/.test(v) || /%/.test(v) ? v : encodeURIComponent(v);
    });
    const headers: Record<string, string> = {};
    const qs = q.map(([k, v]) => `${k}=${v === '__valid__' ? encodeURIComponent(String(validValue(k, fx))) : v}`);
    switch (cred) {
      case 'appKey':
        headers.authorization = `Bearer ${appKeyFor(op, fx)}`;
        break;
      case 'datasetKey':
        headers.authorization = `Bearer ${fx.datasetKey}`;
        break;
      case 'session':
        headers.authorization = `Bearer ${/logout/.test(op.path) ? fx.logoutToken : fx.console}`;
        break;
      case 'userToken':
        headers.authorization = `Bearer ${fx.console}`;
        qs.push(`app_id=${op.path.includes('workflows') ? fx.apps.workflow : fx.apps.chat}`);
        break;
      case 'passport':
        headers.authorization = `Bearer ${fx.passport}`;
        headers['x-app-code'] = fx.siteCode;
        break;
      case 'garbage':
        headers.authorization = 'Bearer app-garbage\u00e9'.replace('\u00e9', 'x');
        break;
      case 'basic':
        headers.authorization = 'Basic Zm9vOmJhcg==';
        break;
      default:
        if (op.path === '/api/passport') headers['x-app-code'] = fx.siteCode;
    }
    let body = b.body;
    // The seed's Web API callers name the app in the body: put it first, so a later hostile app_id still wins.
    if (cred === 'userToken' && typeof body === 'string' && body.startsWith('{') && !b.encoding) {
      body = `{"app_id":"${op.path.includes('workflows') ? fx.apps.workflow : fx.apps.chat}"${body.length > 2 ? ',' : ''}${body.slice(1)}`;
    }
    if (b.contentType) headers['content-type'] = b.contentType;
    if (b.encoding) headers['content-encoding'] = b.encoding;
    const url = `${base}${path}${qs.length ? '?' + qs.join('&') : ''}`;
    return {
      method: op.method,
      url,
      headers,
      body,
      label: `${op.method} ${path.slice(0, 160)}${qs.length ? '?' + qs.join('&').slice(0, 160) : ''} [${cred}] ${b.label}`,
    };
  });
}
