import { Module } from '@nestjs/common';
import { DatasetPermissionsRepository } from '@sluice/database';
import { KnowledgeCoreModule } from '@sluice/knowledge';
import { DatasetCommonModule } from '../common/dataset-common.module';
import { DatasetsController } from './datasets.controller';
import { DatasetsService } from './datasets.service';

/** Datasets: create, list (as their permissions allow), settings, delete. */
@Module({
  imports: [DatasetCommonModule, KnowledgeCoreModule],
  controllers: [DatasetsController],
  providers: [DatasetsService, DatasetPermissionsRepository],
  exports: [DatasetsService],
})
export class DatasetsModule {}
