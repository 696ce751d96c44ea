import { Controller } from '@nestjs/common';
import { ChatContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { AnnotationsService } from './annotations.service';

/** Message handlers for Dify's annotation routes. */
@Controller()
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  @HandlesContract(ChatContracts.annotationsList)
  list(@ContractPayload(ChatContracts.annotationsList) p: ContractPayloadOf<typeof ChatContracts.annotationsList>) {
    return this.annotations.list(p.caller, p.query);
  }

  @HandlesContract(ChatContracts.annotationCreate)
  create(@ContractPayload(ChatContracts.annotationCreate) p: ContractPayloadOf<typeof ChatContracts.annotationCreate>) {
    return this.annotations.create(p.caller, p.body);
  }

  @HandlesContract(ChatContracts.annotationUpdate)
  update(@ContractPayload(ChatContracts.annotationUpdate) p: ContractPayloadOf<typeof ChatContracts.annotationUpdate>) {
    return this.annotations.update(p.caller, p.id!, p.body);
  }

  @HandlesContract(ChatContracts.annotationDelete)
  async remove(@ContractPayload(ChatContracts.annotationDelete) p: ContractPayloadOf<typeof ChatContracts.annotationDelete>) {
    await this.annotations.remove(p.caller, p.id!);
    return { result: 'success' };
  }

  @HandlesContract(ChatContracts.annotationReply)
  reply(@ContractPayload(ChatContracts.annotationReply) p: ContractPayloadOf<typeof ChatContracts.annotationReply>) {
    return this.annotations.setReply(p.caller, p.action!, p.body);
  }

  @HandlesContract(ChatContracts.annotationReplyStatus)
  replyStatus(@ContractPayload(ChatContracts.annotationReplyStatus) p: ContractPayloadOf<typeof ChatContracts.annotationReplyStatus>) {
    return this.annotations.replyStatus(p.caller, p.action!, p.id!);
  }
}
