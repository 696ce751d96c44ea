import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { answerProbe } from '@sluice/observability';
import { HealthService } from './health.service';

/**
 * The probes on the API port too (`/health` as before, for humans and load balancers), answered by
 * the same checker as HEALTH_PORT. `/metrics` is not here: it is served on METRICS_PORT only.
 */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get(['health', 'livez', 'readyz'])
  async check(@Res() res: Response) {
    const r = await answerProbe(this.health.checker, res.req.path);
    res.status(r!.httpStatus).json(r!.body);
  }
}
