import { Controller } from '@nestjs/common';
import { ConsoleContracts, parseOrThrow } from '@sluice/contracts';
import { ApiKeysService } from './api-keys.service';
import { AppsService, TenantScope } from './apps.service';
import { ModelProvidersService } from '../settings/model-providers.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

type Req<T = unknown> = { scope: TenantScope; id?: string; keyId?: string; body?: T; query?: T; type?: 'app' | 'dataset' };

/** Console message handlers: one line each into a service. */
@Controller()
export class ConsoleController {
  constructor(
    private readonly apps: AppsService,
    private readonly keys: ApiKeysService,
    private readonly providers: ModelProvidersService,
  ) {}

  @HandlesContract(ConsoleContracts.appsList)
  listApps(@ContractPayload(ConsoleContracts.appsList) p: Req) {
    return this.apps.list(p.scope, p.query);
  }

  @HandlesContract(ConsoleContracts.appsCreate)
  createApp(@ContractPayload(ConsoleContracts.appsCreate) p: Req) {
    return this.apps.create(p.scope, p.body);
  }

  @HandlesContract(ConsoleContracts.appsGet)
  getApp(@ContractPayload(ConsoleContracts.appsGet) p: Req) {
    return this.apps.get(p.scope, p.id!);
  }

  @HandlesContract(ConsoleContracts.appsUpdate)
  updateApp(@ContractPayload(ConsoleContracts.appsUpdate) p: Req) {
    return this.apps.update(p.scope, p.id!, p.body);
  }

  @HandlesContract(ConsoleContracts.appsDelete)
  deleteApp(@ContractPayload(ConsoleContracts.appsDelete) p: Req) {
    return this.apps.remove(p.scope, p.id!);
  }

  @HandlesContract(ConsoleContracts.modelConfigUpdate)
  modelConfig(@ContractPayload(ConsoleContracts.modelConfigUpdate) p: Req) {
    return this.apps.updateModelConfig(p.scope, p.id!, p.body);
  }

  @HandlesContract(ConsoleContracts.apiKeysCreate)
  createKey(@ContractPayload(ConsoleContracts.apiKeysCreate) p: Req) {
    return this.keys.create(p.scope, p.type ?? 'app', p.id ?? null);
  }

  @HandlesContract(ConsoleContracts.apiKeysList)
  listKeys(@ContractPayload(ConsoleContracts.apiKeysList) p: Req) {
    return this.keys.list(p.scope, p.type ?? 'app', p.id ?? null);
  }

  @HandlesContract(ConsoleContracts.apiKeysDelete)
  deleteKey(@ContractPayload(ConsoleContracts.apiKeysDelete) p: Req) {
    return this.keys.remove(p.scope, p.type ?? 'app', p.id ?? null, p.keyId!);
  }

  @HandlesContract(ConsoleContracts.providerCredentials)
  saveCredentials(@ContractPayload(ConsoleContracts.providerCredentials) p: Req & { provider: string }) {
    return this.providers.save(p.scope.tenantId, p.provider, p.body);
  }
}
