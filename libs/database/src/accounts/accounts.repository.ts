import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account } from '../entities/account.entity';
import { Tenant } from '../entities/tenant.entity';
import { Tx, manager } from '../tx';

/**
 * Accounts and workspaces (tenants). Shared: the chat service's teams feature writes them, and the
 * console's lists, logs and run histories read who created what.
 */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

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

  async deleteAccount(tx: Tx, id: string): Promise<void> {
    await manager(tx).query('DELETE FROM accounts WHERE id = $1', [id]);
  }

  insertTenant(tx: Tx, name: string): Promise<Tenant> {
    const m = manager(tx);
    return m.save(m.create(Tenant, { name }));
  }

  findTenant(id: string): Promise<Tenant | null> {
    return this.ds.getRepository(Tenant).findOne({ where: { id } });
  }

  async renameTenant(id: string, name: string): Promise<void> {
    await this.ds.getRepository(Tenant).update({ id }, { name, updatedAt: new Date() });
  }
}
