import { Module } from '@nestjs/common';
import { DatabaseModule } from '@sluice/database';
import { KnowledgeCoreModule } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { VectorModule } from '@sluice/vector';
import { DatasetAccess } from './common/dataset-access.service';
import { DatasetsController } from './datasets/datasets.controller';
import { DatasetsRepository } from './datasets/datasets.repository';
import { DatasetsService } from './datasets/datasets.service';
import { DocumentFiles } from './documents/document-files.service';
import { DocumentLifecycle } from './documents/document-lifecycle.service';
import { DocumentSettings } from './documents/document-settings.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { DocumentsService } from './documents/documents.service';
import { HealthController } from './health/health.controller';
import { MetadataController } from './metadata/metadata.controller';
import { MetadataRepository } from './metadata/metadata.repository';
import { MetadataService } from './metadata/metadata.service';
import { RetrievalModule } from './retrieval/retrieval.module';
import { ChildChunkFactory } from './segments/child-chunk.factory';
import { ChildChunksService } from './segments/child-chunks.service';
import { SegmentsController } from './segments/segments.controller';
import { SegmentsRepository } from './segments/segments.repository';
import { SegmentsService } from './segments/segments.service';
import { TagsController } from './tags/tags.controller';
import { TagsRepository } from './tags/tags.repository';
import { TagsService } from './tags/tags.service';
import { WorkspaceModelsController } from './models/workspace-models.controller';
import { WorkspaceModelsService } from './models/workspace-models.service';
import { ConsoleKnowledgeController } from './console/console-knowledge.controller';
import { ConsoleSegmentsService } from './console/console-segments.service';
import { ConsoleTagsService } from './console/console-tags.service';
import { IndexingEstimateService } from './documents/indexing-estimate.service';

@Module({
  imports: [DatabaseModule.forRoot({ poolSize: 10 }), LlmModule, StorageModule, VectorModule.forRoot(), KnowledgeCoreModule, RetrievalModule],
  controllers: [HealthController, DatasetsController, DocumentsController, SegmentsController, MetadataController, TagsController, WorkspaceModelsController, ConsoleKnowledgeController],
  providers: [
    DatasetAccess, DatasetsRepository, DatasetsService, DocumentFiles, DocumentSettings, DocumentsRepository, DocumentsService,
    DocumentLifecycle, MetadataRepository, MetadataService, SegmentsRepository, SegmentsService, ChildChunkFactory, ChildChunksService,
    TagsRepository, TagsService, WorkspaceModelsService, IndexingEstimateService, ConsoleSegmentsService, ConsoleTagsService,
  ],
})
export class DatasetModule {}
