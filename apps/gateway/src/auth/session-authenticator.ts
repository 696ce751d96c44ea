import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '@sluice/config';
import { UnauthorizedError } from '@sluice/contracts';
import { AccountContext } from '../common/caller';
import { assertCsrf } from './csrf';
import { MembershipCache } from './membership-cache.service';
import { COOKIES, readCookie } from './session-cookies';
import { SessionStore } from './session-store';
import { TokenService } from './token.service';

/** The access token of a request: `Authorization: Bearer` first, else the session cookie. */
export function credentialFrom(req: Request): { token: string; viaCookie: boolean } | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const [scheme, token] = auth.trim().split(/\s+/);
    if (scheme?.toLowerCase() === 'bearer' && token) return { token, viaCookie: false };
    throw new UnauthorizedError("Authorization scheme must be 'Bearer'");
  }
  const token = readCookie(req, COOKIES.session) ?? readCookie(req, COOKIES.access);
  return token ? { token, viaCookie: true } : undefined;
}

/**
 * Who is calling with a console token: a valid access token of a live session (logout, a password
 * change or removal from the workspace end sessions everywhere at once), of an account that is
 * still an active member of the token's workspace — with its role there. Cookie-authenticated
 * writes must also carry the CSRF header.
 */
@Injectable()
export class SessionAuthenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly memberships: MembershipCache,
    private readonly cfg: AppConfig,
  ) {}

  async authenticate(req: Request): Promise<AccountContext> {
    const cred = credentialFrom(req);
    if (!cred) throw new UnauthorizedError('Unauthorized: log in first (Authorization: Bearer <access_token> or the session cookie).');
    const claims = this.tokens.verify(cred.token, 'access');
    const session = await this.sessions.get(claims.sid!);
    if (!session || session.accountId !== claims.sub || session.tenantId !== claims.tid) throw new UnauthorizedError('The session has ended; log in again.');
    if (cred.viaCookie) assertCsrf(req, this.cfg.secretKey, claims.sid!);
    const role = await this.memberships.roleOf(claims.sub, claims.tid);
    if (!role) throw new UnauthorizedError('This account is no longer a member of the workspace.');
    return { accountId: claims.sub, tenantId: claims.tid, role, sessionId: claims.sid! };
  }
}
