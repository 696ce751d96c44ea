import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { WorkflowContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { ConsoleAppAccess } from '../console/console-app-access.service';
import { WorkflowApiService } from './workflow-api.service';

const P = WorkflowContracts.console;

/**
 * Console: run history of workflow and chatflow apps (every run, node by node), the app logs of
 * workflow apps, published versions, and the node defaults of the editor's palette (Dify's shapes).
 */
@Controller('console/api/apps/:id')
@Access('app_viewer')
export class ConsoleWorkflowRunsController {
  constructor(
    private readonly workflows: WorkflowApiService,
    private readonly apps: ConsoleAppAccess,
  ) {}

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
  @Access('editor')
  @Post('workflow-runs/tasks/:taskId/stop')
  @HttpCode(200)
  async stop(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('taskId') taskId: string) {
    const { caller } = await this.apps.caller(a, id);
    return this.workflows.call(WorkflowContracts.stop, { caller, id: taskId });
  }

  @Get('workflow-app-logs')
  appLogs(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.workflows.call(P.appLogs, { scope: a, id, query });
  }

  @Access('editor')
  @Get('workflows')
  versions(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Query() query: unknown) {
    return this.workflows.call(P.versions, { scope: a, id, query });
  }

  @Access('editor')
  @Get('workflows/default-workflow-block-configs')
  blockConfigs(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.workflows.call(P.blockConfigs, { scope: a, id });
  }

  @Access('editor')
  @Get('workflows/default-workflow-block-configs/:block_type')
  blockConfig(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Param('block_type') blockType: string, @Query() query: unknown) {
    return this.workflows.call(P.blockConfigs, { scope: a, id, blockType, query });
  }
}
