import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService, private readonly metrics: MetricsService) {}

  @Get('health')
  async check(@Res() res: Response) {
    const { httpStatus, body } = await this.health.check();
    res.status(httpStatus).json(body);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  render() {
    return this.metrics.render();
  }
}
