import { z } from 'zod';

/** Settings → model providers → test connection: a key or a base URL at least. */
export const providerValidateSchema = z.object({
  credentials: z
    .object({
      openai_api_key: z.string().nullish(),
      openai_api_base: z.string().url('openai_api_base must be a URL').nullish().or(z.literal('')),
      openai_organization: z.string().nullish(),
    })
    .refine((c) => !!(c.openai_api_key || c.openai_api_base), { message: 'openai_api_key or openai_api_base is required' }),
});
