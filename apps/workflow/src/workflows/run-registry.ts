import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { BroadcastBus } from '@sluice/transport';

const STOP_TOPIC = 'workflow.stop';

/** Running workflow tasks on this replica; a stop is broadcast so the owning replica aborts. */
@Injectable()
export class RunRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly tasks = new Map<string, { ctl: AbortController; owner: string }>();
  private bus?: BroadcastBus;

  constructor(private readonly cfg: AppConfig) {}

  async onModuleInit() {
    this.bus = new BroadcastBus({ redisUrl: this.cfg.redisUrl, prefix: this.cfg.redisPrefix });
    await this.bus.subscribe(STOP_TOPIC, (p: { taskId: string; owner: string }) => this.abortLocal(p.taskId, p.owner));
  }

  async onModuleDestroy() {
    for (const t of this.tasks.values()) t.ctl.abort();
    await this.bus?.close();
  }

  register(taskId: string, owner: string): AbortController {
    const ctl = new AbortController();
    this.tasks.set(taskId, { ctl, owner });
    return ctl;
  }

  release(taskId: string) {
    this.tasks.delete(taskId);
  }

  async stop(taskId: string, owner: string) {
    if (!this.abortLocal(taskId, owner)) await this.bus?.publish(STOP_TOPIC, { taskId, owner });
  }

  private abortLocal(taskId: string, owner: string): boolean {
    const t = this.tasks.get(taskId);
    if (!t || t.owner !== owner) return false;
    t.ctl.abort();
    return true;
  }
}
