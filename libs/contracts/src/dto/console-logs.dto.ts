import { z } from 'zod';

/**
 * Dify's log filters send `start`/`end` as `YYYY-MM-DD HH:MM` (the browser's local time in Dify; read
 * as UTC here, since accounts carry no timezone yet). ISO timestamps are accepted too.
 */
const when = z
  .string()
  .transform((s, ctx) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0))) : new Date(s);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date like 2024-12-01 00:00' });
      return z.NEVER;
    }
    return d;
  })
  .optional();

const page = z.coerce.number().int().min(1).default(1);
const limit = z.coerce.number().int().min(1).max(100).default(20);

/** `GET /console/api/apps/{id}/chat-conversations` and `/completion-conversations`. */
export const logConversationsSchema = z.object({
  page,
  limit,
  keyword: z.string().max(200).optional(),
  start: when,
  end: when,
  sort_by: z.enum(['created_at', '-created_at', 'updated_at', '-updated_at']).default('-updated_at'),
});
export type LogConversationsQuery = z.infer<typeof logConversationsSchema>;

/** `GET /console/api/apps/{id}/chat-messages`: one conversation's messages, newest page first (`first_id` pages back). */
export const logMessagesSchema = z.object({
  conversation_id: z.string({ required_error: 'conversation_id is required' }).uuid('conversation_id must be a UUID'),
  first_id: z.string().uuid('first_id must be a UUID').nullish(),
  limit,
});

/** `POST /console/api/apps/{id}/feedbacks`: the admin's own rating of a message (null removes it). */
export const adminFeedbackSchema = z.object({
  message_id: z.string({ required_error: 'message_id is required' }).uuid('message_id must be a UUID'),
  rating: z.enum(['like', 'dislike']).nullable(),
  content: z.string().max(4000).nullish(),
});

/** `GET /console/api/apps/{id}/workflow-runs` (Dify pages by `last_id`) and the chatflow variant. */
export const workflowRunsSchema = z.object({
  last_id: z.string().uuid('last_id must be a UUID').nullish(),
  limit,
  status: z.enum(['running', 'succeeded', 'failed', 'stopped', 'partial-succeeded']).optional(),
  triggered_from: z.enum(['debugging', 'app-run']).optional(),
});

/** `GET /console/api/apps/{id}/workflows`: published versions, newest first. */
export const workflowVersionsSchema = z.object({ page, limit: z.coerce.number().int().min(1).max(100).default(10) });

/** `GET /console/api/apps/{id}/workflow-app-logs`: runs of the app in use, paged. */
export const workflowAppLogsSchema = z.object({
  page,
  limit,
  keyword: z.string().max(200).optional(),
  status: z.enum(['running', 'succeeded', 'failed', 'stopped', 'partial-succeeded']).optional(),
});
