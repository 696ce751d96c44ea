import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isWorkspaceRole, WorkspaceRole } from '@sluice/contracts';

/** The role an active account holds in a workspace, for the access guard. */
@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async roleOf(accountId: string, tenantId: string): Promise<WorkspaceRole | null> {
    const rows: { role: string }[] = await this.ds.query(
      `SELECT j.role FROM tenant_account_joins j JOIN accounts a ON a.id = j.account_id
        WHERE j.account_id = $1 AND j.tenant_id = $2 AND a.status = 'active'`,
      [accountId, tenantId],
    );
    const role = rows[0]?.role;
    return isWorkspaceRole(role) ? role : null;
  }
}
