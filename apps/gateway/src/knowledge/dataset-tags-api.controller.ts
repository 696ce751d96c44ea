import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { DatasetKeyContext, DatasetKeyGuard } from '../auth/dataset-key.guard';
import { DatasetKey } from '../auth/request-context.decorators';
import { KnowledgeProxy, apiCaller } from './knowledge-proxy.service';

const P = DatasetContracts.tags;

/**
 * Service API: knowledge tags. Registered before the `/v1/datasets/{dataset_id}` routes (see
 * KnowledgeModule) so `tags` is never read as a dataset id.
 */
@Controller('v1/datasets/tags')
@UseGuards(DatasetKeyGuard)
export class DatasetTagsApiController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Get()
  list(@DatasetKey() k: DatasetKeyContext, @Query() query: unknown) {
    return this.knowledge.call(P.list, apiCaller(k), { query });
  }

  @Post()
  @HttpCode(200)
  create(@DatasetKey() k: DatasetKeyContext, @Body() body: unknown) {
    return this.knowledge.call(P.create, apiCaller(k), { body });
  }

  @Patch()
  update(@DatasetKey() k: DatasetKeyContext, @Body() body: unknown) {
    return this.knowledge.call(P.update, apiCaller(k), { body });
  }

  @Delete()
  @HttpCode(204)
  async remove(@DatasetKey() k: DatasetKeyContext, @Body() body: unknown) {
    await this.knowledge.call(P.delete, apiCaller(k), { body });
  }

  @Post('binding')
  @HttpCode(204)
  async bind(@DatasetKey() k: DatasetKeyContext, @Body() body: unknown) {
    await this.knowledge.call(P.bind, apiCaller(k), { body });
  }

  @Post('unbinding')
  @HttpCode(204)
  async unbind(@DatasetKey() k: DatasetKeyContext, @Body() body: unknown) {
    await this.knowledge.call(P.unbind, apiCaller(k), { body });
  }
}
