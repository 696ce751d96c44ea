import type { EmbeddingModelRef } from '../embedding/embedding-model-ref';

/** What indexing needs to know about a dataset. */
export interface DatasetIndexInfo {
  id: string;
  tenantId: string;
  indexingTechnique: string | null;
  model: EmbeddingModelRef;
  dimension: number | null;
}
