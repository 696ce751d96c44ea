import { z } from 'zod';
import { limitParam, pageParam } from '../dto/pagination';

/** `POST /v1/text-to-audio`: the answer of `message_id` (which wins) or `text`. */
export const ttsSchema = z.object({
  message_id: z.string().nullish(),
  text: z.string().max(10_000).nullish(),
  voice: z.string().max(64).nullish(),
  streaming: z.boolean().nullish(),
});

/** `GET /v1/app/feedbacks`: Dify takes up to 101 a page. */
export const appFeedbacksQuerySchema = z.object({ page: pageParam, limit: limitParam(20, 101) });
