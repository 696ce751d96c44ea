import { Controller } from '@nestjs/common';
import { ContractPayloadOf, DatasetContracts } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { WorkspaceModelsService } from './workspace-models.service';

@Controller()
export class WorkspaceModelsController {
  constructor(private readonly models: WorkspaceModelsService) {}

  @HandlesContract(DatasetContracts.modelsByType)
  byType(@ContractPayload(DatasetContracts.modelsByType) p: ContractPayloadOf<typeof DatasetContracts.modelsByType>) {
    return this.models.byType(p);
  }
}
