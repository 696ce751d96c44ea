import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@sluice/config';
import { loginSchema, parseOrThrow, Patterns, refreshSchema, UnauthorizedError } from '@sluice/contracts';
import { SessionStore } from '../auth/session-store';
import { tokenFrom } from '../auth/session.guard';
import { TokenService } from '../auth/token.service';
import { ServiceProxy } from '../common/service-proxy';

interface AccountView {
  id: string;
  tenantId: string;
  email: string;
  name: string;
}

/** Login, refresh and logout for the console and the Web API (same accounts, same tokens). */
@Injectable()
export class ConsoleAuthService {
  constructor(
    private readonly proxy: ServiceProxy,
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly cfg: AppConfig,
  ) {}

  setup(body: unknown) {
    return this.proxy.call(Patterns.console.setup, body).then(() => ({ result: 'success' }));
  }

  async setupStatus() {
    const done = await this.proxy.call<boolean>(Patterns.console.setupStatus, {});
    return { step: done ? 'finished' : 'not_started' };
  }

  async login(body: unknown, res: Response | null) {
    const b = parseOrThrow(loginSchema, body);
    const acc = await this.proxy.call<AccountView>(Patterns.console.login, { email: b.email, password: b.password });
    return this.issuePair(acc.id, acc.tenantId, b.remember_me, res);
  }

  async refresh(body: unknown, req: Request, res: Response | null) {
    const given = (body as { refresh_token?: string })?.refresh_token ?? cookie(req, 'refresh_token');
    const b = parseOrThrow(refreshSchema, { refresh_token: given });
    const claims = this.tokens.verify(b.refresh_token, 'refresh');
    if (!(await this.sessions.consumeRefresh(claims.jti))) throw new UnauthorizedError('Refresh token has already been used or revoked.');
    await this.proxy.call(Patterns.console.accountById, { id: claims.sub });
    return this.issuePair(claims.sub, claims.tid, false, res);
  }

  async logout(req: Request, res: Response | null) {
    const token = tokenFrom(req);
    if (token) {
      try {
        await this.sessions.revoke(this.tokens.verify(token, 'access'));
      } catch {
        /* an expired or foreign token is already as good as logged out */
      }
    }
    if (res) {
      const base = this.cookieOptions(res);
      res.clearCookie('session', base).clearCookie('access_token', base).clearCookie('refresh_token', base);
    }
    return { result: 'success' };
  }

  /** `Secure` when configured, or (auto) when the request came over HTTPS — directly or via a trusted proxy. */
  private cookieOptions(res: Response) {
    const secure = this.cfg.sessionCookieSecure === 'always' || (this.cfg.sessionCookieSecure === 'auto' && res.req.secure);
    return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  }

  private async issuePair(accountId: string, tenantId: string, rememberMe: boolean, res: Response | null) {
    const access = this.tokens.issue(accountId, tenantId, 'access', this.cfg.accessTokenTtlSeconds);
    const refresh = this.tokens.issue(accountId, tenantId, 'refresh', this.cfg.refreshTokenTtlSeconds);
    await this.sessions.rememberRefresh(refresh.claims);
    if (res) {
      const base = this.cookieOptions(res);
      const maxAge = rememberMe ? this.cfg.refreshTokenTtlSeconds * 1000 : undefined;
      res.cookie('session', access.token, { ...base, maxAge: this.cfg.accessTokenTtlSeconds * 1000 });
      res.cookie('access_token', access.token, { ...base, maxAge: this.cfg.accessTokenTtlSeconds * 1000 });
      res.cookie('refresh_token', refresh.token, { ...base, maxAge });
    }
    return {
      result: 'success',
      data: { access_token: access.token, refresh_token: refresh.token, expires_in: this.cfg.accessTokenTtlSeconds },
    };
  }
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
