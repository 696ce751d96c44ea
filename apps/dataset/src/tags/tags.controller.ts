import { Controller } from '@nestjs/common';
import { DatasetContracts } from '@sluice/contracts';
import type { KnowledgeRequest } from '@sluice/contracts';
import { TagsService } from './tags.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

const P = DatasetContracts.tags;

/** Tag message handlers: one line each into a service. */
@Controller()
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @HandlesContract(P.list)
  list(@ContractPayload(P.list) p: KnowledgeRequest) {
    return this.tags.list(p);
  }

  @HandlesContract(P.create)
  create(@ContractPayload(P.create) p: KnowledgeRequest) {
    return this.tags.create(p);
  }

  @HandlesContract(P.update)
  update(@ContractPayload(P.update) p: KnowledgeRequest) {
    return this.tags.update(p);
  }

  @HandlesContract(P.delete)
  async remove(@ContractPayload(P.delete) p: KnowledgeRequest) {
    await this.tags.remove(p);
    return { result: 'success' };
  }

  @HandlesContract(P.bind)
  async bind(@ContractPayload(P.bind) p: KnowledgeRequest) {
    await this.tags.bind(p);
    return { result: 'success' };
  }

  @HandlesContract(P.unbind)
  async unbind(@ContractPayload(P.unbind) p: KnowledgeRequest) {
    await this.tags.unbind(p);
    return { result: 'success' };
  }

  @HandlesContract(P.ofDataset)
  ofDataset(@ContractPayload(P.ofDataset) p: KnowledgeRequest) {
    return this.tags.ofDataset(p);
  }
}
