import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { KnowledgeProxy, consoleCaller } from './knowledge-proxy.service';

/**
 * Dify's indexing estimate: the first chunks of uploaded files under a process rule, before any
 * document is created. Registered before the `/datasets/{dataset_id}` routes (see KnowledgeModule).
 */
@Controller('console/api/datasets')
@Access('dataset_editor')
export class ConsoleIndexingEstimateController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Post('indexing-estimate')
  @HttpCode(200)
  estimate(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.knowledge.call(DatasetContracts.console.indexingEstimate, consoleCaller(a), { body });
  }
}
