import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgePatterns } from '@sluice/contracts';
import { KnowledgeRequest } from '../common/knowledge-request';
import { WorkspaceModelsService } from './workspace-models.service';

@Controller()
export class WorkspaceModelsController {
  constructor(private readonly models: WorkspaceModelsService) {}

  @MessagePattern(KnowledgePatterns.modelsByType)
  byType(@Payload() p: KnowledgeRequest) {
    return this.models.byType(p);
  }
}
