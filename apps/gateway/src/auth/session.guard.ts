import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccountContext } from '../common/caller';
import { SessionAuthenticator } from './session-authenticator';

export { credentialFrom } from './session-authenticator';

/**
 * Any signed-in member. Console routes do not need it (the global ConsoleAccessGuard authenticates
 * them from their `@Access` declaration); it stays for routes outside `/console/api`.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly auth: SessionAuthenticator) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { account?: AccountContext }>();
    req.account ??= await this.auth.authenticate(req);
    return true;
  }
}
