import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { IngestJobs, IngestQueues } from '@sluice/contracts';
import { IngestQueue } from '@sluice/knowledge';
import { outageLog } from '@sluice/transport';

/** How often the schedule is checked (at most): a Redis that came back empty gets its watchdog back within this. */
const CHECK_EVERY_MS = 10_000;

/**
 * Keeps the repeatable maintenance jobs (the ingestion watchdog) registered. BullMQ keeps schedules
 * in Redis only, so a Redis that comes back empty (no persistence, failover to a fresh replica)
 * would silently have no watchdog; a periodic check puts it back.
 */
@Injectable()
export class MaintenanceScheduler implements OnModuleDestroy {
  private readonly logger = new Logger('MaintenanceScheduler');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly queue: IngestQueue,
  ) {}

  async start(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.ensure(), Math.min(CHECK_EVERY_MS, this.cfg.knowledge.watchdogIntervalSeconds * 1000));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Re-registers the watchdog when its schedule is gone; returns whether it had to. */
  async ensure(): Promise<boolean> {
    try {
      if (await this.queue.queue(IngestQueues.maintenance).getJobScheduler(IngestJobs.watchdog)) return false;
      await this.register();
      this.logger.warn('the ingestion watchdog schedule was missing from Redis (flushed or failed over); registered it again');
      return true;
    } catch (err) {
      outageLog.report('redis', err, 'maintenance schedule');
      return false;
    }
  }

  private register() {
    return this.queue
      .queue(IngestQueues.maintenance)
      .upsertJobScheduler(
        IngestJobs.watchdog,
        { every: this.cfg.knowledge.watchdogIntervalSeconds * 1000 },
        { name: IngestJobs.watchdog, opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
  }
}
