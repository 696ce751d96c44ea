import { z } from 'zod';
import { MAX_USER_LENGTH } from './input-hygiene';
import { limitParam, pageQuerySchema } from './pagination';

const uuidOrEmpty = z.union([z.string().uuid({ message: 'must be a UUID' }), z.literal('')]);

export const fileRefSchema = z
  .object({
    type: z.enum(['image', 'document', 'audio', 'video', 'custom']).default('image'),
    transfer_method: z.enum(['remote_url', 'local_file']),
    url: z.string().url().optional(),
    upload_file_id: z.string().uuid().optional(),
  })
  .refine((f) => (f.transfer_method === 'remote_url' ? !!f.url : !!f.upload_file_id), {
    message: 'remote_url files need `url`, local_file files need `upload_file_id`',
  });
export type FileRef = z.infer<typeof fileRefSchema>;

const responseMode = z
  .string()
  .optional()
  .transform((m) => (m === 'streaming' ? 'streaming' : 'blocking'));
const userField = z.string({ required_error: 'user is required' }).min(1, 'user must not be empty').max(MAX_USER_LENGTH);
/** Dify requires `inputs` (an object, `{}` when the app has no variables) on chat and completion messages. */
const inputsField = z.record(z.unknown(), { required_error: 'inputs is required', invalid_type_error: 'inputs must be an object' });

export const chatMessageSchema = z.object({
  query: z.string({ required_error: 'query is required' }).min(1, 'query must not be empty'),
  inputs: inputsField,
  response_mode: responseMode,
  conversation_id: uuidOrEmpty.nullish().transform((v) => v || null),
  user: userField,
  files: z
    .array(fileRefSchema)
    .nullish()
    .transform((v) => v ?? []),
  auto_generate_name: z.boolean().default(true),
  parent_message_id: z.string().uuid().nullish(),
});
export type ChatMessageBody = z.infer<typeof chatMessageSchema>;

export const completionMessageSchema = z.object({
  inputs: inputsField,
  query: z.string().default(''),
  response_mode: responseMode,
  user: userField,
  files: z
    .array(fileRefSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type CompletionMessageBody = z.infer<typeof completionMessageSchema>;

/**
 * Dify's `user` on routes that name an end user: the gateway carries it as the caller's session
 * (empty when the client sent none), so it is checked there, not in the client's query or body.
 */
export const endUserSchema = userField;

export const listMessagesSchema = z.object({
  conversation_id: z.string({ required_error: 'conversation_id is required' }).min(1),
  first_id: z.string().nullish(),
  limit: limitParam(),
});

export const listConversationsSchema = z.object({
  last_id: z.string().nullish(),
  first_id: z.string().nullish(),
  limit: limitParam(),
  sort_by: z.enum(['created_at', '-created_at', 'updated_at', '-updated_at']).default('-updated_at'),
  pinned: z.string().nullish(),
});

export const feedbackSchema = z.object({
  rating: z.enum(['like', 'dislike']).nullable(),
  content: z.string().max(4000).nullish(),
});

export const renameConversationSchema = z
  .object({
    name: z.string().max(255).nullish(),
    auto_generate: z.boolean().default(false),
  })
  .refine((b) => b.auto_generate || (b.name && b.name.trim().length > 0), {
    message: 'name is required unless auto_generate is true',
    path: ['name'],
  });

/** Dify annotations: `POST/PUT /v1/apps/annotations`. */
export const annotationSchema = z.object({
  question: z.string().trim().min(1, 'question is required').max(10_000),
  answer: z.string().trim().min(1, 'answer is required').max(100_000),
});

export const annotationListSchema = pageQuerySchema.extend({
  keyword: z.string().max(255).optional(),
});

/** `POST /v1/apps/annotation-reply/enable`. */
export const annotationReplySchema = z.object({
  embedding_provider_name: z.string({ required_error: 'embedding_provider_name is required' }).min(1, 'embedding_provider_name is required').max(255),
  embedding_model_name: z.string({ required_error: 'embedding_model_name is required' }).min(1, 'embedding_model_name is required').max(255),
  // Dify requires the threshold (no default) and takes it as a number.
  score_threshold: z.number({ required_error: 'score_threshold is required', invalid_type_error: 'score_threshold must be a number' }).min(0).max(1),
});
