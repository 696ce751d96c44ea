import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { Client } from 'pg';
import { makeDocx, makePdf } from '../../libs/rag/src/testing/fixtures';
import { http } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const TIMESTAMPS = ['processing_started_at', 'parsing_completed_at', 'cleaning_completed_at', 'splitting_completed_at', 'completed_at'];

describe('Knowledge Service API: datasets and documents (/v1/datasets)', () => {
  let t: TestPlatform;
  let c: KnowledgeClient;
  let console_: string;
  let appKey: string;
  let appId: string;
  let key: string;
  const api = (method: string, path: string, body?: unknown) => c.api(method, path, body);

  before(async () => {
    t = await startTestPlatform({ UPLOAD_FILE_SIZE_LIMIT_MB: '1' });
    const { admin, client } = await KnowledgeClient.create(t);
    c = client;
    ({ token: console_, key: appKey, appId } = admin);
    key = c.key;
    assert.match(key, /^dataset-[A-Za-z0-9]{24}$/);
  });
  after(async () => t?.stop());

  it('creates, lists, gets and updates datasets; a duplicate name is 409', async () => {
    const d = await c.newDataset('Product manuals', { description: 'All the manuals' });
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
      'embedding_model',
      'embedding_model_provider',
      'embedding_available',
      'retrieval_model_dict',
      'tags',
      'doc_form',
    ]) {
      assert.ok(f in d, `dataset has ${f}`);
    }
    assert.deepEqual([d.provider, d.permission, d.indexing_technique, d.app_count, d.document_count], ['vendor', 'only_me', 'high_quality', 0, 0]);
    assert.deepEqual([d.embedding_model, d.embedding_model_provider], ['text-embedding-3-small', 'openai']);
    assert.equal(typeof d.created_at, 'number');

    const dup = await api('POST', '/datasets', { name: 'Product manuals' });
    assert.deepEqual([dup.status, dup.body.code], [409, 'dataset_name_duplicate']);
    const noName = await api('POST', '/datasets', { description: 'x' });
    assert.deepEqual([noName.status, noName.body.code, noName.body.params], [400, 'invalid_param', 'name']);
    const longName = await api('POST', '/datasets', { name: 'x'.repeat(41) });
    assert.deepEqual([longName.status, longName.body.code], [400, 'invalid_param']);

    await c.newDataset('Release notes');
    const page = await api('GET', '/datasets?page=1&limit=1');
    assert.equal(page.status, 200);
    assert.deepEqual([page.body.page, page.body.limit, page.body.total, page.body.has_more, page.body.data.length], [1, 1, 2, true, 1]);
    assert.equal(page.body.data[0].name, 'Release notes', 'newest first');
    const search = await api('GET', '/datasets?keyword=manual');
    assert.deepEqual(
      search.body.data.map((x: any) => x.name),
      ['Product manuals'],
    );

    const got = await api('GET', `/datasets/${d.id}`);
    assert.equal(got.body.name, 'Product manuals');
    const patched = await api('PATCH', `/datasets/${d.id}`, {
      description: 'Updated',
      permission: 'all_team_members',
      retrieval_model: { search_method: 'hybrid_search', top_k: 3, reranking_enable: false, score_threshold_enabled: false },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(
      [patched.body.description, patched.body.permission, patched.body.retrieval_model_dict.search_method, patched.body.retrieval_model_dict.top_k],
      ['Updated', 'all_team_members', 'hybrid_search', 3],
    );
    const rename = await api('PATCH', `/datasets/${d.id}`, { name: 'Release notes' });
    assert.deepEqual([rename.status, rename.body.code], [409, 'dataset_name_duplicate']);
  });

  it('switching a dataset from economy to high_quality rebuilds its index with the default embedding model', async () => {
    const d = (await api('POST', '/datasets', { name: 'Cheap first', indexing_technique: 'economy' })).body;
    assert.deepEqual([d.indexing_technique, d.embedding_model], ['economy', null]);
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'owls', text: 'Owls hunt at night and sleep during the day.' });
    await c.waitForBatch(d.id, r.body.batch);
    const up = await api('PATCH', `/datasets/${d.id}`, { indexing_technique: 'high_quality' });
    assert.equal(up.status, 200, up.text);
    assert.deepEqual(
      [up.body.indexing_technique, up.body.embedding_model, up.body.embedding_model_provider],
      ['high_quality', 'text-embedding-3-small', 'openai'],
    );
    const end = Date.now() + 30_000;
    let records: any[] = [];
    while (Date.now() < end) {
      const res = await api('POST', `/datasets/${d.id}/retrieve`, {
        query: 'Owls hunt at night and sleep during the day.',
        retrieval_model: { search_method: 'semantic_search', reranking_enable: false, top_k: 3, score_threshold_enabled: false },
      });
      records = res.body.records ?? [];
      if (records.length) break;
      await new Promise((res2) => setTimeout(res2, 200));
    }
    assert.equal(records.length, 1, 'semantic search finds the document once its vectors exist');
  });

  it('create-by-text: the document is queued, then moves through every stage to completed', async () => {
    const d = await c.newDataset('Handbook');
    const text =
      'Sluice handbook.\n\nThe office opens at nine. Lunch is served at noon in the cafeteria.\n\nRefunds are processed within 14 days of the request.';
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, {
      name: 'handbook',
      text,
      indexing_technique: 'high_quality',
      process_rule: { mode: 'automatic' },
    });
    assert.equal(r.status, 200, r.text);
    const doc = r.body.document;
    assert.match(r.body.batch, /^\d{20}$/);
    assert.deepEqual(
      [doc.name, doc.indexing_status, doc.display_status, doc.created_from, doc.data_source_type, doc.position],
      ['handbook', 'waiting', 'queuing', 'api', 'upload_file', 1],
    );
    for (const f of [
      'id',
      'data_source_info',
      'tokens',
      'error',
      'enabled',
      'archived',
      'word_count',
      'hit_count',
      'doc_form',
      'character_count',
      'indexing_latency',
      'paused_at',
      'stopped_at',
      'updated_at',
      ...TIMESTAMPS,
    ]) {
      assert.ok(f in doc, `document has ${f}`);
    }
    const [status] = await c.waitForBatch(d.id, r.body.batch);
    assert.equal(status.indexing_status, 'completed', JSON.stringify(status));
    for (const f of TIMESTAMPS) assert.equal(typeof status[f], 'number', `${f} is set`);
    for (let i = 1; i < TIMESTAMPS.length; i++) assert.ok(status[TIMESTAMPS[i]] >= status[TIMESTAMPS[i - 1]], `${TIMESTAMPS[i]} after ${TIMESTAMPS[i - 1]}`);
    assert.ok(status.total_segments >= 1);
    assert.equal(status.completed_segments, status.total_segments);
    assert.equal(status.error, null);

    const got = await api('GET', `/datasets/${d.id}/documents/${doc.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual([got.body.indexing_status, got.body.display_status, got.body.enabled], ['completed', 'available', true]);
    assert.ok(got.body.word_count > 50 && got.body.character_count === got.body.word_count);
    assert.ok(got.body.tokens > 0);

    // The second document inherits the dataset's settings and comes after the first.
    const second = await api('POST', `/datasets/${d.id}/document/create_by_text`, { name: 'second', text: 'Another page about the parking lot.' });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.document.position, 2);
    await c.waitForBatch(d.id, second.body.batch);

    const list = await api('GET', `/datasets/${d.id}/documents?page=1&limit=20`);
    assert.deepEqual([list.body.total, list.body.page, list.body.has_more], [2, 1, false]);
    assert.deepEqual(list.body.data.map((x: any) => x.name).sort(), ['handbook', 'second']);
    const kw = await api('GET', `/datasets/${d.id}/documents?keyword=hand`);
    assert.deepEqual(
      kw.body.data.map((x: any) => x.name),
      ['handbook'],
    );
    const available = await api('GET', `/datasets/${d.id}/documents?status=available`);
    assert.equal(available.body.total, 2);
    const ds = await api('GET', `/datasets/${d.id}`);
    assert.equal(ds.body.document_count, 2);
    assert.ok(ds.body.word_count > 50);
  });

  it('create-by-file ingests txt, md, a generated PDF and DOCX into segments', async () => {
    const d = await c.newDataset('Files');
    const files = [
      { name: 'notes.txt', bytes: 'Plain text notes about the warehouse inventory.\nBoxes are counted every Monday.', type: 'text/plain' },
      { name: 'guide.md', bytes: '# Guide\n\n## Install\n\nRun the installer.\n\n## Use\n\nOpen the app and sign in.', type: 'text/markdown' },
      { name: 'report.pdf', bytes: await makePdf(3, (p) => [`Quarterly report page ${p}`, `Revenue grew on page ${p}.`]), type: 'application/pdf' },
      { name: 'manual.docx', bytes: await makeDocx(), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    ];
    const created: { id: string; batch: string; name: string }[] = [];
    for (const f of files) {
      const r = await c.upload(`/datasets/${d.id}/document/create-by-file`, f, {
        indexing_technique: 'high_quality',
        process_rule: {
          mode: 'custom',
          rules: { pre_processing_rules: [{ id: 'remove_extra_spaces', enabled: true }], segmentation: { separator: '\n', max_tokens: 200, chunk_overlap: 0 } },
        },
      });
      assert.equal(r.status, 200, `${f.name}: ${r.text}`);
      assert.equal(r.body.document.name, f.name);
      created.push({ id: r.body.document.id, batch: r.body.batch, name: f.name });
    }
    for (const doc of created) {
      const [s] = await c.waitForBatch(d.id, doc.batch);
      assert.equal(s.indexing_status, 'completed', `${doc.name}: ${JSON.stringify(s)}`);
      assert.ok(s.total_segments >= 1, `${doc.name} has segments`);
    }
    const segs = await api('GET', `/datasets/${d.id}/documents/${created[3].id}/segments`);
    assert.equal(segs.status, 200);
    const all = segs.body.data.map((s: any) => s.content).join('\n');
    assert.match(all, /Run the installer/);
    assert.match(all, /\| Linux \| apt install x \|/, 'DOCX tables become Markdown');
    const pdf = await api('GET', `/datasets/${d.id}/documents/${created[2].id}/segments`);
    assert.match(pdf.body.data.map((s: any) => s.content).join('\n'), /Quarterly report page 3/);
  });

  it('document status: disable, enable, archive (then immutable) and un_archive', async () => {
    const d = await c.newDataset('Status');
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'doc', text: 'Some text to index.' });
    await c.waitForBatch(d.id, r.body.batch);
    const id = r.body.document.id;
    const show = async () => (await api('GET', `/datasets/${d.id}/documents/${id}`)).body.display_status;
    const set = (action: string) => api('PATCH', `/datasets/${d.id}/documents/status/${action}`, { document_ids: [id] });
    assert.deepEqual((await set('disable')).body, { result: 'success' });
    assert.equal(await show(), 'disabled');
    await set('enable');
    assert.equal(await show(), 'available');
    await set('archive');
    assert.equal(await show(), 'archived');
    const upd = await api('POST', `/datasets/${d.id}/documents/${id}/update-by-text`, { name: 'doc', text: 'new text' });
    assert.deepEqual([upd.status, upd.body.code], [403, 'archived_document_immutable']);
    const del = await api('DELETE', `/datasets/${d.id}/documents/${id}`);
    assert.deepEqual([del.status, del.body.code], [403, 'archived_document_immutable']);
    await set('un_archive');
    assert.equal(await show(), 'available');
    const bad = await set('explode');
    assert.deepEqual([bad.status, bad.body.code], [400, 'invalid_action']);
  });

  it('update-by-text and update-by-file re-ingest the document as a new batch', async () => {
    const d = await c.newDataset('Updates');
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'v1', text: 'The old policy allowed pets.' });
    await c.waitForBatch(d.id, r.body.batch);
    const id = r.body.document.id;
    const upd = await api('POST', `/datasets/${d.id}/documents/${id}/update_by_text`, { name: 'v2', text: 'The new policy forbids pets in the office.' });
    assert.equal(upd.status, 200, upd.text);
    assert.notEqual(upd.body.batch, r.body.batch);
    assert.deepEqual([upd.body.document.id, upd.body.document.name], [id, 'v2']);
    assert.equal(upd.body.document.completed_at, null, 'the pipeline state starts over');
    await c.waitForBatch(d.id, upd.body.batch);
    const segs = await api('GET', `/datasets/${d.id}/documents/${id}/segments`);
    assert.match(segs.body.data.map((s: any) => s.content).join(' '), /forbids pets/);
    assert.doesNotMatch(segs.body.data.map((s: any) => s.content).join(' '), /allowed pets/);

    const byFile = await c.upload(`/datasets/${d.id}/documents/${id}/update-by-file`, { name: 'v3.md', bytes: '# Policy\n\nPets are welcome on Fridays.' }, {});
    assert.equal(byFile.status, 200, byFile.text);
    assert.equal(byFile.body.document.name, 'v3.md');
    await c.waitForBatch(d.id, byFile.body.batch);
    const after_ = await api('GET', `/datasets/${d.id}/documents/${id}/segments`);
    assert.match(after_.body.data.map((s: any) => s.content).join(' '), /welcome on Fridays/);
  });

  it('refuses bad input with Dify codes; an empty file ends in error and the dataset stays usable', async () => {
    const d = await c.newDataset('Bad input');
    const noText = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'x' });
    assert.deepEqual([noText.status, noText.body.code, noText.body.params], [400, 'invalid_param', 'text']);
    const noName = await api('POST', `/datasets/${d.id}/document/create-by-text`, { text: 'x' });
    assert.deepEqual([noName.status, noName.body.code, noName.body.params], [400, 'invalid_param', 'name']);
    const badRule = await api('POST', `/datasets/${d.id}/document/create-by-text`, {
      name: 'x',
      text: 'y',
      process_rule: { mode: 'custom', rules: { segmentation: { max_tokens: 10 } } },
    });
    assert.deepEqual([badRule.status, badRule.body.code], [400, 'invalid_param']);
    assert.match(badRule.body.message, /max_tokens must be between 50 and 4000 \(characters\)/);
    const economyless = await api('POST', '/datasets', { name: 'No technique yet' });
    const needsTechnique = await api('POST', `/datasets/${economyless.body.id}/document/create-by-text`, { name: 'x', text: 'y' });
    assert.deepEqual([needsTechnique.status, needsTechnique.body.code, needsTechnique.body.params], [400, 'invalid_param', 'indexing_technique']);

    const exe = await c.upload(`/datasets/${d.id}/document/create-by-file`, { name: 'virus.exe', bytes: 'MZ' }, {});
    assert.deepEqual([exe.status, exe.body.code], [415, 'unsupported_file_type']);
    const xls = await c.upload(`/datasets/${d.id}/document/create-by-file`, { name: 'old.xls', bytes: 'x' }, {});
    assert.deepEqual([xls.status, xls.body.code], [415, 'unsupported_file_type']);
    assert.match(xls.body.message, /xlsx/);
    const big = await c.upload(`/datasets/${d.id}/document/create-by-file`, { name: 'big.txt', bytes: Buffer.alloc(1024 * 1024 + 10, 'a') }, {});
    assert.deepEqual([big.status, big.body.code], [413, 'file_too_large']);
    const none = await c.upload(`/datasets/${d.id}/document/create-by-file`, null, {});
    assert.deepEqual([none.status, none.body.code], [400, 'no_file_uploaded']);
    const badData = await c.upload(`/datasets/${d.id}/document/create-by-file`, { name: 'a.txt', bytes: 'hello' }, '{not json');
    assert.deepEqual([badData.status, badData.body.code, badData.body.params], [400, 'invalid_param', 'data']);

    const empty = await c.upload(`/datasets/${d.id}/document/create-by-file`, { name: 'empty.txt', bytes: '' }, { indexing_technique: 'high_quality' });
    assert.equal(empty.status, 200, empty.text);
    const [failed] = await c.waitForBatch(d.id, empty.body.batch);
    assert.equal(failed.indexing_status, 'error');
    assert.match(failed.error, /empty/i);
    assert.equal(typeof failed.stopped_at, 'number');
    const listErr = await api('GET', `/datasets/${d.id}/documents?status=error`);
    assert.deepEqual(
      listErr.body.data.map((x: any) => x.name),
      ['empty.txt'],
    );
    const ok = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'fine', text: 'The dataset still works.' });
    const [fine] = await c.waitForBatch(d.id, ok.body.batch);
    assert.equal(fine.indexing_status, 'completed');

    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/datasets/${unknown}`,
      `/datasets/not-a-uuid`,
      `/datasets/${d.id}/documents/${unknown}`,
      `/datasets/${d.id}/documents/${unknown}/segments`,
      `/datasets/${d.id}/documents/nope/indexing-status`,
    ]) {
      const res = await api('GET', path);
      assert.deepEqual([res.status, res.body.code], [404, 'not_found'], path);
    }
    const retrieveUnknown = await api('POST', `/datasets/${unknown}/retrieve`, { query: 'x' });
    assert.deepEqual([retrieveUnknown.status, retrieveUnknown.body.code], [404, 'not_found']);
  });

  it('deletes documents and datasets; a dataset an app uses is 409 dataset_in_use', async () => {
    const d = await c.newDataset('Disposable');
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'gone', text: 'Soon deleted.' });
    await c.waitForBatch(d.id, r.body.batch);
    assert.equal((await api('DELETE', `/datasets/${d.id}/documents/${r.body.document.id}`)).status, 204);
    assert.equal((await api('GET', `/datasets/${d.id}/documents/${r.body.document.id}`)).status, 404);
    assert.equal((await api('GET', `/datasets/${d.id}`)).body.document_count, 0);

    const cfg = await http(t.base, 'POST', `/console/api/apps/${appId}/model-config`, {
      token: console_,
      body: {
        model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} },
        pre_prompt: 'hi',
        dataset_configs: { retrieval_model: 'multiple', datasets: { datasets: [{ dataset: { enabled: true, id: d.id } }] } },
      },
    });
    assert.equal(cfg.status, 200, cfg.text);
    assert.equal((await api('GET', `/datasets/${d.id}`)).body.app_count, 1);
    const inUse = await api('DELETE', `/datasets/${d.id}`);
    assert.deepEqual([inUse.status, inUse.body.code], [409, 'dataset_in_use']);
    await http(t.base, 'POST', `/console/api/apps/${appId}/model-config`, {
      token: console_,
      body: { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} }, pre_prompt: 'hi' },
    });
    assert.equal((await api('DELETE', `/datasets/${d.id}`)).status, 204);
    assert.equal((await api('GET', `/datasets/${d.id}`)).status, 404);
  });

  it('keys: an app key is refused on knowledge routes, a dataset key on app routes; other workspaces are invisible', async () => {
    const mine = await c.newDataset('Private');
    const withAppKey = await http(t.base, 'GET', '/v1/datasets', { token: appKey });
    assert.equal(withAppKey.status, 401);
    assert.equal(withAppKey.body.code, 'invalid_api_key');
    const chatWithDatasetKey = await http(t.base, 'POST', '/v1/chat-messages', { token: key, body: { query: 'hi', inputs: {}, user: 'u' } });
    assert.equal(chatWithDatasetKey.status, 401);
    assert.equal((await http(t.base, 'GET', '/v1/datasets')).status, 401);

    const db = new Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    try {
      const tenant = (await db.query(`INSERT INTO tenants (name) VALUES ('Other') RETURNING id`)).rows[0].id;
      const acc = (
        await db.query(`INSERT INTO accounts (email, name, password_hash) VALUES ('other-kb@example.com', 'Other', $1) RETURNING id`, [
          await bcrypt.hash('other-password', 4),
        ])
      ).rows[0].id;
      await db.query(`INSERT INTO tenant_account_joins (tenant_id, account_id, role, current) VALUES ($1, $2, 'owner', true)`, [tenant, acc]);
    } finally {
      await db.end();
    }
    const login = await http(t.base, 'POST', '/console/api/login', { body: { email: 'other-kb@example.com', password: 'other-password' } });
    const otherKey = (await http(t.base, 'POST', '/console/api/datasets/api-keys', { token: login.body.data.access_token })).body.token;
    const other = (p: string, method = 'GET', body?: unknown) => http(t.base, method, `/v1${p}`, { token: otherKey, body });
    assert.deepEqual((await other('/datasets')).body.data, []);
    for (const [method, path, body] of [
      ['GET', `/datasets/${mine.id}`],
      ['PATCH', `/datasets/${mine.id}`, { name: 'stolen' }],
      ['DELETE', `/datasets/${mine.id}`],
      ['GET', `/datasets/${mine.id}/documents`],
      ['POST', `/datasets/${mine.id}/document/create-by-text`, { name: 'x', text: 'y' }],
    ] as const) {
      const res = await other(path, method, body);
      assert.deepEqual([res.status, res.body.code], [404, 'not_found'], `${method} ${path}`);
    }
    const theirs = await other('/datasets', 'POST', { name: 'Private' });
    assert.equal(theirs.status, 200, 'names are unique per workspace only');
    assert.equal((await api('GET', `/datasets/${mine.id}`)).body.name, 'Private');
  });
});
