import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParamError } from '@sluice/contracts';
import { parseRetrievalModel, resolveSettings } from './retrieval-settings';

test('the caller overrides the dataset default field by field', () => {
  const s = resolveSettings(
    parseRetrievalModel({ top_k: 3 }),
    parseRetrievalModel({ search_method: 'hybrid_search', top_k: 2, score_threshold_enabled: true, score_threshold: 0.4 }),
    false,
  );
  assert.equal(s.searchMethod, 'hybrid_search');
  assert.equal(s.topK, 3);
  assert.equal(s.scoreThreshold, 0.4);
});

test('hybrid fusion: weights → weighted score (normalized), rrf mode or no weights → RRF', () => {
  const w = resolveSettings(
    parseRetrievalModel({ search_method: 'hybrid_search', weights: { vector_setting: { vector_weight: 0.6 }, keyword_setting: { keyword_weight: 0.2 } } }),
    {},
    false,
  );
  assert.equal(w.fusion, 'weighted_score');
  assert.ok(Math.abs(w.vectorWeight - 0.75) < 1e-9 && Math.abs(w.keywordWeight - 0.25) < 1e-9);
  assert.equal(resolveSettings(parseRetrievalModel({ search_method: 'hybrid_search' }), {}, false).fusion, 'rrf');
  const d = resolveSettings(parseRetrievalModel({ search_method: 'hybrid_search', reranking_mode: 'weighted_score' }), {}, false);
  assert.deepEqual([d.fusion, d.vectorWeight, d.keywordWeight], ['weighted_score', 0.7, 0.3]);
  assert.equal(resolveSettings(parseRetrievalModel({ reranking_mode: 'rrf', weights: { vector_setting: { vector_weight: 0.5 } } }), {}, false).fusion, 'rrf');
});

test('threshold only when enabled; rerank only when enabled with a model; economy forces keyword search', () => {
  assert.equal(resolveSettings(parseRetrievalModel({ score_threshold: 0.9 }), {}, false).scoreThreshold, null);
  assert.equal(resolveSettings(parseRetrievalModel({ reranking_model: { reranking_model_name: 'r' } }), {}, false).rerank, null);
  assert.deepEqual(
    resolveSettings(
      parseRetrievalModel({ reranking_enable: true, reranking_model: { reranking_provider_name: 'openai', reranking_model_name: 'r' } }),
      {},
      false,
    ).rerank,
    { provider: 'openai', model: 'r' },
  );
  assert.equal(resolveSettings(parseRetrievalModel({ search_method: 'semantic_search' }), {}, true).searchMethod, 'keyword_search');
  assert.equal(resolveSettings({}, {}, false).searchMethod, 'semantic_search');
});

test('a bad retrieval_model is invalid_param naming the field', () => {
  assert.throws(
    () => parseRetrievalModel({ search_method: 'magic' }),
    (e: unknown) => e instanceof InvalidParamError && /retrieval_model.search_method/.test(e.message),
  );
  assert.throws(() => parseRetrievalModel({ top_k: 0 }), InvalidParamError);
});
