import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { CallerIdentity, InvalidParamError, NotFoundError, UnauthorizedError, isUuid } from '@sluice/contracts';
import { ApiKeyRepository } from '@sluice/database';
import { TokenService } from '../auth/token.service';
import { AccountContext, WebUserContext, accountCaller, passportCaller } from '../common/caller';

/**
 * The Web API's two callers: a logged-in account talking to an app of its own workspace by
 * `app_id` (the seed), or an anonymous visitor of an app's web app holding a passport (Dify).
 */
@Injectable()
export class WebApiService {
  private readonly tenants = new Map<string, { tenantId: string; at: number }>();

  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly tokens: TokenService,
    @Inject(AppConfig) private readonly cfg: AppConfig,
  ) {}

  /** Dify's `GET /api/passport`: a new anonymous end user of the app whose web app code is sent. */
  async passport(code: unknown): Promise<{ access_token: string }> {
    if (typeof code !== 'string' || !code) throw new UnauthorizedError('X-App-Code header is missing.');
    // Site codes are short; a header-sized one is no code of ours and need not reach the database.
    if (code.length > 255) throw new NotFoundError('The web app does not exist or is disabled.');
    const app = await this.repo.appBySiteCode(code);
    // Unknown, disabled and unpublished web apps all look the same from outside.
    if (!app || app.status !== 'normal' || !app.enableSite) throw new NotFoundError('The web app does not exist or is disabled.');
    const { token } = this.tokens.issue(randomUUID(), app.tenantId, 'passport', this.cfg.refreshTokenTtlSeconds, { app: app.id, code });
    return { access_token: token };
  }

  async caller(user: WebUserContext, appId: unknown): Promise<CallerIdentity> {
    if (user.passport) return this.visitor(user);
    return this.accountCaller(user.account!, appId);
  }

  /** The seed's rename/delete calls carry no app_id: the conversation says which app it belongs to. */
  async callerForConversation(user: WebUserContext, conversationId: string, appId?: unknown): Promise<CallerIdentity> {
    if (user.passport) return this.visitor(user);
    if (appId) return this.accountCaller(user.account!, appId);
    const found = isUuid(conversationId) ? await this.repo.conversationApp(conversationId) : null;
    if (!found) throw new NotFoundError('Conversation Not Exists.');
    return this.accountCaller(user.account!, found);
  }

  /** The `user` a generation is recorded under. */
  userOf(user: WebUserContext): string {
    return user.passport ? user.passport.sessionId : user.account!.accountId;
  }

  /** A passport stops working as soon as its web app is turned off, its code is reset or the app is gone (one primary-key read per request). */
  private async visitor(user: WebUserContext): Promise<CallerIdentity> {
    const p = user.passport!;
    const app = await this.repo.appSite(p.appId);
    if (!app || app.status !== 'normal' || !app.enableSite) throw new NotFoundError('The web app does not exist or is disabled.');
    // The console's "regenerate URL" retires the old code and the passports issued under it.
    if (p.code && p.code !== app.siteCode) throw new NotFoundError('The web app does not exist or is disabled.');
    return passportCaller(p);
  }

  private async accountCaller(account: AccountContext, appId: unknown): Promise<CallerIdentity> {
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
}
