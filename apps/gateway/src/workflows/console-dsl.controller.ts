import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { WorkflowContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { WorkflowApiService } from './workflow-api.service';

/** Dify's app DSL: export an app as YAML, import YAML as a new app. */
@Controller('console/api/apps')
@Access('editor')
export class ConsoleDslController {
  constructor(private readonly workflows: WorkflowApiService) {}

  @Get(':id/export')
  export(@CurrentAccount() a: AccountContext, @Param('id') id: string) {
    return this.workflows.call(WorkflowContracts.exportDsl, { scope: a, id });
  }

  @Post('imports')
  import(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.workflows.call(WorkflowContracts.importDsl, { scope: a, body });
  }
}
