import { Module } from '@nestjs/common';
import { DatabaseModule, DatasetPermissionsRepository, EndUserRepository, UploadFilesRepository } from '@sluice/database';
import { KnowledgeCoreModule } from '@sluice/knowledge';
import { LlmModule } from '@sluice/llm';
import { StorageModule } from '@sluice/storage';
import { VectorModule } from '@sluice/vector';
import { DatasetAccess } from './common/dataset-access.service';
import { DatasetsController } from './datasets/datasets.controller';
import { DatasetsRepository } from '@sluice/knowledge';
import { DatasetsService } from './datasets/datasets.service';
import { DocumentFiles } from './documents/document-files.service';
import { DocumentLifecycle } from './documents/document-lifecycle.service';
import { DocumentSettings } from './documents/document-settings.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from '@sluice/knowledge';
import { DocumentsService } from './documents/documents.service';
import { DocumentDownloads } from './documents/document-downloads.service';
import { ProcessRulesRepository } from './documents/process-rules.repository';
import { HealthController } from './health/health.controller';
import { MetadataController } from './metadata/metadata.controller';
import { MetadataRepository } from '@sluice/knowledge';
import { MetadataService } from './metadata/metadata.service';
import { RetrievalModule } from './retrieval/retrieval.module';
import { ChildChunkFactory } from './segments/child-chunk.factory';
import { ChildChunksService } from './segments/child-chunks.service';
import { SegmentsController } from './segments/segments.controller';
import { SegmentsRepository } from '@sluice/knowledge';
import { SegmentsService } from './segments/segments.service';
import { TagsController } from './tags/tags.controller';
import { TagsRepository } from '@sluice/knowledge';
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
    DatasetAccess, DatasetPermissionsRepository, DatasetsRepository, DatasetsService, DocumentFiles, DocumentSettings, DocumentsRepository, DocumentsService,
    DocumentLifecycle, DocumentDownloads, ProcessRulesRepository, MetadataRepository, MetadataService, SegmentsRepository, SegmentsService, ChildChunkFactory, ChildChunksService,
    TagsRepository, TagsService, WorkspaceModelsService, IndexingEstimateService, ConsoleSegmentsService, ConsoleTagsService,
    UploadFilesRepository, EndUserRepository,
  ],
})
export class DatasetModule {}
