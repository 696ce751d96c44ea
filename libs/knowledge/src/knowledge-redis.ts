import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@sluice/config';

/** One Redis connection for the knowledge caches and the shared embedding rate limit. */
@Injectable()
export class KnowledgeRedis implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(AppConfig) cfg: AppConfig) {
    this.client = new Redis(cfg.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    this.prefix = cfg.redisPrefix;
  }

  key(...parts: string[]): string {
    return [this.prefix, 'knowledge', ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
