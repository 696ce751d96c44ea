import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@sluice/config';
import {
  ConsoleContracts,
  ContractInput,
  SessionSubject,
  TeamsContracts,
  UnauthorizedError,
  invalidParam,
  parseContract,
  refreshSchema,
} from '@sluice/contracts';
import { assertCsrf } from '../auth/csrf';
import { LoginLockout } from '../auth/login-lockout.service';
import { MembershipCache } from '../auth/membership-cache.service';
import { credentialFrom } from '../auth/session-authenticator';
import { COOKIES, clearSessionCookies, readCookie } from '../auth/session-cookies';
import { SessionIssuer } from '../auth/session-issuer.service';
import { SessionStore } from '../auth/session-store';
import { TokenService } from '../auth/token.service';
import { ServiceProxy } from '../common/service-proxy';

/** Setup, login, refresh, logout and registration for the console and the Web API (same accounts, same tokens). */
@Injectable()
export class ConsoleAuthService {
  constructor(
    private readonly proxy: ServiceProxy,
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly issuer: SessionIssuer,
    private readonly lockout: LoginLockout,
    private readonly memberships: MembershipCache,
    private readonly cfg: AppConfig,
  ) {}

  setup(body: unknown) {
    return this.proxy.call(ConsoleContracts.setup, (body ?? {}) as ContractInput<typeof ConsoleContracts.setup>).then(() => ({ result: 'success' }));
  }

  async setupStatus() {
    const done = await this.proxy.call(ConsoleContracts.setupStatus, {});
    return { step: done ? 'finished' : 'not_started' };
  }

  async login(body: unknown, res: Response | null) {
    // The login message's schema, checked before the lockout counts the attempt against the email.
    const b = parseContract(ConsoleContracts.login, body);
    const subject = await this.lockout.guard('login', b.email, () => this.proxy.call(ConsoleContracts.login, { email: b.email, password: b.password }));
    return { result: 'success', data: await this.issuer.start(subject, res, b.remember_me) };
  }

  async register(body: unknown, res: Response | null) {
    const subject = await this.proxy.call(TeamsContracts.register, { body });
    return { result: 'success', data: await this.issuer.start(subject, res) };
  }

  /** Rotates the pair; the old refresh token is spent. A refresh token of an ended session is worthless. */
  async refresh(body: unknown, req: Request, res: Response | null) {
    const inBody = (body as { refresh_token?: unknown })?.refresh_token;
    const given = inBody ?? readCookie(req, COOKIES.refresh);
    // The refresh token never crosses the transport (the gateway owns sessions), so no message contract declares it.
    const parsed = refreshSchema.safeParse({ refresh_token: given });
    if (!parsed.success) throw invalidParam(parsed.error.issues[0]);
    const b = parsed.data;
    const claims = this.tokens.verify(b.refresh_token, 'refresh');
    if (inBody === undefined) assertCsrf(req, this.cfg.secretKey, claims.sid!);
    const session = await this.sessions.get(claims.sid!);
    if (!session || session.accountId !== claims.sub || session.tenantId !== claims.tid) throw new UnauthorizedError('The session has ended; log in again.');
    if (!(await this.sessions.consumeRefresh(claims.jti))) throw new UnauthorizedError('Refresh token has already been used or revoked.');
    if (!(await this.memberships.roleOf(claims.sub, claims.tid))) {
      await this.sessions.end(claims.sid!, claims.sub);
      throw new UnauthorizedError('This account is no longer a member of the workspace.');
    }
    await this.sessions.extend(claims.sid!, claims.sub, this.cfg.refreshTokenTtlSeconds);
    return { result: 'success', data: await this.issuer.mint(claims.sub, claims.tid, claims.sid!, res) };
  }

  /** Ends the whole session — access and refresh tokens — on every replica. */
  async logout(req: Request, res: Response | null) {
    let cred: ReturnType<typeof credentialFrom>;
    try {
      cred = credentialFrom(req);
    } catch {
      cred = undefined;
    }
    const sid = this.sidOf(cred?.token, 'access') ?? this.sidOf(readCookie(req, COOKIES.refresh), 'refresh');
    if (sid) await this.sessions.end(sid.sid, sid.accountId);
    if (res) clearSessionCookies(res, this.cfg.sessionCookieSecure);
    return { result: 'success' };
  }

  private sidOf(token: string | undefined, typ: 'access' | 'refresh') {
    if (!token) return undefined;
    try {
      const c = this.tokens.verify(token, typ);
      return { sid: c.sid!, accountId: c.sub };
    } catch {
      return undefined; // an expired or foreign token is already as good as logged out
    }
  }
}
