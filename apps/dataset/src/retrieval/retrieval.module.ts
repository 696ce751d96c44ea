import { Module } from '@nestjs/common';
import { Embedder, KnowledgeCoreModule, KnowledgeStoreModule } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { AutomaticMetadataFilter } from './automatic-metadata-filter';
import { DatasetRetrieveService } from './dataset-retrieve.service';
import { HitTestingService } from './hit-testing.service';
import { QueryEmbedder } from './query-embedder';
import { Reranker } from './reranker';
import { RetrievalController } from './retrieval.controller';
import { RetrievalService } from './retrieval.service';
import { SegmentSearchRepository } from './segment-search.repository';

/**
 * Hit testing and multi-dataset retrieval. Relies on the globals the dataset app imports:
 * DatabaseModule and VectorModule.forRoot().
 */
@Module({
  imports: [LlmModule, KnowledgeCoreModule, KnowledgeStoreModule],
  controllers: [RetrievalController],
  providers: [
    SegmentSearchRepository,
    Reranker,
    RetrievalService,
    HitTestingService,
    DatasetRetrieveService,
    AutomaticMetadataFilter,
    { provide: QueryEmbedder, useExisting: Embedder },
  ],
  exports: [RetrievalService],
})
export class RetrievalModule {}
