import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ConsolePatterns } from '@sluice/contracts';
import { CurrentAccount } from '../auth/request-context.decorators';
import { SessionGuard } from '../auth/session.guard';
import { AccountContext } from '../common/caller';
import { consoleCaller, KnowledgeProxy } from './knowledge-proxy.service';

/**
 * Dify's indexing estimate: the first chunks of uploaded files under a process rule, before any
 * document is created. Registered before the `/datasets/{dataset_id}` routes (see KnowledgeModule).
 */
@Controller('console/api/datasets')
@UseGuards(SessionGuard)
export class ConsoleIndexingEstimateController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Post('indexing-estimate')
  @HttpCode(200)
  estimate(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.knowledge.call(ConsolePatterns.knowledge.indexingEstimate, consoleCaller(a), { body });
  }
}
