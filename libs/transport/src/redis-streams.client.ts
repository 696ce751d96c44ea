import { Logger } from '@nestjs/common';
import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { currentRequestId } from '@sluice/config';
import { DomainError, RequestTimeoutError, ServiceUnavailableError } from '@sluice/contracts';
import { observeTransportCall } from '@sluice/observability';
import { keys, ReplyEnvelope, RequestEnvelope, TransportConnection } from './transport.types';

export interface StreamsClientOptions extends TransportConnection {
  service: string;
  /** no reply at all (not even a heartbeat) for this long → request_timeout */
  timeoutMs?: number;
  /** once a replica has answered, silence for this long means it died → service_unavailable */
  heartbeatTimeoutMs?: number;
  maxStreamLength?: number;
}

interface Pending {
  callback: (p: WritePacket) => void;
  timer: NodeJS.Timeout;
  heard: boolean;
}

/**
 * Sends requests to a service's stream and receives replies — one value, many values, or an
 * error payload rebuilt into its DomainError class — on this client's own pub/sub channel.
 */
export class RedisStreamsClient extends ClientProxy {
  private readonly log = new Logger('TransportClient');
  private readonly id = randomUUID();
  private pub?: Redis;
  private sub?: Redis;
  private connecting?: Promise<void>;
  private readonly pending = new Map<string, Pending>();
  private readonly opts: Required<Omit<StreamsClientOptions, 'maxStreamLength'>> & { maxStreamLength: number };

  constructor(options: StreamsClientOptions) {
    super();
    this.opts = { timeoutMs: 30_000, heartbeatTimeoutMs: 7_000, maxStreamLength: 100_000, ...options };
  }

  private get channel() {
    return keys.reply(this.opts.prefix, this.id);
  }

  connect(): Promise<void> {
    this.connecting ??= (async () => {
      this.pub = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: 3 });
      this.sub = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
      for (const c of [this.pub, this.sub]) c.on('error', (e) => this.log.warn(`redis: ${e.message}`));
      this.sub.on('message', (_ch: string, raw: string) => this.onReply(raw));
      await this.sub.subscribe(this.channel);
    })().catch((err) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.callback({ err: new ServiceUnavailableError('The transport client is shutting down.'), isDisposed: true });
      this.pending.delete(id);
    }
    this.sub?.disconnect();
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
    const pending: Pending = { callback, heard: false, timer: this.arm(id, this.opts.timeoutMs) };
    this.pending.set(id, pending);
    const env: RequestEnvelope = { i: id, p: pattern, d: packet.data, r: this.channel, x: Date.now() + this.opts.timeoutMs, q: currentRequestId(), t: call.trace };
    this.pub!
      .xadd(keys.stream(this.opts.prefix, this.opts.service), 'MAXLEN', '~', this.opts.maxStreamLength, '*', 'm', JSON.stringify(env))
      .catch((err) => this.fail(id, new ServiceUnavailableError(`Could not reach the ${this.opts.service} service: ${(err as Error).message}`)));
    return () => {
      const p = this.pending.get(id);
      if (p) clearTimeout(p.timer);
      this.pending.delete(id);
      call.finish(p ? { code: 'cancelled', message: 'the caller stopped listening' } : undefined);
    };
  }

  protected async dispatchEvent<T = any>(packet: ReadPacket): Promise<T> {
    const env: RequestEnvelope = { i: randomUUID(), p: this.normalizePattern(packet.pattern), d: packet.data, q: currentRequestId() };
    await this.pub!.xadd(keys.stream(this.opts.prefix, this.opts.service), 'MAXLEN', '~', this.opts.maxStreamLength, '*', 'm', JSON.stringify(env));
    return undefined as T;
  }

  private arm(id: string, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      const p = this.pending.get(id);
      if (!p) return;
      this.fail(
        id,
        p.heard
          ? new ServiceUnavailableError(`The ${this.opts.service} replica handling the request stopped answering.`)
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

  private onReply(raw: string) {
    let m: ReplyEnvelope;
    try {
      m = JSON.parse(raw);
    } catch {
      return;
    }
    const p = this.pending.get(m.i);
    if (!p) return;
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
