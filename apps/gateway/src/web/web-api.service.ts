import { Injectable } from '@nestjs/common';
import { CallerIdentity, InvalidParamError, NotFoundError, isUuid } from '@sluice/contracts';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { accountCaller, AccountContext } from '../common/caller';


/** The seed's Web API: a logged-in account talks to an app of its own workspace by `app_id`. */
@Injectable()
export class WebApiService {
  private readonly tenants = new Map<string, { tenantId: string; at: number }>();

  constructor(private readonly repo: ApiKeyRepository) {}

  async caller(account: AccountContext, appId: unknown): Promise<CallerIdentity> {
    if (typeof appId !== 'string' || !appId) throw new InvalidParamError('app_id is required', { params: 'app_id' });
    if (!isUuid(appId)) throw new NotFoundError('App not found.');
    let hit = this.tenants.get(appId);
    if (!hit || Date.now() - hit.at > 10_000) {
      const app = await this.repo.appTenant(appId);
      if (!app) throw new NotFoundError('App not found.');
      hit = { tenantId: app.tenantId, at: Date.now() };
      this.tenants.set(appId, hit);
    }
    // Another workspace's app looks exactly like a missing one.
    if (hit.tenantId !== account.tenantId) throw new NotFoundError('App not found.');
    return accountCaller(account, appId);
  }

  /** The seed's rename/delete calls carry no app_id: the conversation says which app it belongs to. */
  async callerForConversation(account: AccountContext, conversationId: string, appId?: unknown): Promise<CallerIdentity> {
    if (appId) return this.caller(account, appId);
    const found = isUuid(conversationId) ? await this.repo.conversationApp(conversationId) : null;
    if (!found) throw new NotFoundError('Conversation Not Exists.');
    return this.caller(account, found);
  }
}
