import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CallerIdentity, Patterns } from '@sluice/contracts';
import { AnnotationsService } from './annotations.service';

type Scoped = { caller: CallerIdentity; id?: string; body?: unknown; query?: unknown; action?: string };

/** Message handlers for Dify's annotation routes. */
@Controller()
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  @MessagePattern(Patterns.chat.annotationsList)
  list(@Payload() p: Scoped) {
    return this.annotations.list(p.caller, p.query);
  }

  @MessagePattern(Patterns.chat.annotationCreate)
  create(@Payload() p: Scoped) {
    return this.annotations.create(p.caller, p.body);
  }

  @MessagePattern(Patterns.chat.annotationUpdate)
  update(@Payload() p: Scoped) {
    return this.annotations.update(p.caller, p.id!, p.body);
  }

  @MessagePattern(Patterns.chat.annotationDelete)
  async remove(@Payload() p: Scoped) {
    await this.annotations.remove(p.caller, p.id!);
    return { result: 'success' };
  }

  @MessagePattern(Patterns.chat.annotationReply)
  reply(@Payload() p: Scoped) {
    return this.annotations.setReply(p.caller, p.action!, p.body);
  }

  @MessagePattern(Patterns.chat.annotationReplyStatus)
  replyStatus(@Payload() p: Scoped) {
    return this.annotations.replyStatus(p.caller, p.action!, p.id!);
  }
}
