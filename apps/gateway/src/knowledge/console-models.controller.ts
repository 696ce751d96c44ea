import { Controller, Get, Param } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { KnowledgeProxy, consoleCaller } from './knowledge-proxy.service';

/** Console: the models of a type the workspace's provider offers (embedding, rerank, llm pickers). */
@Controller('console/api/workspaces/current/models')
@Access('member')
export class ConsoleModelsController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Get('model-types/:model_type')
  byType(@CurrentAccount() a: AccountContext, @Param('model_type') modelType: string) {
    return this.knowledge.call(DatasetContracts.modelsByType, consoleCaller(a), { action: modelType });
  }
}
