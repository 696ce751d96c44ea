import { Controller } from '@nestjs/common';
import { ChatContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { ConversationsService } from './conversations.service';

/** A user's conversations (Service API and Web API): list, rename, pin, delete. */
@Controller()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

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
}
