import { Injectable } from '@nestjs/common';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@sluice/config';
import { UnauthorizedError } from '@sluice/contracts';

export interface TokenClaims {
  sub: string;
  tid: string;
  typ: 'access' | 'refresh' | 'passport';
  jti: string;
  iat: number;
  exp: number;
  /** passport tokens: the web app's app id and site code */
  app?: string;
  code?: string;
}

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** HS256 JWTs signed with SECRET_KEY: stateless checks on every console/web request. */
@Injectable()
export class TokenService {
  constructor(private readonly cfg: AppConfig) {}

  issue(
    accountId: string, tenantId: string, typ: TokenClaims['typ'], ttlSeconds: number, extra: Pick<TokenClaims, 'app' | 'code'> = {},
  ): { token: string; claims: TokenClaims } {
    const iat = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = { sub: accountId, tid: tenantId, typ, jti: randomUUID(), iat, exp: iat + ttlSeconds, ...extra };
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    return { token: `${head}.${this.sign(head)}`, claims };
  }

  verify(token: string, typ: TokenClaims['typ']): TokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new UnauthorizedError('Invalid token.');
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new UnauthorizedError('Invalid token.');
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new UnauthorizedError('Invalid token.');
    }
    if (claims.typ !== typ) throw new UnauthorizedError('Invalid token.');
    if (claims.exp <= Math.floor(Date.now() / 1000)) throw new UnauthorizedError('Token has expired.');
    return claims;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.cfg.secretKey).update(data).digest('base64url');
  }
}
