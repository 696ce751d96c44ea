import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { DatasetKeyContext, DatasetKeyGuard } from '../auth/dataset-key.guard';
import { DatasetKey } from '../auth/request-context.decorators';
import { KnowledgeProxy, apiCaller } from './knowledge-proxy.service';

const P = DatasetContracts.metadata;

/** Service API: metadata fields of a knowledge base (values are set through documents/metadata). */
@Controller('v1/datasets/:dataset_id/metadata')
@UseGuards(DatasetKeyGuard)
export class MetadataApiController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Post()
  @HttpCode(201)
  create(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(P.create, apiCaller(k), { datasetId, body });
  }

  @Get()
  list(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string) {
    return this.knowledge.call(P.list, apiCaller(k), { datasetId });
  }

  @Get('built-in')
  builtIn(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string) {
    return this.knowledge.call(P.builtIn, apiCaller(k), { datasetId });
  }

  @Post('built-in/:action')
  @HttpCode(200)
  toggleBuiltIn(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('action') action: string) {
    return this.knowledge.call(P.builtInToggle, apiCaller(k), { datasetId, action });
  }

  @Patch(':metadata_id')
  update(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('metadata_id') metadataId: string, @Body() body: unknown) {
    return this.knowledge.call(P.update, apiCaller(k), { datasetId, metadataId, body });
  }

  @Delete(':metadata_id')
  @HttpCode(204)
  async remove(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Param('metadata_id') metadataId: string) {
    await this.knowledge.call(P.delete, apiCaller(k), { datasetId, metadataId });
  }
}
