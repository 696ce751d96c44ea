/** BullMQ queues of the ingestion pipeline, one per stage, and the maintenance queue. */
export const IngestQueues = {
  parse: 'ingest-parse',
  clean: 'ingest-clean',
  split: 'ingest-split',
  embed: 'ingest-embed',
  index: 'ingest-index',
  maintenance: 'ingest-maintenance',
} as const;
export type IngestQueueName = (typeof IngestQueues)[keyof typeof IngestQueues];

export const IngestJobs = {
  document: 'document',
  reindexDataset: 'reindex-dataset',
  watchdog: 'watchdog',
} as const;

/** The payload of every stage job. A job whose generation no longer matches the row is dropped. */
export interface IngestJobData {
  tenantId: string;
  datasetId: string;
  documentId: string;
  generation: number;
  requestId?: string;
  /** W3C trace context of whoever enqueued the job, so one trace runs upload → every stage */
  trace?: Record<string, string>;
}

/** One retrieved segment as chat's `retriever_resources` and workflow `result` items carry it. */
export interface RetrieverResource {
  position: number;
  dataset_id: string;
  dataset_name: string;
  document_id: string;
  document_name: string;
  data_source_type?: string;
  segment_id: string;
  retriever_from?: string;
  score: number;
  hit_count?: number;
  word_count?: number;
  segment_position?: number;
  index_node_hash?: string;
  content: string;
  doc_metadata?: Record<string, unknown> | null;
  child_chunks?: { id: string; content: string; position: number; score: number }[];
}

/**
 * File extensions a knowledge base ingests: Dify's list minus legacy .xls, which the extractors cannot
 * read. Uploads of anything else are refused with 415 before a document is created.
 */
export const KNOWLEDGE_FILE_EXTENSIONS: readonly string[] = ['txt', 'md', 'markdown', 'mdx', 'pdf', 'html', 'htm', 'xlsx', 'docx', 'csv'];
