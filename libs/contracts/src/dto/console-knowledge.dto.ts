import { z } from 'zod';

/**
 * `POST /console/api/datasets/indexing-estimate` (Dify's shape): the chunks uploaded files would
 * become, before any document is created. `process_rule` is validated by @sluice/rag's parser.
 */
export const indexingEstimateSchema = z.object({
  info_list: z.object({
    data_source_type: z.literal('upload_file', { errorMap: () => ({ message: 'only upload_file is supported' }) }),
    file_info_list: z.object({ file_ids: z.array(z.string()).min(1, 'file_ids must not be empty').max(20, 'at most 20 files at once') }),
  }),
  process_rule: z.unknown(),
  doc_form: z.enum(['text_model', 'hierarchical_model', 'qa_model']).default('text_model'),
  doc_language: z.string().max(100).default('English'),
  dataset_id: z.string().nullish(),
  indexing_technique: z.enum(['high_quality', 'economy']).default('high_quality'),
});

const content = z.string({ required_error: 'content is required', invalid_type_error: 'must be a string' });

/** Console segment add (`POST …/segment`) and edit (`PATCH …/segments/{id}`): Dify sends the fields flat. */
export const consoleSegmentSchema = z.object({
  content: content.optional(),
  answer: z.string().nullish(),
  keywords: z.array(z.string()).max(50).nullish(),
  regenerate_child_chunks: z.boolean().optional(),
});

/** `?segment_id=a&segment_id=b` as the console sends it. */
export const segmentIdsSchema = z.object({
  segment_ids: z.array(z.string().uuid('segment_id must be a UUID')).min(1, 'segment_id is required').max(500),
});

/** Console tags (Dify `/tags?type=`): knowledge tags only here. */
export const tagTypeSchema = z.enum(['knowledge'], { errorMap: () => ({ message: 'only knowledge tags are supported' }) });
