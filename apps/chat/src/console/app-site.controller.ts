import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ConsolePatterns } from '@sluice/contracts';
import { AppSiteService } from './app-site.service';
import { TenantScope } from './apps.service';

type Req = { scope: TenantScope; id: string; body?: unknown };
const P = ConsolePatterns.apps;

/** Console: app switches, web app settings, copy. One line each into the service. */
@Controller()
export class AppSiteController {
  constructor(private readonly sites: AppSiteService) {}

  @MessagePattern(P.siteEnable)
  siteEnable(@Payload() p: Req) {
    return this.sites.enableSite(p.scope, p.id, p.body);
  }

  @MessagePattern(P.apiEnable)
  apiEnable(@Payload() p: Req) {
    return this.sites.enableApi(p.scope, p.id, p.body);
  }

  @MessagePattern(P.siteUpdate)
  siteUpdate(@Payload() p: Req) {
    return this.sites.updateSite(p.scope, p.id, p.body);
  }

  @MessagePattern(P.siteResetCode)
  resetCode(@Payload() p: Req) {
    return this.sites.resetCode(p.scope, p.id);
  }

  @MessagePattern(P.copy)
  copy(@Payload() p: Req) {
    return this.sites.copy(p.scope, p.id, p.body);
  }
}
