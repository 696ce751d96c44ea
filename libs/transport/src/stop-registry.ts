import { BroadcastBus } from './broadcast-bus';

/**
 * Tasks running on this replica, stoppable from any replica: a stop that does not find its task
 * here is broadcast, and whichever replica owns the task aborts it. A stop from someone other
 * than the task's owner is ignored silently, as Dify does.
 */
export class StopRegistry {
  private readonly tasks = new Map<string, { ctl: AbortController; owner: string }>();
  private bus?: BroadcastBus;

  constructor(
    private readonly conn: { redisUrl: string; prefix: string },
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.bus = new BroadcastBus(this.conn);
    await this.bus.subscribe(this.topic, (p: { taskId: string; owner: string }) => this.abortLocal(p.taskId, p.owner));
  }

  async close(): Promise<void> {
    for (const t of this.tasks.values()) t.ctl.abort();
    await this.bus?.close();
  }

  register(taskId: string, owner: string): AbortController {
    const ctl = new AbortController();
    this.tasks.set(taskId, { ctl, owner });
    return ctl;
  }

  release(taskId: string): void {
    this.tasks.delete(taskId);
  }

  async stop(taskId: string, owner: string): Promise<void> {
    if (!this.abortLocal(taskId, owner)) await this.bus?.publish(this.topic, { taskId, owner });
  }

  private abortLocal(taskId: string, owner: string): boolean {
    const t = this.tasks.get(taskId);
    if (!t || t.owner !== owner) return false;
    t.ctl.abort();
    return true;
  }
}
