import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { AlreadyActivateError, ConsoleScope, ContractPayloadOf, TeamsContracts } from '@sluice/contracts';
import { AccountsRepository, MembershipsRepository } from '@sluice/database';
import { AccountTokensService } from './account-tokens.service';
import { BCRYPT_ROUNDS } from './account.service';
import { MailerService } from './mailer.service';
import { TeamsRepository } from './teams.repository';

type InvitationResult = { status: 'success'; email: string; url?: string; mail_sent: boolean } | { status: 'failed'; email: string; message: string };

/**
 * Dify's invitations: a new email becomes a `pending` account in the workspace with an activation
 * link (mailed when SMTP is configured, otherwise returned to the inviting admin); an existing
 * account simply joins. Activation sets name and password and can happen once.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly accounts: AccountsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly tokens: AccountTokensService,
    private readonly mailer: MailerService,
  ) {}

  async invite(scope: ConsoleScope, b: ContractPayloadOf<typeof TeamsContracts.invite>['body']) {
    const tenant = (await this.accounts.findTenant(scope.tenantId))!;
    const results: InvitationResult[] = [];
    for (const email of [...new Set(b.emails.map((e) => e.toLowerCase()))]) {
      const issued = await this.repo.transaction(async (m) => {
        let acc = await this.accounts.findAccountByEmail(email, m);
        if (!acc) acc = await this.accounts.insertAccount(m, { email, name: email.split('@')[0], passwordHash: null, status: 'pending' });
        if (!(await this.memberships.find(scope.tenantId, acc.id, m))) {
          await this.memberships.insert(m, {
            tenantId: scope.tenantId,
            accountId: acc.id,
            role: b.role,
            current: acc.status === 'pending',
            invitedBy: scope.accountId,
          });
        }
        // An active account has nothing to activate: it just signs in and switches workspace.
        if (acc.status === 'active') return null;
        return this.tokens.issue(m, 'invite', acc.id, scope.tenantId, scope.accountId);
      });
      if (!issued) {
        results.push({ status: 'success', email, url: this.tokens.link('/signin', {}), mail_sent: false });
        continue;
      }
      const url = this.tokens.link('/activate', { email, token: issued });
      if (!this.mailer.enabled) {
        results.push({ status: 'success', email, url, mail_sent: false });
        continue;
      }
      const sent = await this.mailer.send({
        to: email,
        subject: `You are invited to ${tenant.name}`,
        text: `You have been invited to the workspace "${tenant.name}".\n\nSet your name and password here (the link works once):\n${url}\n`,
      });
      results.push(
        sent ? { status: 'success', email, mail_sent: true } : { status: 'failed', email, message: 'The invitation email could not be sent; try again later.' },
      );
    }
    return { result: 'success', invitation_results: results };
  }

  /** GET /activate/check: does not use the token up. */
  async check(q: ContractPayloadOf<typeof TeamsContracts.activateCheck>['query']) {
    const found = await this.resolve(q.token, q.email ?? null);
    if (!found) return { is_valid: false };
    const tenant = found.tenantId ? await this.accounts.findTenant(found.tenantId) : null;
    return { is_valid: true, data: { workspace_name: tenant?.name ?? null, workspace_id: tenant?.id ?? null, email: found.email } };
  }

  async activate(b: ContractPayloadOf<typeof TeamsContracts.activate>['body']): Promise<{ result: 'success'; accountId: string }> {
    const found = await this.resolve(b.token, b.email ?? null);
    if (!found) throw new AlreadyActivateError();
    const hash = await bcrypt.hash(b.password, BCRYPT_ROUNDS);
    await this.repo.transaction(async (m) => {
      if (!(await this.tokens.consume(m, found.token))) throw new AlreadyActivateError();
      await this.accounts.updateAccount(
        found.accountId,
        {
          name: b.name,
          passwordHash: hash,
          status: 'active',
          interfaceLanguage: b.interface_language ?? 'en-US',
          timezone: b.timezone ?? 'UTC',
          initializedAt: new Date(),
        },
        m,
      );
      if (found.tenantId) await this.memberships.setCurrent(found.accountId, found.tenantId, m);
    });
    return { result: 'success', accountId: found.accountId };
  }

  /** A live invitation of a still-pending account (and, when given, for that email). */
  private async resolve(token: string, email: string | null) {
    const t = await this.tokens.find(token, 'invite');
    if (!t) return null;
    const acc = await this.accounts.findAccount(t.accountId);
    if (!acc || acc.status !== 'pending') return null;
    if (email && email.toLowerCase() !== acc.email.toLowerCase()) return null;
    return { token: t, accountId: acc.id, tenantId: t.tenantId, email: acc.email };
  }
}
