import { Body, Controller, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WorkflowContracts } from '@sluice/contracts';
import { WebUser } from '../auth/request-context.decorators';
import { WebUserGuard } from '../auth/web-user.guard';
import { WebUserContext } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { WorkflowApiService } from '../workflows/workflow-api.service';
import { WebApiService } from './web-api.service';

/** Workflow apps on the Web API: a web app visitor (passport) or an account (`app_id`) runs the published workflow. */
@Controller('api/workflows')
@UseGuards(WebUserGuard)
export class WebWorkflowsController {
  constructor(
    private readonly web: WebApiService,
    private readonly workflows: WorkflowApiService,
  ) {}

  @Post('run')
  async run(@WebUser() u: WebUserContext, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    return this.workflows.run(await this.web.caller(u, body?.app_id), { ...body, user: this.web.userOf(u) }, req, res);
  }

  @Post('tasks/:taskId/stop')
  @HttpCode(200)
  async stop(@WebUser() u: WebUserContext, @Param('taskId') id: string, @Body() body: ClientInput, @Query('app_id') appId?: string) {
    return this.workflows.call(WorkflowContracts.stop, { caller: await this.web.caller(u, body?.app_id ?? appId), id });
  }
}
