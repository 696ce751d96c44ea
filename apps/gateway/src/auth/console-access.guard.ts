import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_LEVELS, AccessLevel, ForbiddenError, roleMay } from '@sluice/contracts';
import { AccountContext } from '../common/caller';
import { ACCESS_METADATA } from './access.decorator';
import { SessionAuthenticator } from './session-authenticator';

export const CONSOLE_PREFIX = 'console/api';

/** True for controllers mounted under /console/api. */
export function isConsoleController(cls: Function): boolean {
  const path = Reflect.getMetadata(PATH_METADATA, cls);
  const paths: string[] = Array.isArray(path) ? path : [path ?? ''];
  return paths.some((p) => p.replace(/^\/+/, '').startsWith(CONSOLE_PREFIX));
}

/** The declared requirement of a handler: its own `@Access`, else its controller's. */
export function accessOf(reflector: Reflector, handler: Function, cls: Function): AccessLevel | undefined {
  const level = reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_METADATA, [handler, cls]);
  return level && level in ACCESS_LEVELS ? level : undefined;
}

/**
 * The one place console authorization happens (a global guard). Each `/console/api` route declares
 * `@Access(level)`; this authenticates the session and checks the member's role against it:
 * 401 without a session, 403 `forbidden` for a role below the requirement. A route without a
 * declaration is refused for everyone — never silently open. Objects of other workspaces are not
 * this guard's business: services look them up within the caller's workspace and answer 404.
 */
@Injectable()
export class ConsoleAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: SessionAuthenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http' || !isConsoleController(ctx.getClass())) return true;
    const level = accessOf(this.reflector, ctx.getHandler(), ctx.getClass());
    if (!level) throw new ForbiddenError('This console route declares no access requirement.');
    if (level === 'public') return true;
    const req = ctx.switchToHttp().getRequest<Request & { account?: AccountContext }>();
    const account = await this.auth.authenticate(req);
    if (!roleMay(level, account.role)) throw new ForbiddenError('You do not have permission to perform this action.');
    req.account = account;
    return true;
  }
}
