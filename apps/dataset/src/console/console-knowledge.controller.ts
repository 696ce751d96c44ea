import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConsolePatterns } from '@sluice/contracts';
import { KnowledgeRequest } from '../common/knowledge-request';
import { IndexingEstimateService } from '../documents/indexing-estimate.service';
import { BUILT_IN_FIELDS } from '@sluice/knowledge';
import { ConsoleSegmentsService } from './console-segments.service';
import { ConsoleTagsService } from './console-tags.service';

const P = ConsolePatterns.knowledge;
type TagReq = KnowledgeRequest & { tagId?: string };

/** Console-only knowledge handlers (Dify's console shapes): one line each into a service. */
@Controller()
export class ConsoleKnowledgeController {
  constructor(private readonly estimate: IndexingEstimateService, private readonly segments: ConsoleSegmentsService, private readonly tags: ConsoleTagsService) {}

  @MessagePattern(P.indexingEstimate)
  indexingEstimate(@Payload() p: KnowledgeRequest) {
    return this.estimate.estimate(p);
  }

  @MessagePattern(P.builtInFields)
  builtInFields() {
    return { fields: BUILT_IN_FIELDS.map((f) => ({ ...f })) };
  }

  @MessagePattern(P.segmentCreate)
  segmentCreate(@Payload() p: KnowledgeRequest) {
    return this.segments.create(p);
  }

  @MessagePattern(P.segmentUpdate)
  segmentUpdate(@Payload() p: KnowledgeRequest) {
    return this.segments.update(p);
  }

  @MessagePattern(P.segmentsStatus)
  segmentsStatus(@Payload() p: KnowledgeRequest) {
    return this.segments.setEnabled(p);
  }

  @MessagePattern(P.segmentsDelete)
  segmentsDelete(@Payload() p: KnowledgeRequest) {
    return this.segments.remove(p);
  }

  @MessagePattern(P.tagsList)
  tagsList(@Payload() p: TagReq) {
    return this.tags.list(p);
  }

  @MessagePattern(P.tagCreate)
  tagCreate(@Payload() p: TagReq) {
    return this.tags.create(p);
  }

  @MessagePattern(P.tagUpdate)
  tagUpdate(@Payload() p: TagReq) {
    return this.tags.update(p, p.tagId ?? '');
  }

  @MessagePattern(P.tagDelete)
  tagDelete(@Payload() p: TagReq) {
    return this.tags.remove(p, p.tagId ?? '');
  }

  @MessagePattern(P.tagBind)
  tagBind(@Payload() p: TagReq) {
    return this.tags.bind(p);
  }

  @MessagePattern(P.tagUnbind)
  tagUnbind(@Payload() p: TagReq) {
    return this.tags.unbind(p);
  }
}
