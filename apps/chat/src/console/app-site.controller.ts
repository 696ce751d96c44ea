import { Controller } from '@nestjs/common';
import { ConsoleContracts } from '@sluice/contracts';
import { AppSiteService } from './app-site.service';
import { TenantScope } from './apps.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

type Req = { scope: TenantScope; id: string; body?: unknown };
const P = ConsoleContracts.apps;

/** Console: app switches, web app settings, copy. One line each into the service. */
@Controller()
export class AppSiteController {
  constructor(private readonly sites: AppSiteService) {}

  @HandlesContract(P.siteEnable)
  siteEnable(@ContractPayload(P.siteEnable) p: Req) {
    return this.sites.enableSite(p.scope, p.id, p.body);
  }

  @HandlesContract(P.apiEnable)
  apiEnable(@ContractPayload(P.apiEnable) p: Req) {
    return this.sites.enableApi(p.scope, p.id, p.body);
  }

  @HandlesContract(P.siteUpdate)
  siteUpdate(@ContractPayload(P.siteUpdate) p: Req) {
    return this.sites.updateSite(p.scope, p.id, p.body);
  }

  @HandlesContract(P.siteResetCode)
  resetCode(@ContractPayload(P.siteResetCode) p: Req) {
    return this.sites.resetCode(p.scope, p.id);
  }

  @HandlesContract(P.copy)
  copy(@ContractPayload(P.copy) p: Req) {
    return this.sites.copy(p.scope, p.id, p.body);
  }
}
