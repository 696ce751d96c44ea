import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConsolePatterns } from '@sluice/contracts';
import { TenantScope } from '../console/apps.service';
import { ModelProvidersService } from './model-providers.service';

type Req = { scope: TenantScope; provider?: string; body?: unknown; query?: unknown };
const P = ConsolePatterns.settings;

/** Settings → model providers: one line each into the service. */
@Controller()
export class ModelProvidersController {
  constructor(private readonly providers: ModelProvidersService) {}

  @MessagePattern(P.providers)
  list(@Payload() p: Req) {
    return this.providers.list(p.scope.tenantId);
  }

  @MessagePattern(P.credentialsGet)
  credentials(@Payload() p: Req) {
    return this.providers.credentials(p.scope.tenantId, p.provider ?? '');
  }

  @MessagePattern(P.credentialsValidate)
  validate(@Payload() p: Req) {
    return this.providers.validate(p.scope.tenantId, p.provider ?? '', p.body);
  }

  @MessagePattern(P.credentialsDelete)
  remove(@Payload() p: Req) {
    return this.providers.remove(p.scope.tenantId, p.provider ?? '');
  }

  @MessagePattern(P.defaultModel)
  defaultModel(@Payload() p: Req) {
    return this.providers.defaultModel(p.query);
  }
}
