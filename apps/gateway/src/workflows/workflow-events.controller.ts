import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { WorkflowApiService } from './workflow-api.service';

/** Dify's `GET /v1/workflow/{workflow_run_id}/events`: re-attach to a run's event stream (SSE). */
@Controller('v1/workflow')
@UseGuards(AppKeyGuard)
export class WorkflowEventsController {
  constructor(private readonly workflows: WorkflowApiService) {}

  @Get(':workflow_run_id/events')
  events(@AppKey() k: AppKeyContext, @Param('workflow_run_id') runId: string, @Query('user') user: unknown, @Req() req: Request, @Res() res: Response) {
    return this.workflows.events(serviceCaller(k, user), runId, req, res);
  }
}
