import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KnowledgeClient } from '../support/knowledge-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

describe('Knowledge Service API: segments, child chunks, metadata, tags', () => {
  let t: TestPlatform;
  let c: KnowledgeClient;
  const api = (method: string, path: string, body?: unknown) => c.api(method, path, body);

  before(async () => {
    t = await startTestPlatform();
    ({ client: c } = await KnowledgeClient.create(t));
  });
  after(async () => t?.stop());

  it('segments: list, add, read, update, disable and delete on a completed document', async () => {
    const d = await c.newDataset('Segments');
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, {
      name: 'faq',
      text: 'Question one about shipping.\n\nQuestion two about returns.',
    });
    await c.waitForBatch(d.id, r.body.batch);
    const base = `/datasets/${d.id}/documents/${r.body.document.id}/segments`;
    const list = await api('GET', base);
    assert.equal(list.status, 200);
    assert.equal(list.body.doc_form, 'text_model');
    for (const f of ['data', 'total', 'has_more', 'limit', 'page']) assert.ok(f in list.body);
    const before_ = list.body.total;

    const added = await api('POST', base, { segments: [{ content: 'Gift cards never expire.', keywords: ['gift', 'card'] }] });
    assert.equal(added.status, 200, added.text);
    const seg = added.body.data[0];
    for (const f of [
      'id',
      'position',
      'document_id',
      'content',
      'answer',
      'word_count',
      'tokens',
      'keywords',
      'index_node_id',
      'index_node_hash',
      'hit_count',
      'enabled',
      'status',
      'created_at',
      'completed_at',
      'error',
    ]) {
      assert.ok(f in seg, `segment has ${f}`);
    }
    assert.deepEqual(
      [seg.content, seg.status, seg.enabled, seg.keywords, seg.word_count, seg.position],
      ['Gift cards never expire.', 'completed', true, ['gift', 'card'], 24, before_ + 1],
    );

    const got = await api('GET', `${base}/${seg.id}`);
    assert.equal(got.body.data.content, 'Gift cards never expire.');
    const upd = await api('POST', `${base}/${seg.id}`, { segment: { content: 'Gift cards expire after five years.' } });
    assert.equal(upd.status, 200, upd.text);
    assert.deepEqual([upd.body.data.content, upd.body.data.status, upd.body.data.word_count], ['Gift cards expire after five years.', 'completed', 35]);
    const off = await api('POST', `${base}/${seg.id}`, { segment: { enabled: false } });
    assert.equal(off.body.data.enabled, false);
    const onlyDisabled = await api('GET', `${base}?enabled=false`);
    assert.deepEqual(
      onlyDisabled.body.data.map((s: any) => s.id),
      [seg.id],
    );

    const del = await api('DELETE', `${base}/${seg.id}`);
    assert.equal(del.status, 204);
    assert.equal((await api('GET', `${base}/${seg.id}`)).status, 404);
    assert.equal((await api('GET', base)).body.total, before_);
    const empty = await api('POST', base, { segments: [{ content: '   ' }] });
    assert.deepEqual([empty.status, empty.body.code], [400, 'invalid_param']);
  });

  it('hierarchical documents: parents with child chunks that can be edited', async () => {
    const d = await c.newDataset('Parent child');
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, {
      name: 'pc',
      text: 'First paragraph line one.\nFirst paragraph line two.\n\nSecond paragraph line one.\nSecond paragraph line two.',
      doc_form: 'hierarchical_model',
      process_rule: {
        mode: 'hierarchical',
        rules: { parent_mode: 'paragraph', segmentation: { separator: '\n\n', max_tokens: 500 }, subchunk_segmentation: { separator: '\n', max_tokens: 100 } },
      },
    });
    assert.equal(r.status, 200, r.text);
    const [s] = await c.waitForBatch(d.id, r.body.batch);
    assert.equal(s.indexing_status, 'completed', JSON.stringify(s));
    const base = `/datasets/${d.id}/documents/${r.body.document.id}/segments`;
    const segs = await api('GET', base);
    assert.equal(segs.body.doc_form, 'hierarchical_model');
    const parent = segs.body.data[0];
    assert.ok(parent.child_chunks.length >= 2, 'children listed with the parent');
    const kids = await api('GET', `${base}/${parent.id}/child_chunks`);
    for (const f of ['data', 'total', 'total_pages', 'page', 'limit']) assert.ok(f in kids.body);
    const made = await api('POST', `${base}/${parent.id}/child_chunks`, { content: 'A hand-written child.' });
    assert.equal(made.status, 200, made.text);
    assert.equal(made.body.data.type, 'custom');
    const edited = await api('PATCH', `${base}/${parent.id}/child_chunks/${made.body.data.id}`, { content: 'An edited child.' });
    assert.equal(edited.body.data.content, 'An edited child.');
    assert.equal((await api('DELETE', `${base}/${parent.id}/child_chunks/${made.body.data.id}`)).status, 204);
    assert.equal((await api('GET', `${base}/${parent.id}/child_chunks`)).body.total, kids.body.total);
  });

  it('metadata fields: create, list with counts, set values on documents, rename, built-ins, delete', async () => {
    const d = await c.newDataset('Metadata');
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'meta-doc', text: 'Metadata test text.' });
    const docId = r.body.document.id;
    const field = await api('POST', `/datasets/${d.id}/metadata`, { type: 'string', name: 'author' });
    assert.equal(field.status, 201, field.text);
    assert.deepEqual(Object.keys(field.body).sort(), ['id', 'name', 'type']);
    const dup = await api('POST', `/datasets/${d.id}/metadata`, { type: 'string', name: 'author' });
    assert.deepEqual([dup.status, dup.body.code], [400, 'invalid_param']);
    const year = await api('POST', `/datasets/${d.id}/metadata`, { type: 'number', name: 'year' });
    const set = await api('POST', `/datasets/${d.id}/documents/metadata`, {
      operation_data: [
        {
          document_id: docId,
          metadata_list: [
            { id: field.body.id, name: 'author', value: 'Ada' },
            { id: year.body.id, name: 'year', value: '2024' },
          ],
        },
      ],
    });
    assert.deepEqual([set.status, set.body], [200, { result: 'success' }]);
    const list = await api('GET', `/datasets/${d.id}/metadata`);
    assert.deepEqual(
      list.body.doc_metadata.map((m: any) => [m.name, m.type, m.count]),
      [
        ['author', 'string', 1],
        ['year', 'number', 1],
      ],
    );
    assert.equal(list.body.built_in_field_enabled, false);
    const doc = await api('GET', `/datasets/${d.id}/documents/${docId}`);
    assert.deepEqual(
      doc.body.doc_metadata.map((m: any) => [m.name, m.value]),
      [
        ['author', 'Ada'],
        ['year', 2024],
      ],
    );
    const badValue = await api('POST', `/datasets/${d.id}/documents/metadata`, {
      operation_data: [{ document_id: docId, metadata_list: [{ id: year.body.id, name: 'year', value: 'soon' }] }],
    });
    assert.deepEqual([badValue.status, badValue.body.code], [400, 'invalid_metadata']);

    const renamed = await api('PATCH', `/datasets/${d.id}/metadata/${field.body.id}`, { name: 'writer' });
    assert.equal(renamed.body.name, 'writer');
    const doc2 = await api('GET', `/datasets/${d.id}/documents/${docId}?metadata=only`);
    assert.deepEqual(
      doc2.body.doc_metadata.map((m: any) => [m.name, m.value]),
      [
        ['writer', 'Ada'],
        ['year', 2024],
      ],
    );

    const builtIn = await api('GET', `/datasets/${d.id}/metadata/built-in`);
    assert.deepEqual(
      builtIn.body.fields.map((f: any) => f.name),
      ['document_name', 'uploader', 'upload_date', 'last_update_date', 'source'],
    );
    assert.deepEqual((await api('POST', `/datasets/${d.id}/metadata/built-in/enable`)).body, { result: 'success' });
    const withBuiltIn = await api('GET', `/datasets/${d.id}/documents/${docId}`);
    assert.ok(withBuiltIn.body.doc_metadata.some((m: any) => m.name === 'document_name' && m.value === 'meta-doc'));
    assert.equal((await api('DELETE', `/datasets/${d.id}/metadata/${year.body.id}`)).status, 204);
    assert.deepEqual(
      (await api('GET', `/datasets/${d.id}/metadata`)).body.doc_metadata.map((m: any) => m.name),
      ['writer'],
    );
  });

  it('what retrieval finds follows the document lifecycle: disable, re-enable, segment edits, delete', async () => {
    const d = await c.newDataset('Lifecycle search');
    const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, { name: 'zebra', text: 'Zebras have black and white stripes.' });
    await c.waitForBatch(d.id, r.body.batch);
    const docId = r.body.document.id;
    const search = async (path = 'retrieve') => {
      const res = await api('POST', `/datasets/${d.id}/${path}`, {
        query: 'zebra stripes',
        retrieval_model: { search_method: 'hybrid_search', reranking_enable: false, top_k: 5, score_threshold_enabled: false },
      });
      assert.equal(res.status, 200, res.text);
      return res.body.records as any[];
    };
    const found = await search();
    assert.equal(found.length, 1);
    assert.deepEqual([found[0].segment.document.name, typeof found[0].score], ['zebra', 'number']);
    assert.equal((await search('hit-testing')).length, 1);

    await api('PATCH', `/datasets/${d.id}/documents/status/disable`, { document_ids: [docId] });
    assert.deepEqual(await search(), [], 'a disabled document is not retrieved');
    await api('PATCH', `/datasets/${d.id}/documents/status/enable`, { document_ids: [docId] });
    assert.equal((await search()).length, 1);

    const segId = found[0].segment.id;
    const base = `/datasets/${d.id}/documents/${docId}/segments/${segId}`;
    await api('POST', base, { segment: { enabled: false } });
    assert.deepEqual(await search(), [], 'a disabled segment is not retrieved');
    const edited = await api('POST', base, { segment: { enabled: true, content: 'Zebras have black and white stripes and live in Africa.' } });
    assert.equal(edited.body.data.status, 'completed');
    const again = await search();
    assert.match(again[0].segment.content, /live in Africa/, 'the edit is searchable at once');

    assert.equal((await api('DELETE', `/datasets/${d.id}/documents/${docId}`)).status, 204);
    assert.deepEqual(await search(), []);
  });

  it('tags: create, list, bind to datasets, filter the dataset list, rename, unbind, delete; embedding models are listed', async () => {
    const a = await c.newDataset('Tagged A');
    const b = await c.newDataset('Tagged B');
    const tag = await api('POST', '/datasets/tags', { name: 'finance' });
    assert.equal(tag.status, 200, tag.text);
    assert.deepEqual([tag.body.name, tag.body.type, tag.body.binding_count], ['finance', 'knowledge', '0']);
    const other = (await api('POST', '/datasets/tags', { name: 'legal' })).body;
    assert.deepEqual([(await api('POST', '/datasets/tags', { name: 'finance' })).status], [400]);
    assert.equal((await api('POST', '/datasets/tags/binding', { tag_ids: [tag.body.id, other.id], target_id: a.id })).status, 204);
    assert.equal((await api('POST', '/datasets/tags/binding', { tag_ids: [tag.body.id], target_id: b.id })).status, 204);
    const tags = await api('GET', '/datasets/tags');
    assert.deepEqual(tags.body.map((x: any) => [x.name, x.binding_count]).sort(), [
      ['finance', '2'],
      ['legal', '1'],
    ]);
    const ofA = await api('GET', `/datasets/${a.id}/tags`);
    assert.deepEqual([ofA.body.total, ofA.body.data.map((x: any) => x.name).sort()], [2, ['finance', 'legal']]);
    assert.deepEqual(
      (await api('GET', `/datasets/${a.id}`)).body.tags.map((x: any) => x.name),
      ['finance', 'legal'],
    );
    const filtered = await api('GET', `/datasets?tag_ids=${other.id}`);
    assert.deepEqual(
      filtered.body.data.map((x: any) => x.name),
      ['Tagged A'],
    );
    const renamed = await api('PATCH', '/datasets/tags', { tag_id: other.id, name: 'compliance' });
    assert.deepEqual([renamed.status, renamed.body.name, renamed.body.binding_count], [200, 'compliance', '1']);
    assert.equal((await api('POST', '/datasets/tags/unbinding', { tag_id: tag.body.id, target_id: b.id })).status, 204);
    assert.deepEqual((await api('GET', `/datasets/${b.id}/tags`)).body, { data: [], total: 0 });
    assert.equal((await api('DELETE', '/datasets/tags', { tag_id: other.id })).status, 204);
    assert.deepEqual(
      (await api('GET', '/datasets/tags')).body.map((x: any) => x.name),
      ['finance'],
    );
    const unknownTag = await api('POST', '/datasets/tags/binding', { tag_ids: ['00000000-0000-4000-8000-000000000000'], target_id: a.id });
    assert.deepEqual([unknownTag.status, unknownTag.body.code], [404, 'not_found']);

    const models = await api('GET', '/workspaces/current/models/model-types/text-embedding');
    assert.equal(models.status, 200, models.text);
    assert.equal(models.body.data[0].provider, 'openai');
    assert.ok(models.body.data[0].models.some((m: any) => m.model === 'text-embedding-3-small' && m.model_type === 'text-embedding'));
  });
});
