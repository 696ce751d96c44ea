import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppKeyContext } from '../common/caller';
import { RateLimiter } from '../limits/rate-limiter.service';
import { ApiKeyAuthService } from './api-key-auth.service';

/** Service API routes of apps: `Bearer app-…`, then the per-key rate limit. */
@Injectable()
export class AppKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyAuthService,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { appKey?: AppKeyContext }>();
    const rec = await this.keys.resolve(req.headers.authorization, 'app');
    await this.limiter.checkRate(rec.keyId, rec.apiRpm);
    req.appKey = { tenantId: rec.tenantId, appId: rec.appId!, appMode: rec.appMode!, keyId: rec.keyId, maxActiveRequests: rec.maxActiveRequests };
    return true;
  }
}
