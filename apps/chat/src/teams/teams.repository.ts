import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountToken, DatasetPermissionsRepository, MembershipsRepository, Setup, Tx, asTx, manager } from '@sluice/database';

/**
 * The teams feature's own data: the setup marker and account tokens, and the transaction its services
 * share. Accounts, workspaces and memberships belong to libs/database (AccountsRepository,
 * MembershipsRepository), which the services use directly.
 */
@Injectable()
export class TeamsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly datasetPermissions: DatasetPermissionsRepository,
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

  /** Removes the membership and what only it justified: dataset grants and pending invitations to this workspace. */
  async removeJoin(tx: Tx, tenantId: string, accountId: string): Promise<number> {
    await this.datasetPermissions.revokeMember(tx, tenantId, accountId);
    await manager(tx).query(`DELETE FROM account_tokens WHERE tenant_id = $1 AND account_id = $2 AND purpose = 'invite'`, [tenantId, accountId]);
    return this.memberships.remove(tx, tenantId, accountId);
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
