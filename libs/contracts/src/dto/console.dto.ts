import { z } from 'zod';
import { nonNegativeInt32, pageQuerySchema } from './pagination';

export const setupSchema = z.object({
  email: z.string().max(255, 'email must be at most 255 characters').email('email must be a valid email address'),
  name: z.string().min(1).max(100),
  password: z.string().min(8, 'password must be at least 8 characters').max(128),
});

export const loginSchema = z.object({
  email: z.string().max(255, 'email must be at most 255 characters').email('email must be a valid email address'),
  password: z.string().min(1, 'password is required'),
  remember_me: z.boolean().default(false),
});

export const refreshSchema = z.object({ refresh_token: z.string().min(1) });

export const appModes = ['chat', 'completion', 'workflow', 'advanced-chat', 'agent-chat'] as const;

export const createAppSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(255),
  mode: z.enum(appModes, { errorMap: () => ({ message: `mode must be one of ${appModes.join(', ')}` }) }),
  description: z.string().max(4000).default(''),
  icon: z.string().max(255).nullish(),
  icon_background: z.string().max(255).nullish(),
  icon_type: z.string().nullish(),
});

export const updateAppSchema = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  description: z.string().max(4000).optional(),
  icon: z.string().max(255).nullish(),
  icon_background: z.string().max(255).nullish(),
  enable_site: z.boolean().optional(),
  enable_api: z.boolean().optional(),
  api_rpm: nonNegativeInt32.optional(),
  api_rph: nonNegativeInt32.optional(),
  max_active_requests: nonNegativeInt32.optional(),
});

export const listAppsSchema = pageQuerySchema.extend({
  search: z.string().nullish(),
  name: z.string().nullish(),
  mode: z.enum(['all', ...appModes]).default('all'),
  is_created_by_me: z.preprocess((v) => v === true || v === 'true', z.boolean()).default(false),
});

const formItem = z.record(
  z
    .object({
      label: z.string().default(''),
      variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'variable must be an identifier'),
      required: z.boolean().default(false),
      max_length: z.number().int().positive().optional(),
      options: z.array(z.string()).optional(),
      default: z.unknown().optional(),
    })
    .passthrough(),
);

export const modelConfigSchema = z
  .object({
    model: z.object({
      provider: z.string().default('openai'),
      name: z.string().min(1, 'model.name is required'),
      mode: z.enum(['chat', 'completion']).default('chat'),
      completion_params: z.record(z.unknown()).default({}),
    }),
    pre_prompt: z.string().default(''),
    user_input_form: z.array(formItem).default([]),
    opening_statement: z.string().default(''),
    suggested_questions: z.array(z.string()).default([]),
    suggested_questions_after_answer: z
      .object({ enabled: z.boolean().default(false) })
      .passthrough()
      .default({ enabled: false }),
    speech_to_text: z.object({ enabled: z.boolean() }).passthrough().default({ enabled: false }),
    text_to_speech: z.object({ enabled: z.boolean() }).passthrough().default({ enabled: false }),
    retriever_resource: z.object({ enabled: z.boolean() }).passthrough().default({ enabled: true }),
    annotation_reply: z.object({ enabled: z.boolean() }).passthrough().default({ enabled: false }),
    more_like_this: z.object({ enabled: z.boolean() }).passthrough().default({ enabled: false }),
    sensitive_word_avoidance: z.object({ enabled: z.boolean() }).passthrough().default({ enabled: false }),
    file_upload: z.record(z.unknown()).default({ image: { enabled: false, number_limits: 3, detail: 'high', transfer_methods: ['remote_url', 'local_file'] } }),
    dataset_configs: z.record(z.unknown()).default({ retrieval_model: 'multiple', datasets: { datasets: [] } }),
    dataset_query_variable: z.string().nullish(),
  })
  .passthrough();
export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const providerCredentialsSchema = z.object({
  credentials: z.object({
    openai_api_key: z.string().min(1, 'credentials.openai_api_key is required'),
    openai_api_base: z.string().url().nullish(),
    openai_organization: z.string().nullish(),
  }),
});

export const webLoginSchema = loginSchema;

export const webConversationsSchema = pageQuerySchema.extend({
  app_id: z.string({ required_error: 'app_id is required' }).uuid('app_id must be a UUID'),
  last_id: z.string().nullish(),
  sort_by: z.enum(['created_at', '-created_at', 'updated_at', '-updated_at']).default('-updated_at'),
});

export const webRenameSchema = z
  .object({ name: z.string().max(255).nullish(), auto_generate: z.boolean().default(false) })
  .refine((b) => b.auto_generate || (b.name && b.name.trim().length > 0), { message: 'name is required', path: ['name'] });
