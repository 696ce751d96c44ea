import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthorizedError } from '@sluice/contracts';
import { AccountContext } from '../common/caller';
import { SessionStore } from './session-store';
import { TokenService } from './token.service';

/** Reads the token from `Authorization: Bearer` or the `session` / `access_token` cookie. */
export function tokenFrom(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const [scheme, token] = auth.trim().split(/\s+/);
    if (scheme?.toLowerCase() === 'bearer' && token) return token;
    throw new UnauthorizedError("Authorization scheme must be 'Bearer'");
  }
  const cookies = req.headers.cookie;
  if (!cookies) return undefined;
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'session' || k === 'access_token') return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Console and Web API routes: a valid, unrevoked access token of a console account. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly tokens: TokenService, private readonly sessions: SessionStore) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { account?: AccountContext }>();
    const token = tokenFrom(req);
    if (!token) throw new UnauthorizedError('Unauthorized: log in first (Authorization: Bearer <access_token> or the session cookie).');
    const claims = this.tokens.verify(token, 'access');
    if (await this.sessions.isRevoked(claims.jti)) throw new UnauthorizedError('Token has been revoked.');
    req.account = { accountId: claims.sub, tenantId: claims.tid };
    return true;
  }
}
