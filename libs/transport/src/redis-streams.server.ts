import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import Redis from 'ioredis';
import { isObservable, lastValueFrom } from 'rxjs';
import { requestContext } from '@sluice/config';
import { DomainError, domainErrorFromDatabase, InternalServerError, sqlState } from '@sluice/contracts';
import { observeTransportHandling } from '@sluice/observability';
import { keys, ReplyEnvelope, RequestEnvelope, TransportConnection } from './transport.types';

export interface StreamsServerOptions extends TransportConnection {
  service: string;
  /** requests this replica runs at once; it reads no more than it can start */
  concurrency?: number;
  heartbeatMs?: number;
  maxStreamLength?: number;
}

/**
 * Serves a service's message patterns from a Redis stream with one consumer group per service,
 * so each request goes to exactly one live replica (Nest's built-in Redis transport is pub/sub:
 * every replica would run every request). Requests are acknowledged as they are taken: RPCs are
 * at-most-once, and callers detect a dead replica by its missing heartbeats. Work that must
 * survive crashes goes through BullMQ, not here.
 */
export class RedisStreamsServer extends Server implements CustomTransportStrategy {
  private readonly log: Logger;
  private readonly consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private reader?: Redis;
  private writer?: Redis;
  private running = false;
  private readonly inFlight = new Map<string, string>();
  private heartbeat?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private slotFreed?: () => void;

  constructor(private readonly opts: StreamsServerOptions) {
    super();
    this.log = new Logger(`Transport:${opts.service}`);
  }

  private get stream() {
    return keys.stream(this.opts.prefix, this.opts.service);
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      this.reader = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
      // Auto-pipelining folds the many small PUBLISHes of a busy tick into one socket write.
      this.writer = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
      for (const c of [this.reader, this.writer]) c.on('error', (e) => this.log.warn(`redis: ${e.message}`));
      try {
        await this.writer.xgroup('CREATE', this.stream, this.opts.service, '$', 'MKSTREAM');
      } catch (err) {
        if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
      }
      this.running = true;
      const every = this.opts.heartbeatMs ?? 2000;
      this.heartbeat = setInterval(() => this.beat(), every);
      this.heartbeat.unref();
      this.loop = this.consume();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  private async consume(): Promise<void> {
    const max = this.opts.concurrency ?? 64;
    while (this.running) {
      const free = max - this.inFlight.size;
      if (free <= 0) {
        await new Promise<void>((r) => (this.slotFreed = r));
        continue;
      }
      let res: [string, [string, string[]][]][] | null;
      try {
        res = (await this.reader!.xreadgroup(
          'GROUP', this.opts.service, this.consumer, 'COUNT', Math.min(free, 32), 'BLOCK', 2000, 'NOACK', 'STREAMS', this.stream, '>',
        )) as [string, [string, string[]][]][] | null;
      } catch (err) {
        if (!this.running) return;
        this.log.warn(`read failed: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (!res) continue;
      // NOACK: taking a request is acknowledging it, so it is never run twice (and costs no XACK).
      const entries = res[0][1];
      for (const [, fields] of entries) {
        let env: RequestEnvelope;
        try {
          env = JSON.parse(fields[1]);
        } catch {
          continue;
        }
        void requestContext.run({ requestId: env.q ?? env.i }, () => observeTransportHandling(this.opts.service, env.p, env.t, (fail) => this.handle(env, fail)));
      }
    }
  }

  private async handle(env: RequestEnvelope, fail: (code: string) => void = () => undefined): Promise<void> {
    if (env.x && env.x < Date.now()) return; // the caller has given up already
    if (!env.r) {
      await this.handleEvent(env.p, { pattern: env.p, data: env.d }, undefined as never).catch((err) =>
        this.log.error(`event ${env.p} failed: ${(err as Error)?.stack ?? err}`),
      );
      return;
    }
    const reply = env.r;
    const send = (m: ReplyEnvelope) => {
      if (m.e) fail(m.e.code);
      return this.writer!.publish(reply, JSON.stringify(m)).catch(() => undefined);
    };
    const handler = this.getHandlerByPattern(env.p);
    if (!handler) {
      void send({ i: env.i, e: new InternalServerError(`No handler for message pattern ${env.p}`).toPayload() });
      return;
    }
    this.inFlight.set(env.i, reply);
    const done = () => {
      this.inFlight.delete(env.i);
      const r = this.slotFreed;
      this.slotFreed = undefined;
      r?.();
    };
    try {
      const result = await handler(env.d, undefined as never);
      if (!isObservable(result)) {
        // Nest wraps plain handler results in an Observable; a single value and the end travel together.
        const value = await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        void send({ i: env.i, v: value, c: 1 });
        return;
      }
      const result$ = result;
      await new Promise<void>((resolve) => {
        result$.subscribe({
          next: (v) => void send({ i: env.i, v }),
          error: (err) => {
            void send({ i: env.i, e: this.toPayload(err, env.p) });
            resolve();
          },
          complete: () => {
            void send({ i: env.i, c: 1 });
            resolve();
          },
        });
      });
    } catch (err) {
      void send({ i: env.i, e: this.toPayload(err, env.p) });
    } finally {
      done();
    }
  }

  private toPayload(err: unknown, pattern: string) {
    if (err instanceof DomainError) return err.toPayload();
    // Input that slipped past validation into PostgreSQL is the caller's fault: 400 (or 409 for a race), not 500.
    const fromDb = domainErrorFromDatabase(err);
    if (fromDb) {
      this.log.warn(`${pattern}: input refused by PostgreSQL (SQLSTATE ${sqlState(err)}); validate it at the edge`);
      return fromDb.toPayload();
    }
    const id = randomUUID();
    this.log.error(`error_id=${id} ${pattern}: ${(err as Error)?.stack ?? err}`);
    return new InternalServerError(`Internal Server Error, please contact support. (error id ${id})`).toPayload();
  }

  /** One timer for all in-flight requests: tells each waiting caller this replica is alive. */
  private beat() {
    if (!this.writer || !this.inFlight.size) return;
    const pipe = this.writer.pipeline();
    for (const [id, reply] of this.inFlight) pipe.publish(reply, JSON.stringify({ i: id, h: 1 }));
    pipe.exec().catch(() => undefined);
  }

  /** Test hook: stop as a killed process would — no goodbye, no more heartbeats. */
  simulateCrash() {
    this.running = false;
    this.inFlight.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.reader?.disconnect();
    this.writer?.disconnect();
  }

  async close(): Promise<void> {
    this.running = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.slotFreed?.();
    // Let running handlers finish their replies (bounded), then drop the connections.
    const until = Date.now() + 10_000;
    while (this.inFlight.size && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    this.reader?.disconnect();
    await this.loop?.catch(() => undefined);
    await this.writer?.quit().catch(() => undefined);
  }

  on(): void {
    /* status events are not used */
  }

  unwrap<T>(): T {
    return this.writer as T;
  }
}
