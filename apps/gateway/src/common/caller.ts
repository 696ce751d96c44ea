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

/** An anonymous web app visitor, from a `/api/passport` token and its `X-App-Code`. */
export interface PassportContext {
  tenantId: string;
  appId: string;
  /** the visitor's end-user session, fixed for the token's life */
  sessionId: string;
  /** the web app code the passport was issued for: a reset code retires it */
  code?: string;
}

/** Who is calling the Web API: a console account (the seed's `/api/login`) or a passport (Dify's web app). */
export interface WebUserContext {
  account?: AccountContext;
  passport?: PassportContext;
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

export function passportCaller(p: PassportContext): CallerIdentity {
  return { tenantId: p.tenantId, appId: p.appId, userType: 'web_app', sessionId: p.sessionId };
}
