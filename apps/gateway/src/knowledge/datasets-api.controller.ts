import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { DatasetKeyContext, DatasetKeyGuard } from '../auth/dataset-key.guard';
import { DatasetKey } from '../auth/request-context.decorators';
import { KnowledgeProxy, apiCaller } from './knowledge-proxy.service';

const P = DatasetContracts.datasets;

/** Service API: knowledge bases (`Bearer dataset-…`). */
@Controller('v1/datasets')
@UseGuards(DatasetKeyGuard)
export class DatasetsApiController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Post()
  @HttpCode(200)
  create(@DatasetKey() k: DatasetKeyContext, @Body() body: unknown) {
    return this.knowledge.call(P.create, apiCaller(k), { body });
  }

  @Get()
  list(@DatasetKey() k: DatasetKeyContext, @Query() query: unknown) {
    return this.knowledge.call(P.list, apiCaller(k), { query });
  }

  @Get(':dataset_id')
  get(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string) {
    return this.knowledge.call(P.get, apiCaller(k), { datasetId });
  }

  @Patch(':dataset_id')
  update(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.call(P.update, apiCaller(k), { datasetId, body });
  }

  @Delete(':dataset_id')
  @HttpCode(204)
  async remove(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string) {
    await this.knowledge.call(P.delete, apiCaller(k), { datasetId });
  }

  @Get(':dataset_id/tags')
  tags(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string) {
    return this.knowledge.call(DatasetContracts.tags.ofDataset, apiCaller(k), { datasetId });
  }

  @Post([':dataset_id/retrieve', ':dataset_id/hit-testing'])
  @HttpCode(200)
  retrieve(@DatasetKey() k: DatasetKeyContext, @Param('dataset_id') datasetId: string, @Body() body: unknown) {
    return this.knowledge.hitTesting(apiCaller(k), datasetId, body);
  }
}
