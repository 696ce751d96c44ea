import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WorkflowContracts } from '@sluice/contracts';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { WorkflowApiService } from './workflow-api.service';

/** Service API for workflow apps. */
@Controller('v1/workflows')
@UseGuards(AppKeyGuard)
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowApiService) {}

  @Post('run')
  run(@AppKey() k: AppKeyContext, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    return this.workflows.run(serviceCaller(k, body?.user), body, req, res);
  }

  /** Newer Dify: run a given published version of the workflow instead of the current one. */
  @Post(':workflow_id/run')
  runVersion(@AppKey() k: AppKeyContext, @Param('workflow_id') workflowId: string, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    const payload = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body, workflow_id: workflowId } : body;
    return this.workflows.run(serviceCaller(k, body?.user), payload, req, res);
  }

  @Get('run/:id')
  getRun(@AppKey() k: AppKeyContext, @Param('id') id: string) {
    return this.workflows.call(WorkflowContracts.runGet, { caller: serviceCaller(k, ''), id });
  }

  @Post('tasks/:taskId/stop')
  @HttpCode(200)
  stop(@AppKey() k: AppKeyContext, @Param('taskId') id: string, @Body() body: ClientInput) {
    return this.workflows.stop(serviceCaller(k, body?.user), id);
  }

  @Get('logs')
  logs(@AppKey() k: AppKeyContext, @Query() query: unknown) {
    return this.workflows.call(WorkflowContracts.logs, { caller: serviceCaller(k, ''), query });
  }
}
