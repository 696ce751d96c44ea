import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { WorkflowContracts } from '@sluice/contracts';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { WorkflowApiService } from './workflow-api.service';

/** Chatflow conversation variables on the Service API. */
@Controller('v1/conversations/:conversationId/variables')
@UseGuards(AppKeyGuard)
export class ConversationVariablesController {
  constructor(private readonly workflows: WorkflowApiService) {}

  @Get()
  list(@AppKey() k: AppKeyContext, @Param('conversationId') conversationId: string, @Query() query: ClientInput) {
    return this.workflows.call(WorkflowContracts.variablesList, { caller: serviceCaller(k, query?.user), conversationId, query });
  }

  @Put(':variable_id')
  update(@AppKey() k: AppKeyContext, @Param('conversationId') conversationId: string, @Param('variable_id') id: string, @Body() body: ClientInput) {
    return this.workflows.call(WorkflowContracts.variablesUpdate, { caller: serviceCaller(k, body?.user), conversationId, id, body });
  }
}
