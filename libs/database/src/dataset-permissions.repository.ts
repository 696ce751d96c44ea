import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Tx, manager } from './tx';

/** Who may see a `partial_members` dataset (Dify's dataset_permissions). */
@Injectable()
export class DatasetPermissionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async members(tenantId: string, datasetId: string): Promise<string[]> {
    const rows: { account_id: string }[] = await this.ds.query(
      'SELECT account_id FROM dataset_permissions WHERE tenant_id = $1 AND dataset_id = $2 ORDER BY created_at, account_id',
      [tenantId, datasetId],
    );
    return rows.map((r) => r.account_id);
  }

  /** Of these account ids, the ones that are members of the workspace. */
  async workspaceMembers(tenantId: string, accountIds: string[]): Promise<string[]> {
    if (!accountIds.length) return [];
    const rows: { account_id: string }[] = await this.ds.query(
      'SELECT account_id FROM tenant_account_joins WHERE tenant_id = $1 AND account_id = ANY($2::uuid[])',
      [tenantId, accountIds],
    );
    return rows.map((r) => r.account_id);
  }

  async replace(tenantId: string, datasetId: string, accountIds: string[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM dataset_permissions WHERE tenant_id = $1 AND dataset_id = $2', [tenantId, datasetId]);
      if (accountIds.length) {
        await m.query(
          'INSERT INTO dataset_permissions (dataset_id, account_id, tenant_id) SELECT $2, a, $1 FROM unnest($3::uuid[]) AS a ON CONFLICT DO NOTHING',
          [tenantId, datasetId, accountIds],
        );
      }
    });
  }

  /** A member leaving the workspace loses the grants that named them (in the leaving transaction). */
  async revokeMember(tx: Tx, tenantId: string, accountId: string): Promise<void> {
    await manager(tx).query('DELETE FROM dataset_permissions WHERE tenant_id = $1 AND account_id = $2', [tenantId, accountId]);
  }
}
