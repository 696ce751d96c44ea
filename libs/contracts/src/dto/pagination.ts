import { z } from 'zod';

/** Dify bounds page numbers to 1–99999 (`int_range(1, 99999)`); beyond it no list has rows, and offsets stay far from bigint. */
export const PAGE_MAX = 99_999;
/** Dify's lists take 1–100 items a page. */
export const LIMIT_MAX = 100;

/** `page` of a page-numbered list; query strings arrive as text. */
export const pageParam = z.coerce.number().int().min(1).max(PAGE_MAX).default(1);

/** `limit` of any list (page-numbered or cursor); a few Dify lists allow a little more than 100. */
export const limitParam = (fallback = 20, max = LIMIT_MAX) => z.coerce.number().int().min(1).max(max).default(fallback);

/** The shared `{page, limit}` of every page-numbered list: extend it with the list's own filters. */
export const pageQuerySchema = z.object({ page: pageParam, limit: limitParam() });

/** An integer that fits PostgreSQL's `integer` column. */
export const int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);
export const nonNegativeInt32 = int32.min(0);
