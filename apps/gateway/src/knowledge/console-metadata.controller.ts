import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { Access } from '../auth/access.decorator';
import { CurrentAccount } from '../auth/request-context.decorators';
import { AccountContext } from '../common/caller';
import { KnowledgeProxy, consoleCaller } from './knowledge-proxy.service';

const P = DatasetContracts.metadata;

/** Console: metadata fields of a knowledge base, built-in fields, and documents' values (Dify's console routes). */
@Controller('console/api/datasets')
@Access('dataset_editor')
export class ConsoleMetadataController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  /** Dify serves the built-in field list without a dataset: they are the same for all. */
  @Access('member')
  @Get('metadata/built-in')
  builtInFields(@CurrentAccount() a: AccountContext) {
    return this.knowledge.call(DatasetContracts.console.builtInFields, consoleCaller(a));
  }

  @Access('member')
  @Get(':dataset_id/metadata')
  list(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string) {
    return this.knowledge.call(P.list, consoleCaller(a), { datasetId });
  }

  @Post(':dataset_id/metadata')
  @HttpCode(201)
  create(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(P.create, consoleCaller(a), { datasetId, body });
  }

  @Patch(':dataset_id/metadata/:metadata_id')
  update(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('metadata_id') metadataId: string, @Body() body: unknown) {
    return this.knowledge.call(P.update, consoleCaller(a), { datasetId, metadataId, body });
  }

  @Delete(':dataset_id/metadata/:metadata_id')
  @HttpCode(204)
  async remove(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('metadata_id') metadataId: string) {
    await this.knowledge.call(P.delete, consoleCaller(a), { datasetId, metadataId });
  }

  @Post(':dataset_id/metadata/built-in/:action')
  @HttpCode(200)
  toggleBuiltIn(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Param('action') action: string) {
    return this.knowledge.call(P.builtInToggle, consoleCaller(a), { datasetId, action });
  }

  @Post(':dataset_id/documents/metadata')
  @HttpCode(200)
  documentValues(@CurrentAccount() a: AccountContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(DatasetContracts.documents.updateMetadata, consoleCaller(a), { datasetId, body });
  }
}
