import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TenantAccountJoin } from '../entities/tenant-account-join.entity';
import { Tx, manager } from '../tx';

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

/**
 * Who belongs to which workspace, with which role (tenant_account_joins). Shared: the chat service's
 * teams feature writes memberships; the gateway's access guard reads roles on every console request.
 */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tx: Tx, values: Partial<TenantAccountJoin>): Promise<void> {
    await manager(tx).insert(TenantAccountJoin, values);
  }

  find(tenantId: string, accountId: string, tx?: Tx): Promise<TenantAccountJoin | null> {
    const m = tx ? manager(tx) : this.ds.manager;
    return m.getRepository(TenantAccountJoin).findOne({ where: { tenantId, accountId } });
  }

  /** The workspace a login lands in: the one used last, else the oldest membership. */
  forLogin(accountId: string): Promise<TenantAccountJoin | null> {
    return this.ds.getRepository(TenantAccountJoin).findOne({ where: { accountId }, order: { current: 'DESC', createdAt: 'ASC' } });
  }

  /** The role an active account holds in a workspace (null when it holds none or is not active). */
  async roleOf(accountId: string, tenantId: string): Promise<string | null> {
    const rows: { role: string }[] = await this.ds.query(
      `SELECT j.role FROM tenant_account_joins j JOIN accounts a ON a.id = j.account_id
        WHERE j.account_id = $1 AND j.tenant_id = $2 AND a.status = 'active'`,
      [accountId, tenantId],
    );
    return rows[0]?.role ?? null;
  }

  async setCurrent(accountId: string, tenantId: string, tx?: Tx): Promise<void> {
    const m = tx ? manager(tx) : this.ds.manager;
    await m.query('UPDATE tenant_account_joins SET current = (tenant_id = $2) WHERE account_id = $1', [accountId, tenantId]);
  }

  async setRole(tenantId: string, accountId: string, role: string, tx?: Tx): Promise<void> {
    const m = tx ? manager(tx) : this.ds.manager;
    await m.getRepository(TenantAccountJoin).update({ tenantId, accountId }, { role, updatedAt: new Date() });
  }

  /** Removes one membership; answers how many the account still has. */
  async remove(tx: Tx, tenantId: string, accountId: string): Promise<number> {
    const m = manager(tx);
    await m.query('DELETE FROM tenant_account_joins WHERE tenant_id = $1 AND account_id = $2', [tenantId, accountId]);
    const [{ n }] = await m.query('SELECT count(*)::int AS n FROM tenant_account_joins WHERE account_id = $1', [accountId]);
    return n;
  }

  members(tenantId: string, role?: string): Promise<MemberRow[]> {
    return this.ds.query(
      `SELECT a.id, a.name, a.email, a.avatar, a.status, j.role, a.last_login_at AS "lastLoginAt", a.created_at AS "createdAt"
         FROM tenant_account_joins j JOIN accounts a ON a.id = j.account_id
        WHERE j.tenant_id = $1 AND ($2::varchar IS NULL OR j.role = $2)
        ORDER BY (j.role = 'owner') DESC, j.created_at, a.id`,
      [tenantId, role ?? null],
    );
  }

  workspaces(accountId: string): Promise<WorkspaceRow[]> {
    return this.ds.query(
      `SELECT t.id, t.name, t.created_at AS "createdAt", j.role, j.current
         FROM tenant_account_joins j JOIN tenants t ON t.id = j.tenant_id
        WHERE j.account_id = $1 ORDER BY j.created_at, t.id`,
      [accountId],
    );
  }
}
