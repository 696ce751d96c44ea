/**
 * Message patterns of the dataset service (knowledge bases). Every payload carries `tenantId`;
 * the gateway fills it from the dataset key or the console session, never from the client.
 */
export const KnowledgePatterns = {
  datasets: {
    create: 'dataset.datasets.create',
    list: 'dataset.datasets.list',
    get: 'dataset.datasets.get',
    update: 'dataset.datasets.update',
    delete: 'dataset.datasets.delete',
    /** Console: turns the Service API on or off for one dataset (Dify's `api-keys/{enable|disable}`). */
    enableApi: 'dataset.datasets.enable-api',
    /** Console: the members a partial_members dataset is shared with. */
    partialMembers: 'dataset.datasets.partial-members',
  },
  documents: {
    createByText: 'dataset.documents.create-by-text',
    createByFile: 'dataset.documents.create-by-file',
    /** Dify console flow: documents from already uploaded files. */
    createFromUploads: 'dataset.documents.create-from-uploads',
    updateByText: 'dataset.documents.update-by-text',
    updateByFile: 'dataset.documents.update-by-file',
    list: 'dataset.documents.list',
    get: 'dataset.documents.get',
    delete: 'dataset.documents.delete',
    indexingStatus: 'dataset.documents.indexing-status',
    setStatus: 'dataset.documents.status',
    pause: 'dataset.documents.pause',
    resume: 'dataset.documents.resume',
    retry: 'dataset.documents.retry',
    updateMetadata: 'dataset.documents.metadata',
    /** The upload behind a document (`…/documents/{id}/download`): the gateway answers a signed URL to it. */
    download: 'dataset.documents.download',
    /** The uploads behind several documents (`…/documents/download-zip`): the gateway streams them as one ZIP. */
    downloadZip: 'dataset.documents.download-zip',
    /** Dify's `GET /datasets/process-rule`: a document's dataset rule, or the default. */
    processRule: 'dataset.documents.process-rule',
  },
  /** Files for knowledge use that belong to no document yet. */
  files: {
    /** `POST /v1/datasets/pipeline/file-upload`: records a file the gateway stored. */
    upload: 'dataset.files.upload',
    /** Where a file's bytes are, for a signed `/files/{id}/file-preview` URL (the signature is the authority). */
    locate: 'dataset.files.locate',
  },
  segments: {
    list: 'dataset.segments.list',
    create: 'dataset.segments.create',
    get: 'dataset.segments.get',
    update: 'dataset.segments.update',
    delete: 'dataset.segments.delete',
    childList: 'dataset.child-chunks.list',
    childCreate: 'dataset.child-chunks.create',
    childUpdate: 'dataset.child-chunks.update',
    childDelete: 'dataset.child-chunks.delete',
  },
  metadata: {
    create: 'dataset.metadata.create',
    list: 'dataset.metadata.list',
    update: 'dataset.metadata.update',
    delete: 'dataset.metadata.delete',
    builtIn: 'dataset.metadata.built-in',
    builtInToggle: 'dataset.metadata.built-in.toggle',
  },
  /** Knowledge tags (Dify's `/datasets/tags`) and their bindings to datasets. */
  tags: {
    list: 'dataset.tags.list',
    create: 'dataset.tags.create',
    update: 'dataset.tags.update',
    delete: 'dataset.tags.delete',
    bind: 'dataset.tags.bind',
    unbind: 'dataset.tags.unbind',
    ofDataset: 'dataset.tags.of-dataset',
  },
  /** `GET /v1/workspaces/current/models/model-types/{type}`: models a dataset can use. */
  modelsByType: 'dataset.models.by-type',
  /** Hit testing / retrieval on one dataset (Service API `retrieve`, `hit-testing`). */
  hitTesting: 'dataset.hit-testing',
  /** Retrieval across datasets for chat apps and knowledge-retrieval nodes: returns RetrieverResource[]. */
  retrieve: 'dataset.retrieve',
} as const;

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

/** `retrieve` request: Dify's retrieval_model fields, applied across `datasetIds`. */
export interface RetrieveRequest {
  tenantId: string;
  datasetIds: string[];
  query: string;
  retrievalModel?: Record<string, unknown>;
  /** Dify `metadata_filtering_conditions`: {logical_operator, conditions:[{name, comparison_operator, value}]}. */
  metadataFilteringConditions?: Record<string, unknown> | null;
  /** Dify `metadata_filtering_mode`; `automatic` has `metadataModelConfig` write the conditions from the query. */
  metadataFilteringMode?: 'disabled' | 'automatic' | 'manual';
  /** Dify `metadata_model_config`: {provider, name, completion_params}. */
  metadataModelConfig?: Record<string, unknown> | null;
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
