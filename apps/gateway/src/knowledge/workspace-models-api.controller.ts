import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import { DatasetKeyContext, DatasetKeyGuard } from '../auth/dataset-key.guard';
import { DatasetKey } from '../auth/request-context.decorators';
import { KnowledgeProxy, apiCaller } from './knowledge-proxy.service';

/** Service API (dataset key): the models a knowledge base can use, e.g. `text-embedding`. */
@Controller('v1/workspaces/current/models')
@UseGuards(DatasetKeyGuard)
export class WorkspaceModelsApiController {
  constructor(private readonly knowledge: KnowledgeProxy) {}

  @Get('model-types/:model_type')
  byType(@DatasetKey() k: DatasetKeyContext, @Param('model_type') modelType: string) {
    return this.knowledge.call(DatasetContracts.modelsByType, apiCaller(k), { action: modelType });
  }
}
