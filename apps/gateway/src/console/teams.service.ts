import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConsoleScope, Contract, ContractInput, ContractReply, SessionSubject, TeamsContracts, parseContract } from '@sluice/contracts';
import { LoginLockout } from '../auth/login-lockout.service';
import { MembershipCache } from '../auth/membership-cache.service';
import { SessionIssuer } from '../auth/session-issuer.service';
import { SessionStore } from '../auth/session-store';
import { AccountContext } from '../common/caller';
import { ServiceProxy } from '../common/service-proxy';

const T = TeamsContracts;

const scopeOf = (a: AccountContext): ConsoleScope => ({ tenantId: a.tenantId, accountId: a.accountId, role: a.role });
/** Who a token guess is counted against: the client address, and the email when one is given. */
const guesser = (body: unknown, req: Request): string[] => {
  const e = (body as { email?: unknown } | undefined)?.email;
  return [`ip:${req.ip}`, ...(typeof e === 'string' && e ? [e] : [])];
};

/**
 * The gateway's half of accounts, workspaces and members: the chat service changes the data; this
 * side ends sessions and forgets cached roles when that must take effect at once on every replica.
 */
@Injectable()
export class TeamsService {
  constructor(
    private readonly proxy: ServiceProxy,
    private readonly sessions: SessionStore,
    private readonly issuer: SessionIssuer,
    private readonly memberships: MembershipCache,
    private readonly lockout: LoginLockout,
  ) {}

  call<C extends Contract>(contract: C, a: AccountContext, extra: Record<string, unknown> = {}): Promise<ContractReply<C>> {
    return this.proxy.call(contract, { scope: scopeOf(a), ...extra } as ContractInput<C>);
  }

  /** The other sessions of the account end; this one goes on. */
  async changePassword(a: AccountContext, body: unknown) {
    const r = await this.call(T.passwordChange, a, { body: body ?? {} });
    await this.sessions.endAccount(a.accountId, { except: a.sessionId });
    return r;
  }

  /** A new session bound to the chosen workspace replaces the current one. */
  async switchWorkspace(a: AccountContext, body: unknown, res: Response) {
    const r = await this.call(T.workspaceSwitch, a, { body: body ?? {} });
    const data = await this.issuer.start(r.subject, res);
    await this.sessions.end(a.sessionId, a.accountId);
    return { result: 'success', new_tenant: r.new_tenant, data };
  }

  async changeMembership(contract: typeof T.roleUpdate | typeof T.memberRemove | typeof T.ownerTransfer, a: AccountContext, id: string, body?: unknown) {
    const r = await this.call(contract, a, { id, body: body ?? {} });
    await this.memberships.changed(r.accountId, r.tenantId);
    // An owner transfer changes the caller's role too.
    await this.memberships.changed(a.accountId, a.tenantId);
    if (r.removed) await this.sessions.endAccount(r.accountId, { tenantId: r.tenantId });
    return { result: 'success' };
  }

  async forgotPassword(body: unknown) {
    // Validated here, with the message's own schema, so that only a well-formed request counts against the email.
    const { body: b } = parseContract(T.forgotPassword, { body });
    await this.lockout.count('reset-request', b.email);
    return this.proxy.call(T.forgotPassword, { body: b });
  }

  resetCheck(body: unknown, req: Request) {
    return this.lockout.guard(
      'reset',
      guesser(body, req),
      () => this.proxy.call(T.resetCheck, { body }),
      (r) => !r.is_valid,
    );
  }

  /** Every session of the account ends: whoever knew the old password is out. */
  async reset(body: unknown, req: Request) {
    const r = await this.lockout.guard('reset', guesser(body, req), () => this.proxy.call(T.resetApply, { body }));
    await this.sessions.endAccount(r.accountId);
    return { result: 'success' };
  }

  activateCheck(query: unknown, req: Request) {
    return this.lockout.guard(
      'activate',
      guesser(query, req),
      () => this.proxy.call(T.activateCheck, { query }),
      (r) => !r.is_valid,
    );
  }

  async activate(body: unknown, req: Request) {
    await this.lockout.guard('activate', guesser(body, req), () => this.proxy.call(T.activate, { body }));
    return { result: 'success' };
  }
}
