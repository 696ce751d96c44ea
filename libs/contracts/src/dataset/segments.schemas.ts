import { z } from 'zod';
import { pageQuerySchema } from '../dto/pagination';

const content = z.string({ invalid_type_error: 'must be a string' }).refine((s) => s.trim().length > 0, 'content must not be empty');
const keywords = z.array(z.string()).max(50).nullish();

export const segmentsCreateSchema = z.object({
  segments: z
    .array(z.object({ content, answer: z.string().nullish(), keywords }))
    .min(1, 'segments must not be empty')
    .max(100, 'at most 100 segments at once'),
});

export const segmentUpdateSchema = z.object({
  segment: z.object({
    content: content.optional(),
    answer: z.string().nullish(),
    keywords,
    enabled: z.boolean().optional(),
    regenerate_child_chunks: z.boolean().optional(),
  }),
});

const statusList = z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')), z.array(z.string()).optional());

export const segmentListSchema = pageQuerySchema.extend({
  keyword: z.string().optional(),
  status: statusList,
  enabled: z.enum(['true', 'false', 'all']).optional(),
});

export const childChunkSchema = z.object({ content });

export const childChunkListSchema = pageQuerySchema.extend({
  keyword: z.string().optional(),
});
