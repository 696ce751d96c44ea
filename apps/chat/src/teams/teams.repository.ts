import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Account,
  AccountToken,
  AccountsRepository,
  DatasetPermissionsRepository,
  MemberRow,
  MembershipsRepository,
  Setup,
  Tenant,
  TenantAccountJoin,
  Tx,
  WorkspaceRow,
  asTx,
  manager,
} from '@sluice/database';

export type { MemberRow, WorkspaceRow } from '@sluice/database';

/**
 * The teams feature's data: the setup marker and account tokens, which only it uses, and the shared
 * accounts, workspaces and memberships (libs/database owns those tables), in one place for its services.
 */
@Injectable()
export class TeamsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly datasetPermissions: DatasetPermissionsRepository,
    private readonly accounts: AccountsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction((m) => fn(asTx(m)));
  }

  /** The one-row marker that the first administrator exists. */
  async markSetUp(tx: Tx): Promise<void> {
    await manager(tx).insert(Setup, { version: '1' });
  }

  async isSetup(): Promise<boolean> {
    return (await this.ds.getRepository(Setup).count()) > 0;
  }

  findAccountByEmail(email: string, tx?: Tx): Promise<Account | null> {
    return this.accounts.findAccountByEmail(email, tx);
  }

  findAccount(id: string): Promise<Account | null> {
    return this.accounts.findAccount(id);
  }

  updateAccount(id: string, patch: Partial<Account>, tx?: Tx): Promise<void> {
    return this.accounts.updateAccount(id, patch, tx);
  }

  insertAccount(tx: Tx, values: Partial<Account>): Promise<Account> {
    return this.accounts.insertAccount(tx, values);
  }

  insertTenant(tx: Tx, name: string): Promise<Tenant> {
    return this.accounts.insertTenant(tx, name);
  }

  insertJoin(tx: Tx, values: Partial<TenantAccountJoin>): Promise<void> {
    return this.memberships.insert(tx, values);
  }

  findTenant(id: string): Promise<Tenant | null> {
    return this.accounts.findTenant(id);
  }

  renameTenant(id: string, name: string): Promise<void> {
    return this.accounts.renameTenant(id, name);
  }

  findJoin(tenantId: string, accountId: string, tx?: Tx): Promise<TenantAccountJoin | null> {
    return this.memberships.find(tenantId, accountId, tx);
  }

  /** The workspace a login lands in: the one used last, else the oldest membership. */
  loginJoin(accountId: string): Promise<TenantAccountJoin | null> {
    return this.memberships.forLogin(accountId);
  }

  setCurrent(accountId: string, tenantId: string, tx?: Tx): Promise<void> {
    return this.memberships.setCurrent(accountId, tenantId, tx);
  }

  setRole(tenantId: string, accountId: string, role: string, tx?: Tx): Promise<void> {
    return this.memberships.setRole(tenantId, accountId, role, tx);
  }

  /** Removes the membership and what only it justified: dataset grants and pending invitations to this workspace. */
  async removeJoin(tx: Tx, tenantId: string, accountId: string): Promise<number> {
    await this.datasetPermissions.revokeMember(tx, tenantId, accountId);
    await manager(tx).query(`DELETE FROM account_tokens WHERE tenant_id = $1 AND account_id = $2 AND purpose = 'invite'`, [tenantId, accountId]);
    return this.memberships.remove(tx, tenantId, accountId);
  }

  deleteAccount(tx: Tx, id: string): Promise<void> {
    return this.accounts.deleteAccount(tx, id);
  }

  members(tenantId: string, role?: string): Promise<MemberRow[]> {
    return this.memberships.members(tenantId, role);
  }

  workspaces(accountId: string): Promise<WorkspaceRow[]> {
    return this.memberships.workspaces(accountId);
  }

  async insertToken(tx: Tx, values: Partial<AccountToken>): Promise<void> {
    const m = manager(tx);
    await m.insert(AccountToken, values);
  }

  /** Earlier unused tokens of the same kind stop working when a new one is issued. */
  async retireTokens(tx: Tx, accountId: string, purpose: string, tenantId: string | null): Promise<void> {
    const m = manager(tx);
    await m.query(
      `UPDATE account_tokens SET used_at = now() WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL AND tenant_id IS NOT DISTINCT FROM $3`,
      [accountId, purpose, tenantId],
    );
  }

  /** A live (unused, unexpired) token by its hash. */
  async liveToken(hash: string, purpose: string): Promise<AccountToken | null> {
    return this.ds
      .getRepository(AccountToken)
      .createQueryBuilder('t')
      .where('t.token_hash = :hash AND t.purpose = :purpose AND t.used_at IS NULL AND t.expires_at > now()', { hash, purpose })
      .getOne();
  }

  /** Marks a token used; true for exactly one caller, so a token can never be redeemed twice. */
  async consumeToken(tx: Tx, id: string): Promise<boolean> {
    const m = manager(tx);
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = await m.query('UPDATE account_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now()', [id]);
    return affected === 1;
  }
}
