import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '@sluice/config';
import { SessionSubject } from '@sluice/contracts';
import { csrfTokenFor } from './csrf';
import { setSessionCookies } from './session-cookies';
import { SessionStore } from './session-store';
import { TokenService } from './token.service';

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  csrf_token: string;
}

/** Starts sessions and mints their tokens (and cookies, for browsers). */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly cfg: AppConfig,
  ) {}

  async start(s: SessionSubject, res: Response | null, rememberMe = false): Promise<IssuedTokens> {
    const sid = await this.sessions.create({ accountId: s.accountId, tenantId: s.tenantId }, this.cfg.refreshTokenTtlSeconds);
    return this.mint(s.accountId, s.tenantId, sid, res, rememberMe);
  }

  /** New access and refresh tokens for a live session (refresh-token rotation). */
  async mint(accountId: string, tenantId: string, sid: string, res: Response | null, rememberMe = false): Promise<IssuedTokens> {
    const access = this.tokens.issue(accountId, tenantId, 'access', this.cfg.accessTokenTtlSeconds, { sid });
    const refresh = this.tokens.issue(accountId, tenantId, 'refresh', this.cfg.refreshTokenTtlSeconds, { sid });
    await this.sessions.rememberRefresh(refresh.claims);
    const csrf = csrfTokenFor(this.cfg.secretKey, sid);
    if (res) {
      setSessionCookies(
        res,
        {
          access: access.token,
          refresh: refresh.token,
          csrf,
          accessMaxAgeMs: this.cfg.accessTokenTtlSeconds * 1000,
          refreshMaxAgeMs: rememberMe ? this.cfg.refreshTokenTtlSeconds * 1000 : undefined,
        },
        this.cfg.sessionCookieSecure,
      );
    }
    return { access_token: access.token, refresh_token: refresh.token, expires_in: this.cfg.accessTokenTtlSeconds, csrf_token: csrf };
  }
}
