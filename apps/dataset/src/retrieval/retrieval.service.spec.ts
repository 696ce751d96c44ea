import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VectorHit, VectorStore } from '@sluice/vector';
import { QueryEmbedder } from './query-embedder';
import { Reranker } from './reranker';
import { parseRetrievalModel } from './retrieval-settings';
import { RetrievalService } from './retrieval.service';
import { DatasetRow, SegmentRow, SegmentSearchRepository, TextCandidate } from './segment-search.repository';

const DS: DatasetRow = {
  id: 'ds1',
  name: 'Docs',
  indexing_technique: 'high_quality',
  embedding_model: 'm',
  embedding_model_provider: 'openai',
  embedding_dimension: 4,
  retrieval_model: null,
  doc_form: 'text_model',
  enable_api: true,
};

function segment(id: string, content: string): SegmentRow {
  return {
    id,
    dataset_id: 'ds1',
    dataset_name: 'Docs',
    document_id: 'doc1',
    document_name: 'a.txt',
    data_source_type: 'upload_file',
    doc_metadata: {},
    position: 1,
    content,
    answer: null,
    word_count: content.length,
    tokens: 1,
    keywords: [],
    index_node_id: id,
    index_node_hash: 'h',
    hit_count: 0,
    enabled: true,
    status: 'completed',
    created_by: null,
    created_at: new Date(),
    completed_at: new Date(),
  };
}

function build(o: { vector: VectorHit[]; text: TextCandidate[]; segments: SegmentRow[]; rerank?: number[]; documentIds?: string[] }) {
  const calls = { hit: [] as string[][], vectorSearches: 0, textSearches: 0, rerankDocs: [] as string[] };
  const repo = {
    documentIdsMatching: async () => o.documentIds ?? [],
    fullTextCandidates: async () => (calls.textSearches++, { candidates: o.text, docFreq: new Map<string, number>() }),
    corpusSize: async () => ({ total: 10, avgLength: 6 }),
    loadSegments: async (_t: string, ids: string[]) => o.segments.filter((s) => ids.includes(s.id)),
    loadChildChunks: async () => [],
    incrementHitCount: async (ids: string[]) => void calls.hit.push(ids),
  } as unknown as SegmentSearchRepository;
  const store = { search: async () => (calls.vectorSearches++, o.vector) } as unknown as VectorStore;
  const embedder: QueryEmbedder = { embedQuery: async () => [1, 0, 0, 0] };
  const reranker = {
    score: async (_t: string, _m: unknown, _q: string, docs: string[]) => (calls.rerankDocs.push(...docs), o.rerank ?? docs.map(() => 0)),
  } as unknown as Reranker;
  return { svc: new RetrievalService(repo, store, embedder, reranker), calls };
}

const hit = (segmentId: string, score: number): VectorHit => ({
  id: segmentId,
  score,
  payload: { tenant_id: 't', dataset_id: 'ds1', document_id: 'doc1', segment_id: segmentId, doc_hash: 'h' },
});
const run = (svc: RetrievalService, model: Record<string, unknown>, filter: unknown = null) =>
  svc.retrieve({ tenantId: 't', datasets: [DS], query: 'zebra invoice', retrievalModel: parseRetrievalModel(model), filter: filter as never });

test('hybrid search keeps a keyword-only match and every record has a numeric score', async () => {
  const { svc, calls } = build({
    vector: [hit('v', 0.8)],
    text: [{ segment_id: 'k', child_id: null, content: 'zebra invoice' }],
    segments: [segment('v', 'something close'), segment('k', 'zebra invoice')],
  });
  const recs = await run(svc, { search_method: 'hybrid_search', top_k: 5 });
  assert.deepEqual(recs.map((r) => r.segment.id).sort(), ['k', 'v']);
  for (const r of recs) assert.equal(typeof r.score, 'number');
  assert.equal(calls.vectorSearches, 1);
  assert.equal(calls.textSearches, 1);
  assert.deepEqual(calls.hit, [recs.map((r) => r.segment.id)], 'hit_count raised in one UPDATE for what was returned');
  assert.ok(recs.every((r) => r.segment.hit_count === 1));
});

test('the threshold applies to the reranked score, not the search score', async () => {
  const { svc, calls } = build({
    vector: [hit('a', 0.95), hit('b', 0.3)],
    text: [],
    segments: [segment('a', 'alpha'), segment('b', 'beta')],
    rerank: [0.1, 0.9],
  });
  const recs = await run(svc, {
    search_method: 'semantic_search',
    top_k: 5,
    score_threshold_enabled: true,
    score_threshold: 0.5,
    reranking_enable: true,
    reranking_model: { reranking_provider_name: 'openai', reranking_model_name: 'rr' },
  });
  assert.deepEqual(
    recs.map((r) => [r.segment.id, r.score]),
    [['b', 0.9]],
  );
  assert.deepEqual(calls.rerankDocs, ['alpha', 'beta']);
});

test('vector hits of segments no longer eligible are dropped; top_k caps the rest', async () => {
  const { svc } = build({ vector: [hit('gone', 0.99), hit('a', 0.7), hit('b', 0.6)], text: [], segments: [segment('a', 'x'), segment('b', 'y')] });
  const recs = await run(svc, { search_method: 'semantic_search', top_k: 1 });
  assert.deepEqual(
    recs.map((r) => r.segment.id),
    ['a'],
  );
});

test('a metadata filter matching no document returns nothing without searching', async () => {
  const { svc, calls } = build({ vector: [hit('a', 0.9)], text: [], segments: [segment('a', 'x')], documentIds: [] });
  const recs = await run(
    svc,
    { search_method: 'hybrid_search' },
    { logical_operator: 'and', conditions: [{ name: 'x', comparison_operator: 'is', value: 'y' }] },
  );
  assert.deepEqual(recs, []);
  assert.equal(calls.vectorSearches + calls.textSearches, 0);
});

test('economy datasets never call the embedder or the vector store', async () => {
  const { svc, calls } = build({ vector: [hit('a', 0.9)], text: [{ segment_id: 'k', child_id: null, content: 'zebra' }], segments: [segment('k', 'zebra')] });
  const recs = await svc.retrieve({
    tenantId: 't',
    datasets: [{ ...DS, indexing_technique: 'economy' }],
    query: 'zebra',
    retrievalModel: parseRetrievalModel({ search_method: 'hybrid_search' }),
    filter: null,
  });
  assert.deepEqual(
    recs.map((r) => r.segment.id),
    ['k'],
  );
  assert.equal(calls.vectorSearches, 0);
});
