import { Controller } from '@nestjs/common';
import { ConsoleContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { AppSiteService } from './app-site.service';

const P = ConsoleContracts.apps;

/** Console: app switches, web app settings, copy. One line each into the service. */
@Controller()
export class AppSiteController {
  constructor(private readonly sites: AppSiteService) {}

  @HandlesContract(P.siteEnable)
  siteEnable(@ContractPayload(P.siteEnable) p: ContractPayloadOf<typeof P.siteEnable>) {
    return this.sites.enableSite(p.scope, p.id, p.body);
  }

  @HandlesContract(P.apiEnable)
  apiEnable(@ContractPayload(P.apiEnable) p: ContractPayloadOf<typeof P.apiEnable>) {
    return this.sites.enableApi(p.scope, p.id, p.body);
  }

  @HandlesContract(P.siteUpdate)
  siteUpdate(@ContractPayload(P.siteUpdate) p: ContractPayloadOf<typeof P.siteUpdate>) {
    return this.sites.updateSite(p.scope, p.id, p.body);
  }

  @HandlesContract(P.siteResetCode)
  resetCode(@ContractPayload(P.siteResetCode) p: ContractPayloadOf<typeof P.siteResetCode>) {
    return this.sites.resetCode(p.scope, p.id);
  }

  @HandlesContract(P.copy)
  copy(@ContractPayload(P.copy) p: ContractPayloadOf<typeof P.copy>) {
    return this.sites.copy(p.scope, p.id, p.body);
  }
}
