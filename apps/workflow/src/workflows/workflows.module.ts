import { Module } from '@nestjs/common';
import { AppsRepository, WorkflowVersionsRepository } from '@sluice/database';
import { GraphModule } from '../graph/graph.module';
import { AppFormService } from './app-form.service';
import { DslService } from './dsl.service';
import { RunEventLog } from './run-event-log';
import { RunEventsService } from './run-events.service';
import { RunRegistry } from './run-registry';
import { WorkflowRepository } from './workflow.repository';
import { WorkflowsService } from './workflows.service';

/** Workflow apps: drafts, publishing, DSL import/export, runs (with their event logs, re-attach and stop). */
@Module({
  imports: [GraphModule],
  providers: [
    WorkflowRepository,
    WorkflowVersionsRepository,
    AppsRepository,
    RunRegistry,
    RunEventLog,
    RunEventsService,
    WorkflowsService,
    DslService,
    AppFormService,
  ],
  exports: [WorkflowRepository, RunEventLog, RunEventsService, WorkflowsService, DslService, AppFormService],
})
export class WorkflowsModule {}
