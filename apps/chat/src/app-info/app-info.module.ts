import { Module } from '@nestjs/common';
import { AppRecordsRepository } from '../app-records/app-records.repository';
import { AppRecordsService } from '../app-records/app-records.service';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { AppInfoController } from './app-info.controller';
import { AppInfoService } from './app-info.service';

/** What clients read about an app besides its conversations: parameters, info, site, meta, feedbacks, end users. */
@Module({
  imports: [SharedTablesModule, AppRegistryModule],
  controllers: [AppInfoController],
  providers: [AppInfoService, AppRecordsRepository, AppRecordsService],
})
export class AppInfoModule {}
