import { Controller } from '@nestjs/common';
import { ConsoleContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { ModelProvidersService } from '../settings/model-providers.service';
import { ApiKeysService } from './api-keys.service';
import { AppsService } from './apps.service';

const C = ConsoleContracts;

/** Console message handlers: one line each into a service. */
@Controller()
export class ConsoleController {
  constructor(
    private readonly apps: AppsService,
    private readonly keys: ApiKeysService,
    private readonly providers: ModelProvidersService,
  ) {}

  @HandlesContract(ConsoleContracts.appsList)
  listApps(@ContractPayload(C.appsList) p: ContractPayloadOf<typeof C.appsList>) {
    return this.apps.list(p.scope, p.query);
  }

  @HandlesContract(ConsoleContracts.appsCreate)
  createApp(@ContractPayload(C.appsCreate) p: ContractPayloadOf<typeof C.appsCreate>) {
    return this.apps.create(p.scope, p.body);
  }

  @HandlesContract(ConsoleContracts.appsGet)
  getApp(@ContractPayload(C.appsGet) p: ContractPayloadOf<typeof C.appsGet>) {
    return this.apps.get(p.scope, p.id);
  }

  @HandlesContract(ConsoleContracts.appsUpdate)
  updateApp(@ContractPayload(C.appsUpdate) p: ContractPayloadOf<typeof C.appsUpdate>) {
    return this.apps.update(p.scope, p.id, p.body);
  }

  @HandlesContract(ConsoleContracts.appsDelete)
  deleteApp(@ContractPayload(C.appsDelete) p: ContractPayloadOf<typeof C.appsDelete>) {
    return this.apps.remove(p.scope, p.id);
  }

  @HandlesContract(ConsoleContracts.modelConfigUpdate)
  modelConfig(@ContractPayload(C.modelConfigUpdate) p: ContractPayloadOf<typeof C.modelConfigUpdate>) {
    return this.apps.updateModelConfig(p.scope, p.id, p.body);
  }

  @HandlesContract(ConsoleContracts.apiKeysCreate)
  createKey(@ContractPayload(C.apiKeysCreate) p: ContractPayloadOf<typeof C.apiKeysCreate>) {
    return this.keys.create(p.scope, p.type ?? 'app', p.id ?? null);
  }

  @HandlesContract(ConsoleContracts.apiKeysList)
  listKeys(@ContractPayload(C.apiKeysList) p: ContractPayloadOf<typeof C.apiKeysList>) {
    return this.keys.list(p.scope, p.type ?? 'app', p.id ?? null);
  }

  @HandlesContract(ConsoleContracts.apiKeysDelete)
  deleteKey(@ContractPayload(C.apiKeysDelete) p: ContractPayloadOf<typeof C.apiKeysDelete>) {
    return this.keys.remove(p.scope, p.type ?? 'app', p.id ?? null, p.keyId!);
  }

  @HandlesContract(ConsoleContracts.providerCredentials)
  saveCredentials(@ContractPayload(C.providerCredentials) p: ContractPayloadOf<typeof C.providerCredentials>) {
    return this.providers.save(p.scope.tenantId, p.provider ?? '', p.body);
  }
}
