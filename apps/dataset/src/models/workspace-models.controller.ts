import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { WorkspaceModelsService } from './workspace-models.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

@Controller()
export class WorkspaceModelsController {
  constructor(private readonly models: WorkspaceModelsService) {}

  @HandlesContract(DatasetContracts.modelsByType)
  byType(@ContractPayload(DatasetContracts.modelsByType) p: ContractPayloadOf<typeof DatasetContracts.modelsByType>) {
    return this.models.byType(p);
  }
}
