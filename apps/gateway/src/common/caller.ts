import { CallerIdentity } from '@sluice/contracts';

/** What the API-key guard attaches to the request. */
export interface AppKeyContext {
  tenantId: string;
  appId: string;
  appMode: string;
  keyId: string;
  /** per-app cap on concurrent generations; 0 = the deployment default */
  maxActiveRequests: number;
}

/** A logged-in console account, from a session or bearer token. */
export interface AccountContext {
  accountId: string;
  tenantId: string;
}

export function serviceCaller(ctx: AppKeyContext, user: unknown): CallerIdentity {
  return { tenantId: ctx.tenantId, appId: ctx.appId, userType: 'service_api', sessionId: typeof user === 'string' ? user : '' };
}

export function accountCaller(acc: AccountContext, appId: string): CallerIdentity {
  return { tenantId: acc.tenantId, appId, userType: 'account', sessionId: acc.accountId };
}
