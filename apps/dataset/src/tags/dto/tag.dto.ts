import { z } from 'zod';

const name = z.string({ invalid_type_error: 'must be a string' }).trim().min(1, 'Name must be between 1 to 50 characters.').max(50, 'Name must be between 1 to 50 characters.');

export const tagCreateSchema = z.object({ name });
export const tagUpdateSchema = z.object({ tag_id: z.string(), name });
export const tagDeleteSchema = z.object({ tag_id: z.string() });
export const tagBindSchema = z.object({ tag_ids: z.array(z.string()).min(1, 'tag_ids must not be empty'), target_id: z.string() });
export const tagUnbindSchema = z.object({ tag_id: z.string(), target_id: z.string() });
