import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@sluice/config';
import { outageLog } from '@sluice/transport';

/** One Redis connection for the knowledge caches and the shared embedding rate limit. */
@Injectable()
export class KnowledgeRedis implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(AppConfig) cfg: AppConfig) {
    this.client = new Redis(cfg.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    // Without a listener ioredis prints every reconnect failure as a raw stack on stderr.
    this.client.on('error', (err) => outageLog.report('redis', err, 'knowledge caches'));
    this.prefix = cfg.redisPrefix;
  }

  key(...parts: string[]): string {
    return [this.prefix, 'knowledge', ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
