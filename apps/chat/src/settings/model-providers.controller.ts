import { Controller } from '@nestjs/common';
import { ConsoleContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { ModelProvidersService } from './model-providers.service';

const P = ConsoleContracts.settings;

/** Settings → model providers: one line each into the service. */
@Controller()
export class ModelProvidersController {
  constructor(private readonly providers: ModelProvidersService) {}

  @HandlesContract(P.providers)
  list(@ContractPayload(P.providers) p: ContractPayloadOf<typeof P.providers>) {
    return this.providers.list(p.scope.tenantId);
  }

  @HandlesContract(P.credentialsGet)
  credentials(@ContractPayload(P.credentialsGet) p: ContractPayloadOf<typeof P.credentialsGet>) {
    return this.providers.credentials(p.scope.tenantId, p.provider ?? '');
  }

  @HandlesContract(P.credentialsValidate)
  validate(@ContractPayload(P.credentialsValidate) p: ContractPayloadOf<typeof P.credentialsValidate>) {
    return this.providers.validate(p.scope.tenantId, p.provider ?? '', p.body);
  }

  @HandlesContract(P.credentialsDelete)
  remove(@ContractPayload(P.credentialsDelete) p: ContractPayloadOf<typeof P.credentialsDelete>) {
    return this.providers.remove(p.scope.tenantId, p.provider ?? '');
  }

  @HandlesContract(P.defaultModel)
  defaultModel(@ContractPayload(P.defaultModel) p: ContractPayloadOf<typeof P.defaultModel>) {
    return this.providers.defaultModel(p.query);
  }
}
