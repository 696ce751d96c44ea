import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { UnauthorizedError } from '@sluice/contracts';

export type TokenType = 'access' | 'refresh' | 'passport';

export interface TokenClaims {
  sub: string;
  tid: string;
  typ: TokenType;
  jti: string;
  iat: number;
  exp: number;
  /** access and refresh tokens: the session they belong to (ended by logout, password change, removal) */
  sid?: string;
  /** passport tokens: the web app's app id and site code */
  app?: string;
  code?: string;
}

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
/** Clocks of replicas differ a little; a token from further in the future than this is forged. */
const CLOCK_SKEW_SECONDS = 60;

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** HS256 JWTs signed with SECRET_KEY: stateless checks on every console/web request. */
@Injectable()
export class TokenService {
  constructor(private readonly cfg: AppConfig) {}

  issue(
    accountId: string,
    tenantId: string,
    typ: TokenType,
    ttlSeconds: number,
    extra: Pick<TokenClaims, 'sid' | 'app' | 'code'> = {},
  ): { token: string; claims: TokenClaims } {
    const iat = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = { sub: accountId, tid: tenantId, typ, jti: randomUUID(), iat, exp: iat + ttlSeconds, ...extra };
    const head = `${HEADER}.${b64(claims)}`;
    return { token: `${head}.${this.sign(head)}`, claims };
  }

  /**
   * A token is accepted only with our HS256 signature and every claim we rely on: subject, workspace,
   * id, the expected type, `iat` (not in the future) and `exp` (in the future). A validly signed token
   * missing any of them — say one without `exp` — is refused rather than living forever.
   */
  verify(token: string, typ: TokenType): TokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new UnauthorizedError('Invalid token.');
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new UnauthorizedError('Invalid token.');
    let header: { alg?: unknown };
    let claims: Partial<TokenClaims>;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new UnauthorizedError('Invalid token.');
    }
    if (header?.alg !== 'HS256' || !claims || typeof claims !== 'object') throw new UnauthorizedError('Invalid token.');
    if (claims.typ !== typ || !isStr(claims.sub) || !isStr(claims.tid) || !isStr(claims.jti)) throw new UnauthorizedError('Invalid token.');
    if (!isTime(claims.iat) || !isTime(claims.exp) || claims.exp <= claims.iat) throw new UnauthorizedError('Invalid token.');
    if (typ !== 'passport' && !isStr(claims.sid)) throw new UnauthorizedError('Invalid token.');
    const now = Math.floor(Date.now() / 1000);
    if (claims.iat > now + CLOCK_SKEW_SECONDS) throw new UnauthorizedError('Invalid token.');
    if (claims.exp <= now) throw new UnauthorizedError('Token has expired.');
    return claims as TokenClaims;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.cfg.secretKey).update(data).digest('base64url');
  }
}
