import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ConsolePatterns, WorkflowPatterns } from '@sluice/contracts';
import { CurrentAccount } from '../auth/request-context.decorators';
import { SessionGuard } from '../auth/session.guard';
import { AccountContext, accountCaller } from '../common/caller';
import { WorkflowApiService } from './workflow-api.service';

const P = ConsolePatterns.workflowLogs;

/**
 * Console: run history of workflow and chatflow apps (every run, node by node), the app logs of
 * workflow apps, published versions, and the node defaults of the editor's palette (Dify's shapes).
 */
@Controller('console/api/apps/:id')
@UseGuards(SessionGuard)
export class ConsoleWorkflowRunsController {
  constructor(private readonly workflows: WorkflowApiService) {}

  @Get('workflow-runs')
  runs(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.workflows.call(P.runs, { scope: a, id, query });
  }

  @Get('advanced-chat/workflow-runs')
  chatflowRuns(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.workflows.call(P.runs, { scope: a, id, query, chatflow: true });
  }

  @Get('workflow-runs/:run_id')
  run(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('run_id') runId: string) {
    return this.workflows.call(P.run, { scope: a, id, runId });
  }

  @Get('workflow-runs/:run_id/node-executions')
  nodeExecutions(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('run_id') runId: string) {
    return this.workflows.call(P.nodeExecutions, { scope: a, id, runId });
  }

  /** Stops the account's own draft run (the task id is the one its stream carries). */
  @Post('workflow-runs/tasks/:taskId/stop')
  @HttpCode(200)
  stop(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('taskId') taskId: string) {
    return this.workflows.call(WorkflowPatterns.stop, { caller: accountCaller(a, id), id: taskId });
  }

  @Get('workflow-app-logs')
  appLogs(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.workflows.call(P.appLogs, { scope: a, id, query });
  }

  @Get('workflows')
  versions(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.workflows.call(P.versions, { scope: a, id, query });
  }

  @Get('workflows/default-workflow-block-configs')
  blockConfigs(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.workflows.call(P.blockConfigs, { scope: a, id });
  }

  @Get('workflows/default-workflow-block-configs/:block_type')
  blockConfig(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('block_type') blockType: string, @Query() query: unknown) {
    return this.workflows.call(P.blockConfigs, { scope: a, id, blockType, query });
  }
}
