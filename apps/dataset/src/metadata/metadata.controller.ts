import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgePatterns } from '@sluice/contracts';
import { KnowledgeRequest } from '../common/knowledge-request';
import { MetadataService } from './metadata.service';

const P = KnowledgePatterns.metadata;

/** Metadata message handlers: one line each into the service. */
@Controller()
export class MetadataController {
  constructor(private readonly metadata: MetadataService) {}

  @MessagePattern(P.create)
  create(@Payload() p: KnowledgeRequest) {
    return this.metadata.create(p);
  }

  @MessagePattern(P.list)
  list(@Payload() p: KnowledgeRequest) {
    return this.metadata.list(p);
  }

  @MessagePattern(P.update)
  update(@Payload() p: KnowledgeRequest) {
    return this.metadata.update(p);
  }

  @MessagePattern(P.delete)
  async remove(@Payload() p: KnowledgeRequest) {
    await this.metadata.remove(p);
    return { result: 'success' };
  }

  @MessagePattern(P.builtIn)
  builtIn(@Payload() p: KnowledgeRequest) {
    return this.metadata.builtIn(p);
  }

  @MessagePattern(P.builtInToggle)
  toggleBuiltIn(@Payload() p: KnowledgeRequest) {
    return this.metadata.toggleBuiltIn(p);
  }

  @MessagePattern(KnowledgePatterns.documents.updateMetadata)
  updateDocuments(@Payload() p: KnowledgeRequest) {
    return this.metadata.updateDocuments(p);
  }
}
