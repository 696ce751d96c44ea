import { randomUUID } from 'node:crypto';
import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import Redis from 'ioredis';
import { currentRequestId } from '@sluice/config';
import { DomainError, RequestTimeoutError, ServiceUnavailableError } from '@sluice/contracts';
import { observeTransportCall } from '@sluice/observability';
import { outageLog } from './dependency-failure';
import { LocalEndpoint, localEndpoints } from './local-dispatch';
import { transportHealth } from './transport-health';
import { ReplyEnvelope, RequestEnvelope, TransportConnection, keys, transportRetryStrategy } from './transport.types';

export interface StreamsClientOptions extends TransportConnection {
  service: string;
  /** no reply at all (not even a heartbeat) for this long → request_timeout */
  timeoutMs?: number;
  /** once a replica has answered, silence for this long means it died → service_unavailable */
  heartbeatTimeoutMs?: number;
  /**
   * A dropped connection that is back within this long loses nothing (replies wait in the reply
   * stream); past it, every pending call fails with service_unavailable so callers retry at once.
   */
  reconnectGraceMs?: number;
  maxStreamLength?: number;
  /**
   * Hand requests to a replica of the service running in this process, when there is one with a
   * free slot, instead of going through Redis (`npm start` runs every app in one process). Off
   * by default here; the platform turns it on from TRANSPORT_LOCAL_DISPATCH.
   */
  localDispatch?: boolean;
}

interface Pending {
  callback: (p: WritePacket) => void;
  timer: NodeJS.Timeout;
  heard: boolean;
  /** values received so far: a value with a lower sequence number is a resent duplicate */
  seq: number;
  sentAt: number;
  /** the request's entry id in the service stream, once Redis has it */
  entry?: string;
  /** when the audit last looked for this request */
  auditedAt?: number;
  /** when the audit first saw the request delivered to a replica */
  deliveredSeenAt?: number;
}

/** Entries read per XREAD: a busy gateway drains many replies per round trip. */
const READ_COUNT = 1024;

/** How often, and after how much silence, requests are looked for in their service stream. */
const AUDIT_EVERY_MS = 2_000;

/**
 * Sends requests to a service's stream and receives replies — one value, many values, or an error
 * payload rebuilt into its DomainError class — from this client's own reply stream. A stream, not
 * pub/sub: replies written while this client reconnects are read afterwards from where it left off,
 * and a slow reader is never disconnected for falling behind.
 */
export class RedisStreamsClient extends ClientProxy {
  private readonly id = randomUUID();
  private pub?: Redis;
  private reader?: Redis;
  private connecting?: Promise<void>;
  private reading = false;
  private lastId = '0-0';
  /** set while the reply connection is down */
  private downSince?: number;
  private downTimer?: NodeJS.Timeout;
  private unregister?: () => void;
  private audit?: NodeJS.Timeout;
  private readonly pending = new Map<string, Pending>();
  private readonly opts: Required<Omit<StreamsClientOptions, 'maxStreamLength'>> & { maxStreamLength: number };

  constructor(options: StreamsClientOptions) {
    super();
    this.opts = { timeoutMs: 30_000, heartbeatTimeoutMs: 7_000, reconnectGraceMs: 500, maxStreamLength: 100_000, localDispatch: false, ...options };
  }

  private get replyKey() {
    return keys.reply(this.opts.prefix, this.id);
  }

  connect(): Promise<void> {
    this.connecting ??= (async () => {
      // Requests fail at once while Redis is away (no offline queue, nothing resent later): a request
      // queued for a Redis that comes back in a minute would run long after its caller gave up.
      this.pub = new Redis(this.opts.redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
        retryStrategy: transportRetryStrategy,
      });
      // The reply reader's blocked XREAD is simply sent again after a reconnect.
      this.reader = new Redis(this.opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: transportRetryStrategy });
      for (const c of [this.pub, this.reader]) c.on('error', (e) => outageLog.report('redis', e, `${this.opts.service} client`));
      this.reader.on('close', () => this.onDown());
      this.reader.on('ready', () => this.onUp());
      await Promise.all([this.pub.connect(), this.reader.connect()]);
      this.reading = true;
      void this.readReplies();
      this.unregister = transportHealth.register({ name: `${this.opts.service} client`, problem: () => (this.downSince ? 'no connection to Redis' : null) });
      this.audit = setInterval(() => void this.auditSilent(), AUDIT_EVERY_MS);
      this.audit.unref();
    })().catch((err) => {
      this.pub?.disconnect();
      this.reader?.disconnect();
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.reading = false;
    this.unregister?.();
    clearTimeout(this.downTimer);
    clearInterval(this.audit);
    this.failAll(new ServiceUnavailableError('The transport client is shutting down.'));
    this.reader?.disconnect();
    await this.pub?.quit().catch(() => undefined);
    this.connecting = undefined;
  }

  unwrap<T>(): T {
    return this.pub as T;
  }

  protected publish(packet: ReadPacket, done: (p: WritePacket) => void): () => void {
    const id = randomUUID();
    const pattern = this.normalizePattern(packet.pattern);
    const call = observeTransportCall(this.opts.service, pattern);
    const callback = (p: WritePacket) => {
      if (p.isDisposed) call.finish(p.err as DomainError | undefined);
      done(p);
    };
    const local = this.opts.localDispatch ? localEndpoints.find(this.opts.redisUrl, this.opts.prefix, this.opts.service, pattern) : undefined;
    if (local) return this.publishLocal(local, id, pattern, packet.data, call, callback);
    if (this.downSince) {
      callback({ err: this.unreachable(), isDisposed: true });
      return () => undefined;
    }
    const pending: Pending = { callback, heard: false, seq: 0, sentAt: Date.now(), timer: this.arm(id, this.opts.timeoutMs) };
    this.pending.set(id, pending);
    const env: RequestEnvelope = {
      i: id,
      p: pattern,
      d: packet.data,
      r: this.replyKey,
      x: Date.now() + this.opts.timeoutMs,
      q: currentRequestId(),
      t: call.trace,
    };
    this.pub!.xadd(keys.stream(this.opts.prefix, this.opts.service), 'MAXLEN', '~', this.opts.maxStreamLength, '*', 'm', JSON.stringify(env))
      .then((entry) => {
        if (entry) pending.entry = entry;
      })
      .catch((err) => {
        outageLog.report('redis', err, `${this.opts.service} client`);
        this.fail(id, this.unreachable());
      });
    return () => {
      const p = this.pending.get(id);
      if (p) clearTimeout(p.timer);
      this.pending.delete(id);
      call.finish(p ? { code: 'cancelled', message: 'the caller stopped listening' } : undefined);
    };
  }

  /**
   * The same request to a replica in this process: the payload is copied through JSON as the wire
   * would, replies arrive as the same envelopes (values, the end, or an error payload rebuilt into
   * its class), and a caller that stops listening leaves the handler running, as over Redis.
   */
  private publishLocal(
    local: LocalEndpoint,
    id: string,
    pattern: string,
    data: unknown,
    call: ReturnType<typeof observeTransportCall>,
    callback: (p: WritePacket) => void,
  ): () => void {
    let open = true;
    local.dispatch({ i: id, p: pattern, d: copy(data), q: currentRequestId(), t: call.trace }, (m) => {
      if (!open || m.h) return;
      if (m.e) {
        open = false;
        callback({ err: DomainError.fromPayload(m.e), isDisposed: true });
      } else if (m.c) {
        open = false;
        callback('v' in m ? { response: m.v, isDisposed: true } : { isDisposed: true });
      } else callback({ response: m.v });
    });
    return () => {
      call.finish(open ? { code: 'cancelled', message: 'the caller stopped listening' } : undefined);
      open = false;
    };
  }

  protected async dispatchEvent<T = any>(packet: ReadPacket): Promise<T> {
    const env: RequestEnvelope = { i: randomUUID(), p: this.normalizePattern(packet.pattern), d: packet.data, q: currentRequestId() };
    const local = this.opts.localDispatch ? localEndpoints.find(this.opts.redisUrl, this.opts.prefix, this.opts.service, env.p) : undefined;
    if (local) {
      local.dispatch({ ...env, d: copy(env.d) }, null);
      return undefined as T;
    }
    await this.pub!.xadd(keys.stream(this.opts.prefix, this.opts.service), 'MAXLEN', '~', this.opts.maxStreamLength, '*', 'm', JSON.stringify(env)).catch(
      () => {
        throw this.unreachable();
      },
    );
    return undefined as T;
  }

  private unreachable(): ServiceUnavailableError {
    return new ServiceUnavailableError(`The ${this.opts.service} service could not be reached, try again shortly.`, { retryAfter: 1 });
  }

  private async readReplies(): Promise<void> {
    while (this.reading) {
      let res: [string, [string, string[]][]][] | null;
      try {
        res = (await this.reader!.xread('COUNT', READ_COUNT, 'BLOCK', 0, 'STREAMS', this.replyKey, this.lastId)) as [string, [string, string[]][]][] | null;
      } catch {
        if (!this.reading) return;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (!res) continue;
      for (const [entryId, fields] of res[0][1]) {
        this.lastId = entryId;
        let parsed: ReplyEnvelope | ReplyEnvelope[];
        try {
          parsed = JSON.parse(fields[1]);
        } catch {
          continue;
        }
        // One entry carries one reply, or all replies a replica had for this client in one turn.
        if (Array.isArray(parsed)) for (const m of parsed) this.onReply(m);
        else this.onReply(parsed);
      }
    }
  }

  /** The reply connection dropped: wait briefly for it to come back, then tell every caller to retry. */
  private onDown() {
    if (this.downSince || !this.reading) return;
    this.downSince = Date.now();
    this.downTimer = setTimeout(() => this.failAll(this.unreachable()), this.opts.reconnectGraceMs);
    this.downTimer.unref();
  }

  private onUp() {
    if (!this.downSince) return;
    this.downSince = undefined;
    clearTimeout(this.downTimer);
  }

  /**
   * Requests not heard of for a while may have been lost with Redis (flushed, failed over, or read
   * by a replica just before a connection dropped): a replica working on a request sends heartbeats,
   * so silence means it is queued behind others — or gone. The service stream tells which: the entry
   * is missing, or its group delivered it and nobody is working on it → service_unavailable now
   * instead of request_timeout at the end of the timeout. Costs nothing unless something is silent.
   */
  private async auditSilent(): Promise<void> {
    const now = Date.now();
    const silent = [...this.pending].filter(([, p]) => !p.heard && p.entry && now - p.sentAt >= AUDIT_EVERY_MS && now - (p.auditedAt ?? 0) >= AUDIT_EVERY_MS);
    if (!silent.length || this.downSince || this.pub?.status !== 'ready') return;
    const stream = keys.stream(this.opts.prefix, this.opts.service);
    const pipe = this.pub.pipeline().xinfo('GROUPS', stream);
    for (const [, p] of silent) pipe.xrange(stream, p.entry!, p.entry!);
    const res = await pipe.exec().catch(() => null);
    if (!res) return;
    const [groupsErr, groups] = res[0];
    const group = groupsErr ? undefined : (groups as unknown[][]).map(fieldsOf).find((g) => g.name === this.opts.service);
    const delivered = group ? String(group['last-delivered-id']) : '0-0';
    silent.forEach(([id, p], k) => {
      p.auditedAt = now;
      const [err, found] = res[k + 1];
      const missing = !err && Array.isArray(found) && found.length === 0;
      // Delivered a while ago: a replica working on it would have sent heartbeats by now.
      if (compareIds(p.entry!, delivered) <= 0) p.deliveredSeenAt ??= now;
      const abandoned = p.deliveredSeenAt !== undefined && now - p.deliveredSeenAt >= this.opts.heartbeatTimeoutMs - AUDIT_EVERY_MS;
      if (missing || abandoned) this.fail(id, new ServiceUnavailableError(`The ${this.opts.service} service lost the request, try again.`, { retryAfter: 1 }));
    });
  }

  private failAll(err: DomainError) {
    for (const id of [...this.pending.keys()]) this.fail(id, err);
  }

  private arm(id: string, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      const p = this.pending.get(id);
      if (!p) return;
      this.fail(
        id,
        p.heard
          ? new ServiceUnavailableError(`The ${this.opts.service} replica handling the request stopped answering.`, { retryAfter: 1 })
          : new RequestTimeoutError(`The ${this.opts.service} service did not answer within ${ms} ms.`),
      );
    }, ms);
    t.unref();
    return t;
  }

  private fail(id: string, err: DomainError) {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.callback({ err, isDisposed: true });
  }

  private onReply(m: ReplyEnvelope) {
    const p = this.pending.get(m.i);
    if (!p) return;
    if (m.n !== undefined) {
      if (m.n < p.seq) return; // sent twice across a reconnect
      if (m.n > p.seq) {
        // Values went missing (Redis lost them): a partial answer must not pass for a whole one.
        this.fail(m.i, new ServiceUnavailableError(`The reply from the ${this.opts.service} service was interrupted, try again.`, { retryAfter: 1 }));
        return;
      }
      p.seq++;
    }
    clearTimeout(p.timer);
    p.heard = true;
    if (m.e) {
      this.pending.delete(m.i);
      p.callback({ err: DomainError.fromPayload(m.e), isDisposed: true });
      return;
    }
    if (m.c) {
      this.pending.delete(m.i);
      p.callback('v' in m ? { response: m.v, isDisposed: true } : { isDisposed: true });
      return;
    }
    // A value or a heartbeat: the replica is alive; from now on silence means it died.
    p.timer = this.arm(m.i, this.opts.heartbeatTimeoutMs);
    if (!m.h) p.callback({ response: m.v });
  }
}

/** XINFO's flat [field, value, field, value, …] as an object. */
function fieldsOf(flat: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) o[String(flat[i])] = flat[i + 1];
  return o;
}

/** Orders stream ids (`<ms>-<seq>`). */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : (as ?? 0) - (bs ?? 0);
}

/** A payload as the receiving side would parse it off the wire. */
function copy(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}
