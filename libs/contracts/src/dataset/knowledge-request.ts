import { z } from 'zod';
import { trusted } from '../contract';
import { StoredUpload } from '../dto/stored-upload';
import { ClientParts, unscoped } from '../envelopes';

/**
 * Every knowledge message carries the caller's workspace (from the dataset key or the console
 * session, never from the client) and which surface it came through: the Service API also
 * requires the dataset's `enable_api`.
 */
const knowledgeFields = {
  tenantId: z.string(),
  accountId: z.string().nullish(),
  /** console: the member's role in the workspace (dataset permissions; the owner sees everything) */
  role: z.string().optional(),
  via: z.enum(['api', 'console']),
  datasetId: z.string().optional(),
  documentId: z.string().optional(),
  segmentId: z.string().optional(),
  childChunkId: z.string().optional(),
  metadataId: z.string().optional(),
  tagId: z.string().optional(),
  batch: z.string().optional(),
  action: z.string().optional(),
  upload: trusted<StoredUpload>('upload').optional(),
};

export function knowledge<B extends z.ZodTypeAny = z.ZodUnknown, Q extends z.ZodTypeAny = z.ZodUnknown>(parts: ClientParts<B, Q> = {}) {
  return unscoped(parts).extend(knowledgeFields);
}

/** A knowledge message with the client's input typed as given (unvalidated parts: `unknown`). */
export type KnowledgeRequest<B = unknown, Q = unknown> = z.output<z.ZodObject<typeof knowledgeFields>> & { body?: B; query?: Q };
