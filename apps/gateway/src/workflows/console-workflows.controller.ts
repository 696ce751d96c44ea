import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WorkflowContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext, accountCaller } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { WorkflowApiService } from './workflow-api.service';

/** Console: the draft graph, publishing, and streamed debug runs of the draft. */
@Controller('console/api/apps/:id/workflows')
@Access('editor')
export class ConsoleWorkflowsController {
  constructor(private readonly workflows: WorkflowApiService) {}

  @Get('draft')
  draft(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.workflows.call(WorkflowContracts.draftGet, { scope: a, id });
  }

  @Post('draft')
  @HttpCode(200)
  saveDraft(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: unknown) {
    return this.workflows.call(WorkflowContracts.draftSave, { scope: a, id, body });
  }

  @Post('draft/run')
  runDraft(@CurrentAccount() a: AccountContext, @Param('id') id: string, @Body() body: ClientInput, @Req() req: Request, @Res() res: Response) {
    return this.workflows.run(accountCaller(a, id), { ...body, user: a.accountId }, req, res, true);
  }

  @Post('publish')
  @HttpCode(200)
  publish(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.workflows.call(WorkflowContracts.publish, { scope: a, id });
  }

  @Get('publish')
  published(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.workflows.call(WorkflowContracts.publishedGet, { scope: a, id });
  }
}
