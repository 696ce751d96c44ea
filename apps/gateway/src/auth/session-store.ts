import { Injectable } from '@nestjs/common';
import { RedisClient } from '../common/redis-client';
import { TokenClaims } from './token.service';

/**
 * Server-side state for otherwise stateless tokens: revoked access tokens (until they expire)
 * and live refresh tokens (rotated on use, so a stolen refresh token works at most once).
 */
@Injectable()
export class SessionStore {
  constructor(private readonly r: RedisClient) {}

  private ttl(c: TokenClaims) {
    return Math.max(1, c.exp - Math.floor(Date.now() / 1000));
  }

  async revoke(c: TokenClaims): Promise<void> {
    await this.r.redis.set(this.r.key('session', 'revoked', c.jti), '1', 'EX', this.ttl(c));
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.r.redis.exists(this.r.key('session', 'revoked', jti))) === 1;
  }

  async rememberRefresh(c: TokenClaims): Promise<void> {
    await this.r.redis.set(this.r.key('session', 'refresh', c.jti), c.sub, 'EX', this.ttl(c));
  }

  /** True once per refresh token. */
  async consumeRefresh(jti: string): Promise<boolean> {
    return (await this.r.redis.del(this.r.key('session', 'refresh', jti))) === 1;
  }
}
