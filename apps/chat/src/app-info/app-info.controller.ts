import { Controller } from '@nestjs/common';
import { ChatContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { AppRecordsService } from '../app-records/app-records.service';
import { AppInfoService } from './app-info.service';

/** What clients read about an app: parameters, info, site, meta, its feedbacks and end users. */
@Controller()
export class AppInfoController {
  constructor(
    private readonly appInfo: AppInfoService,
    private readonly records: AppRecordsService,
  ) {}

  @HandlesContract(ChatContracts.parameters)
  parameters(@ContractPayload(ChatContracts.parameters) p: ContractPayloadOf<typeof ChatContracts.parameters>) {
    return this.appInfo.parameters(p.caller);
  }

  @HandlesContract(ChatContracts.appFeedbacks)
  appFeedbacks(@ContractPayload(ChatContracts.appFeedbacks) p: ContractPayloadOf<typeof ChatContracts.appFeedbacks>) {
    return this.records.feedbacks(p.caller, p.query);
  }

  @HandlesContract(ChatContracts.endUser)
  endUser(@ContractPayload(ChatContracts.endUser) p: ContractPayloadOf<typeof ChatContracts.endUser>) {
    return this.records.endUser(p.caller, p.id!);
  }

  @HandlesContract(ChatContracts.info)
  info(@ContractPayload(ChatContracts.info) p: ContractPayloadOf<typeof ChatContracts.info>) {
    return this.appInfo.info(p.caller);
  }

  @HandlesContract(ChatContracts.site)
  site(@ContractPayload(ChatContracts.site) p: ContractPayloadOf<typeof ChatContracts.site>) {
    return this.appInfo.site(p.caller);
  }

  @HandlesContract(ChatContracts.meta)
  meta(@ContractPayload(ChatContracts.meta) p: ContractPayloadOf<typeof ChatContracts.meta>) {
    return this.appInfo.meta(p.caller);
  }
}
