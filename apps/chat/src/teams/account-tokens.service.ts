import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { AccountToken, Tx } from '@sluice/database';
import { TeamsRepository } from './teams.repository';

export type TokenPurpose = 'invite' | 'reset_password';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Invitation and password-reset tokens: 256 random bits handed out once, stored only as sha256,
 * single-use (consumed atomically) and expiring. Issuing a new one retires the previous ones.
 */
@Injectable()
export class AccountTokensService {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly cfg: AppConfig,
  ) {}

  async issue(tx: Tx, purpose: TokenPurpose, accountId: string, tenantId: string | null, createdBy: string | null): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const ttlMs = purpose === 'invite' ? this.cfg.accounts.inviteExpiryHours * 3_600_000 : this.cfg.accounts.resetTokenExpiryMinutes * 60_000;
    await this.repo.retireTokens(tx, accountId, purpose, tenantId);
    await this.repo.insertToken(tx, { purpose, tokenHash: hashToken(token), accountId, tenantId, expiresAt: new Date(Date.now() + ttlMs), createdBy });
    return token;
  }

  /** The live token, or null (unknown, used or expired look the same). */
  find(token: string, purpose: TokenPurpose): Promise<AccountToken | null> {
    return this.repo.liveToken(hashToken(token), purpose);
  }

  consume(tx: Tx, t: AccountToken): Promise<boolean> {
    return this.repo.consumeToken(tx, t.id);
  }

  /** A console link; relative when CONSOLE_WEB_URL is unset (it is required for mail). */
  link(path: string, params: Record<string, string>): string {
    return `${this.cfg.accounts.consoleWebUrl}${path}?${new URLSearchParams(params).toString()}`;
  }
}
