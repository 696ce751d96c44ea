/** What every point carries besides its vector; filters apply to these fields. */
export interface VectorPayload {
  tenant_id: string;
  dataset_id: string;
  document_id: string;
  /** The segment the point belongs to (for a child chunk: its parent segment). */
  segment_id: string;
  /** Set for hierarchical datasets, where the children are what is embedded. */
  child_chunk_id?: string | null;
  /** sha256 of the embedded text. */
  doc_hash: string;
}

export interface VectorPoint {
  /** UUID; deterministic (the segment's or child chunk's `index_node_id`) so re-running a job overwrites. */
  id: string;
  vector: number[];
  payload: VectorPayload;
}

export interface VectorFilter {
  /** Required: search never crosses knowledge bases the caller did not name. */
  datasetIds: string[];
  /** Narrows to these documents (metadata filters resolve to document ids). An empty array matches nothing. */
  documentIds?: string[];
}

export interface VectorSearchOptions extends VectorFilter {
  topK: number;
  /** Drop hits scoring below this (cosine similarity, 0..1 for normalized vectors). */
  scoreThreshold?: number;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity; higher is closer. */
  score: number;
  payload: VectorPayload;
}

/**
 * A collection holds the vectors of one embedding model and dimension (its name is chosen by
 * `collectionName`), shared by every dataset using that model; `dataset_id` and `document_id`
 * are indexed payload fields. Implementations: Qdrant (`QDRANT_URL`) and the embedded LanceDB store.
 */
export interface VectorStore {
  readonly kind: 'qdrant' | 'lancedb';
  /** Creates the collection if it does not exist (idempotent, safe under concurrency). */
  ensureCollection(collection: string, dimension: number): Promise<void>;
  /** Inserts or replaces points by id; resolves only once the write is durable and searchable. */
  upsert(collection: string, points: VectorPoint[]): Promise<void>;
  search(collection: string, vector: number[], options: VectorSearchOptions): Promise<VectorHit[]>;
  deleteByIds(collection: string, ids: string[]): Promise<void>;
  deleteByDocument(collection: string, datasetId: string, documentId: string): Promise<void>;
  deleteByDataset(collection: string, datasetId: string): Promise<void>;
  count(collection: string, filter: VectorFilter): Promise<number>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

/** Nest injection token for the configured VectorStore. */
export const VECTOR_STORE = Symbol('VECTOR_STORE');

/** Collection for an embedding model and dimension, e.g. `sluice_text_embedding_3_small_1536`. */
export function collectionName(model: string, dimension: number): string {
  return `sluice_${model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}_${dimension}`;
}
