import Redis from 'ioredis';
import { TransportConnection, keys } from './transport.types';

/**
 * Fan-out to every replica (pub/sub): for signals that must reach whichever replica holds some
 * state — stopping a running generation, evicting a revoked API key from caches.
 */
export class BroadcastBus {
  private pub?: Redis;
  private sub?: Redis;
  private readonly handlers = new Map<string, ((payload: any) => void)[]>();

  constructor(private readonly conn: { redisUrl: string; prefix: string }) {}

  private ensure() {
    if (this.pub) return;
    this.pub = new Redis(this.conn.redisUrl, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(this.conn.redisUrl, { maxRetriesPerRequest: null });
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
    this.sub.on('message', (channel: string, raw: string) => {
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        return;
      }
      for (const h of this.handlers.get(channel) ?? []) h(payload);
    });
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    this.ensure();
    await this.pub!.publish(keys.broadcast(this.conn.prefix, topic), JSON.stringify(payload));
  }

  async subscribe<T = unknown>(topic: string, handler: (payload: T) => void): Promise<void> {
    this.ensure();
    const ch = keys.broadcast(this.conn.prefix, topic);
    const list = this.handlers.get(ch) ?? [];
    list.push(handler as (p: any) => void);
    this.handlers.set(ch, list);
    if (list.length === 1) await this.sub!.subscribe(ch);
  }

  async close(): Promise<void> {
    this.sub?.disconnect();
    await this.pub?.quit().catch(() => undefined);
  }
}

export type { TransportConnection };
