import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthorizedError } from '@sluice/contracts';
import { WebUserContext } from '../common/caller';
import { SessionAuthenticator, credentialFrom } from './session-authenticator';
import { TokenService } from './token.service';

/**
 * Web API routes: either a console account's access token (the seed's `/api/login`) or a web app
 * passport (Dify's `GET /api/passport`), which is only valid together with its app's `X-App-Code`.
 */
@Injectable()
export class WebUserGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly accounts: SessionAuthenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { webUser?: WebUserContext; account?: unknown }>();
    const cred = credentialFrom(req);
    if (!cred) throw new UnauthorizedError('Unauthorized: send Authorization: Bearer <token> (from /api/passport or /api/login).');
    const code = req.headers['x-app-code'];
    if (typeof code === 'string' && code) {
      const claims = this.tokens.verify(cred.token, 'passport');
      if (claims.code !== code || !claims.app) throw new UnauthorizedError('The passport does not belong to this X-App-Code.');
      req.webUser = { passport: { tenantId: claims.tid, appId: claims.app, sessionId: claims.sub, code } };
      return true;
    }
    req.webUser = { account: await this.accounts.authenticate(req) };
    return true;
  }
}
