import { Controller } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { MetadataService } from './metadata.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

const P = DatasetContracts.metadata;

/** Metadata message handlers: one line each into the service. */
@Controller()
export class MetadataController {
  constructor(private readonly metadata: MetadataService) {}

  @HandlesContract(P.create)
  create(@ContractPayload(P.create) p: KnowledgeRequest) {
    return this.metadata.create(p);
  }

  @HandlesContract(P.list)
  list(@ContractPayload(P.list) p: KnowledgeRequest) {
    return this.metadata.list(p);
  }

  @HandlesContract(P.update)
  update(@ContractPayload(P.update) p: KnowledgeRequest) {
    return this.metadata.update(p);
  }

  @HandlesContract(P.delete)
  async remove(@ContractPayload(P.delete) p: KnowledgeRequest) {
    await this.metadata.remove(p);
    return { result: 'success' };
  }

  @HandlesContract(P.builtIn)
  builtIn(@ContractPayload(P.builtIn) p: KnowledgeRequest) {
    return this.metadata.builtIn(p);
  }

  @HandlesContract(P.builtInToggle)
  toggleBuiltIn(@ContractPayload(P.builtInToggle) p: KnowledgeRequest) {
    return this.metadata.toggleBuiltIn(p);
  }

  @HandlesContract(DatasetContracts.documents.updateMetadata)
  updateDocuments(@ContractPayload(DatasetContracts.documents.updateMetadata) p: KnowledgeRequest) {
    return this.metadata.updateDocuments(p);
  }
}
