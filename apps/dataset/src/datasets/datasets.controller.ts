import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgePatterns } from '@sluice/contracts';
import { KnowledgeRequest } from '../common/knowledge-request';
import { DatasetsService } from './datasets.service';

/** Dataset message handlers: one line each into the service. */
@Controller()
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @MessagePattern(KnowledgePatterns.datasets.create)
  create(@Payload() p: KnowledgeRequest) {
    return this.datasets.create(p);
  }

  @MessagePattern(KnowledgePatterns.datasets.list)
  list(@Payload() p: KnowledgeRequest) {
    return this.datasets.list(p);
  }

  @MessagePattern(KnowledgePatterns.datasets.get)
  get(@Payload() p: KnowledgeRequest) {
    return this.datasets.get(p);
  }

  @MessagePattern(KnowledgePatterns.datasets.update)
  update(@Payload() p: KnowledgeRequest) {
    return this.datasets.update(p);
  }

  @MessagePattern(KnowledgePatterns.datasets.delete)
  async remove(@Payload() p: KnowledgeRequest) {
    await this.datasets.remove(p);
    return { result: 'success' };
  }

  @MessagePattern(KnowledgePatterns.datasets.partialMembers)
  partialMembers(@Payload() p: KnowledgeRequest) {
    return this.datasets.partialMemberList(p);
  }

  @MessagePattern(KnowledgePatterns.datasets.enableApi)
  enableApi(@Payload() p: KnowledgeRequest) {
    return this.datasets.enableApi(p);
  }
}
