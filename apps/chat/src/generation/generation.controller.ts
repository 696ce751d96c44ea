import { Controller } from '@nestjs/common';
import { AppRecordsService } from '../app-records/app-records.service';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { from } from 'rxjs';
import { CallerIdentity, Patterns, StoredUpload } from '@sluice/contracts';
import { AppInfoService } from '../app-info/app-info.service';
import { ConversationsService } from '../conversations/conversations.service';
import { FilesService } from '../files/files.service';
import { MessagesService } from '../messages/messages.service';
import { ChatGenerationService } from './chat-generation.service';
import { GenerateRequest, StopRequest } from './generation.types';

type Scoped<T = unknown> = { caller: CallerIdentity; id?: string; body?: T; query?: T; web?: boolean };

/** Service/Web API message handlers for chat and completion apps. */
@Controller()
export class GenerationController {
  constructor(
    private readonly generation: ChatGenerationService,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly appInfo: AppInfoService,
    private readonly files: FilesService,
    private readonly records: AppRecordsService,
  ) {}

  /** Streaming replies are a stream of SSE event bodies; blocking replies are one JSON body. */
  @MessagePattern(Patterns.chat.generate)
  generate(@Payload() p: GenerateRequest & { streaming: boolean }) {
    return p.streaming ? from(this.generation.stream(p)) : this.generation.blocking(p);
  }

  @MessagePattern(Patterns.chat.stop)
  stop(@Payload() p: StopRequest) {
    return this.generation.stop(p);
  }

  @MessagePattern(Patterns.chat.messages)
  listMessages(@Payload() p: Scoped) {
    return this.messages.list(p.caller, p.query);
  }

  @MessagePattern(Patterns.chat.feedback)
  feedback(@Payload() p: Scoped) {
    return this.messages.feedback(p.caller, p.id!, p.body);
  }

  @MessagePattern(Patterns.chat.suggested)
  suggested(@Payload() p: Scoped) {
    return this.messages.suggested(p.caller, p.id!);
  }

  @MessagePattern(Patterns.chat.conversations)
  conversationsList(@Payload() p: Scoped) {
    return this.conversations.list(p.caller, p.query);
  }

  @MessagePattern(Patterns.chat.conversationsPaged)
  conversationsPaged(@Payload() p: Scoped) {
    return this.conversations.listPaged(p.caller, p.query);
  }

  @MessagePattern(Patterns.chat.conversationDelete)
  conversationDelete(@Payload() p: Scoped) {
    return this.conversations.remove(p.caller, p.id!);
  }

  @MessagePattern(Patterns.chat.conversationRename)
  conversationRename(@Payload() p: Scoped) {
    return this.conversations.rename(p.caller, p.id!, p.body, p.web);
  }

  @MessagePattern(Patterns.chat.conversationPin)
  conversationPin(@Payload() p: Scoped) {
    return this.conversations.pin(p.caller, p.id!, (p.body as { pinned?: unknown } | undefined)?.pinned === true);
  }

  @MessagePattern(Patterns.chat.parameters)
  parameters(@Payload() p: Scoped) {
    return this.appInfo.parameters(p.caller);
  }

  @MessagePattern(Patterns.chat.appFeedbacks)
  appFeedbacks(@Payload() p: Scoped) {
    return this.records.feedbacks(p.caller, p.query);
  }

  @MessagePattern(Patterns.chat.endUser)
  endUser(@Payload() p: Scoped) {
    return this.records.endUser(p.caller, p.id!);
  }

  @MessagePattern(Patterns.chat.info)
  info(@Payload() p: Scoped) {
    return this.appInfo.info(p.caller);
  }

  @MessagePattern(Patterns.chat.site)
  site(@Payload() p: Scoped) {
    return this.appInfo.site(p.caller);
  }

  @MessagePattern(Patterns.chat.meta)
  meta(@Payload() p: Scoped) {
    return this.appInfo.meta(p.caller);
  }

  @MessagePattern(Patterns.chat.fileDescribe)
  fileDescribe(@Payload() p: Scoped) {
    return this.files.describe(p.caller, p.id!);
  }

  @MessagePattern(Patterns.chat.fileCreate)
  fileCreate(@Payload() p: { caller: CallerIdentity; upload: StoredUpload }) {
    return this.files.register(p.caller, p.upload);
  }

  @MessagePattern(Patterns.health.ping)
  ping() {
    return { ok: true, service: 'chat' };
  }
}
