import { Controller } from '@nestjs/common';
import { AppRecordsService } from '../app-records/app-records.service';
import { from } from 'rxjs';
import { ChatContracts, ContractPayloadOf, GenerateRequest, HealthContracts, StopRequest } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { AppInfoService } from '../app-info/app-info.service';
import { ConversationsService } from '../conversations/conversations.service';
import { FilesService } from '../files/files.service';
import { MessagesService } from '../messages/messages.service';
import { ChatGenerationService } from './chat-generation.service';


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
  @HandlesContract(ChatContracts.generate)
  generate(@ContractPayload(ChatContracts.generate) p: GenerateRequest) {
    return p.streaming ? from(this.generation.stream(p)) : this.generation.blocking(p);
  }

  @HandlesContract(ChatContracts.stop)
  stop(@ContractPayload(ChatContracts.stop) p: StopRequest) {
    return this.generation.stop(p);
  }

  @HandlesContract(ChatContracts.messages)
  listMessages(@ContractPayload(ChatContracts.messages) p: ContractPayloadOf<typeof ChatContracts.messages>) {
    return this.messages.list(p.caller, p.query);
  }

  @HandlesContract(ChatContracts.feedback)
  feedback(@ContractPayload(ChatContracts.feedback) p: ContractPayloadOf<typeof ChatContracts.feedback>) {
    return this.messages.feedback(p.caller, p.id!, p.body);
  }

  @HandlesContract(ChatContracts.suggested)
  suggested(@ContractPayload(ChatContracts.suggested) p: ContractPayloadOf<typeof ChatContracts.suggested>) {
    return this.messages.suggested(p.caller, p.id!);
  }

  @HandlesContract(ChatContracts.conversations)
  conversationsList(@ContractPayload(ChatContracts.conversations) p: ContractPayloadOf<typeof ChatContracts.conversations>) {
    return this.conversations.list(p.caller, p.query);
  }

  @HandlesContract(ChatContracts.conversationsPaged)
  conversationsPaged(@ContractPayload(ChatContracts.conversationsPaged) p: ContractPayloadOf<typeof ChatContracts.conversationsPaged>) {
    return this.conversations.listPaged(p.caller, p.query);
  }

  @HandlesContract(ChatContracts.conversationDelete)
  conversationDelete(@ContractPayload(ChatContracts.conversationDelete) p: ContractPayloadOf<typeof ChatContracts.conversationDelete>) {
    return this.conversations.remove(p.caller, p.id!);
  }

  @HandlesContract(ChatContracts.conversationRename)
  conversationRename(@ContractPayload(ChatContracts.conversationRename) p: ContractPayloadOf<typeof ChatContracts.conversationRename>) {
    return this.conversations.rename(p.caller, p.id!, p.body);
  }

  @HandlesContract(ChatContracts.webConversationRename)
  webConversationRename(@ContractPayload(ChatContracts.webConversationRename) p: ContractPayloadOf<typeof ChatContracts.webConversationRename>) {
    return this.conversations.rename(p.caller, p.id!, p.body, true);
  }

  @HandlesContract(ChatContracts.conversationPin)
  conversationPin(@ContractPayload(ChatContracts.conversationPin) p: ContractPayloadOf<typeof ChatContracts.conversationPin>) {
    return this.conversations.pin(p.caller, p.id!, p.body.pinned);
  }

  @HandlesContract(ChatContracts.parameters)
  parameters(@ContractPayload(ChatContracts.parameters) p: ContractPayloadOf<typeof ChatContracts.parameters>) {
    return this.appInfo.parameters(p.caller);
  }

  @HandlesContract(ChatContracts.appFeedbacks)
  appFeedbacks(@ContractPayload(ChatContracts.appFeedbacks) p: ContractPayloadOf<typeof ChatContracts.appFeedbacks>) {
    return this.records.feedbacks(p.caller, p.query);
  }

  @HandlesContract(ChatContracts.endUser)
  endUser(@ContractPayload(ChatContracts.endUser) p: ContractPayloadOf<typeof ChatContracts.endUser>) {
    return this.records.endUser(p.caller, p.id!);
  }

  @HandlesContract(ChatContracts.info)
  info(@ContractPayload(ChatContracts.info) p: ContractPayloadOf<typeof ChatContracts.info>) {
    return this.appInfo.info(p.caller);
  }

  @HandlesContract(ChatContracts.site)
  site(@ContractPayload(ChatContracts.site) p: ContractPayloadOf<typeof ChatContracts.site>) {
    return this.appInfo.site(p.caller);
  }

  @HandlesContract(ChatContracts.meta)
  meta(@ContractPayload(ChatContracts.meta) p: ContractPayloadOf<typeof ChatContracts.meta>) {
    return this.appInfo.meta(p.caller);
  }

  @HandlesContract(ChatContracts.fileDescribe)
  fileDescribe(@ContractPayload(ChatContracts.fileDescribe) p: ContractPayloadOf<typeof ChatContracts.fileDescribe>) {
    return this.files.describe(p.caller, p.id!);
  }

  @HandlesContract(ChatContracts.fileCreate)
  fileCreate(@ContractPayload(ChatContracts.fileCreate) p: ContractPayloadOf<typeof ChatContracts.fileCreate>) {
    return this.files.register(p.caller, p.upload);
  }

  @HandlesContract(HealthContracts.chat)
  ping() {
    return { ok: true, service: 'chat' };
  }
}
