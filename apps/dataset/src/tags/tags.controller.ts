import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { TagsService } from './tags.service';

const P = DatasetContracts.tags;

/** Tag message handlers: one line each into a service. */
@Controller()
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @HandlesContract(P.list)
  list(@ContractPayload(P.list) p: ContractPayloadOf<typeof P.list>) {
    return this.tags.list(p);
  }

  @HandlesContract(P.create)
  create(@ContractPayload(P.create) p: ContractPayloadOf<typeof P.create>) {
    return this.tags.create(p);
  }

  @HandlesContract(P.update)
  update(@ContractPayload(P.update) p: ContractPayloadOf<typeof P.update>) {
    return this.tags.update(p);
  }

  @HandlesContract(P.delete)
  async remove(@ContractPayload(P.delete) p: ContractPayloadOf<typeof P.delete>) {
    await this.tags.remove(p);
    return { result: 'success' };
  }

  @HandlesContract(P.bind)
  async bind(@ContractPayload(P.bind) p: ContractPayloadOf<typeof P.bind>) {
    await this.tags.bind(p);
    return { result: 'success' };
  }

  @HandlesContract(P.unbind)
  async unbind(@ContractPayload(P.unbind) p: ContractPayloadOf<typeof P.unbind>) {
    await this.tags.unbind(p);
    return { result: 'success' };
  }

  @HandlesContract(P.ofDataset)
  ofDataset(@ContractPayload(P.ofDataset) p: ContractPayloadOf<typeof P.ofDataset>) {
    return this.tags.ofDataset(p);
  }
}
