import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import Redis from 'ioredis';
import { isObservable, lastValueFrom } from 'rxjs';
import { requestContext } from '@sluice/config';
import { DomainError, InternalServerError, ServiceUnavailableError, domainErrorFromDatabase, sqlState } from '@sluice/contracts';
import { observeTransportHandling } from '@sluice/observability';
import { dependencyFailure, outageLog } from './dependency-failure';
import { LocalEndpoint, localEndpoints } from './local-dispatch';
import { transportHealth } from './transport-health';
import { ReplyEnvelope, RequestEnvelope, TransportConnection, keys, transportRetryStrategy } from './transport.types';

export interface StreamsServerOptions extends TransportConnection {
  service: string;
  /** requests this replica runs at once; it reads no more than it can start */
  concurrency?: number;
  heartbeatMs?: number;
  maxStreamLength?: number;
}

/** The reply address of a request from a caller in this process (never a stream name). */
const LOCAL = '\u0000local';

/** Entries kept per reply stream: far more than a live caller ever leaves unread. */
const REPLY_STREAM_MAX = 20_000;
/** A reply stream nobody reads any more (its caller died) disappears this long after its last answer. */
const REPLY_TTL_MS = 60_000;
/**
 * Replies written while Redis is away are queued and sent once it is back, so a short drop loses
 * nothing; past this the callers have been told to retry, and further replies are dropped.
 */
const KEEP_REPLIES_WHILE_DOWN_MS = 2_000;

/**
 * Serves a service's message patterns from a Redis stream with one consumer group per service,
 * so each request goes to exactly one live replica (Nest's built-in Redis transport is pub/sub:
 * every replica would run every request). Requests are acknowledged as they are taken: RPCs are
 * at-most-once, and callers detect a dead replica by its missing heartbeats. Work that must
 * survive crashes goes through BullMQ, not here. Redis coming back empty (a flush, a failover to
 * a fresh replica) is survived too: the group is recreated as soon as a read says it is missing.
 */
export class RedisStreamsServer extends Server implements CustomTransportStrategy {
  private readonly log: Logger;
  private readonly consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private reader?: Redis;
  private writer?: Redis;
  private running = false;
  /** running requests → their caller's reply stream (null: a caller in this process) */
  private readonly inFlight = new Map<string, string | null>();
  /** local callers of running requests: a crash test tells them as heartbeats would */
  private readonly localReplies = new Map<string, (m: ReplyEnvelope) => void>();
  private unregisterLocal?: () => void;
  private readonly handlerCache = new Map<string, NonNullable<ReturnType<Server['getHandlerByPattern']>>>();
  private heartbeat?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private slotFreed?: () => void;
  /** why the loop cannot read right now (null: it can) — readiness */
  private readProblem: string | null = null;
  private writerDownSince?: number;
  /** when each reply stream's expiry was last pushed back */
  private readonly replyTtlSetAt = new Map<string, number>();
  /** replies waiting for the end of this event-loop turn, per reply stream */
  private readonly outbox = new Map<string, string[]>();
  private flushScheduled = false;
  private unregister?: () => void;

  constructor(private readonly opts: StreamsServerOptions) {
    super();
    this.log = new Logger(`Transport:${opts.service}`);
  }

  private get stream() {
    return keys.stream(this.opts.prefix, this.opts.service);
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      this.reader = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null, retryStrategy: transportRetryStrategy });
      this.writer = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null, retryStrategy: transportRetryStrategy });
      for (const c of [this.reader, this.writer]) c.on('error', (e) => outageLog.report('redis', e, `${this.opts.service} service`));
      this.writer.on('close', () => (this.writerDownSince ??= Date.now()));
      this.writer.on('ready', () => (this.writerDownSince = undefined));
      await this.ensureGroup('$');
      this.running = true;
      const every = this.opts.heartbeatMs ?? 2000;
      this.heartbeat = setInterval(() => this.beat(), every);
      this.heartbeat.unref();
      this.unregister = transportHealth.register({ name: `${this.opts.service} service`, problem: () => this.problem() });
      this.loop = this.consume();
      this.unregisterLocal = localEndpoints.register(this.opts.redisUrl, this.opts.prefix, this.opts.service, this.localEndpoint());
      callback();
    } catch (err) {
      callback(err);
    }
  }

  private problem(): string | null {
    if (!this.running) return null;
    if (this.reader?.status !== 'ready') return 'no connection to Redis';
    return this.readProblem;
  }

  /**
   * At boot the group starts at the stream's end; after Redis came back empty it starts at the
   * beginning, so requests sent since (the stream is recreated by the first one) are not skipped.
   */
  private async ensureGroup(from: '$' | '0'): Promise<void> {
    try {
      await this.writer!.xgroup('CREATE', this.stream, this.opts.service, from, 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
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
          'GROUP',
          this.opts.service,
          this.consumer,
          'COUNT',
          Math.min(free, 32),
          'BLOCK',
          2000,
          'NOACK',
          'STREAMS',
          this.stream,
          '>',
        )) as [string, [string, string[]][]][] | null;
        this.readProblem = null;
      } catch (err) {
        if (!this.running) return;
        const message = String((err as Error).message);
        if (/NOGROUP|no longer exists/i.test(message)) {
          // Redis lost the stream and its group (flushed, or failed over to an empty replica).
          this.readProblem = 'its request stream was missing; recreating it';
          this.log.warn(`request stream ${this.stream} or its group is gone; creating them again`);
          await this.ensureGroup('0').catch((e) => outageLog.report('redis', e, `${this.opts.service} service`));
          continue;
        }
        this.readProblem = 'cannot read its request stream';
        outageLog.report('redis', err, `${this.opts.service} service`);
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
        this.run(env, null);
      }
    }
  }

  /**
   * Queues a reply for the caller's reply stream. Replies of one event-loop turn to the same caller
   * leave as one stream entry: a burst of tokens (or many callers' answers) costs one XADD, and the
   * caller's blocked read wakes once for all of them.
   */
  private sendReply(reply: string, m: ReplyEnvelope): void {
    if (this.writerDownSince && Date.now() - this.writerDownSince > KEEP_REPLIES_WHILE_DOWN_MS) return;
    const batch = this.outbox.get(reply);
    if (batch) batch.push(JSON.stringify(m));
    else this.outbox.set(reply, [JSON.stringify(m)]);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushReplies());
    }
  }

  private flushReplies(): void {
    this.flushScheduled = false;
    const w = this.writer!;
    const now = Date.now();
    for (const [reply, batch] of this.outbox) {
      const entry = batch.length === 1 ? batch[0] : `[${batch.join(',')}]`;
      w.xadd(reply, 'MAXLEN', '~', REPLY_STREAM_MAX, '*', 'm', entry).catch(() => undefined);
      // The stream's expiry is pushed back at most every few seconds, not per reply.
      if (now - (this.replyTtlSetAt.get(reply) ?? 0) > REPLY_TTL_MS / 4) {
        this.replyTtlSetAt.set(reply, now);
        w.pexpire(reply, REPLY_TTL_MS).catch(() => undefined);
      }
    }
    this.outbox.clear();
  }

  private run(env: RequestEnvelope, local: ((m: ReplyEnvelope) => void) | null): void {
    void requestContext.run({ requestId: env.q ?? env.i }, () =>
      observeTransportHandling(this.opts.service, env.p, env.t, (fail) => this.handle(env, fail, local)),
    );
  }

  /**
   * This replica as seen by callers in the same process: the request skips Redis both ways, but
   * runs through the same handler lookup, error mapping, slot accounting and shutdown wait.
   * Values are copied through JSON so a handler and its caller never share objects, as on the wire.
   */
  private localEndpoint(): LocalEndpoint {
    const max = this.opts.concurrency ?? 64;
    return {
      accepts: (pattern) => this.running && this.inFlight.size < max && !!this.handlerFor(pattern),
      dispatch: (env, reply) => {
        if (!reply) return this.run(env, null);
        const sink = (m: ReplyEnvelope) => reply('v' in m && m.v !== undefined ? { ...m, v: JSON.parse(JSON.stringify(m.v)) } : m);
        this.localReplies.set(env.i, sink);
        this.run({ ...env, r: LOCAL }, sink);
      },
    };
  }

  /** Nest's lookup normalises the pattern (a JSON parse attempt) on every call; handlers never change once listening. */
  private handlerFor(pattern: string) {
    let h = this.handlerCache.get(pattern);
    if (!h) {
      h = this.getHandlerByPattern(pattern) ?? undefined;
      if (h) this.handlerCache.set(pattern, h);
    }
    return h;
  }

  private async handle(env: RequestEnvelope, fail: (code: string) => void = () => undefined, local: ((m: ReplyEnvelope) => void) | null = null): Promise<void> {
    if (env.x && env.x < Date.now()) return; // the caller has given up already
    if (!env.r) {
      await this.handleEvent(env.p, { pattern: env.p, data: env.d }, undefined as never).catch((err) =>
        this.log.error(`event ${env.p} failed: ${(err as Error)?.stack ?? err}`),
      );
      return;
    }
    const reply = env.r;
    let n = 0;
    const send = (m: ReplyEnvelope) => {
      if (m.e) fail(m.e.code);
      if (local) local(m);
      else this.sendReply(reply, { ...m, n: n++ });
    };
    const handler = this.handlerFor(env.p);
    if (!handler) {
      send({ i: env.i, e: new InternalServerError(`No handler for message pattern ${env.p}`).toPayload() });
      return;
    }
    this.inFlight.set(env.i, local ? null : reply);
    const done = () => {
      this.inFlight.delete(env.i);
      this.localReplies.delete(env.i);
      const r = this.slotFreed;
      this.slotFreed = undefined;
      r?.();
    };
    try {
      const result = await handler(env.d, undefined as never);
      if (!isObservable(result)) {
        // Nest wraps plain handler results in an Observable; a single value and the end travel together.
        const value = await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        send({ i: env.i, v: value, c: 1 });
        return;
      }
      const result$ = result;
      await new Promise<void>((resolve) => {
        result$.subscribe({
          next: (v) => send({ i: env.i, v }),
          error: (err) => {
            send({ i: env.i, e: this.toPayload(err, env.p) });
            resolve();
          },
          complete: () => {
            send({ i: env.i, c: 1 });
            resolve();
          },
        });
      });
    } catch (err) {
      send({ i: env.i, e: this.toPayload(err, env.p) });
    } finally {
      done();
    }
  }

  private toPayload(err: unknown, pattern: string) {
    if (err instanceof DomainError) return err.toPayload();
    // A dependency outage: 503 with a plain message, logged once per outage rather than per request.
    const unavailable = dependencyFailure(err);
    if (unavailable) return unavailable.toPayload();
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
    if (!this.writer || this.writer.status !== 'ready') return;
    const now = Date.now();
    for (const [reply, at] of this.replyTtlSetAt) if (now - at > REPLY_TTL_MS) this.replyTtlSetAt.delete(reply);
    for (const [id, reply] of this.inFlight) if (reply) this.sendReply(reply, { i: id, h: 1 });
  }

  /** Test hook: stop as a killed process would — no goodbye, no more heartbeats. */
  simulateCrash() {
    this.running = false;
    this.unregister?.();
    this.unregisterLocal?.();
    // A caller in the same process would die with it; one that survives (a test) hears what a
    // remote caller concludes from the missing heartbeats.
    for (const [id, reply] of this.localReplies)
      reply({
        i: id,
        e: new ServiceUnavailableError(`The ${this.opts.service} replica handling the request stopped answering.`, { retryAfter: 1 }).toPayload(),
      });
    this.localReplies.clear();
    this.inFlight.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.reader?.disconnect();
    this.writer?.disconnect();
  }

  async close(): Promise<void> {
    this.running = false;
    this.unregister?.();
    this.unregisterLocal?.();
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
