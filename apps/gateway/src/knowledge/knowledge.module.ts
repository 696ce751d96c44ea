import { Module } from '@nestjs/common';
import { FilePreviewController } from '../files/file-preview.controller';
import { ConsoleDatasetsController } from './console-datasets.controller';
import { ConsoleDocumentsController } from './console-documents.controller';
import { ConsoleFilesController } from './console-files.controller';
import { ConsoleIndexingEstimateController } from './console-indexing-estimate.controller';
import { ConsoleMetadataController } from './console-metadata.controller';
import { ConsoleModelsController } from './console-models.controller';
import { ConsoleSegmentsController } from './console-segments.controller';
import { ConsoleTagsController } from './console-tags.controller';
import { DatasetTagsApiController } from './dataset-tags-api.controller';
import { DatasetsApiController } from './datasets-api.controller';
import { DocumentsApiController } from './documents-api.controller';
import { KnowledgeDownloadsService } from './knowledge-downloads.service';
import { KnowledgeFilesService } from './knowledge-files.service';
import { KnowledgePipelineApiController } from './knowledge-pipeline-api.controller';
import { KnowledgeProxy } from './knowledge-proxy.service';
import { KnowledgeUploadService } from './knowledge-upload.service';
import { MetadataApiController } from './metadata-api.controller';
import { ProviderIconsController } from './provider-icons.controller';
import { ProviderIconsService } from './provider-icons.service';
import { SegmentsApiController } from './segments-api.controller';
import { WorkspaceModelsApiController } from './workspace-models-api.controller';

/** Knowledge API routes: /v1/datasets… (dataset keys) and /console/api/datasets… (console sessions). */
@Module({
  // Order matters: `/v1/datasets/tags` must be matched before `/v1/datasets/{dataset_id}`.
  controllers: [
    DatasetTagsApiController,
    KnowledgePipelineApiController,
    DatasetsApiController,
    DocumentsApiController,
    SegmentsApiController,
    MetadataApiController,
    ConsoleIndexingEstimateController,
    ConsoleMetadataController,
    ConsoleDatasetsController,
    ConsoleDocumentsController,
    ConsoleFilesController,
    WorkspaceModelsApiController,
    ConsoleSegmentsController,
    ConsoleTagsController,
    ConsoleModelsController,
    FilePreviewController,
    ProviderIconsController,
  ],
  providers: [KnowledgeProxy, KnowledgeUploadService, KnowledgeFilesService, KnowledgeDownloadsService, ProviderIconsService],
})
export class KnowledgeModule {}
