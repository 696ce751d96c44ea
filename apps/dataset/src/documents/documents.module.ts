import { Module } from '@nestjs/common';
import { KnowledgeCoreModule } from '@sluice/knowledge';
import { DatasetCommonModule } from '../common/dataset-common.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { DocumentDownloads } from './document-downloads.service';
import { DocumentLifecycle } from './document-lifecycle.service';
import { DocumentSettings } from './document-settings.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { IndexingEstimateService } from './indexing-estimate.service';
import { ProcessRulesRepository } from './process-rules.repository';

/** Documents: create from text, files or uploads (queued for ingestion), update, pause/resume/retry, downloads, estimates. */
@Module({
  imports: [DatasetCommonModule, DatasetsModule, KnowledgeCoreModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentLifecycle, DocumentDownloads, DocumentSettings, ProcessRulesRepository, IndexingEstimateService],
  exports: [IndexingEstimateService],
})
export class DocumentsModule {}
