import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { BroadcastBus } from '@sluice/transport';

interface RunningTask {
  controller: AbortController;
  ownerKey: string;
}

const STOP_TOPIC = 'chat.stop';

/**
 * Running generations on this replica. A stop request may land on any replica, so it is
 * broadcast and whichever replica owns the task aborts it.
 */
@Injectable()
export class TaskRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly tasks = new Map<string, RunningTask>();
  private bus?: BroadcastBus;

  constructor(private readonly cfg: AppConfig) {}

  async onModuleInit() {
    this.bus = new BroadcastBus({ redisUrl: this.cfg.redisUrl, prefix: this.cfg.redisPrefix });
    await this.bus.subscribe(STOP_TOPIC, (p: { taskId: string; ownerKey: string }) => this.abortLocal(p.taskId, p.ownerKey));
  }

  async onModuleDestroy() {
    for (const t of this.tasks.values()) t.controller.abort();
    await this.bus?.close();
  }

  register(taskId: string, ownerKey: string): AbortController {
    const controller = new AbortController();
    this.tasks.set(taskId, { controller, ownerKey });
    return controller;
  }

  release(taskId: string): void {
    this.tasks.delete(taskId);
  }

  async stop(taskId: string, ownerKey: string): Promise<void> {
    if (this.abortLocal(taskId, ownerKey)) return;
    await this.bus?.publish(STOP_TOPIC, { taskId, ownerKey });
  }

  /** A stop from another user is ignored silently, as in Dify. */
  private abortLocal(taskId: string, ownerKey: string): boolean {
    const t = this.tasks.get(taskId);
    if (!t || t.ownerKey !== ownerKey) return false;
    t.controller.abort();
    return true;
  }
}
