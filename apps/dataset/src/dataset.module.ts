import { Module } from '@nestjs/common';
import { DatabaseModule, DatasetPermissionsRepository, EndUserRepository, UploadFilesRepository } from '@sluice/database';
import { KnowledgeCoreModule, KnowledgeStoreModule } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { VectorModule } from '@sluice/vector';
import { DatasetAccess } from './common/dataset-access.service';
import { DatasetsController } from './datasets/datasets.controller';
import { DatasetsService } from './datasets/datasets.service';
import { DocumentFiles } from './documents/document-files.service';
import { DocumentLifecycle } from './documents/document-lifecycle.service';
import { DocumentSettings } from './documents/document-settings.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { DocumentDownloads } from './documents/document-downloads.service';
import { ProcessRulesRepository } from './documents/process-rules.repository';
import { HealthController } from './health/health.controller';
import { MetadataController } from './metadata/metadata.controller';
import { MetadataService } from './metadata/metadata.service';
import { RetrievalModule } from './retrieval/retrieval.module';
import { ChildChunkFactory } from './segments/child-chunk.factory';
import { ChildChunksService } from './segments/child-chunks.service';
import { SegmentsController } from './segments/segments.controller';
import { SegmentsService } from './segments/segments.service';
import { TagsController } from './tags/tags.controller';
import { TagsService } from './tags/tags.service';
import { WorkspaceModelsController } from './models/workspace-models.controller';
import { WorkspaceModelsService } from './models/workspace-models.service';
import { ConsoleKnowledgeController } from './console/console-knowledge.controller';
import { ConsoleSegmentsService } from './console/console-segments.service';
import { ConsoleTagsService } from './console/console-tags.service';
import { IndexingEstimateService } from './documents/indexing-estimate.service';

@Module({
  imports: [DatabaseModule.forRoot({ poolSize: 10 }), LlmModule, StorageModule, VectorModule.forRoot(), KnowledgeCoreModule, KnowledgeStoreModule, RetrievalModule],
  controllers: [HealthController, DatasetsController, DocumentsController, SegmentsController, MetadataController, TagsController, WorkspaceModelsController, ConsoleKnowledgeController],
  providers: [
    DatasetAccess, DatasetPermissionsRepository, DatasetsService, DocumentFiles, DocumentSettings, DocumentsService,
    DocumentLifecycle, DocumentDownloads, ProcessRulesRepository, MetadataService, SegmentsService, ChildChunkFactory, ChildChunksService,
    TagsService, WorkspaceModelsService, IndexingEstimateService, ConsoleSegmentsService, ConsoleTagsService,
    UploadFilesRepository, EndUserRepository,
  ],
})
export class DatasetModule {}
