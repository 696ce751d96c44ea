import { Controller } from '@nestjs/common';
import { ChatContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { FilesService } from './files.service';

/** Uploads registered for a chat app's users, and described for the model. */
@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @HandlesContract(ChatContracts.fileDescribe)
  fileDescribe(@ContractPayload(ChatContracts.fileDescribe) p: ContractPayloadOf<typeof ChatContracts.fileDescribe>) {
    return this.files.describe(p.caller, p.id!);
  }

  @HandlesContract(ChatContracts.fileCreate)
  fileCreate(@ContractPayload(ChatContracts.fileCreate) p: ContractPayloadOf<typeof ChatContracts.fileCreate>) {
    return this.files.register(p.caller, p.upload);
  }
}
