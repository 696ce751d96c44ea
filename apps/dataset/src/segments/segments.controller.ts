import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgePatterns } from '@sluice/contracts';
import { KnowledgeRequest } from '../common/knowledge-request';
import { ChildChunksService } from './child-chunks.service';
import { SegmentsService } from './segments.service';

const P = KnowledgePatterns.segments;

/** Segment and child-chunk message handlers: one line each into a service. */
@Controller()
export class SegmentsController {
  constructor(private readonly segments: SegmentsService, private readonly children: ChildChunksService) {}

  @MessagePattern(P.list)
  list(@Payload() p: KnowledgeRequest) {
    return this.segments.list(p);
  }

  @MessagePattern(P.create)
  create(@Payload() p: KnowledgeRequest) {
    return this.segments.create(p);
  }

  @MessagePattern(P.get)
  get(@Payload() p: KnowledgeRequest) {
    return this.segments.get(p);
  }

  @MessagePattern(P.update)
  update(@Payload() p: KnowledgeRequest) {
    return this.segments.update(p);
  }

  @MessagePattern(P.delete)
  async remove(@Payload() p: KnowledgeRequest) {
    await this.segments.remove(p);
    return { result: 'success' };
  }

  @MessagePattern(P.childList)
  childList(@Payload() p: KnowledgeRequest) {
    return this.children.list(p);
  }

  @MessagePattern(P.childCreate)
  childCreate(@Payload() p: KnowledgeRequest) {
    return this.children.create(p);
  }

  @MessagePattern(P.childUpdate)
  childUpdate(@Payload() p: KnowledgeRequest) {
    return this.children.update(p);
  }

  @MessagePattern(P.childDelete)
  async childDelete(@Payload() p: KnowledgeRequest) {
    await this.children.remove(p);
    return { result: 'success' };
  }
}
