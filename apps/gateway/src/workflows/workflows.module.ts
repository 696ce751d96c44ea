import { Module } from '@nestjs/common';
import { ConsoleDslController } from './console-dsl.controller';
import { ConsoleWorkflowsController } from './console-workflows.controller';
import { ConsoleWorkflowRunsController } from './console-workflow-runs.controller';
import { ConversationVariablesController } from './conversation-variables.controller';
import { WorkflowApiService } from './workflow-api.service';
import { WorkflowsController } from './workflows.controller';

/** Workflow routes: /v1/workflows… and /console/api/apps/{id}/workflows…. */
@Module({ controllers: [WorkflowsController, ConsoleWorkflowsController, ConsoleDslController, ConversationVariablesController, ConsoleWorkflowRunsController], providers: [WorkflowApiService], exports: [WorkflowApiService] })
export class WorkflowsModule {}
