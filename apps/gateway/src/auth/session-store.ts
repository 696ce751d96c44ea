import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RedisClient } from '../common/redis-client';
import { TokenClaims } from './token.service';

/** A login: one account in one workspace. Its access and refresh tokens carry its id (`sid`). */
export interface SessionRecord {
  accountId: string;
  tenantId: string;
}

/**
 * Server-side state for otherwise stateless tokens, in Redis so every gateway replica sees the
 * same: live sessions (ending one kills its access and refresh tokens at once, everywhere), each
 * account's sessions (to end them all), and live refresh tokens (rotated on use, so a stolen
 * refresh token works at most once).
 */
@Injectable()
export class SessionStore {
  constructor(private readonly r: RedisClient) {}

  private key(sid: string) {
    return this.r.key('session', 'sid', sid);
  }

  private accountKey(accountId: string) {
    return this.r.key('session', 'account', accountId);
  }

  async create(rec: SessionRecord, ttlSeconds: number): Promise<string> {
    const sid = randomUUID();
    await this.r.redis
      .multi()
      .set(this.key(sid), JSON.stringify(rec), 'EX', ttlSeconds)
      .sadd(this.accountKey(rec.accountId), sid)
      // Every session lives as long as a refresh token, so the newest one outlives the others.
      .expire(this.accountKey(rec.accountId), ttlSeconds)
      .exec();
    return sid;
  }

  /** Keeps a session alive as long as its newest refresh token. */
  async extend(sid: string, accountId: string, ttlSeconds: number): Promise<void> {
    await this.r.redis.multi().expire(this.key(sid), ttlSeconds).expire(this.accountKey(accountId), ttlSeconds).exec();
  }

  async get(sid: string): Promise<SessionRecord | null> {
    const raw = await this.r.redis.get(this.key(sid));
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async end(sid: string, accountId?: string): Promise<void> {
    const m = this.r.redis.multi().del(this.key(sid));
    if (accountId) m.srem(this.accountKey(accountId), sid);
    await m.exec();
  }

  /** Ends the account's sessions — all, all but one, or those in one workspace. Returns how many. */
  async endAccount(accountId: string, opts: { except?: string; tenantId?: string } = {}): Promise<number> {
    const sids = await this.r.redis.smembers(this.accountKey(accountId));
    let ended = 0;
    for (const sid of sids) {
      if (sid === opts.except) continue;
      if (opts.tenantId) {
        const rec = await this.get(sid);
        if (rec && rec.tenantId !== opts.tenantId) continue;
      }
      await this.end(sid, accountId);
      ended++;
    }
    return ended;
  }

  private ttl(c: TokenClaims) {
    return Math.max(1, c.exp - Math.floor(Date.now() / 1000));
  }

  async rememberRefresh(c: TokenClaims): Promise<void> {
    await this.r.redis.set(this.r.key('session', 'refresh', c.jti), c.sub, 'EX', this.ttl(c));
  }

  /** True once per refresh token. */
  async consumeRefresh(jti: string): Promise<boolean> {
    return (await this.r.redis.del(this.r.key('session', 'refresh', jti))) === 1;
  }
}
