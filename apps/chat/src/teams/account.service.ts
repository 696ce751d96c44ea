import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { AppConfig } from '@sluice/config';
import {
  AlreadySetupError,
  ConsoleContracts,
  ConsoleScope,
  ContractPayloadOf,
  CurrentPasswordIncorrectError,
  EmailAlreadyInUseError,
  ForbiddenError,
  InvalidCredentialsError,
  NotFoundError,
  NotSetupError,
  PasswordMismatchError,
  SessionSubject,
  TeamsContracts,
  WorkspaceRole,
  parseAfterLookup,
} from '@sluice/contracts';
import { Account, AccountsRepository, MembershipsRepository } from '@sluice/database';
import { accountView } from './account-view';
import { TeamsRepository } from './teams.repository';

export const BCRYPT_ROUNDS = 10;
// Compared against when the account is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = '$2a$10$CwTycUXWue0Thq9StjUM0uJ8.kT9EJoy/9J3mEZd2Qb3ErJU7Fv1e';

/** Setup, login, registration, the profile and the password of an account. */
@Injectable()
export class AccountService {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly accounts: AccountsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly cfg: AppConfig,
  ) {}

  isSetup(): Promise<boolean> {
    return this.repo.isSetup();
  }

  /** First account + workspace, atomically; the setups primary key makes a concurrent second setup fail. */
  async setup(input: ContractPayloadOf<typeof ConsoleContracts.setup>): Promise<SessionSubject> {
    if (await this.isSetup()) throw new AlreadySetupError();
    try {
      return await this.repo.transaction(async (m) => {
        await this.repo.markSetUp(m);
        return this.createWithWorkspace(m, input);
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AlreadySetupError();
      throw err;
    }
  }

  /** ALLOW_REGISTER: a new account with a workspace of its own. */
  async register(body: unknown): Promise<SessionSubject> {
    if (!this.cfg.accounts.allowRegister) throw new ForbiddenError('Registration is not allowed; ask a workspace admin for an invitation.');
    if (!(await this.isSetup())) throw new NotSetupError();
    const input = parseAfterLookup(TeamsContracts.register, 'body', body);
    try {
      return await this.repo.transaction(async (m) => {
        if (await this.accounts.findAccountByEmail(input.email, m)) throw new EmailAlreadyInUseError();
        return this.createWithWorkspace(m, input);
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new EmailAlreadyInUseError();
      throw err;
    }
  }

  private async createWithWorkspace(
    m: Parameters<Parameters<TeamsRepository['transaction']>[0]>[0],
    input: { email: string; name: string; password: string; interface_language?: string; timezone?: string },
  ): Promise<SessionSubject> {
    const tenant = await this.accounts.insertTenant(m, `${input.name}'s Workspace`);
    const acc = await this.accounts.insertAccount(m, {
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await bcrypt.hash(input.password, BCRYPT_ROUNDS),
      interfaceLanguage: input.interface_language ?? 'en-US',
      timezone: input.timezone ?? 'UTC',
      initializedAt: new Date(),
    });
    await this.memberships.insert(m, { tenantId: tenant.id, accountId: acc.id, role: 'owner', current: true });
    return { accountId: acc.id, tenantId: tenant.id, role: 'owner' };
  }

  async verifyLogin(email: string, password: string): Promise<SessionSubject> {
    if (!(await this.isSetup())) throw new NotSetupError();
    const acc = await this.accounts.findAccountByEmail(email);
    const ok = await bcrypt.compare(password, acc?.passwordHash || DUMMY_HASH);
    if (!acc || !ok || acc.status !== 'active') throw new InvalidCredentialsError();
    const join = await this.memberships.forLogin(acc.id);
    if (!join) throw new ForbiddenError('This account no longer belongs to any workspace.');
    await this.accounts.updateAccount(acc.id, { lastLoginAt: new Date() });
    return { accountId: acc.id, tenantId: join.tenantId, role: join.role as WorkspaceRole };
  }

  async profile(scope: ConsoleScope) {
    return accountView(await this.mustFind(scope.accountId));
  }

  async updateProfile(scope: ConsoleScope, b: ContractPayloadOf<typeof TeamsContracts.profileUpdate>['body']) {
    const patch: Partial<Account> = {};
    if (b.name !== undefined) patch.name = b.name;
    if (b.interface_language !== undefined) patch.interfaceLanguage = b.interface_language;
    if (b.timezone !== undefined) patch.timezone = b.timezone;
    if (b.avatar !== undefined) patch.avatar = b.avatar ?? null;
    await this.accounts.updateAccount(scope.accountId, patch);
    return this.profile(scope);
  }

  /** The caller's other sessions end (the gateway does that when this succeeds). */
  async changePassword(scope: ConsoleScope, b: ContractPayloadOf<typeof TeamsContracts.passwordChange>['body']) {
    if (b.new_password !== b.repeat_new_password)
      throw new PasswordMismatchError('new_password and repeat_new_password do not match.', { params: 'repeat_new_password' });
    const acc = await this.mustFind(scope.accountId);
    if (!acc.passwordHash || !(await bcrypt.compare(b.password, acc.passwordHash))) throw new CurrentPasswordIncorrectError();
    await this.setPassword(acc.id, b.new_password);
    return { result: 'success' };
  }

  async setPassword(accountId: string, password: string): Promise<void> {
    await this.accounts.updateAccount(accountId, { passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS) });
  }

  async checkPassword(accountId: string, password: string): Promise<boolean> {
    const acc = await this.accounts.findAccount(accountId);
    return !!acc?.passwordHash && bcrypt.compare(password, acc.passwordHash);
  }

  private async mustFind(id: string): Promise<Account> {
    const acc = await this.accounts.findAccount(id);
    if (!acc || acc.status !== 'active') throw new NotFoundError('Account not found.');
    return acc;
  }
}
