import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAdminAndApp, http } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

/** One segment per paragraph, so each fact below is its own segment. */
const PARAGRAPHS = { mode: 'custom', rules: { pre_processing_rules: [], segmentation: { separator: '\n\n', max_tokens: 1000, chunk_overlap: 0 } } };

const REFUND = 'Refund policy: customers may return any product within thirty days of delivery for a full refund.';
const SHIPPING = 'Shipping times: orders leave our warehouse within two business days and arrive within a week.';
const CHINESE = '退款政策：自收货之日起三十天内可以无理由退货，运费由商家承担。';
const WARRANTY = 'Warranty: electronics carry a two year warranty covering manufacturing defects.';
const ANIMALS = 'Giraffes sleep standing up and only for a few minutes at a time.';

/** Many short texts sharing two query words, and one text holding only the query's rare word, among unrelated ones. */
const CROSSINGS = Array.from({ length: 14 }, (_, i) => `Crossing rules ${i}: wait at the crossing, follow crossing rules.`);
const ZEBRA = 'Field notes: orchard lantern pebble meadow violin harbor zebra saddle thimble quartz bramble lagoon.';

describe('Knowledge retrieval over the Service API', () => {
  let t: TestPlatform;
  let key = '';
  let docs: string; // dataset with the facts above
  let crossings: string;
  const docIds: Record<string, string> = {};

  const api = (method: string, path: string, body?: unknown) => http(t.base, method, `/v1${path}`, { token: key, body });
  const retrieve = (datasetId: string, query: string, retrieval_model?: Record<string, unknown>) =>
    api('POST', `/datasets/${datasetId}/retrieve`, { query, ...(retrieval_model ? { retrieval_model } : {}) });

  async function createDataset(name: string, indexing_technique = 'high_quality'): Promise<string> {
    const r = await api('POST', '/datasets', { name, indexing_technique });
    assert.ok([200, 201].includes(r.status), r.text);
    return r.body.id;
  }

  async function addDocument(datasetId: string, name: string, text: string, indexing_technique = 'high_quality'): Promise<string> {
    const r = await api('POST', `/datasets/${datasetId}/document/create-by-text`, { name, text, indexing_technique, process_rule: PARAGRAPHS });
    assert.ok([200, 201].includes(r.status), r.text);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const s = await api('GET', `/datasets/${datasetId}/documents/${r.body.batch}/indexing-status`);
      const st = s.body?.data?.[0]?.indexing_status;
      if (st === 'completed') return r.body.document.id;
      assert.notEqual(st, 'error', s.text);
      assert.ok(Date.now() < deadline, `document ${name} not indexed in time: ${s.text}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  before(async () => {
    t = await startTestPlatform();
    const { token } = await createAdminAndApp(t.base);
    const k = await http(t.base, 'POST', '/console/api/datasets/api-keys', { token });
    assert.ok([200, 201].includes(k.status), k.text);
    key = k.body.token;
    docs = await createDataset('Help center');
    docIds.policies = await addDocument(docs, 'policies.txt', [REFUND, SHIPPING, CHINESE, WARRANTY].join('\n\n'));
    docIds.animals = await addDocument(docs, 'animals.txt', ANIMALS);
    crossings = await createDataset('Crossings');
    await addDocument(crossings, 'crossings.txt', [...CROSSINGS, ZEBRA].join('\n\n'));
  });
  after(async () => t?.stop());

  const contents = (r: { body: { records: { segment: { content: string } }[] } }) => r.body.records.map((x) => x.segment.content);
  const assertScored = (records: { score: unknown }[]) => {
    for (const rec of records) assert.ok(typeof rec.score === 'number' && rec.score >= 0 && rec.score <= 1, `score ${rec.score}`);
  };

  for (const search_method of ['semantic_search', 'full_text_search', 'hybrid_search']) {
    it(`${search_method} puts the relevant segment first, with numeric scores, in Dify's shape`, async () => {
      const r = await retrieve(docs, 'What is the refund policy for returning a product?', {
        search_method,
        top_k: 3,
        reranking_enable: false,
        score_threshold_enabled: false,
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.query, { content: 'What is the refund policy for returning a product?' });
      assert.equal(contents(r)[0], REFUND);
      assert.ok(r.body.records.length <= 3);
      assertScored(r.body.records);
      const rec = r.body.records[0];
      assert.equal(rec.segment.document.name, 'policies.txt');
      assert.equal(rec.segment.document.id, docIds.policies);
      assert.equal(rec.segment.document_id, docIds.policies);
      assert.equal(rec.tsne_position, null);
      assert.ok(Array.isArray(rec.child_chunks));
      for (const f of ['id', 'position', 'word_count', 'tokens', 'index_node_id', 'index_node_hash', 'hit_count', 'enabled', 'status', 'created_at']) {
        assert.ok(f in rec.segment, `segment.${f}`);
      }
    });
  }

  it('full-text search finds a Chinese segment from a Chinese query', async () => {
    const r = await retrieve(docs, '退款政策是什么', { search_method: 'full_text_search', top_k: 2 });
    assert.equal(r.status, 200, r.text);
    assert.equal(contents(r)[0], CHINESE);
    assert.ok(r.body.records[0].score > 0);
  });

  it('keyword_search works on an economy dataset, which has no embeddings', async () => {
    const eco = await createDataset('Economy notes', 'economy');
    await addDocument(eco, 'notes.txt', [WARRANTY, SHIPPING].join('\n\n'), 'economy');
    const r = await retrieve(eco, 'warranty for electronics', { search_method: 'keyword_search', top_k: 2 });
    assert.equal(r.status, 200, r.text);
    assert.equal(contents(r)[0], WARRANTY);
    assertScored(r.body.records);
  });

  it('hybrid search keeps a match only the full-text side finds', async () => {
    const query = 'zebra crossing rules';
    const semantic = await retrieve(crossings, query, { search_method: 'semantic_search', top_k: 3 });
    assert.ok(!contents(semantic).includes(ZEBRA), 'the vector side alone does not find it');
    const hybrid = await retrieve(crossings, query, {
      search_method: 'hybrid_search',
      top_k: 3,
      reranking_mode: 'weighted_score',
      weights: { vector_setting: { vector_weight: 0.3 }, keyword_setting: { keyword_weight: 0.7 } },
    });
    assert.equal(hybrid.status, 200, hybrid.text);
    assert.equal(contents(hybrid)[0], ZEBRA, 'the rare keyword decides');
    assert.ok(hybrid.body.records[0].score > 0.3);
    const rrf = await retrieve(crossings, 'zebra', { search_method: 'hybrid_search', top_k: 3, reranking_mode: 'rrf' });
    assert.ok(contents(rrf).includes(ZEBRA));
    assertScored(rrf.body.records);
  });

  it('score_threshold filters on the final score, once', async () => {
    const all = await retrieve(docs, 'refund policy return product', { search_method: 'semantic_search', top_k: 5 });
    const scores: number[] = all.body.records.map((x: { score: number }) => x.score);
    assert.ok(scores.length >= 3, all.text);
    const threshold = (scores[0] + scores[1]) / 2;
    const cut = await retrieve(docs, 'refund policy return product', {
      search_method: 'semantic_search',
      top_k: 5,
      score_threshold_enabled: true,
      score_threshold: threshold,
    });
    assert.deepEqual(contents(cut), [contents(all)[0]]);
    const off = await retrieve(docs, 'refund policy return product', {
      search_method: 'semantic_search',
      top_k: 5,
      score_threshold_enabled: false,
      score_threshold: 0.99,
    });
    assert.equal(off.body.records.length, scores.length, 'a threshold that is not enabled does nothing');
  });

  it('a rerank model reorders the candidates and its scores become the final scores', async () => {
    const query = 'two year warranty';
    t.model.clearRequests();
    const r = await retrieve(docs, query, {
      search_method: 'hybrid_search',
      top_k: 4,
      reranking_enable: true,
      reranking_model: { reranking_provider_name: 'openai', reranking_model_name: 'test-rerank' },
    });
    assert.equal(r.status, 200, r.text);
    const sent = t.model.requests.find((x) => x.path === '/rerank');
    assert.ok(sent, 'the rerank endpoint was called');
    assert.equal((sent.body as { model: string }).model, 'test-rerank');
    // What the rerank model itself says about the same documents.
    const direct = await http(t.model.url, 'POST', '/rerank', {
      body: { model: 'test-rerank', query, documents: (sent.body as { documents: string[] }).documents },
    });
    const expected = direct.body.results.slice(0, 4).map((x: { document: { text: string } }) => x.document.text);
    assert.deepEqual(contents(r), expected);
    assert.equal(contents(r)[0], WARRANTY);
    assert.ok(Math.abs(r.body.records[0].score - direct.body.results[0].relevance_score) < 1e-9);
  });

  it('metadata filters narrow the search to matching documents', async () => {
    const field = await api('POST', `/datasets/${docs}/metadata`, { type: 'string', name: 'category' });
    assert.ok([200, 201].includes(field.status), field.text);
    const set = await api('POST', `/datasets/${docs}/documents/metadata`, {
      operation_data: [
        { document_id: docIds.policies, metadata_list: [{ id: field.body.id, name: 'category', value: 'policies' }] },
        { document_id: docIds.animals, metadata_list: [{ id: field.body.id, name: 'category', value: 'zoology' }] },
      ],
    });
    assert.equal(set.status, 200, set.text);
    const filtered = await retrieve(docs, 'refund policy', {
      search_method: 'hybrid_search',
      top_k: 5,
      metadata_filtering_conditions: { logical_operator: 'and', conditions: [{ name: 'category', comparison_operator: 'is', value: 'zoology' }] },
    });
    assert.equal(filtered.status, 200, filtered.text);
    assert.deepEqual(contents(filtered), [ANIMALS]);
    assert.equal(filtered.body.records[0].segment.document.doc_metadata.category, 'zoology');
    const none = await retrieve(docs, 'refund policy', {
      search_method: 'semantic_search',
      top_k: 5,
      metadata_filtering_conditions: { logical_operator: 'and', conditions: [{ name: 'category', comparison_operator: 'contains', value: 'astronomy' }] },
    });
    assert.deepEqual(none.body.records, []);
  });

  it('hit_count rises each time a segment is returned', async () => {
    const first = await retrieve(docs, 'giraffes sleep standing', { search_method: 'full_text_search', top_k: 1 });
    const second = await retrieve(docs, 'giraffes sleep standing', { search_method: 'full_text_search', top_k: 1 });
    assert.equal(contents(first)[0], ANIMALS);
    assert.equal(second.body.records[0].segment.hit_count, first.body.records[0].segment.hit_count + 1);
  });

  it('hit-testing alias, empty dataset, unknown dataset and bad queries', async () => {
    const alias = await api('POST', `/datasets/${docs}/hit-testing`, {
      query: 'shipping warehouse',
      retrieval_model: { search_method: 'full_text_search', top_k: 1 },
    });
    assert.equal(alias.status, 200, alias.text);
    assert.equal(contents(alias)[0], SHIPPING);
    const empty = await createDataset('Nothing yet');
    const e = await retrieve(empty, 'anything at all', { search_method: 'hybrid_search', top_k: 3 });
    assert.equal(e.status, 200, e.text);
    assert.deepEqual(e.body, { query: { content: 'anything at all' }, records: [] });
    const unknown = await retrieve('00000000-0000-4000-8000-000000000000', 'refund');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'not_found');
    const missing = await api('POST', `/datasets/${docs}/retrieve`, {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 'invalid_param');
    const long = await retrieve(docs, 'x'.repeat(251));
    assert.equal(long.status, 400);
    assert.equal(long.body.code, 'invalid_param');
    const badMethod = await retrieve(docs, 'refund', { search_method: 'telepathy' });
    assert.equal(badMethod.status, 400);
  });
});
