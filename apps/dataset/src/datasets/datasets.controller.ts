import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { DatasetsService } from './datasets.service';

/** Dataset message handlers: one line each into the service. */
@Controller()
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @HandlesContract(DatasetContracts.datasets.create)
  create(@ContractPayload(DatasetContracts.datasets.create) p: ContractPayloadOf<typeof DatasetContracts.datasets.create>) {
    return this.datasets.create(p);
  }

  @HandlesContract(DatasetContracts.datasets.list)
  list(@ContractPayload(DatasetContracts.datasets.list) p: ContractPayloadOf<typeof DatasetContracts.datasets.list>) {
    return this.datasets.list(p);
  }

  @HandlesContract(DatasetContracts.datasets.get)
  get(@ContractPayload(DatasetContracts.datasets.get) p: ContractPayloadOf<typeof DatasetContracts.datasets.get>) {
    return this.datasets.get(p);
  }

  @HandlesContract(DatasetContracts.datasets.update)
  update(@ContractPayload(DatasetContracts.datasets.update) p: ContractPayloadOf<typeof DatasetContracts.datasets.update>) {
    return this.datasets.update(p);
  }

  @HandlesContract(DatasetContracts.datasets.delete)
  async remove(@ContractPayload(DatasetContracts.datasets.delete) p: ContractPayloadOf<typeof DatasetContracts.datasets.delete>) {
    await this.datasets.remove(p);
    return { result: 'success' };
  }

  @HandlesContract(DatasetContracts.datasets.partialMembers)
  partialMembers(@ContractPayload(DatasetContracts.datasets.partialMembers) p: ContractPayloadOf<typeof DatasetContracts.datasets.partialMembers>) {
    return this.datasets.partialMemberList(p);
  }

  @HandlesContract(DatasetContracts.datasets.enableApi)
  enableApi(@ContractPayload(DatasetContracts.datasets.enableApi) p: ContractPayloadOf<typeof DatasetContracts.datasets.enableApi>) {
    return this.datasets.enableApi(p);
  }
}
