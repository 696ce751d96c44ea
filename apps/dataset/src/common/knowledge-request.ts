import type { StoredUpload } from '@sluice/contracts';

/**
 * Every knowledge message carries the caller's workspace (from the dataset key or the console
 * session, never from the client) and which surface it came through: the Service API also
 * requires the dataset's `enable_api`.
 */
export interface KnowledgeRequest {
  tenantId: string;
  accountId?: string | null;
  /** console: the member's role in the workspace (dataset permissions; the owner sees everything) */
  role?: string;
  via: 'api' | 'console';
  datasetId?: string;
  documentId?: string;
  segmentId?: string;
  childChunkId?: string;
  metadataId?: string;
  batch?: string;
  action?: string;
  body?: unknown;
  query?: unknown;
  upload?: StoredUpload;
}
