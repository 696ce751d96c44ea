import { Controller } from '@nestjs/common';
import { ChatContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { MessagesService } from './messages.service';

/** A conversation's messages, their feedback and suggested questions. */
@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

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
}
