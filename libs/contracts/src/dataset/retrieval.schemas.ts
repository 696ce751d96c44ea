import { z } from 'zod';

export const DEFAULT_TOP_K = 4;
/** Dify's UI caps top_k at 10; the API is allowed more, but not unbounded. */
export const MAX_TOP_K = 100;

/** Dify's retrieval_model as a search gives it (hit testing's body, an app's or node's dataset config): every field optional, the dataset's own settings fill the rest; unknown fields pass. */
export const retrievalQuerySettingsSchema = z
  .object({
    search_method: z.enum(['semantic_search', 'full_text_search', 'hybrid_search', 'keyword_search']).optional(),
    top_k: z.coerce.number().int().min(1).max(MAX_TOP_K).optional(),
    score_threshold_enabled: z.boolean().nullish(),
    score_threshold: z.coerce.number().min(0).max(1).nullish(),
    reranking_enable: z.boolean().nullish(),
    reranking_mode: z.string().nullish(),
    reranking_model: z.object({ reranking_provider_name: z.string().nullish(), reranking_model_name: z.string().nullish() }).passthrough().nullish(),
    weights: z
      .object({
        vector_setting: z
          .object({ vector_weight: z.coerce.number().min(0).max(1) })
          .passthrough()
          .nullish(),
        keyword_setting: z
          .object({ keyword_weight: z.coerce.number().min(0).max(1) })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

/** Dify's comparison operators for `metadata_filtering_conditions` (with the ASCII spellings some clients send). */
const OPERATORS = [
  'contains',
  'not contains',
  'start with',
  'end with',
  'is',
  'is not',
  'empty',
  'not empty',
  'in',
  'not in',
  '=',
  '≠',
  '!=',
  '>',
  '<',
  '≥',
  '>=',
  '≤',
  '<=',
  'before',
  'after',
] as const;

const conditionSchema = z.object({
  name: z.string().min(1),
  comparison_operator: z.enum(OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).nullish(),
});

/** Dify's `metadata_filtering_conditions`. */
export const metadataFilterSchema = z.object({
  logical_operator: z.enum(['and', 'or']).default('and'),
  conditions: z.array(conditionSchema).default([]),
});

/**
 * Hit testing's body (`POST …/datasets/{id}/hit-testing`, `…/retrieve`). `query` has its own check
 * and message in the service, made first; the conditions may also sit inside `retrieval_model`,
 * which wins, and are named `metadata_filtering_conditions` either way.
 */
export const hitTestingBodySchema = z.preprocess(
  (b) => {
    const body = b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
    const nested = (body.retrieval_model as { metadata_filtering_conditions?: unknown } | null | undefined)?.metadata_filtering_conditions;
    return { ...body, metadata_filtering_conditions: nested ?? body.metadata_filtering_conditions };
  },
  z.object({
    query: z.unknown(),
    retrieval_model: retrievalQuerySettingsSchema.nullish(),
    metadata_filtering_conditions: metadataFilterSchema.nullish(),
  }),
);
