import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgePatterns } from '@sluice/contracts';
import { KnowledgeRequest } from '../common/knowledge-request';
import { TagsService } from './tags.service';

const P = KnowledgePatterns.tags;

/** Tag message handlers: one line each into a service. */
@Controller()
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @MessagePattern(P.list)
  list(@Payload() p: KnowledgeRequest) {
    return this.tags.list(p);
  }

  @MessagePattern(P.create)
  create(@Payload() p: KnowledgeRequest) {
    return this.tags.create(p);
  }

  @MessagePattern(P.update)
  update(@Payload() p: KnowledgeRequest) {
    return this.tags.update(p);
  }

  @MessagePattern(P.delete)
  async remove(@Payload() p: KnowledgeRequest) {
    await this.tags.remove(p);
    return { result: 'success' };
  }

  @MessagePattern(P.bind)
  async bind(@Payload() p: KnowledgeRequest) {
    await this.tags.bind(p);
    return { result: 'success' };
  }

  @MessagePattern(P.unbind)
  async unbind(@Payload() p: KnowledgeRequest) {
    await this.tags.unbind(p);
    return { result: 'success' };
  }

  @MessagePattern(P.ofDataset)
  ofDataset(@Payload() p: KnowledgeRequest) {
    return this.tags.ofDataset(p);
  }
}
