import { Module } from '@nestjs/common';
import { LogsRepository } from '@sluice/database';
import { SharedTablesModule } from '../shared-tables/shared-tables.module';
import { LogsController } from './logs.controller';
import { LogsService } from './logs.service';

/** The console's logs of an app's conversations and messages, with admin feedback. */
@Module({ imports: [SharedTablesModule], controllers: [LogsController], providers: [LogsRepository, LogsService] })
export class LogsModule {}
