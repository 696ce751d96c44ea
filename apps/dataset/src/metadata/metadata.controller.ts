import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { MetadataService } from './metadata.service';

const P = DatasetContracts.metadata;

/** Metadata message handlers: one line each into the service. */
@Controller()
export class MetadataController {
  constructor(private readonly metadata: MetadataService) {}

  @HandlesContract(P.create)
  create(@ContractPayload(P.create) p: ContractPayloadOf<typeof P.create>) {
    return this.metadata.create(p);
  }

  @HandlesContract(P.list)
  list(@ContractPayload(P.list) p: ContractPayloadOf<typeof P.list>) {
    return this.metadata.list(p);
  }

  @HandlesContract(P.update)
  update(@ContractPayload(P.update) p: ContractPayloadOf<typeof P.update>) {
    return this.metadata.update(p);
  }

  @HandlesContract(P.delete)
  async remove(@ContractPayload(P.delete) p: ContractPayloadOf<typeof P.delete>) {
    await this.metadata.remove(p);
    return { result: 'success' };
  }

  @HandlesContract(P.builtIn)
  builtIn(@ContractPayload(P.builtIn) p: ContractPayloadOf<typeof P.builtIn>) {
    return this.metadata.builtIn(p);
  }

  @HandlesContract(P.builtInToggle)
  toggleBuiltIn(@ContractPayload(P.builtInToggle) p: ContractPayloadOf<typeof P.builtInToggle>) {
    return this.metadata.toggleBuiltIn(p);
  }

  @HandlesContract(DatasetContracts.documents.updateMetadata)
  updateDocuments(@ContractPayload(DatasetContracts.documents.updateMetadata) p: ContractPayloadOf<typeof DatasetContracts.documents.updateMetadata>) {
    return this.metadata.updateDocuments(p);
  }
}
