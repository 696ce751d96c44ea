import { Injectable } from '@nestjs/common';
import { ApiKeyAuthService } from '../auth/api-key-auth.service';
import { AccountContext } from '../common/caller';
import { ServiceProxy } from '../common/service-proxy';

/** Console calls carry the account's workspace as their scope; every query below filters by it. */
@Injectable()
export class ConsoleProxyService {
  constructor(private readonly proxy: ServiceProxy, private readonly keys: ApiKeyAuthService) {}

  call(pattern: string, a: AccountContext, extra: Record<string, unknown>) {
    return this.proxy.call(pattern, { scope: { tenantId: a.tenantId, accountId: a.accountId, role: a.role }, ...extra });
  }

  /** Deleted keys (or apps) must stop working on every gateway replica now, not when caches expire. */
  keysChanged() {
    return this.keys.publishRevocation();
  }
}
