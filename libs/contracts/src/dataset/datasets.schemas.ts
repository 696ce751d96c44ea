import { z } from 'zod';
import { pageQuerySchema } from '../dto/pagination';

const NAME_MESSAGE = 'Name must be between 1 to 40 characters.';

/** Dify's retrieval_model; unknown keys are kept so newer clients' settings survive a round trip. */
export const retrievalModelSchema = z
  .object({
    search_method: z.enum(['semantic_search', 'full_text_search', 'hybrid_search', 'keyword_search']),
    reranking_enable: z.boolean().optional(),
    reranking_mode: z.string().nullish(),
    reranking_model: z.object({ reranking_provider_name: z.string().nullish(), reranking_model_name: z.string().nullish() }).passthrough().nullish(),
    weights: z.record(z.unknown()).nullish(),
    top_k: z.number().int().min(1).max(100).optional(),
    score_threshold_enabled: z.boolean().optional(),
    score_threshold: z.number().min(0).max(1).nullish(),
  })
  .passthrough();

export const indexingTechniqueSchema = z.enum(['high_quality', 'economy'], {
  errorMap: () => ({ message: 'must be "high_quality" or "economy"' }),
});

const name = z.string({ invalid_type_error: NAME_MESSAGE }).trim().min(1, NAME_MESSAGE).max(40, NAME_MESSAGE);
const permission = z.enum(['only_me', 'all_team_members', 'partial_members'], {
  errorMap: () => ({ message: 'must be one of only_me, all_team_members, partial_members' }),
});

export const datasetCreateSchema = z.object({
  name,
  description: z.string().max(400, 'Description cannot exceed 400 characters.').nullish(),
  indexing_technique: indexingTechniqueSchema.nullish(),
  permission: permission.nullish(),
  /** Dify: `[{user_id}]` (plain ids accepted too): who may see a `partial_members` dataset besides its creator. */
  partial_member_list: z
    .array(z.union([z.string().uuid(), z.object({ user_id: z.string().uuid() }).passthrough()]), { invalid_type_error: 'partial_member_list must be a list' })
    .max(1000)
    .nullish(),
  provider: z.enum(['vendor', 'external']).nullish(),
  embedding_model: z.string().min(1).max(255).nullish(),
  embedding_model_provider: z.string().min(1).max(255).nullish(),
  retrieval_model: retrievalModelSchema.nullish(),
});
export type DatasetCreateDto = z.infer<typeof datasetCreateSchema>;

export const datasetUpdateSchema = datasetCreateSchema.partial().extend({ name: name.optional() });
export type DatasetUpdateDto = z.infer<typeof datasetUpdateSchema>;

export const datasetListSchema = pageQuerySchema.extend({
  /** Dify's Service API says `keyword`; the seed's console says `search`. */
  keyword: z.string().optional(),
  search: z.string().optional(),
  /** Datasets carrying any of these tags; Dify sends `tag_ids` repeated or as a list. */
  tag_ids: z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')), z.array(z.string()).optional()),
});
