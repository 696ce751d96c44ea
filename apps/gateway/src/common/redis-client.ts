import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@sluice/config';

/** The gateway's general-purpose Redis connection: rate limits, sessions, health. */
@Injectable()
export class RedisClient implements OnModuleDestroy {
  readonly redis: Redis;
  readonly prefix: string;

  constructor(cfg: AppConfig) {
    this.redis = new Redis(cfg.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.redis.on('error', () => undefined); // reported through /health, not as unhandled events
    this.prefix = cfg.redisPrefix;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onModuleDestroy() {
    this.redis.disconnect();
  }
}
