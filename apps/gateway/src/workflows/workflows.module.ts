import { Module } from '@nestjs/common';
import { ConsoleWorkflowsController } from './console-workflows.controller';
import { WorkflowApiService } from './workflow-api.service';
import { WorkflowsController } from './workflows.controller';

/** Workflow routes: /v1/workflows… and /console/api/apps/{id}/workflows…. */
@Module({ controllers: [WorkflowsController, ConsoleWorkflowsController], providers: [WorkflowApiService] })
export class WorkflowsModule {}
