import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { HealthChecker, processHealthChecker } from '@sluice/observability';

/** The process's health checker (the launcher's), so the API port and HEALTH_PORT always agree. */
@Injectable()
export class HealthService {
  readonly checker: HealthChecker;

  constructor(@Inject(AppConfig) cfg: AppConfig) {
    this.checker = processHealthChecker({ databaseUrl: cfg.databaseUrl, redisUrl: cfg.redisUrl, services: cfg.services });
  }
}
