import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { makePdf } from '../../../libs/rag/src/testing/fixtures';
import { HttpResult, http } from '../../support/http-client';
import { TestPlatform } from '../../support/test-platform';
import { ConsoleFixture } from './console-fixture';

const PARAGRAPHS = [
  'Aurora borealis appears near the poles when solar wind meets the magnetosphere.',
  'Basalt columns form when thick lava flows cool and contract evenly.',
  'Coral reefs grow slowly, a few millimetres a year, in warm shallow seas.',
  'Dune fields migrate downwind as sand grains hop over the crest.',
  'Estuaries mix fresh river water with the salt water of the sea.',
  'Fjords are valleys carved by glaciers and later flooded by the sea.',
];
const TEXT = PARAGRAPHS.join('\n\n');
const BY_PARAGRAPH = {
  mode: 'custom',
  rules: { pre_processing_rules: [{ id: 'remove_extra_spaces', enabled: true }], segmentation: { separator: '\\n\\n', max_tokens: 120, chunk_overlap: 0 } },
};
const PARENT_CHILD = {
  mode: 'hierarchical',
  rules: {
    pre_processing_rules: [],
    parent_mode: 'paragraph',
    segmentation: { separator: '\\n\\n', max_tokens: 500, chunk_overlap: 0 },
    subchunk_segmentation: { separator: ' ', max_tokens: 60, chunk_overlap: 0 },
  },
};

/** Console knowledge pages (issue 11): indexing estimate, segment browser, metadata, tags, retrieval test, settings. */
export function knowledgePages(shared: () => ConsoleFixture) {
  let t: TestPlatform;
  let token: string;
  let datasetId: string;
  let documentId: string;
  let fileId: string;
  const c = (method: string, path: string, body?: unknown) => http(t.base, method, `/console/api${path}`, { token, body });

  async function upload(name: string, bytes: string | Buffer): Promise<HttpResult> {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return http(t.base, 'POST', '/console/api/files/upload', { token, raw: form });
  }

  async function waitForBatch(batch: string) {
    const end = Date.now() + 60_000;
    for (;;) {
      const r = await c('GET', `/datasets/${datasetId}/batch/${batch}/indexing-status`);
      if (r.body.data.every((d: any) => d.indexing_status === 'completed' || d.indexing_status === 'error')) return r.body.data;
      if (Date.now() > end) assert.fail(`batch did not finish: ${r.text}`);
      await new Promise((res) => setTimeout(res, 150));
    }
  }

  before(async () => {
    ({ t, token } = shared());
    datasetId = (await c('POST', '/datasets', { name: 'Landforms', indexing_technique: 'high_quality' })).body.id;
  });

  it('estimates the chunks of uploaded files before any document exists, exactly as ingestion then cuts them', async () => {
    const up = await upload('landforms.txt', TEXT);
    assert.equal(up.status, 201, up.text);
    fileId = up.body.id;
    const body = {
      info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: [fileId] } },
      process_rule: BY_PARAGRAPH,
      doc_form: 'text_model',
      doc_language: 'English',
      indexing_technique: 'high_quality',
      dataset_id: datasetId,
    };
    const est = await c('POST', '/datasets/indexing-estimate', body);
    assert.equal(est.status, 200, est.text);
    assert.equal(est.body.total_segments, PARAGRAPHS.length);
    assert.deepEqual(
      est.body.preview.map((p: any) => p.content),
      PARAGRAPHS,
    );
    assert.equal(est.body.preview[0].child_chunks, null);
    assert.ok(est.body.tokens > 0);
    assert.deepEqual([est.body.qa_preview, est.body.truncated], [null, false]);
    assert.equal((await c('GET', `/datasets/${datasetId}/documents`)).body.total, 0, 'nothing was created');

    const nested = await c('POST', '/datasets/indexing-estimate', { ...body, process_rule: PARENT_CHILD, doc_form: 'hierarchical_model' });
    assert.equal(nested.status, 200, nested.text);
    assert.ok(nested.body.preview[0].child_chunks.length >= 2, nested.text);
    assert.ok(nested.body.preview[0].child_chunks.every((ch: string) => nested.body.preview[0].content.includes(ch)));

    const badRule = await c('POST', '/datasets/indexing-estimate', {
      ...body,
      process_rule: { mode: 'custom', rules: { segmentation: { separator: '\\n', max_tokens: 10 } } },
    });
    assert.deepEqual([badRule.status, badRule.body.code], [400, 'invalid_param']);
    assert.match(badRule.body.params, /^process_rule\.rules\.segmentation\.max_tokens/);
    const mismatch = await c('POST', '/datasets/indexing-estimate', { ...body, doc_form: 'hierarchical_model' });
    assert.deepEqual([mismatch.status, mismatch.body.params], [400, 'doc_form']);
    const unknown = await c('POST', '/datasets/indexing-estimate', {
      ...body,
      info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: ['00000000-0000-4000-8000-000000000000'] } },
    });
    assert.equal(unknown.status, 404);
    const image = await upload('pic.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const unsupported = await c('POST', '/datasets/indexing-estimate', {
      ...body,
      info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: [image.body.id] } },
    });
    assert.deepEqual([unsupported.status, unsupported.body.code], [415, 'unsupported_file_type']);
    const notion = await c('POST', '/datasets/indexing-estimate', { ...body, info_list: { data_source_type: 'notion_import' } });
    assert.equal(notion.status, 400);

    // Several files at once, a PDF among them (parsed page by page, off the event loop, as ingestion does).
    const pdf = await upload('manual.pdf', await makePdf(3, (p) => [`Manual page ${p}: hold the power button for five seconds.`]));
    const both = await c('POST', '/datasets/indexing-estimate', {
      ...body,
      info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: [fileId, pdf.body.id] } },
    });
    assert.equal(both.status, 200, both.text);
    assert.equal(both.body.total_segments, PARAGRAPHS.length + 3, 'chunks never straddle PDF pages');
    assert.deepEqual(
      both.body.preview.slice(PARAGRAPHS.length).map((p: any) => p.content),
      [1, 2, 3].map((n) => `Manual page ${n}: hold the power button for five seconds.`),
    );

    // Committing the same file with the same rule gives the chunks the preview showed.
    const created = await c('POST', `/datasets/${datasetId}/documents`, {
      data_source: { type: 'upload_file', info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: [fileId] } } },
      indexing_technique: 'high_quality',
      process_rule: BY_PARAGRAPH,
      doc_form: 'text_model',
    });
    assert.equal(created.status, 200, created.text);
    documentId = created.body.documents[0].id;
    const [status] = await waitForBatch(created.body.batch);
    assert.equal(status.indexing_status, 'completed');
    const segs = await c('GET', `/datasets/${datasetId}/documents/${documentId}/segments?limit=100`);
    assert.deepEqual(
      segs.body.data.map((s: any) => s.content),
      est.body.preview.map((p: any) => p.content),
    );
  });

  it('browses segments: keyword, enabled filter and paging; disables and enables in batches; adds, edits, deletes', async () => {
    const base = `/datasets/${datasetId}/documents/${documentId}`;
    const page = await c('GET', `${base}/segments?page=2&limit=4`);
    assert.deepEqual([page.status, page.body.total, page.body.page, page.body.has_more, page.body.data.length], [200, 6, 2, false, 2]);
    const kw = await c('GET', `${base}/segments?keyword=glaciers`);
    assert.deepEqual(
      kw.body.data.map((s: any) => s.content),
      [PARAGRAPHS[5]],
    );
    const [a, b] = page.body.data;

    const off = await c('PATCH', `${base}/segment/disable?segment_id=${a.id}&segment_id=${b.id}`);
    assert.deepEqual([off.status, off.body], [200, { result: 'success' }]);
    const disabled = await c('GET', `${base}/segments?enabled=false`);
    assert.deepEqual(disabled.body.data.map((s: any) => s.id).sort(), [a.id, b.id].sort());
    const hit = await c('POST', `/datasets/${datasetId}/hit-testing`, {
      query: 'Dune fields migrate downwind',
      retrieval_model: { search_method: 'full_text_search', top_k: 6 },
    });
    assert.ok(!hit.body.records.some((r: any) => r.segment.id === a.id || r.segment.id === b.id), 'disabled segments are not retrieved');
    assert.equal((await c('PATCH', `${base}/segment/enable?segment_id=${a.id}&segment_id=${b.id}`)).status, 200);
    assert.equal((await c('GET', `${base}/segments?enabled=false`)).body.total, 0);
    const bogus = await c('PATCH', `${base}/segment/enable?segment_id=00000000-0000-4000-8000-000000000000`);
    assert.equal(bogus.status, 404);
    assert.equal((await c('PATCH', `${base}/segment/explode?segment_id=${a.id}`)).body.code, 'invalid_action');
    assert.equal((await c('PATCH', `${base}/segment/disable`)).status, 400, 'segment_id is required');

    const added = await c('POST', `${base}/segment`, {
      content: 'Glaciers grind rock into fine flour that colours lakes turquoise.',
      keywords: ['glacier', 'flour'],
    });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual([added.body.doc_form, added.body.data.keywords, added.body.data.enabled], ['text_model', ['glacier', 'flour'], true]);
    assert.equal((await c('POST', `${base}/segment`, {})).status, 400);
    const edited = await c('PATCH', `${base}/segments/${added.body.data.id}`, {
      content: 'Glacial flour colours mountain lakes turquoise.',
      keywords: ['lake'],
    });
    assert.deepEqual([edited.status, edited.body.data.content, edited.body.data.keywords], [200, 'Glacial flour colours mountain lakes turquoise.', ['lake']]);
    const found = await c('POST', `/datasets/${datasetId}/hit-testing`, {
      query: 'turquoise mountain lakes',
      retrieval_model: { search_method: 'full_text_search', top_k: 1 },
    });
    assert.equal(found.body.records[0].segment.id, added.body.data.id);

    const gone = await c('DELETE', `${base}/segments?segment_id=${added.body.data.id}&segment_id=${a.id}`);
    assert.equal(gone.status, 204);
    assert.equal((await c('GET', `${base}/segments`)).body.total, 5);
    assert.equal((await c('GET', `/datasets/${datasetId}/documents/${documentId}`)).body.segment_count, 5);
  });

  it('edits child chunks of a parent-child document', async () => {
    // A dataset keeps one doc_form: parent-child documents live in their own.
    const nestedId = (await c('POST', '/datasets', { name: 'Landforms, nested', indexing_technique: 'high_quality' })).body.id;
    const created = await c('POST', `/datasets/${nestedId}/documents`, {
      data_source: { type: 'upload_file', info_list: { data_source_type: 'upload_file', file_info_list: { file_ids: [fileId] } } },
      indexing_technique: 'high_quality',
      process_rule: PARENT_CHILD,
      doc_form: 'hierarchical_model',
    });
    assert.equal(created.status, 200, created.text);
    const end = Date.now() + 60_000;
    while ((await c('GET', `/datasets/${nestedId}/batch/${created.body.batch}/indexing-status`)).body.data[0].indexing_status !== 'completed') {
      if (Date.now() > end) assert.fail('the parent-child document did not complete');
      await new Promise((res) => setTimeout(res, 150));
    }
    const base = `/datasets/${nestedId}/documents/${created.body.documents[0].id}`;
    const [parent] = (await c('GET', `${base}/segments`)).body.data;
    assert.ok(parent.child_chunks.length >= 2, JSON.stringify(parent));
    const kids = await c('GET', `${base}/segments/${parent.id}/child_chunks`);
    assert.equal(kids.status, 200, kids.text);
    const added = await c('POST', `${base}/segments/${parent.id}/child_chunks`, { content: 'An extra child chunk.' });
    assert.equal(added.status, 200, added.text);
    const childId = added.body.data.id;
    const upd = await c('PATCH', `${base}/segments/${parent.id}/child_chunks/${childId}`, { content: 'A renamed child chunk.' });
    assert.equal(upd.body.data.content, 'A renamed child chunk.');
    assert.equal((await c('DELETE', `${base}/segments/${parent.id}/child_chunks/${childId}`)).status, 204);
    assert.equal((await c('GET', `${base}/segments/${parent.id}/child_chunks`)).body.total, kids.body.total);
  });

  it('manages metadata fields, document values and the built-in fields', async () => {
    const field = await c('POST', `/datasets/${datasetId}/metadata`, { type: 'string', name: 'region' });
    assert.equal(field.status, 201, field.text);
    const values = await c('POST', `/datasets/${datasetId}/documents/metadata`, {
      operation_data: [{ document_id: documentId, metadata_list: [{ id: field.body.id, name: 'region', value: 'Arctic' }] }],
    });
    assert.equal(values.status, 200, values.text);
    const list = await c('GET', `/datasets/${datasetId}/metadata`);
    assert.deepEqual(
      list.body.doc_metadata.map((f: any) => [f.name, f.count]),
      [['region', 1]],
    );
    const doc = await c('GET', `/datasets/${datasetId}/documents/${documentId}`);
    assert.deepEqual(
      doc.body.doc_metadata.map((m: any) => [m.name, m.value]),
      [['region', 'Arctic']],
    );
    assert.equal((await c('PATCH', `/datasets/${datasetId}/metadata/${field.body.id}`, { name: 'area' })).body.name, 'area');
    const builtIn = await c('GET', '/datasets/metadata/built-in');
    assert.ok(builtIn.body.fields.some((f: any) => f.name === 'document_name'));
    assert.equal((await c('POST', `/datasets/${datasetId}/metadata/built-in/enable`)).status, 200);
    assert.equal((await c('GET', `/datasets/${datasetId}/metadata`)).body.built_in_field_enabled, true);
    assert.equal((await c('POST', `/datasets/${datasetId}/metadata/built-in/disable`)).status, 200);
    assert.equal((await c('DELETE', `/datasets/${datasetId}/metadata/${field.body.id}`)).status, 204);
    assert.deepEqual((await c('GET', `/datasets/${datasetId}/metadata`)).body.doc_metadata, []);
  });

  it('manages knowledge tags and binds them to datasets', async () => {
    const tag = await c('POST', '/tags', { name: 'geology', type: 'knowledge' });
    assert.equal(tag.status, 200, tag.text);
    assert.deepEqual([tag.body.name, tag.body.type, tag.body.binding_count], ['geology', 'knowledge', '0']); // a string, as Dify's tag serializer sends it
    assert.equal((await c('POST', '/tags', { name: 'x', type: 'app' })).status, 400, 'app tags are not supported');
    assert.deepEqual((await c('GET', '/tags?type=app')).body, []);
    assert.deepEqual((await c('POST', '/tag-bindings/create', { tag_ids: [tag.body.id], target_id: datasetId, type: 'knowledge' })).body, {
      result: 'success',
    });
    const listed = await c('GET', '/tags?type=knowledge&keyword=geo');
    assert.deepEqual(
      listed.body.map((x: any) => [x.name, Number(x.binding_count)]),
      [['geology', 1]],
    );
    const byTag = await c('GET', `/datasets?tag_ids=${tag.body.id}`);
    assert.deepEqual(
      byTag.body.data.map((d: any) => d.id),
      [datasetId],
    );
    assert.equal((await c('PATCH', `/tags/${tag.body.id}`, { name: 'geoscience', type: 'knowledge' })).body.name, 'geoscience');
    assert.equal((await c('POST', '/tag-bindings/remove', { tag_id: tag.body.id, target_id: datasetId, type: 'knowledge' })).status, 200);
    assert.equal((await c('GET', `/datasets?tag_ids=${tag.body.id}`)).body.total, 0);
    assert.equal((await c('DELETE', `/tags/${tag.body.id}`)).status, 204);
    assert.equal((await c('PATCH', `/tags/${tag.body.id}`, { name: 'again' })).status, 404);
  });

  it('tests retrieval by method, top_k and threshold with scores and the source document; changes dataset settings', async () => {
    const query = 'How do coral reefs grow?';
    for (const search_method of ['semantic_search', 'full_text_search', 'hybrid_search']) {
      const r = await c('POST', `/datasets/${datasetId}/hit-testing`, {
        query,
        retrieval_model: { search_method, top_k: 2, reranking_enable: false, score_threshold_enabled: false },
      });
      assert.equal(r.status, 200, r.text);
      assert.ok(r.body.records.length >= 1 && r.body.records.length <= 2, `${search_method}: ${r.text}`);
      const [top] = r.body.records;
      assert.equal(typeof top.score, 'number');
      assert.equal(top.segment.document.name, 'landforms.txt');
      if (search_method === 'full_text_search') assert.match(top.segment.content, /Coral reefs/);
    }
    const strict = await c('POST', `/datasets/${datasetId}/hit-testing`, {
      query,
      retrieval_model: { search_method: 'semantic_search', top_k: 5, score_threshold_enabled: true, score_threshold: 0.999 },
    });
    assert.ok(strict.body.records.every((r: any) => r.score >= 0.999));
    const reranked = await c('POST', `/datasets/${datasetId}/hit-testing`, {
      query,
      retrieval_model: {
        search_method: 'semantic_search',
        top_k: 2,
        reranking_enable: true,
        reranking_model: { reranking_provider_name: 'openai', reranking_model_name: 'rerank-test' },
      },
    });
    assert.equal(reranked.status, 200, reranked.text);
    assert.match(reranked.body.records[0].segment.content, /Coral reefs/);

    const settings = await c('PATCH', `/datasets/${datasetId}`, {
      permission: 'all_team_members',
      retrieval_model: {
        search_method: 'hybrid_search',
        top_k: 3,
        reranking_enable: false,
        score_threshold_enabled: false,
        weights: { vector_setting: { vector_weight: 0.7 }, keyword_setting: { keyword_weight: 0.3 } },
      },
    });
    assert.equal(settings.status, 200, settings.text);
    assert.equal(settings.body.permission, 'all_team_members');
    assert.equal(settings.body.retrieval_model_dict.search_method, 'hybrid_search');
    const models = await c('GET', '/workspaces/current/models/model-types/text-embedding');
    assert.equal(models.status, 200, models.text);
    assert.ok(models.body.data[0].models.length >= 1);
  });
}
