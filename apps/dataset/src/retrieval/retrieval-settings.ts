import { z } from 'zod';
import { DEFAULT_TOP_K, MAX_TOP_K, parseConfig, retrievalQuerySettingsSchema } from '@sluice/contracts';

export type SearchMethod = 'semantic_search' | 'full_text_search' | 'hybrid_search' | 'keyword_search';
export type FusionMode = 'weighted_score' | 'rrf';

/** Dify's retrieval_model, resolved to what the pipeline needs: retrieve → fuse → rerank → one threshold → top_k. */
export interface RetrievalSettings {
  searchMethod: SearchMethod;
  topK: number;
  /** null when score_threshold_enabled is false: every hit passes. */
  scoreThreshold: number | null;
  fusion: FusionMode;
  vectorWeight: number;
  keywordWeight: number;
  rerank: { provider: string; model: string } | null;
}

export { DEFAULT_TOP_K, MAX_TOP_K };

export type RetrievalModelInput = z.infer<typeof retrievalQuerySettingsSchema>;

/**
 * Validates the retrieval_model of an app's or a knowledge-retrieval node's dataset config (400
 * invalid_param naming `retrieval_model.<field>`). Hit testing's comes in its body, which its contract validates.
 */
export function parseRetrievalModel(value: unknown): RetrievalModelInput {
  if (value === undefined || value === null) return {};
  return parseConfig(z.object({ retrieval_model: retrievalQuerySettingsSchema }), { retrieval_model: value }).retrieval_model;
}

/**
 * The caller's fields win over the dataset's stored defaults, field by field. Fusion for hybrid
 * search: weighted score when `weights` are given or `reranking_mode` is `weighted_score` (defaults
 * 0.7/0.3), unless `reranking_mode` is `rrf`; reciprocal-rank fusion otherwise, because it needs no tuning and a
 * keyword-only hit still ranks by its position.
 */
export function resolveSettings(request: RetrievalModelInput, datasetDefault: RetrievalModelInput, economy: boolean): RetrievalSettings {
  const m = { ...datasetDefault, ...stripUndefined(request) };
  let searchMethod: SearchMethod = m.search_method ?? (economy ? 'keyword_search' : 'semantic_search');
  // Economy datasets have no vectors; Dify forces keyword search on them.
  if (economy) searchMethod = searchMethod === 'full_text_search' ? 'full_text_search' : 'keyword_search';
  const weights = m.weights ?? null;
  const hasWeights = !!(weights?.vector_setting || weights?.keyword_setting);
  let vectorWeight = weights?.vector_setting?.vector_weight ?? (hasWeights ? 1 - (weights?.keyword_setting?.keyword_weight ?? 0.3) : 0.7);
  let keywordWeight = weights?.keyword_setting?.keyword_weight ?? (hasWeights ? 1 - vectorWeight : 0.3);
  const sum = vectorWeight + keywordWeight;
  if (sum > 0) [vectorWeight, keywordWeight] = [vectorWeight / sum, keywordWeight / sum];
  else [vectorWeight, keywordWeight] = [0.7, 0.3];
  const fusion: FusionMode = m.reranking_mode !== 'rrf' && (hasWeights || m.reranking_mode === 'weighted_score') ? 'weighted_score' : 'rrf';
  const rm = m.reranking_model;
  const rerank =
    m.reranking_enable === true && rm?.reranking_model_name ? { provider: rm.reranking_provider_name || 'openai', model: rm.reranking_model_name } : null;
  return {
    searchMethod,
    topK: m.top_k ?? DEFAULT_TOP_K,
    scoreThreshold: m.score_threshold_enabled ? (m.score_threshold ?? 0) : null,
    fusion,
    vectorWeight,
    keywordWeight,
    rerank,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
