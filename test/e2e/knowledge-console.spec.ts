import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makePdf } from '../../libs/rag/src/testing/fixtures';
import { HttpResult, createAdminAndApp, http } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const SEED_DOCUMENT_FIELDS = [
  'id',
  'name',
  'character_count',
  'tokens',
  'indexing_status',
  'processing_started_at',
  'parsing_completed_at',
  'cleaning_completed_at',
  'splitting_completed_at',
  'completed_at',
  'paused_at',
  'error',
  'stopped_at',
  'indexing_latency',
  'created_at',
  'updated_at',
];

describe('Knowledge in the Console API (seed §3.2–3.3 and Dify’s console flow)', () => {
  let t: TestPlatform;
  let token: string;

  const con = (method: string, path: string, body?: unknown) => http(t.base, method, `/console/api${path}`, { token, body });

  async function multipart(path: string, file: { name: string; bytes: Buffer | string } | null, data?: string): Promise<HttpResult> {
    const form = new FormData();
    if (data !== undefined) form.append('data', data);
    if (file) form.append('file', new Blob([file.bytes]), file.name);
    return http(t.base, 'POST', `/console/api${path}`, { token, raw: form });
  }

  async function waitForBatch(
    datasetId: string,
    batch: string,
    done = (d: any) => d.indexing_status === 'completed' || d.indexing_status === 'error',
    timeoutMs = 60_000,
  ) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = await con('GET', `/datasets/${datasetId}/batch/${batch}/indexing-status`);
      assert.equal(r.status, 200, r.text);
      if (r.body.data.every(done)) return r.body.data;
      if (Date.now() > end) assert.fail(`batch ${batch} did not finish: ${r.text}`);
      await new Promise((res) => setTimeout(res, 150));
    }
  }

  before(async () => {
    t = await startTestPlatform();
    ({ token } = await createAdminAndApp(t.base));
  });
  after(async () => t?.stop());

  it('creates and lists datasets with the seed’s request and response shapes', async () => {
    const created = await con('POST', '/datasets', {
      name: '新知识库',
      description: '用于存储客服相关文档',
      indexing_technique: 'high_quality',
      permission: 'all_team_members',
    });
    assert.equal(created.status, 201, created.text);
    for (const f of ['id', 'name', 'description', 'provider', 'permission', 'indexing_technique', 'created_at']) assert.ok(f in created.body, `has ${f}`);
    assert.deepEqual(
      [created.body.name, created.body.provider, created.body.permission, created.body.indexing_technique],
      ['新知识库', 'vendor', 'all_team_members', 'high_quality'],
    );
    await con('POST', '/datasets', { name: '产品知识库', description: '包含所有产品相关信息', indexing_technique: 'economy', permission: 'only_me' });

    const page = await con('GET', '/datasets?page=1&limit=20');
    assert.equal(page.status, 200);
    assert.deepEqual([page.body.page, page.body.limit, page.body.total, page.body.has_more], [1, 20, 2, false]);
    for (const f of [
      'id',
      'name',
      'description',
      'provider',
      'permission',
      'data_source_type',
      'indexing_technique',
      'app_count',
      'document_count',
      'word_count',
      'created_by',
      'created_at',
      'updated_at',
    ]) {
      assert.ok(f in page.body.data[0], `list item has ${f}`);
    }
    const search = await con('GET', `/datasets?search=${encodeURIComponent('产品')}`);
    assert.deepEqual(
      search.body.data.map((d: any) => d.name),
      ['产品知识库'],
    );
    const dup = await con('POST', '/datasets', { name: '新知识库', indexing_technique: 'economy', permission: 'only_me' });
    assert.deepEqual([dup.status, dup.body.code], [409, 'dataset_name_duplicate']);
    // The dataset routes must not swallow the dataset-key routes that share their prefix.
    assert.equal((await con('GET', '/datasets/api-keys')).status, 200);
    const noAuth = await http(t.base, 'GET', '/console/api/datasets');
    assert.deepEqual([noAuth.status, noAuth.body.code], [401, 'unauthorized']);
  });

  it('uploads with the seed’s create_by_file (text_preprocessing_rule) and reports every stage timestamp', async () => {
    const ds = (await con('POST', '/datasets', { name: 'Manuals', indexing_technique: 'high_quality', permission: 'only_me' })).body;
    const pdf = await makePdf(2, (p) => [`Product manual page ${p}.`, 'Hold the power button for five seconds to reset.']);
    const r = await multipart(
      `/datasets/${ds.id}/document/create_by_file`,
      { name: 'manual.pdf', bytes: pdf },
      JSON.stringify({ name: '产品手册', text_preprocessing_rule: { mode: 'automatic' }, indexing_technique: 'high_quality' }),
    );
    assert.equal(r.status, 200, r.text);
    for (const f of SEED_DOCUMENT_FIELDS) assert.ok(f in r.body.document, `document has ${f}`);
    assert.equal(r.body.document.name, '产品手册');
    assert.equal(typeof r.body.batch, 'string');
    const [s] = await waitForBatch(ds.id, r.body.batch);
    assert.equal(s.indexing_status, 'completed', JSON.stringify(s));
    for (const f of ['processing_started_at', 'parsing_completed_at', 'cleaning_completed_at', 'splitting_completed_at', 'completed_at'])
      assert.equal(typeof s[f], 'number', f);
    const doc = await con('GET', `/datasets/${ds.id}/documents/${r.body.document.id}`);
    assert.ok(doc.body.character_count > 40);
    assert.ok(doc.body.tokens > 0);
    assert.equal(typeof doc.body.indexing_latency, 'number');
    const one = await con('GET', `/datasets/${ds.id}/documents/${r.body.document.id}/indexing-status`);
    assert.equal(one.body.indexing_status, 'completed');
    const listed = await con('GET', '/datasets?page=1&limit=20');
    const mine = listed.body.data.find((d: any) => d.id === ds.id);
    assert.equal(mine.document_count, 1);
    assert.ok(mine.word_count > 40);

    const badData = await multipart(`/datasets/${ds.id}/document/create_by_file`, { name: 'a.txt', bytes: 'x' }, 'not json');
    assert.deepEqual([badData.status, badData.body.code], [400, 'invalid_param']);
    const badType = await multipart(`/datasets/${ds.id}/document/create_by_file`, { name: 'a.pptx', bytes: 'x' }, '{}');
    assert.deepEqual([badType.status, badType.body.code], [415, 'unsupported_file_type']);
  });

  it('Dify’s console flow: files/upload, then documents from the file ids → {dataset, documents, batch}', async () => {
    const ds = (await con('POST', '/datasets', { name: 'Flow' })).body;
    const up1 = await multipart('/files/upload', { name: 'a.txt', bytes: 'Alpha file about apples.' });
    const up2 = await multipart('/files/upload', { name: 'b.md', bytes: '# Bananas\n\nBananas are yellow.' });
    assert.equal(up1.status, 201, up1.text);
    for (const f of ['id', 'name', 'size', 'extension', 'mime_type', 'created_by', 'created_at']) assert.ok(f in up1.body, `upload has ${f}`);
    assert.deepEqual([up1.body.name, up1.body.size, up1.body.extension], ['a.txt', 24, 'txt']);
    const body = {
      data_source: { type: 'upload_file', info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: [up1.body.id, up2.body.id] } } },
      indexing_technique: 'high_quality',
      process_rule: {
        mode: 'custom',
        rules: {
          pre_processing_rules: [
            { id: 'remove_extra_spaces', enabled: true },
            { id: 'remove_urls_emails', enabled: false },
          ],
          segmentation: { separator: '\\n', max_tokens: 500, chunk_overlap: 50 },
        },
      },
      doc_form: 'text_model',
    };
    const r = await con('POST', `/datasets/${ds.id}/documents`, body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.dataset.id, ds.id);
    assert.equal(r.body.dataset.indexing_technique, 'high_quality', 'the first documents decide the technique');
    assert.deepEqual(
      r.body.documents.map((d: any) => d.name),
      ['a.txt', 'b.md'],
    );
    const statuses = await waitForBatch(ds.id, r.body.batch);
    assert.deepEqual(
      statuses.map((s: any) => s.indexing_status),
      ['completed', 'completed'],
    );

    const list = await con('GET', `/datasets/${ds.id}/documents`);
    assert.equal(list.body.total, 2);
    const unknownFile = await con('POST', `/datasets/${ds.id}/documents`, {
      ...body,
      data_source: { type: 'upload_file', info_list: { file_info_list: { file_ids: ['00000000-0000-4000-8000-000000000000'] } } },
    });
    assert.deepEqual([unknownFile.status, unknownFile.body.code], [404, 'not_found']);
    const image = await multipart('/files/upload', { name: 'pic.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    assert.equal(image.status, 201);
    const imageDoc = await con('POST', `/datasets/${ds.id}/documents`, {
      ...body,
      data_source: { type: 'upload_file', info_list: { file_info_list: { file_ids: [image.body.id] } } },
    });
    assert.deepEqual([imageDoc.status, imageDoc.body.code], [415, 'unsupported_file_type']);

    const second = r.body.documents[1].id;
    const disabled = await con('PATCH', `/datasets/${ds.id}/documents/status/disable/batch?document_id=${second}`);
    assert.deepEqual([disabled.status, disabled.body], [200, { result: 'success' }]);
    assert.equal((await con('GET', `/datasets/${ds.id}/documents/${second}`)).body.display_status, 'disabled');
    assert.equal((await con('DELETE', `/datasets/${ds.id}/documents/${r.body.documents[0].id}`)).status, 204);
    assert.equal((await con('GET', `/datasets/${ds.id}/documents`)).body.total, 1);
  });

  it('pauses, resumes and retries documents', async () => {
    const ds = (await con('POST', '/datasets', { name: 'Pausing', indexing_technique: 'high_quality' })).body;
    // Rate-limited embeddings keep the document in flight long enough to pause it.
    t.model.failNext(2, { status: 429 });
    const r = await multipart(
      `/datasets/${ds.id}/document/create_by_file`,
      { name: 'slow.txt', bytes: 'Some text that takes a while to embed.' },
      JSON.stringify({ indexing_technique: 'high_quality', process_rule: { mode: 'automatic' } }),
    );
    const id = r.body.document.id;
    const paused = await con('PATCH', `/datasets/${ds.id}/documents/${id}/processing/pause`);
    assert.equal(paused.status, 204, paused.text);
    const doc = await con('GET', `/datasets/${ds.id}/documents/${id}`);
    assert.deepEqual([doc.body.display_status, doc.body.indexing_status, doc.body.is_paused], ['paused', 'paused', true]);
    assert.equal(typeof doc.body.paused_at, 'number');
    const listed = await con('GET', `/datasets/${ds.id}/documents?status=paused`);
    assert.deepEqual(
      listed.body.data.map((d: any) => d.id),
      [id],
    );
    await new Promise((res) => setTimeout(res, 3000));
    const still = await con('GET', `/datasets/${ds.id}/batch/${r.body.batch}/indexing-status`);
    assert.equal(still.body.data[0].indexing_status, 'paused', 'a paused document does not complete');

    const resumed = await con('PATCH', `/datasets/${ds.id}/documents/${id}/processing/resume`);
    assert.equal(resumed.status, 204, resumed.text);
    const [done] = await waitForBatch(ds.id, r.body.batch);
    assert.equal(done.indexing_status, 'completed', JSON.stringify(done));
    assert.equal(done.paused_at, null);
    const again = await con('PATCH', `/datasets/${ds.id}/documents/${id}/processing/pause`);
    assert.deepEqual([again.status, again.body.code], [400, 'document_already_finished']);

    // Retry starts a failed document over; completed ones are left alone.
    const empty = await multipart(`/datasets/${ds.id}/document/create_by_file`, { name: 'empty.txt', bytes: '' }, '{}');
    const [failed] = await waitForBatch(ds.id, empty.body.batch);
    assert.equal(failed.indexing_status, 'error');
    const retried = await con('POST', `/datasets/${ds.id}/retry`, { document_ids: [empty.body.document.id, id] });
    assert.equal(retried.status, 204, retried.text);
    const [again2] = await waitForBatch(ds.id, empty.body.batch);
    assert.equal(again2.indexing_status, 'error', 'the same empty file fails again, readably');
    assert.match(again2.error, /empty/i);
    assert.equal((await con('GET', `/datasets/${ds.id}/documents/${id}`)).body.indexing_status, 'completed');
  });

  it('turns a dataset’s Service API access off and on; PATCH and DELETE work from the console', async () => {
    const ds = (await con('POST', '/datasets', { name: 'API toggle' })).body;
    const key = (await con('POST', '/datasets/api-keys')).body.token;
    assert.equal((await http(t.base, 'GET', `/v1/datasets/${ds.id}`, { token: key })).status, 200);
    assert.deepEqual((await con('POST', `/datasets/${ds.id}/api-keys/disable`)).body, { result: 'success' });
    const off = await http(t.base, 'GET', `/v1/datasets/${ds.id}`, { token: key });
    assert.deepEqual([off.status, off.body.code], [403, 'forbidden']);
    assert.equal((await con('GET', `/datasets/${ds.id}`)).body.enable_api, false);
    await con('POST', `/datasets/${ds.id}/api-keys/enable`);
    assert.equal((await http(t.base, 'GET', `/v1/datasets/${ds.id}`, { token: key })).status, 200);

    const patched = await con('PATCH', `/datasets/${ds.id}`, { name: 'API toggle 2', description: 'd' });
    assert.deepEqual([patched.status, patched.body.name], [200, 'API toggle 2']);
    assert.equal((await con('DELETE', `/datasets/${ds.id}`)).status, 204);
    assert.equal((await con('GET', `/datasets/${ds.id}`)).status, 404);
  });
});
