import { Module } from '@nestjs/common';
import { WorkflowsModule } from '../workflows/workflows.module';
import { RunHistoryController } from './run-history.controller';
import { RunHistoryRepository } from './run-history.repository';
import { RunHistoryService } from './run-history.service';

/** The console's run history: workflow runs, chatflow runs, node executions and app logs. */
@Module({ imports: [WorkflowsModule], controllers: [RunHistoryController], providers: [RunHistoryRepository, RunHistoryService] })
export class RunHistoryModule {}
