import type { ConnectionOptions } from 'bullmq';
import type { AppConfig } from '@sluice/config';

/** BullMQ keys live under the install's Redis prefix so installs (and test runs) sharing one Redis stay apart. */
export function bullPrefix(cfg: Pick<AppConfig, 'redisPrefix'>): string {
  return `${cfg.redisPrefix}:bull`;
}

export function bullConnection(cfg: Pick<AppConfig, 'redisUrl'>): ConnectionOptions {
  const u = new URL(cfg.redisUrl);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port) || 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) || 0 : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's blocking commands must wait forever instead of failing after a few retries.
    maxRetriesPerRequest: null,
  };
}
