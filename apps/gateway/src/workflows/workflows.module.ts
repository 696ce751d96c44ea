import { Module } from '@nestjs/common';
import { ConsoleDslController } from './console-dsl.controller';
import { ConsoleWorkflowRunsController } from './console-workflow-runs.controller';
import { ConsoleWorkflowsController } from './console-workflows.controller';
import { ConversationVariablesController } from './conversation-variables.controller';
import { HumanInputController } from './human-input.controller';
import { WorkflowApiService } from './workflow-api.service';
import { WorkflowEventsController } from './workflow-events.controller';
import { WorkflowsController } from './workflows.controller';

/** Workflow routes: /v1/workflows… and /console/api/apps/{id}/workflows…. */
@Module({
  controllers: [
    WorkflowsController,
    WorkflowEventsController,
    HumanInputController,
    ConsoleWorkflowsController,
    ConsoleDslController,
    ConversationVariablesController,
    ConsoleWorkflowRunsController,
  ],
  providers: [WorkflowApiService],
  exports: [WorkflowApiService],
})
export class WorkflowsModule {}
