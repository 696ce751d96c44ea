import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { KnowledgeProxy, consoleCaller } from './knowledge-proxy.service';

const P = DatasetContracts.datasets;

/** Console: knowledge bases of the signed-in account's workspace (Dify's dataset fields plus app/document/word counts, as apps/gateway/openapi.yaml documents). */
@Controller('console/api/datasets')
@Access('dataset_editor')
export class ConsoleDatasetsController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Get()
  @Access('member')
  list(@CurrentAccount() a: AccountContext, @Query() query: unknown) {
    return this.knowledge.call(P.list, consoleCaller(a), { query });
  }

  @Post()
  @HttpCode(201)
  create(@CurrentAccount() a: AccountContext, @Body() body: unknown) {
    return this.knowledge.call(P.create, consoleCaller(a), { body });
  }

  /** Dify's process rule of a document's dataset (its latest), else the default, with the limits. Before `:dataset_id`. */
  @Get('process-rule')
  processRule(@CurrentAccount() a: AccountContext, @Query('document_id') documentId: unknown) {
    return this.knowledge.call(DatasetContracts.documents.processRule, consoleCaller(a), {
      documentId: typeof documentId === 'string' ? documentId : undefined,
    });
  }

  @Get(':dataset_id')
  @Access('member')
  get(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string) {
    return this.knowledge.call(P.get, consoleCaller(a), { datasetId });
  }

  @Patch(':dataset_id')
  update(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(P.update, consoleCaller(a), { datasetId, body });
  }

  @Delete(':dataset_id')
  @HttpCode(204)
  async remove(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string) {
    await this.knowledge.call(P.delete, consoleCaller(a), { datasetId });
  }

  @Get(':dataset_id/permission-part-users')
  @Access('member')
  partialMembers(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string) {
    return this.knowledge.call(P.partialMembers, consoleCaller(a), { datasetId });
  }

  @Post(':dataset_id/hit-testing')
  @Access('member')
  @HttpCode(200)
  hitTesting(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.hitTesting(consoleCaller(a), datasetId, body);
  }

  /** Dify: turns the dataset's Service API access on or off. */
  @Post(':dataset_id/api-keys/:status')
  @HttpCode(200)
  enableApi(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('status') status: string) {
    return this.knowledge.call(P.enableApi, consoleCaller(a), { datasetId, action: status });
  }
}
