import { Module } from '@nestjs/common';
import { ApiKeysRepository } from '@sluice/database';
import { AppRegistryModule } from '../apps-registry/app-registry.module';
import { SettingsModule } from '../settings/settings.module';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { ApiKeysService } from './api-keys.service';
import { AppSiteController } from './app-site.controller';
import { AppSiteService } from './app-site.service';
import { AppsService } from './apps.service';
import { ConsoleController } from './console.controller';

/** Apps as the console manages them: create, configure, copy, their web app (site) and their API keys. */
@Module({
  imports: [SharedTablesModule, AppRegistryModule, SettingsModule],
  controllers: [ConsoleController, AppSiteController],
  providers: [AppsService, AppSiteService, ApiKeysRepository, ApiKeysService],
})
export class AppsModule {}
