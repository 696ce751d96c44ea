import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { DomainError, TooManyRequestsError } from '@sluice/contracts';
import { RedisClient } from '../common/redis-client';

/** login and activation count failures; reset-request counts every request (each may send a mail). */
export type LockoutKind = 'login' | 'reset-request' | 'reset' | 'activate';

/** Failures that count towards a lockout (a malformed request does not). */
const FAILURE_CODES = new Set(['invalid_credentials', 'invalid_or_expired_token', 'already_activate']);

// The window starts at the first failure and is not extended by later ones.
const COUNT = `local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Guessing protection shared by every gateway replica through Redis: after LOGIN_LOCKOUT_MAX_FAILURES
 * failures for one email (or, for token-only requests, one client address) within
 * LOGIN_LOCKOUT_WINDOW_SECONDS, further attempts get 429 with Retry-After until the window ends.
 */
@Injectable()
export class LoginLockout {
  constructor(
    private readonly r: RedisClient,
    private readonly cfg: AppConfig,
  ) {}

  /**
   * Runs `attempt` unless one of its subjects is locked; counts it against every subject when it
   * fails as a guess, clears the count when a login succeeds. Token guesses name the client address
   * as a subject too, so changing the email in the body does not buy more guesses.
   */
  async guard<T>(kind: LockoutKind, subject: string | string[], attempt: () => Promise<T>, failed: (v: T) => boolean = () => false): Promise<T> {
    const subjects = Array.isArray(subject) ? subject : [subject];
    for (const s of subjects) await this.assertOpen(kind, s);
    let result: T;
    try {
      result = await attempt();
    } catch (err) {
      if (err instanceof DomainError && FAILURE_CODES.has(err.code)) for (const s of subjects) await this.fail(kind, s);
      throw err;
    }
    if (failed(result)) for (const s of subjects) await this.fail(kind, s);
    else if (kind === 'login') await this.r.redis.del(...subjects.map((s) => this.key(kind, s)));
    return result;
  }

  /** Counts an attempt that is limited whatever its outcome (a reset mail asked for). */
  async count(kind: LockoutKind, subject: string): Promise<void> {
    await this.assertOpen(kind, subject);
    await this.fail(kind, subject);
  }

  private async assertOpen(kind: LockoutKind, subject: string) {
    const key = this.key(kind, subject);
    const n = Number(await this.r.redis.get(key));
    if (n >= this.cfg.accounts.lockoutMaxFailures) {
      const ttl = await this.r.redis.ttl(key);
      throw new TooManyRequestsError('Too many attempts. Please try again later.', { retryAfter: Math.max(1, ttl) });
    }
  }

  private async fail(kind: LockoutKind, subject: string) {
    const key = this.key(kind, subject);
    await this.r.redis.eval(COUNT, 1, key, String(this.cfg.accounts.lockoutWindowSeconds));
  }

  /** Hashed, so Redis holds no email addresses. */
  private key(kind: LockoutKind, subject: string) {
    return this.r.key('lockout', kind, createHash('sha256').update(subject.trim().toLowerCase()).digest('hex').slice(0, 32));
  }
}
