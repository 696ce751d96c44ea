import { z } from 'zod';

const name = z
  .string({ invalid_type_error: 'must be a string' })
  .trim()
  .min(1, 'Name must be between 1 to 50 characters.')
  .max(50, 'Name must be between 1 to 50 characters.');

export const tagCreateSchema = z.object({ name });
export const tagUpdateSchema = z.object({ tag_id: z.string(), name });
export const tagDeleteSchema = z.object({ tag_id: z.string() });
export const tagBindSchema = z.object({ tag_ids: z.array(z.string()).min(1, 'tag_ids must not be empty'), target_id: z.string() });
/** Dify takes `tag_ids` (current) or the older single `tag_id`; at least one tag either way. */
export const tagUnbindSchema = z
  .object({ tag_ids: z.array(z.string()).optional(), tag_id: z.string().optional(), target_id: z.string() })
  .transform((b) => ({ target_id: b.target_id, tag_ids: b.tag_ids?.length ? b.tag_ids : b.tag_id ? [b.tag_id] : [] }))
  .refine((b) => b.tag_ids.length > 0, { message: 'Tag IDs is required.', path: ['tag_ids'] });

/**
 * Console tag bodies may say `type` (Sluice tags knowledge bases only), checked before the rest as
 * before: `type=app` is refused whatever else the body holds.
 */
export function knowledgeTagBody<S extends z.ZodTypeAny>(schema: S) {
  return z
    .custom<unknown>(() => true)
    .superRefine((v, ctx) => {
      const type = (v as { type?: unknown } | null | undefined)?.type ?? 'knowledge';
      if (type !== 'knowledge') ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'only knowledge tags are supported' });
    })
    .pipe(schema);
}
