import { Injectable } from '@nestjs/common';
import {
  CannotOperateSelfError,
  ConsoleScope,
  ContractPayloadOf,
  ForbiddenError,
  InvalidOrExpiredTokenError,
  NotFoundError,
  PasswordMismatchError,
  TeamsContracts,
  isUuid,
} from '@sluice/contracts';
import { AccountsRepository, MembershipsRepository } from '@sluice/database';
import { AccountTokensService } from './account-tokens.service';
import { AccountService } from './account.service';
import { MailerService } from './mailer.service';
import { TeamsRepository } from './teams.repository';

/**
 * Password reset by a one-time token. Self-service (`/forgot-password`) only ever mails it; an
 * admin can ask for one for a member, and gets it back only when no mail can carry it.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly accountsRepository: AccountsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly tokens: AccountTokensService,
    private readonly mailer: MailerService,
    private readonly accounts: AccountService,
  ) {}

  /** Always the same answer, so it does not tell which emails have accounts. */
  async forgot(b: ContractPayloadOf<typeof TeamsContracts.forgotPassword>['body']) {
    const acc = await this.accountsRepository.findAccountByEmail(b.email);
    if (acc && acc.status === 'active' && this.mailer.enabled) await this.mailToken(acc.id, acc.email, null);
    return { result: 'success' };
  }

  async forMember(scope: ConsoleScope, memberId: string) {
    const join = isUuid(memberId) ? await this.memberships.find(scope.tenantId, memberId) : null;
    const acc = join ? await this.accountsRepository.findAccount(memberId) : null;
    if (!join || !acc) throw new NotFoundError('Member not found.');
    if (memberId === scope.accountId) throw new CannotOperateSelfError('Change your own password with POST /account/password.');
    if (join.role === 'owner') throw new ForbiddenError("Only the owner can reset the owner's password.");
    if (acc.status !== 'active') throw new ForbiddenError('The member has not activated the account yet; send the invitation again instead.');
    if (this.mailer.enabled) {
      const sent = await this.mailToken(acc.id, acc.email, scope.accountId);
      return { result: sent ? 'success' : 'fail', mail_sent: sent };
    }
    const token = await this.repo.transaction((m) => this.tokens.issue(m, 'reset_password', acc.id, null, scope.accountId));
    return { result: 'success', mail_sent: false, token, url: this.tokens.link('/forgot-password', { token }) };
  }

  async check(b: ContractPayloadOf<typeof TeamsContracts.resetCheck>['body']) {
    const t = await this.tokens.find(b.token, 'reset_password');
    const acc = t ? await this.accountsRepository.findAccount(t.accountId) : null;
    if (!t || !acc || (b.email && b.email.toLowerCase() !== acc.email.toLowerCase())) return { is_valid: false };
    return { is_valid: true, email: acc.email };
  }

  /** Sets the new password; the gateway then ends every session of the account. */
  async reset(b: ContractPayloadOf<typeof TeamsContracts.resetApply>['body']): Promise<{ result: 'success'; accountId: string }> {
    if (b.new_password !== b.password_confirm)
      throw new PasswordMismatchError('new_password and password_confirm do not match.', { params: 'password_confirm' });
    const t = await this.tokens.find(b.token, 'reset_password');
    if (!t) throw new InvalidOrExpiredTokenError();
    if (!(await this.repo.transaction((m) => this.tokens.consume(m, t)))) throw new InvalidOrExpiredTokenError();
    await this.accounts.setPassword(t.accountId, b.new_password);
    return { result: 'success', accountId: t.accountId };
  }

  private async mailToken(accountId: string, email: string, by: string | null): Promise<boolean> {
    const token = await this.repo.transaction((m) => this.tokens.issue(m, 'reset_password', accountId, null, by));
    return this.mailer.send({
      to: email,
      subject: 'Reset your password',
      text: `Someone asked to reset the password of this account. If it was you, choose a new one here (the link works once):\n${this.tokens.link('/forgot-password', { token })}\n\nOtherwise ignore this mail.`,
    });
  }
}
