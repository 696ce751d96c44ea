import { Controller } from '@nestjs/common';
import { ConsoleContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { LogsService } from './logs.service';

const P = ConsoleContracts.logs;

/** Console logs message handlers: one line each into the service. */
@Controller()
export class LogsController {
  constructor(private readonly logs: LogsService) {}

  @HandlesContract(P.conversations)
  conversations(@ContractPayload(P.conversations) p: ContractPayloadOf<typeof P.conversations>) {
    return this.logs.conversations(p.scope, p.id, p.kind ?? 'chat', p.query);
  }

  @HandlesContract(P.conversation)
  conversation(@ContractPayload(P.conversation) p: ContractPayloadOf<typeof P.conversation>) {
    return this.logs.conversation(p.scope, p.id, p.kind ?? 'chat', p.itemId!);
  }

  @HandlesContract(P.conversationDelete)
  conversationDelete(@ContractPayload(P.conversationDelete) p: ContractPayloadOf<typeof P.conversationDelete>) {
    return this.logs.deleteConversation(p.scope, p.id, p.itemId!);
  }

  @HandlesContract(P.messages)
  messages(@ContractPayload(P.messages) p: ContractPayloadOf<typeof P.messages>) {
    return this.logs.messages(p.scope, p.id, p.query);
  }

  @HandlesContract(P.message)
  message(@ContractPayload(P.message) p: ContractPayloadOf<typeof P.message>) {
    return this.logs.message(p.scope, p.id, p.itemId!);
  }

  @HandlesContract(P.feedback)
  feedback(@ContractPayload(P.feedback) p: ContractPayloadOf<typeof P.feedback>) {
    return this.logs.feedback(p.scope, p.id, p.body);
  }
}
