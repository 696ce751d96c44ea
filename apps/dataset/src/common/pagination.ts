import { z } from 'zod';

/** Dify's page pagination: `page` from 1, `limit` 1..100 (default 20); query strings arrive as text. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageBody<T>(data: T[], total: number, page: number, limit: number) {
  return { data, has_more: page * limit < total, limit, total, page };
}

/** LIKE pattern for a user's search text, with the wildcards in it taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
}
