import { Controller } from '@nestjs/common';
import { ConsoleContracts } from '@sluice/contracts';
import { TenantScope } from '../console/apps.service';
import { ModelProvidersService } from './model-providers.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

type Req = { scope: TenantScope; provider?: string; body?: unknown; query?: unknown };
const P = ConsoleContracts.settings;

/** Settings → model providers: one line each into the service. */
@Controller()
export class ModelProvidersController {
  constructor(private readonly providers: ModelProvidersService) {}

  @HandlesContract(P.providers)
  list(@ContractPayload(P.providers) p: Req) {
    return this.providers.list(p.scope.tenantId);
  }

  @HandlesContract(P.credentialsGet)
  credentials(@ContractPayload(P.credentialsGet) p: Req) {
    return this.providers.credentials(p.scope.tenantId, p.provider ?? '');
  }

  @HandlesContract(P.credentialsValidate)
  validate(@ContractPayload(P.credentialsValidate) p: Req) {
    return this.providers.validate(p.scope.tenantId, p.provider ?? '', p.body);
  }

  @HandlesContract(P.credentialsDelete)
  remove(@ContractPayload(P.credentialsDelete) p: Req) {
    return this.providers.remove(p.scope.tenantId, p.provider ?? '');
  }

  @HandlesContract(P.defaultModel)
  defaultModel(@ContractPayload(P.defaultModel) p: Req) {
    return this.providers.defaultModel(p.query);
  }
}
