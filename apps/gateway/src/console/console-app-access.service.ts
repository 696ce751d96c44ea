import { Injectable } from '@nestjs/common';
import { CallerIdentity, NotFoundError, isUuid } from '@sluice/contracts';
import { ApiKeyRepository } from '@sluice/database';
import { AccountContext, accountCaller } from '../common/caller';

/** The console preview talks to an app as the signed-in account — only to apps of the account's own workspace. */
@Injectable()
export class ConsoleAppAccess {
  constructor(private readonly repo: ApiKeyRepository) {}

  async caller(a: AccountContext, appId: string): Promise<{ caller: CallerIdentity; mode: string }> {
    const app = isUuid(appId) ? await this.repo.appTenant(appId) : null;
    // Another workspace's app looks exactly like a missing one.
    if (!app || app.tenantId !== a.tenantId) throw new NotFoundError('App not found.');
    return { caller: accountCaller(a, appId), mode: app.mode };
  }
}
