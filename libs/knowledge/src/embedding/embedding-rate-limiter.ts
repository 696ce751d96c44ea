import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { KnowledgeRedis } from '../knowledge-redis';

/**
 * Spaces requests 60/rpm seconds apart per provider, across every worker process: each caller
 * reserves the next free slot atomically in Redis and sleeps until it. Uses Redis' clock so
 * hosts with skewed clocks still agree.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextFree)
redis.call('SET', KEYS[1], slot + interval, 'PX', math.max(1000, slot + interval - now + 1000))
return slot - now
`;

@Injectable()
export class EmbeddingRateLimiter {
  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly redis: KnowledgeRedis,
  ) {}

  /** Milliseconds the caller must wait before sending its request (0 when unlimited). */
  async reserve(providerKey: string): Promise<number> {
    const rpm = this.cfg.knowledge.embeddingRpm;
    if (!rpm) return 0;
    const interval = Math.ceil(60_000 / rpm);
    const wait = await this.redis.client.eval(RESERVE, 1, this.redis.key('embed-rl', providerKey), String(interval));
    return Number(wait) || 0;
  }
}
