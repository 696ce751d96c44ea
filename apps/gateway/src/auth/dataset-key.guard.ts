import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimiter } from '../limits/rate-limiter.service';
import { ApiKeyAuthService } from './api-key-auth.service';

/** What the dataset-key guard attaches: a dataset key covers every knowledge base of its workspace. */
export interface DatasetKeyContext {
  tenantId: string;
  keyId: string;
}

/** Knowledge routes: `Bearer dataset-…` (an app key here is refused). */
@Injectable()
export class DatasetKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyAuthService,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { datasetKey?: DatasetKeyContext }>();
    const rec = await this.keys.resolve(req.headers.authorization, 'dataset');
    await this.limiter.checkRate(rec.keyId, 0);
    req.datasetKey = { tenantId: rec.tenantId, keyId: rec.keyId };
    return true;
  }
}
