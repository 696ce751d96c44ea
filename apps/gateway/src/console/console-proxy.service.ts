import { Injectable } from '@nestjs/common';
import { Contract, ContractInput, ContractReply } from '@sluice/contracts';
import { ApiKeyAuthService } from '../auth/api-key-auth.service';
import { AccountContext } from '../common/caller';
import { ServiceProxy } from '../common/service-proxy';

/** Console calls carry the account's workspace as their scope; every query below filters by it. */
@Injectable()
export class ConsoleProxyService {
  constructor(
    private readonly proxy: ServiceProxy,
    private readonly keys: ApiKeyAuthService,
  ) {}

  call<C extends Contract>(contract: C, a: AccountContext, extra: Record<string, unknown>): Promise<ContractReply<C>> {
    return this.proxy.call(contract, { scope: { tenantId: a.tenantId, accountId: a.accountId, role: a.role }, ...extra } as ContractInput<C>);
  }

  /** Deleted keys (or apps) must stop working on every gateway replica now, not when caches expire. */
  keysChanged() {
    return this.keys.publishRevocation();
  }
}
