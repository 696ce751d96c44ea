import { Module } from '@nestjs/common';
import { LlmModule } from '@sluice/llm';
import { Embedder } from './embedding/embedder';
import { EmbedderTiming } from './embedding/embedder-timing';
import { EmbeddingCacheRepository } from './embedding/embedding-cache.repository';
import { EmbeddingRateLimiter } from './embedding/embedding-rate-limiter';
import { QueryEmbeddingCache } from './embedding/query-embedding-cache';
import { SegmentIndexer } from './indexing/segment-indexer';
import { KnowledgeRedis } from './knowledge-redis';
import { QaGenerator } from './qa/qa-generator';
import { IngestQueue } from './queue/ingest-queue';
import { IndexingRepository } from './store/indexing.repository';

/**
 * Knowledge services shared by the dataset service and the ingest worker. Needs DatabaseModule
 * and VectorModule.forRoot() imported by the app; imported by each module that uses it.
 */
@Module({
  imports: [LlmModule],
  providers: [
    KnowledgeRedis,
    EmbedderTiming,
    EmbeddingCacheRepository,
    EmbeddingRateLimiter,
    QueryEmbeddingCache,
    Embedder,
    IndexingRepository,
    SegmentIndexer,
    IngestQueue,
    QaGenerator,
  ],
  exports: [KnowledgeRedis, Embedder, SegmentIndexer, IngestQueue, QaGenerator],
})
export class KnowledgeCoreModule {}
