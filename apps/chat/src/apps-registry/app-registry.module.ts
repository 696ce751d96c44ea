import { Module } from '@nestjs/common';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { AppRegistry } from './app-registry';

/** The apps and their parsed model configs, cached: every feature that answers for an app asks it. */
@Module({ imports: [SharedTablesModule], providers: [AppRegistry], exports: [AppRegistry] })
export class AppRegistryModule {}
