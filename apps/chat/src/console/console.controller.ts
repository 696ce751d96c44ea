import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { parseOrThrow, Patterns, setupSchema } from '@sluice/contracts';
import { AccountService } from './account.service';
import { ApiKeysService } from './api-keys.service';
import { AppsService, TenantScope } from './apps.service';
import { ModelProvidersService } from '../settings/model-providers.service';

type Req<T = unknown> = { scope: TenantScope; id?: string; keyId?: string; body?: T; query?: T; type?: 'app' | 'dataset' };

/** Console message handlers: one line each into a service. */
@Controller()
export class ConsoleController {
  constructor(
    private readonly accounts: AccountService,
    private readonly apps: AppsService,
    private readonly keys: ApiKeysService,
    private readonly providers: ModelProvidersService,
  ) {}

  @MessagePattern(Patterns.console.setupStatus)
  setupStatus() {
    return this.accounts.isSetup();
  }

  @MessagePattern(Patterns.console.setup)
  setup(@Payload() body: unknown) {
    return this.accounts.setup(parseOrThrow(setupSchema, body));
  }

  @MessagePattern(Patterns.console.login)
  login(@Payload() p: { email: string; password: string }) {
    return this.accounts.verifyLogin(p.email, p.password);
  }

  @MessagePattern(Patterns.console.accountById)
  account(@Payload() p: { id: string }) {
    return this.accounts.get(p.id);
  }

  @MessagePattern(Patterns.console.appsList)
  listApps(@Payload() p: Req) {
    return this.apps.list(p.scope, p.query);
  }

  @MessagePattern(Patterns.console.appsCreate)
  createApp(@Payload() p: Req) {
    return this.apps.create(p.scope, p.body);
  }

  @MessagePattern(Patterns.console.appsGet)
  getApp(@Payload() p: Req) {
    return this.apps.get(p.scope, p.id!);
  }

  @MessagePattern(Patterns.console.appsUpdate)
  updateApp(@Payload() p: Req) {
    return this.apps.update(p.scope, p.id!, p.body);
  }

  @MessagePattern(Patterns.console.appsDelete)
  deleteApp(@Payload() p: Req) {
    return this.apps.remove(p.scope, p.id!);
  }

  @MessagePattern(Patterns.console.modelConfigUpdate)
  modelConfig(@Payload() p: Req) {
    return this.apps.updateModelConfig(p.scope, p.id!, p.body);
  }

  @MessagePattern(Patterns.console.apiKeysCreate)
  createKey(@Payload() p: Req) {
    return this.keys.create(p.scope, p.type ?? 'app', p.id ?? null);
  }

  @MessagePattern(Patterns.console.apiKeysList)
  listKeys(@Payload() p: Req) {
    return this.keys.list(p.scope, p.type ?? 'app', p.id ?? null);
  }

  @MessagePattern(Patterns.console.apiKeysDelete)
  deleteKey(@Payload() p: Req) {
    return this.keys.remove(p.scope, p.type ?? 'app', p.id ?? null, p.keyId!);
  }

  @MessagePattern(Patterns.console.providerCredentials)
  saveCredentials(@Payload() p: Req & { provider: string }) {
    return this.providers.save(p.scope.tenantId, p.provider, p.body);
  }
}
