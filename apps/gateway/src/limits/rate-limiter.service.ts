import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { RateLimitExceededError, TooManyRequestsError } from '@sluice/contracts';
import { RedisClient } from '../common/redis-client';

// Take a slot only if under the cap; the TTL frees slots of a crashed gateway eventually.
const ACQUIRE = `local n = redis.call('INCR', KEYS[1])
if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[2]) return 1`;

/**
 * Limits shared by every gateway replica through Redis: requests per minute per key (429
 * rate_limit_exceeded) and concurrent generations per app (429 too_many_requests, Dify's cap).
 * Both cost nothing when not configured.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly r: RedisClient,
    private readonly cfg: AppConfig,
  ) {}

  async checkRate(keyId: string, appRpm: number): Promise<void> {
    const limit = appRpm > 0 ? appRpm : this.cfg.apiRateLimitRpm;
    if (!limit) return;
    const minute = Math.floor(Date.now() / 60_000);
    const key = this.r.key('rl', keyId, String(minute));
    const n = await this.r.redis.incr(key);
    if (n === 1) await this.r.redis.expire(key, 61);
    if (n > limit) {
      const retryAfter = 60 - Math.floor((Date.now() / 1000) % 60);
      throw new RateLimitExceededError(`Rate limit exceeded: at most ${limit} requests per minute for this API key.`, { retryAfter });
    }
  }

  /** Returns a release function; call it when the generation ends (however it ends). */
  async acquireSlot(appId: string, appCap: number): Promise<() => void> {
    const cap = appCap > 0 ? appCap : this.cfg.appMaxActiveRequests;
    if (!cap) return () => undefined;
    const key = this.r.key('active', appId);
    const ok = await this.r.redis.eval(ACQUIRE, 1, key, String(cap), String(this.cfg.appMaxExecutionSeconds));
    if (ok !== 1) {
      throw new TooManyRequestsError(`Too many requests. Please try again later. The maximum concurrent requests allowed for this app is ${cap}.`, {
        retryAfter: 1,
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.r.redis.decr(key).catch(() => undefined);
    };
  }
}
