import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { MessageRepository } from '@sluice/database';
import { dependencyFailure } from '@sluice/transport';

export const INTERRUPTED_MESSAGE = 'The answer was interrupted and never finished (the service stopped or lost its database). Please ask again.';

/**
 * Fails turns orphaned in `running` (like WorkflowsService's sweep for runs): a generation cannot
 * outlive its time limits, so a message older than them plus a margin has nobody left to finish it.
 * Any replica sweeps, at boot and periodically, so one whose process died is closed even if it never returns.
 */
@Injectable()
export class MessageReaper implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('MessageReaper');
  private timer?: NodeJS.Timeout;
  /** seconds after which a running message is an orphan */
  readonly deadlineSeconds: number;

  constructor(
    private readonly messages: MessageRepository,
    cfg: AppConfig,
  ) {
    // Chat turns are bounded by APP_MAX_EXECUTION_TIME (the model's deadline), chatflow turns by the workflow limit.
    const limit = Math.max(cfg.appMaxExecutionSeconds, cfg.workflowMaxExecutionSeconds);
    this.deadlineSeconds = limit + Math.min(60, Math.max(2, Math.ceil(limit / 4)));
  }

  onModuleInit(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), Math.min(60, Math.max(1, Math.floor(this.deadlineSeconds / 4))) * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      const n = await this.messages.failOrphans(this.deadlineSeconds, INTERRUPTED_MESSAGE);
      if (n) this.log.warn(`marked ${n} interrupted messages as error`);
      return n;
    } catch (err) {
      // The database being away is reported once per outage by the outage log.
      if (!dependencyFailure(err)) this.log.error(`sweeping interrupted messages failed: ${(err as Error).message}`);
      return 0;
    }
  }
}
