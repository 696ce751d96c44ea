import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@sluice/config';
import type { SseEvent } from '@sluice/contracts';

/** How long a run's events stay for re-attaching after they were last written (Dify keeps them for a while too). */
const KEEP_SECONDS = 6 * 3600;
/** A runaway run cannot flood Redis: older entries (each the events of one event-loop turn) are trimmed beyond this. */
const MAX_ENTRIES = 20_000;
const TERMINAL = new Set(['workflow_finished', 'error']);

/**
 * The events of each run, in order, in a Redis stream: what `GET /v1/workflow/{run_id}/events` replays and
 * then follows live, from whichever replica runs the workflow.
 */
@Injectable()
export class RunEventLog implements OnModuleDestroy {
  private readonly writer: Redis;
  private readonly prefix: string;
  /** stream key → the fields of its next entry (`e`, event, `e`, event, …) */
  private pending = new Map<string, string[]>();
  private flushing?: Promise<void>;
  /** the pipeline last sent, until Redis answered it */
  private sending?: Promise<void>;

  constructor(private readonly cfg: AppConfig) {
    this.writer = new Redis(cfg.redisUrl, { maxRetriesPerRequest: 2 });
    this.writer.on('error', () => undefined);
    this.prefix = cfg.redisPrefix;
  }

  private key(runId: string): string {
    return `${this.prefix}:workflow-run-events:${runId}`;
  }

  /**
   * Best effort: a lost event only costs a re-attaching client that event, never the run itself.
   * Events written in one turn of the event loop leave together: one XADD per run holding all of
   * them (a run emits ~20 events in a few ms; an XADD + EXPIRE transaction each was a sixth of a
   * blocking run's CPU), with every run's EXPIRE, in one pipeline. Pipelines go out in order on one
   * connection, so a run's events stay in order.
   */
  append(runId: string, ev: SseEvent): Promise<void> {
    const key = this.key(runId);
    const events = this.pending.get(key);
    if (events) events.push('e', JSON.stringify(ev));
    else this.pending.set(key, ['e', JSON.stringify(ev)]);
    return (this.flushing ??= new Promise((resolve) =>
      setImmediate(() => {
        this.flushing = undefined;
        this.sending = this.flush();
        void this.sending.then(resolve);
      }),
    ));
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const pipeline = this.writer.pipeline();
    for (const [key, fields] of batch) pipeline.xadd(key, 'MAXLEN', '~', String(MAX_ENTRIES), '*', ...fields).expire(key, KEEP_SECONDS);
    await pipeline.exec().catch(() => undefined);
  }

  async exists(runId: string): Promise<boolean> {
    return (await this.writer.exists(this.key(runId))) === 1;
  }

  /**
   * Every event so far, then new ones as they are written, until the run's last event; `stillRunning`
   * is asked whenever nothing arrives for a while, so a run whose worker died does not hold the reader.
   */
  async *follow(runId: string, stillRunning: () => Promise<boolean>, signal?: AbortSignal): AsyncGenerator<SseEvent> {
    const reader = new Redis(this.cfg.redisUrl, { maxRetriesPerRequest: 2 });
    reader.on('error', () => undefined);
    const key = this.key(runId);
    let last = '0';
    try {
      while (!signal?.aborted) {
        const res = (await reader.xread('COUNT', 500, 'BLOCK', 2000, 'STREAMS', key, last)) as [string, [string, string[]][]][] | null;
        if (!res) {
          if (!(await stillRunning())) return;
          continue;
        }
        for (const [id, fields] of res[0][1]) {
          last = id;
          for (let i = 1; i < fields.length; i += 2) {
            const ev = JSON.parse(fields[i]) as SseEvent;
            yield ev;
            if (TERMINAL.has(String(ev.event))) return;
          }
        }
      }
    } finally {
      reader.disconnect();
    }
  }

  async onModuleDestroy() {
    // the last events of runs that finished during the drain: scheduled, then sent
    await this.flushing;
    await this.sending;
    this.writer.disconnect();
  }
}
