import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account, AccountToken, asTx, DatasetPermissionsRepository, manager, Setup, Tenant, TenantAccountJoin, Tx } from '@sluice/database';

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  avatar: string | null;
  status: string;
  role: string;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface WorkspaceRow {
  id: string;
  name: string;
  createdAt: Date;
  role: string;
  current: boolean;
}

/** Accounts, workspaces, memberships and account tokens. */
@Injectable()
export class TeamsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly datasetPermissions: DatasetPermissionsRepository) {}

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
    const m = tx ? manager(tx) : this.ds.manager;
    return m.getRepository(Account).createQueryBuilder('a').where('lower(a.email) = lower(:email)', { email }).getOne();
  }

  findAccount(id: string): Promise<Account | null> {
    return this.ds.getRepository(Account).findOne({ where: { id } });
  }

  async updateAccount(id: string, patch: Partial<Account>, tx?: Tx): Promise<void> {
    const m = tx ? manager(tx) : this.ds.manager;
    await m.getRepository(Account).update({ id }, { ...patch, updatedAt: new Date() });
  }

  insertAccount(tx: Tx, values: Partial<Account>): Promise<Account> {
    const m = manager(tx);
    return m.save(m.create(Account, values));
  }

  insertTenant(tx: Tx, name: string): Promise<Tenant> {
    const m = manager(tx);
    return m.save(m.create(Tenant, { name }));
  }

  async insertJoin(tx: Tx, values: Partial<TenantAccountJoin>): Promise<void> {
    const m = manager(tx);
    await m.insert(TenantAccountJoin, values);
  }

  findTenant(id: string): Promise<Tenant | null> {
    return this.ds.getRepository(Tenant).findOne({ where: { id } });
  }

  async renameTenant(id: string, name: string): Promise<void> {
    await this.ds.getRepository(Tenant).update({ id }, { name, updatedAt: new Date() });
  }

  findJoin(tenantId: string, accountId: string, tx?: Tx): Promise<TenantAccountJoin | null> {
    const m = tx ? manager(tx) : this.ds.manager;
    return m.getRepository(TenantAccountJoin).findOne({ where: { tenantId, accountId } });
  }

  /** The workspace a login lands in: the one used last, else the oldest membership. */
  async loginJoin(accountId: string): Promise<TenantAccountJoin | null> {
    return this.ds.getRepository(TenantAccountJoin).findOne({ where: { accountId }, order: { current: 'DESC', createdAt: 'ASC' } });
  }

  async setCurrent(accountId: string, tenantId: string, tx?: Tx): Promise<void> {
    const m = tx ? manager(tx) : this.ds.manager;
    await m.query('UPDATE tenant_account_joins SET current = (tenant_id = $2) WHERE account_id = $1', [accountId, tenantId]);
  }

  async setRole(tenantId: string, accountId: string, role: string, tx?: Tx): Promise<void> {
    const m = tx ? manager(tx) : this.ds.manager;
    await m.getRepository(TenantAccountJoin).update({ tenantId, accountId }, { role, updatedAt: new Date() });
  }

  /** Removes the membership and what only it justified: dataset grants and pending invitations to this workspace. */
  async removeJoin(tx: Tx, tenantId: string, accountId: string): Promise<number> {
    const m = manager(tx);
    await this.datasetPermissions.revokeMember(tx, tenantId, accountId);
    await m.query(`DELETE FROM account_tokens WHERE tenant_id = $1 AND account_id = $2 AND purpose = 'invite'`, [tenantId, accountId]);
    await m.query('DELETE FROM tenant_account_joins WHERE tenant_id = $1 AND account_id = $2', [tenantId, accountId]);
    const [{ n }] = await m.query('SELECT count(*)::int AS n FROM tenant_account_joins WHERE account_id = $1', [accountId]);
    return n;
  }

  async deleteAccount(tx: Tx, id: string): Promise<void> {
    const m = manager(tx);
    await m.query('DELETE FROM accounts WHERE id = $1', [id]);
  }

  async members(tenantId: string, role?: string): Promise<MemberRow[]> {
    return this.ds.query(
      `SELECT a.id, a.name, a.email, a.avatar, a.status, j.role, a.last_login_at AS "lastLoginAt", a.created_at AS "createdAt"
         FROM tenant_account_joins j JOIN accounts a ON a.id = j.account_id
        WHERE j.tenant_id = $1 AND ($2::varchar IS NULL OR j.role = $2)
        ORDER BY (j.role = 'owner') DESC, j.created_at, a.id`,
      [tenantId, role ?? null],
    );
  }

  async workspaces(accountId: string): Promise<WorkspaceRow[]> {
    return this.ds.query(
      `SELECT t.id, t.name, t.created_at AS "createdAt", j.role, j.current
         FROM tenant_account_joins j JOIN tenants t ON t.id = j.tenant_id
        WHERE j.account_id = $1 ORDER BY j.created_at, t.id`,
      [accountId],
    );
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
