import { Controller } from '@nestjs/common';
import { DatasetContracts, RetrieveRequest } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { DatasetRetrieveService } from './dataset-retrieve.service';
import { HitTestingPayload, HitTestingService } from './hit-testing.service';

@Controller()
export class RetrievalController {
  constructor(
    private readonly hitTestingService: HitTestingService,
    private readonly retrieveService: DatasetRetrieveService,
  ) {}

  @HandlesContract(DatasetContracts.hitTesting)
  hitTesting(@ContractPayload(DatasetContracts.hitTesting) p: HitTestingPayload) {
    return this.hitTestingService.hitTesting(p);
  }

  @HandlesContract(DatasetContracts.retrieve)
  retrieve(@ContractPayload(DatasetContracts.retrieve) p: RetrieveRequest) {
    return this.retrieveService.retrieve(p);
  }
}
