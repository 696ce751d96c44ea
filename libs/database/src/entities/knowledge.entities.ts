import { ChildChunk } from './child-chunk.entity';
import { DatasetDocument } from './dataset-document.entity';
import { DatasetMetadata } from './dataset-metadata.entity';
import { DatasetProcessRule } from './dataset-process-rule.entity';
import { Dataset } from './dataset.entity';
import { DocumentSegment } from './document-segment.entity';
import { EmbeddingCache } from './embedding-cache.entity';

export { ChildChunk, Dataset, DatasetDocument, DatasetMetadata, DatasetProcessRule, DocumentSegment, EmbeddingCache };
export { INDEXING_STATUSES } from './dataset-document.entity';
export type { IndexingStatus } from './dataset-document.entity';

/** Knowledge-base entities: datasets, documents, segments, child chunks, metadata, embedding cache. */
export const KNOWLEDGE_ENTITIES: Function[] = [Dataset, DatasetDocument, DocumentSegment, ChildChunk, DatasetMetadata, DatasetProcessRule, EmbeddingCache];
