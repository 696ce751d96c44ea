import { z } from 'zod';
import { pageQuerySchema } from '../dto/pagination';
import { indexingTechniqueSchema, retrievalModelSchema } from './datasets.schemas';

const nonEmpty = (field: string) => z.string({ invalid_type_error: 'must be a string' }).trim().min(1, `${field} must not be empty`);

/** Settings every way of adding a document shares (Dify's DocumentService.save_document_with_dataset_id). */
export const documentSettingsSchema = z.object({
  indexing_technique: indexingTechniqueSchema.nullish(),
  doc_form: z
    .enum(['text_model', 'hierarchical_model', 'qa_model'], { errorMap: () => ({ message: 'must be text_model, hierarchical_model or qa_model' }) })
    .nullish(),
  doc_language: z.string().max(50).nullish(),
  /** Validated by @sluice/rag's parseProcessRule, which names the offending path. */
  process_rule: z.unknown().optional(),
  /** The seed's name for process_rule. */
  text_preprocessing_rule: z.unknown().optional(),
  retrieval_model: retrievalModelSchema.nullish(),
  embedding_model: z.string().min(1).max(255).nullish(),
  embedding_model_provider: z.string().min(1).max(255).nullish(),
});
export type DocumentSettingsDto = z.infer<typeof documentSettingsSchema>;

export const createByTextSchema = documentSettingsSchema.extend({
  name: nonEmpty('name').pipe(z.string().max(255, 'name must be at most 255 characters')),
  text: z.string({ invalid_type_error: 'must be a string' }).refine((t) => t.trim().length > 0, 'text must not be empty'),
});

/** `data` of create-by-file: the file gives the name unless `name` is set (the seed sets it). */
export const createByFileSchema = documentSettingsSchema.extend({
  name: nonEmpty('name').pipe(z.string().max(255)).optional(),
});

export const updateByTextSchema = documentSettingsSchema.extend({
  name: nonEmpty('name').pipe(z.string().max(255)).optional(),
  text: z
    .string({ invalid_type_error: 'must be a string' })
    .refine((t) => t.trim().length > 0, 'text must not be empty')
    .optional(),
});

export const createFromUploadsSchema = documentSettingsSchema.extend({
  data_source: z.object({
    type: z.literal('upload_file', { errorMap: () => ({ message: 'only "upload_file" is supported' }) }),
    info_list: z.object({
      data_source_type: z.literal('upload_file', { errorMap: () => ({ message: 'only "upload_file" is supported' }) }).optional(),
      file_info_list: z.object({ file_ids: z.array(z.string()).min(1, 'at least one file id is required').max(50, 'at most 50 files at once') }),
    }),
  }),
});

export const DISPLAY_STATUSES = ['queuing', 'indexing', 'paused', 'error', 'available', 'disabled', 'archived'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const documentListSchema = pageQuerySchema.extend({
  keyword: z.string().optional(),
  status: z.enum(DISPLAY_STATUSES, { errorMap: () => ({ message: `must be one of ${DISPLAY_STATUSES.join(', ')}` }) }).optional(),
});

export const documentGetSchema = z.object({
  metadata: z.enum(['all', 'only', 'without']).default('all'),
});

export const documentIdsSchema = z.object({
  document_ids: z.array(z.string(), { invalid_type_error: 'must be an array of document ids' }).min(1, 'document_ids must not be empty').max(100),
});

/** `POST …/documents/download-zip`: the documents whose uploads go into one ZIP. */
export const documentZipSchema = z.object({
  document_ids: z
    .array(z.string({ invalid_type_error: 'must be a string' }), { required_error: 'document_ids is required' })
    .min(1, 'document_ids must not be empty')
    .max(100, 'at most 100 documents'),
});
