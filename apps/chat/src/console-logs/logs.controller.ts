import { Controller } from '@nestjs/common';
import { ConsoleContracts } from '@sluice/contracts';
import { TenantScope } from '../console/apps.service';
import { LogsService } from './logs.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

type Req = { scope: TenantScope; id: string; kind?: 'chat' | 'completion'; itemId?: string; query?: unknown; body?: unknown };
const P = ConsoleContracts.logs;

/** Console logs message handlers: one line each into the service. */
@Controller()
export class LogsController {
  constructor(private readonly logs: LogsService) {}

  @HandlesContract(P.conversations)
  conversations(@ContractPayload(P.conversations) p: Req) {
    return this.logs.conversations(p.scope, p.id, p.kind ?? 'chat', p.query);
  }

  @HandlesContract(P.conversation)
  conversation(@ContractPayload(P.conversation) p: Req) {
    return this.logs.conversation(p.scope, p.id, p.kind ?? 'chat', p.itemId!);
  }

  @HandlesContract(P.conversationDelete)
  conversationDelete(@ContractPayload(P.conversationDelete) p: Req) {
    return this.logs.deleteConversation(p.scope, p.id, p.itemId!);
  }

  @HandlesContract(P.messages)
  messages(@ContractPayload(P.messages) p: Req) {
    return this.logs.messages(p.scope, p.id, p.query);
  }

  @HandlesContract(P.message)
  message(@ContractPayload(P.message) p: Req) {
    return this.logs.message(p.scope, p.id, p.itemId!);
  }

  @HandlesContract(P.feedback)
  feedback(@ContractPayload(P.feedback) p: Req) {
    return this.logs.feedback(p.scope, p.id, p.body);
  }
}
